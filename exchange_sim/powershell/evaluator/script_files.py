"""Running a `.ps1` file by path: `& C:\\x.ps1 -Name v`, `C:\\x.ps1`, and dot-sourcing `. C:\\lib.ps1`.

The file is read through the session's providers (the lab file system), parsed (a syntax error stops
the calling statement and nothing of the file runs) and its param() block bound like a function's.
`&` and a bare path run it in a new scope that is also its `$script:` scope; `.` runs it in the
caller's scope, so its variables and functions stay. `exit N` ends only the script and sets the
global `$LASTEXITCODE`.
"""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.evaluator.flow import Exit, NamedArgument
from exchange_sim.powershell.evaluator.scopes import VariableScope
from exchange_sim.powershell.parse_errors import position_message
from exchange_sim.powershell.parser import parse
from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.objects import PSObject


def is_script_path(name: str) -> bool:
    return name.lower().endswith(".ps1")


def script_invocation(path: str, invocation_name: str) -> PSObject:
    """`$MyInvocation` at a script's top level: MyCommand is the ExternalScriptInfo (`Split-Path
    $MyInvocation.MyCommand.Path` is how older runbooks find their folder)."""
    leaf = path.replace("/", "\\").rsplit("\\", 1)[-1]
    info = errors.InvocationInfo(my_command=leaf, invocation_name=invocation_name, command_kind="ExternalScript")
    properties = dict(info.ps_properties())
    properties["MyCommand"] = PSObject(
        [("Name", leaf), ("CommandType", "ExternalScript"), ("Path", path), ("Definition", path), ("Source", path)],
        type_names=("System.Management.Automation.ExternalScriptInfo", "System.Object"))
    properties.update({"InvocationName": invocation_name, "PSScriptRoot": "", "PSCommandPath": ""})
    return PSObject(properties.items(), type_names=info.ps_type_names)


class ScriptFiles:
    """A mixin of `Session`: it relies on `variables`, `providers`, `_bind_script_arguments` and `_named_blocks`."""

    variables: VariableScope
    _script_variables: VariableScope
    providers: Any

    def _bind_script_arguments(self, script: A.ScriptBlockAst, args: list[Any],
                               parameters: tuple[A.ParameterAst, ...] | None = None) -> None:
        raise NotImplementedError

    def _named_blocks(self, body: A.ScriptBlockAst) -> list[Any]:
        raise NotImplementedError

    def _run_script_file(self, path: str, pairs: list[tuple[str | None, Any]], dot: bool) -> list[Any]:
        script = self._parsed_script(path)
        arguments = [value if name is None else NamedArgument(name, value) for name, value in pairs]
        caller, caller_script = self.variables, self._script_variables
        if not dot:
            self.variables = self._script_variables = caller.child()
        # A dot-sourced script shares the caller's scope, but its own path variables last only while it runs.
        saved = {name: caller.get(name) for name in ("pscommandpath", "psscriptroot", "myinvocation")} if dot else {}
        try:
            where = self.providers.locate(path).display
            self.variables["pscommandpath"] = where
            root = where.rsplit("\\", 1)[0] if "\\" in where else ""
            self.variables["psscriptroot"] = root + "\\" if root.endswith(":") else root  # `C:\`, as Split-Path gives
            self.variables["myinvocation"] = script_invocation(where, path)
            self._bind_script_arguments(script, arguments)
            return self._named_blocks(script)
        except Exit as stop:
            self.variables.root()["lastexitcode"] = stop.code
            return list(getattr(stop, "partial", []))
        finally:
            self.variables, self._script_variables = caller, caller_script
            for name, value in saved.items():
                caller[name] = value

    def _parsed_script(self, path: str) -> A.ScriptBlockAst:
        if not self.providers.file_exists(path):
            raise errors.CommandNotFoundException(
                f"The term '{path}' is not recognized as the name of a cmdlet, function, script file, or operable "
                "program. Check the spelling of the name, or if a path was included, verify that the path is "
                "correct and try again.", category=errors.ErrorCategory.ObjectNotFound, target_object=path)
        parsed = parse(self.providers.read_bytes(path).decode("utf-8-sig"), path)
        if parsed.errors or parsed.ast is None:
            first = parsed.errors[0]
            raise errors.ParseException(f"{position_message(first.extent, path)}\n{first.message}",
                                        error_id=first.error_id, category=errors.ErrorCategory.ParserError)
        return parsed.ast
