"""The CmdletContext a running cmdlet sees: its bound parameters and the session's streams and services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from exchange_sim.powershell.commands import CommandDeclaration
from exchange_sim.powershell.evaluator.confirmation import Confirmation
from exchange_sim.powershell.evaluator.scopes import VariableScope, function_name, named_scope
from exchange_sim.powershell.evaluator.scriptblock import ScriptBlock
from exchange_sim.powershell.registry import EngineRegistry

if TYPE_CHECKING:
    from exchange_sim.powershell.session import Session


class CmdletRun:
    """The CmdletContext one command in a pipeline sees."""

    def __init__(self, session: "Session", declaration: CommandDeclaration, set_name: str,
                 bound: Mapping[str, Any], write: Callable[[Any], None], common: dict[str, Any] | None = None,
                 stop_upstream: Callable[[], None] | None = None) -> None:
        self.command = declaration
        self.common = common if common is not None else {}
        self.parameter_set_name = set_name
        self.bound = bound
        self.extensions = session.registry.extensions
        self._session = session
        self._write = write
        self._stop_upstream = stop_upstream
        self._confirmation: Confirmation | None = None

    @property
    def host(self) -> Any:
        """The session's host; a cmdlet may wrap it (Start-Transcript tees what the host is given)."""
        return self._session.host

    @host.setter
    def host(self, value: Any) -> None:
        self._session.host = value

    @property
    def registry(self) -> EngineRegistry:
        return self._session.registry

    @property
    def providers(self) -> Any:
        """The session's drives and location (powershell/providers.py SessionProviders)."""
        return self._session.providers

    @property
    def types(self) -> Any:
        return self._session.registry.types

    @property
    def views(self) -> Any:
        return self._session.registry.views

    def invoke_scriptblock(self, block: ScriptBlock, dollar_under: Any = None, args: Sequence[Any] = (),
                           this: Any = None) -> list[Any]:
        return self._session.invoke_scriptblock(block, dollar_under, args, this)

    def stream_scriptblock(self, block: ScriptBlock, dollar_under: Any = None) -> None:
        """Runs `block` writing its output downstream as it goes (ForEach-Object: an endless loop in the block
        still hands each object on, and Select-Object -First can stop it)."""
        self._session.invoke_scriptblock(block, dollar_under, write=self._write)

    def write_object(self, value: Any, enumerate_collection: bool = False) -> None:
        """The object goes through the downstream commands before this returns."""
        if enumerate_collection and isinstance(value, (list, tuple)):
            for item in value:
                self._write(item)
        else:
            self._write(value)

    def stop_upstream(self) -> None:
        """Select-Object -First has what it needs: the commands before this one stop (raises)."""
        if self._stop_upstream is not None:
            self._stop_upstream()

    def write_error(self, record: Any) -> None:
        self._session.write_error(self._session.cmdlet_error(self.command, record), self.common)

    def throw_terminating_error(self, record: Any) -> None:
        exc = record.exception if hasattr(record, "exception") else record
        if exc is not record:
            # ThrowTerminatingError keeps the cmdlet's record (its category and FQID), as PowerShell does.
            exc.error_record = record
        raise exc

    def write_warning(self, text: str) -> None:
        self._session.host.write_warning(text)

    def _preference(self, name: str) -> Any:
        return self._session.variables.get(name)

    def write_verbose(self, text: str) -> None:
        if self._stream_shown("Verbose", "verbosepreference"):
            self._session.host.write_verbose(text)

    def write_debug(self, text: str) -> None:
        if self._stream_shown("Debug", "debugpreference"):
            self._session.host.write_debug(text)

    def _stream_shown(self, switch: str, preference: str) -> bool:
        """`-Verbose`/`-Debug` on the command, else the preference variable the caller's scope sees."""
        if switch in self.common:
            return bool(self.common[switch])
        return str(self._session.variables.get(preference) or "SilentlyContinue").lower() not in (
            "silentlycontinue", "ignore")

    def write_host(self, text: str, newline: bool = True) -> None:
        self._session.host.write_host(text, newline)

    @property
    def confirmation(self) -> Confirmation:
        """-WhatIf/-Confirm of this command, else the caller's $WhatIfPreference/$ConfirmPreference (§7.7)."""
        if self._confirmation is None:
            self._confirmation = Confirmation(self._session.host, self.command.name, self.command.confirm_impact,
                                              self.common, self._preference)
        return self._confirmation

    def should_process(self, target: str, action: str | None = None, description: str | None = None,
                       warning: str | None = None, caption: str | None = None) -> bool:
        return self.confirmation.should_process(target, action, description, warning, caption)

    def should_continue(self, query: str, caption: str) -> bool:
        return self.confirmation.should_continue(query, caption)

    def read_line(self, prompt: str, secure: bool = False) -> Any:
        return self._session.host.read_line(prompt, secure)

    def get_variable(self, name: str) -> Any:
        return self._session.variables.get(name.lower())

    def set_variable(self, name: str, value: Any, scope: str | None = None) -> None:
        if scope is None and name.lower() == "lastexitcode":
            scope = "Global"  # native programs set the global $LASTEXITCODE, whichever scope ran them
        self._scope(scope).assign(name.lower(), value)

    def remove_variable(self, name: str, scope: str | None = None) -> None:
        target = self._scope(scope)
        holder = target.holder(name.lower()) if scope is None else target
        if holder is not None:
            holder.own.pop(name.lower(), None)
            holder.constraints.pop(name.lower(), None)

    def has_variable(self, name: str) -> bool:
        return name.lower() in self._session.variables

    def variable_names(self) -> list[str]:
        return list(self._session.variables)

    def _scope(self, name: str | None) -> VariableScope:
        current = self._session.variables
        return current if name is None else named_scope(current, self._session._script_variables, name)

    def invoke_expression(self, text: str) -> list[Any]:
        return self._session.invoke_expression(text)

    def import_script_module(self, path: str, force: bool = False) -> None:
        self._session.import_script_module(path, force)

    def remove_module(self, name: str) -> bool:
        return self._session.remove_module(name)

    def loaded_modules(self) -> list[Any]:
        return self._session.loaded_modules()

    def export_module_members(self, exported: dict[str, Any]) -> None:
        self._session.export_module_members(exported)

    def set_strict_mode(self, version: int | None) -> None:
        self._session.strict_version = version or 0

    def function_names(self) -> list[str]:
        return sorted(function_name(function.name) for function in self._session.functions.values())

    def get_function(self, name: str) -> Any:
        return self._session.functions.get(name.lower())

    def function_declaration(self, name: str) -> CommandDeclaration | None:
        """The declaration a script function binds with (Get-Help's syntax, Get-Command's parameters)."""
        function = self._session.functions.get(name.lower())
        return None if function is None else self._session.function_declaration(function)
