"""What the core cmdlets ask of the running engine beyond the CmdletContext protocol in commands.py:
running script blocks, the clock, the type and view tables, the session's variables and functions,
strict mode, Invoke-Expression, sleeping and credential prompts.

Each call names the context member the evaluator publishes; keeping them here means one place to
adapt when that surface changes.
"""

from __future__ import annotations

import datetime
from typing import Any, Iterable

from exchange_sim.powershell.commands import CmdletContext
from exchange_sim.powershell.values.errors import DotNetException, ErrorCategory, ErrorRecord, RuntimeException


class EngineFeatureMissing(RuntimeError):
    """The running engine does not offer what a cmdlet needs (a wiring gap, reported as an error)."""


def _member(ctx: CmdletContext, name: str) -> Any:
    member = getattr(ctx, name, None)
    if member is None:
        raise EngineFeatureMissing(f"The engine does not provide '{name}' to cmdlets.")
    return member


def run_scriptblock(ctx: CmdletContext, block: Any, dollar_under: Any = None, args: Iterable[Any] = ()) -> list[Any]:
    """Invoke `block` with `$_` set; returns what it wrote to its output, in order."""
    result = _member(ctx, "invoke_scriptblock")(block, dollar_under=dollar_under, args=tuple(args))
    if result is None:
        return []
    return list(result)


def stream_scriptblock(ctx: CmdletContext, block: Any, dollar_under: Any = None) -> None:
    """Invoke `block` with `$_` set, each object it writes going downstream at once."""
    stream = getattr(ctx, "stream_scriptblock", None)
    if stream is not None:
        stream(block, dollar_under)
        return
    for value in run_scriptblock(ctx, block, dollar_under):
        ctx.write_object(value)


def run_method_block(ctx: CmdletContext, block: Any, this: Any, args: Iterable[Any] = ()) -> list[Any]:
    """Invoke a ScriptProperty/ScriptMethod body with `$this` bound to `this`."""
    invoke = _member(ctx, "invoke_scriptblock")
    try:
        result = invoke(block, dollar_under=None, args=tuple(args), this=this)
    except TypeError:  # an engine without `$this` support: `$_` is the closest stand-in
        result = invoke(block, dollar_under=this, args=tuple(args))
    return [] if result is None else list(result)


def is_scriptblock(value: Any) -> bool:
    return type(value).__name__ == "ScriptBlock" or hasattr(value, "ast") and hasattr(value, "invoke") or (
        type(value).__name__.endswith("ScriptBlock")
    )


def now(ctx: CmdletContext) -> datetime.datetime:
    """The session's "now" (the lab clock when the lead binds one), as naive local time."""
    clock = getattr(ctx, "now", None)
    if callable(clock):
        return clock()
    clock = ctx.extensions.get("clock") if ctx.extensions else None
    if callable(clock):
        return clock()
    if clock is not None and callable(getattr(clock, "now", None)):
        return clock.now()
    return datetime.datetime.now()


def types(ctx: CmdletContext) -> Any:
    found = getattr(ctx, "types", None)
    if found is None:
        registry = getattr(ctx, "registry", None)
        found = getattr(registry, "types", None)
    if found is None:
        raise EngineFeatureMissing("The engine does not provide the type table to cmdlets.")
    return found


def views(ctx: CmdletContext) -> Any:
    found = getattr(ctx, "views", None)
    if found is None:
        registry = getattr(ctx, "registry", None)
        found = getattr(registry, "views", None)
    return found


def commands(ctx: CmdletContext) -> Any:
    found = getattr(ctx, "commands", None)
    if found is None:
        registry = getattr(ctx, "registry", None)
        found = getattr(registry, "commands", None)
    if found is None:
        raise EngineFeatureMissing("The engine does not provide the command table to cmdlets.")
    return found


def product_version(ctx: CmdletContext) -> str | None:
    return getattr(ctx, "product_version", None)


def variable_names(ctx: CmdletContext) -> list[str]:
    names = getattr(ctx, "variable_names", None)
    return list(names()) if callable(names) else []


def has_variable(ctx: CmdletContext, name: str) -> bool:
    probe = getattr(ctx, "has_variable", None)
    if callable(probe):
        return bool(probe(name))
    return any(n.lower() == name.lower() for n in variable_names(ctx))


def set_variable(ctx: CmdletContext, name: str, value: Any, scope: str | None = None) -> None:
    if scope is None:
        ctx.set_variable(name, value)
    else:
        _member(ctx, "set_variable")(name, value, scope=scope)


def remove_variable(ctx: CmdletContext, name: str, scope: str | None = None) -> None:
    remove = _member(ctx, "remove_variable")
    remove(name) if scope is None else remove(name, scope=scope)


def functions(ctx: CmdletContext) -> dict[str, Any]:
    """Script functions visible to the caller (name -> definition), when the engine exposes them."""
    listing = getattr(ctx, "function_names", None)
    declare = getattr(ctx, "function_declaration", None)
    if callable(listing):
        return {name: declare(name) if callable(declare) else None for name in listing()}
    return {}


def function_help(ctx: CmdletContext, name: str) -> tuple[str | None, Any] | None:
    """(help comment, declaration or None) of a script function, or None when there is no such function."""
    lookup = getattr(ctx, "get_function", None)
    if not callable(lookup):
        return None
    found = lookup(name)
    if found is None:
        return None
    body = getattr(found, "body", None) or getattr(found, "ast", None) or found
    comment = getattr(body, "help_comment", None)
    declare = getattr(ctx, "function_declaration", None)
    return comment, declare(name) if callable(declare) else getattr(found, "declaration", None)


def set_strict_mode(ctx: CmdletContext, version: int | None) -> None:
    _member(ctx, "set_strict_mode")(version)


def invoke_expression(ctx: CmdletContext, text: str) -> list[Any]:
    result = _member(ctx, "invoke_expression")(text)
    return [] if result is None else list(result)


def sleep(ctx: CmdletContext, seconds: float) -> None:
    """Start-Sleep: the session's sleeper if one is bound (a lab may advance its clock); otherwise no
    wait at all, so rehearsed runbooks that pause for services never stall a class or a test run."""
    sleeper = ctx.extensions.get("powershell.sleep") if ctx.extensions else None
    if callable(sleeper):
        sleeper(seconds)


def prompt_credential(ctx: CmdletContext, caption: str, message: str, user_name: str | None) -> tuple[str, Any]:
    """Ask the host for a user name and password; returns (user, SecureString)."""
    prompt = getattr(ctx, "prompt_for_credential", None)
    if callable(prompt):
        answer = prompt(caption, message, user_name or "")
        if isinstance(answer, tuple):
            return answer[0], answer[1]
        return getattr(answer, "user_name", ""), getattr(answer, "password", None)
    user = user_name or str(ctx.read_line("User: "))
    password = ctx.read_line(f"Password for user {user}: ", secure=True)
    return user, password


def _provider_call(ctx: CmdletContext, name: str) -> Any:
    member = getattr(ctx, name, None)
    if callable(member):
        return member
    providers = getattr(ctx, "providers", None)
    member = getattr(providers, name, None)
    if callable(member):
        return member
    raise EngineFeatureMissing(f"The engine does not provide file access ('{name}') to cmdlets.")


def read_file(ctx: CmdletContext, path: str) -> bytes | None:
    """The bytes of a file item; None after writing the provider's error (path not found…)."""
    try:
        return bytes(_provider_call(ctx, "read_bytes")(path))
    except EngineFeatureMissing:
        raise
    except DotNetException as error:  # the provider's own error (PathNotFound…) is what the user sees
        _write_provider_error(ctx, error, path, "GetContentReader")
        return None


def write_file(ctx: CmdletContext, path: str, data: bytes, append: bool = False) -> bool:
    """Write (or append) a file item; False after writing the provider's error (folder missing…)."""
    try:
        _provider_call(ctx, "write_bytes")(path, data, append=append)
    except EngineFeatureMissing:
        raise
    except DotNetException as error:
        _write_provider_error(ctx, error, path, "GetContentWriter")
        return False
    return True


def file_exists(ctx: CmdletContext, path: str) -> bool:
    try:
        return bool(_provider_call(ctx, "file_exists")(path))
    except EngineFeatureMissing:
        return False


# (.NET exception, id suffix, category) of the content readers' and writers' errors in 5.1.
_CONTENT_FAILURES = (
    ("System.IO.DirectoryNotFoundException", "DirectoryNotFoundError", ErrorCategory.ObjectNotFound),
    ("System.IO.FileNotFoundException", "FileNotFoundError", ErrorCategory.ObjectNotFound),
    ("System.UnauthorizedAccessException", "UnauthorizedAccessError", ErrorCategory.PermissionDenied),
    ("System.IO.IOException", "IOError", ErrorCategory.WriteError),
)


def _write_provider_error(ctx: CmdletContext, error: DotNetException, path: str, prefix: str) -> None:
    attached = getattr(error, "error_record", None)
    if attached is None and isinstance(error, RuntimeException):
        # PathNotFound, DriveNotFound…: the engine's own id and category.
        attached = ErrorRecord(error, error.error_id, error.category, path)
    if attached is None:
        error_id, category = f"{prefix}Error", ErrorCategory.NotSpecified
        for net_type, suffix, failure_category in _CONTENT_FAILURES:
            if exception_matches_name(error, net_type):
                error_id, category = prefix + suffix, failure_category
                break
        attached = ErrorRecord(error, error_id, category, path)
    implementing = ctx.command.implementing_type or ctx.command.name
    ctx.write_error(attached.with_command(ctx.command.name, implementing))


def exception_matches_name(error: BaseException, net_type: str) -> bool:
    return any(getattr(cls, "net_type", None) == net_type for cls in type(error).__mro__)


def import_script_module(ctx: CmdletContext, path: str, force: bool = False) -> None:
    """Import-Module of a .psm1/.ps1 file: the engine runs it in a module scope and keeps what it exports
    (again only with -Force when it is already loaded)."""
    _member(ctx, "import_script_module")(path, force)


def remove_module(ctx: CmdletContext, name: str) -> bool:
    """Remove-Module of a loaded script module; False when none has that name."""
    return bool(_member(ctx, "remove_module")(name))


def loaded_modules(ctx: CmdletContext) -> list[Any]:
    """The script modules imported into the session (PSModuleInfo objects)."""
    return list(_member(ctx, "loaded_modules")())


def export_module_members(ctx: CmdletContext, exported: dict[str, Any]) -> None:
    """Export-ModuleMember inside the module being imported (the engine refuses it anywhere else)."""
    _member(ctx, "export_module_members")(exported)
