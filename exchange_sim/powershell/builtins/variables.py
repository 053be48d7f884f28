"""Get-Variable, Set-Variable, New-Variable, Remove-Variable and Clear-Variable."""

from __future__ import annotations

import fnmatch
from typing import Any, ClassVar, Mapping

from exchange_sim.powershell.builtins import records, runtime
from exchange_sim.powershell.builtins.declaring import UTILITY, implementing, param, switch
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration

_SCOPE_HELP = "Global, Local, Script, or a number relative to the current scope."


class PSVariable:
    """System.Management.Automation.PSVariable as Get-Variable returns it."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.PSVariable", "System.Object")

    def __init__(self, name: str, value: Any) -> None:
        self.name = name
        self.value = value

    def ps_properties(self) -> Mapping[str, Any]:
        return {"Name": self.name, "Value": self.value, "Description": "", "Options": "None", "Visibility": "Public"}

    def __str__(self) -> str:
        return self.name


def _is_pattern(name: str) -> bool:
    return any(c in name for c in "*?[")


def _matches(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(name.lower(), p.lower()) for p in patterns)


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


def _not_found(ctx: CmdletContext, name: str) -> None:
    records.write(ctx, f"Cannot find a variable with the name '{name}'.", "VariableNotFound", "ObjectNotFound",
                  name, "System.Management.Automation.ItemNotFoundException")


class GetVariable(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        names = _names(ctx.bound.get("Name")) or ["*"]
        include = _names(ctx.bound.get("Include"))
        exclude = _names(ctx.bound.get("Exclude"))
        known = sorted(runtime.variable_names(ctx), key=str.lower)
        for name in names:
            if _is_pattern(name):
                found = [n for n in known if _matches(n, [name])]
            elif runtime.has_variable(ctx, name):
                found = [next((n for n in known if n.lower() == name.lower()), name)]
            else:
                _not_found(ctx, name)
                continue
            for match in found:
                if include and not _matches(match, include) or exclude and _matches(match, exclude):
                    continue
                value = ctx.get_variable(match)
                if ctx.bound.get("ValueOnly"):
                    ctx.write_object(value)
                else:
                    ctx.write_object(PSVariable(match, value))


class SetVariable(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        scope = ctx.bound.get("Scope")
        for name in _names(ctx.bound.get("Name")):
            value = ctx.bound.get("Value")
            runtime.set_variable(ctx, name, value, None if scope is None else str(scope))
            if ctx.bound.get("PassThru"):
                ctx.write_object(PSVariable(name, value))


class NewVariable(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        name = str(ctx.bound["Name"])
        scope = ctx.bound.get("Scope")
        if runtime.has_variable(ctx, name) and not ctx.bound.get("Force") and scope is None:
            records.write(ctx, f"A variable with name '{name}' already exists.", "VariableAlreadyExists",
                          "ResourceExists", name, "System.Management.Automation.SessionStateUnauthorizedAccessException")
            return
        value = ctx.bound.get("Value")
        runtime.set_variable(ctx, name, value, None if scope is None else str(scope))
        if ctx.bound.get("PassThru"):
            ctx.write_object(PSVariable(name, value))


class RemoveVariable(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        scope = ctx.bound.get("Scope")
        known = runtime.variable_names(ctx)
        for name in _names(ctx.bound.get("Name")):
            targets = [n for n in known if _matches(n, [name])] if _is_pattern(name) else [name]
            for target in targets:
                if not _is_pattern(name) and not runtime.has_variable(ctx, target):
                    _not_found(ctx, target)
                    continue
                runtime.remove_variable(ctx, target, None if scope is None else str(scope))


class ClearVariable(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        scope = ctx.bound.get("Scope")
        for name in _names(ctx.bound.get("Name")):
            if not runtime.has_variable(ctx, name):
                _not_found(ctx, name)
                continue
            runtime.set_variable(ctx, name, None, None if scope is None else str(scope))
            if ctx.bound.get("PassThru"):
                ctx.write_object(PSVariable(name, None))


def _scope() -> Any:
    return param("Scope", "string", help=_SCOPE_HELP)


DECLARATIONS = (
    CommandDeclaration(
        name="Get-Variable",
        parameters=(param("Name", "string[]", position=0, by_name=True), switch("ValueOnly"),
                    param("Include", "string[]"), param("Exclude", "string[]"), _scope()),
        implementation=GetVariable,
        synopsis="Gets the variables in the current console.",
        aliases=("gv",),
        module=UTILITY,
        implementing_type=implementing("Get-Variable"),
    ),
    CommandDeclaration(
        name="Set-Variable",
        parameters=(param("Name", "string[]", position=0, mandatory=True, by_name=True),
                    param("Value", "object", position=1, pipeline=True, by_name=True),
                    param("Include", "string[]"), param("Exclude", "string[]"), param("Description", "string"),
                    param("Option", "string"), switch("Force"), param("Visibility", "string"), switch("PassThru"),
                    _scope()),
        implementation=SetVariable,
        synopsis="Sets the value of a variable. Creates the variable if one with the requested name does not exist.",
        aliases=("sv", "set"),
        module=UTILITY,
        implementing_type=implementing("Set-Variable"),
        supports_should_process=True,
        confirm_impact="Low",
    ),
    CommandDeclaration(
        name="New-Variable",
        parameters=(param("Name", "string", position=0, mandatory=True, by_name=True),
                    param("Value", "object", position=1, pipeline=True, by_name=True),
                    param("Description", "string"), param("Option", "string"), param("Visibility", "string"),
                    switch("Force"), switch("PassThru"), _scope()),
        implementation=NewVariable,
        synopsis="Creates a new variable.",
        aliases=("nv",),
        module=UTILITY,
        implementing_type=implementing("New-Variable"),
        supports_should_process=True,
        confirm_impact="Low",
    ),
    CommandDeclaration(
        name="Remove-Variable",
        parameters=(param("Name", "string[]", position=0, mandatory=True, by_name=True),
                    param("Include", "string[]"), param("Exclude", "string[]"), switch("Force"), _scope()),
        implementation=RemoveVariable,
        synopsis="Deletes a variable and its value.",
        aliases=("rv",),
        module=UTILITY,
        implementing_type=implementing("Remove-Variable"),
        supports_should_process=True,
    ),
    CommandDeclaration(
        name="Clear-Variable",
        parameters=(param("Name", "string[]", position=0, mandatory=True, by_name=True),
                    param("Include", "string[]"), param("Exclude", "string[]"), switch("Force"), switch("PassThru"),
                    _scope()),
        implementation=ClearVariable,
        synopsis="Deletes the value of a variable.",
        aliases=("clv",),
        module=UTILITY,
        implementing_type=implementing("Clear-Variable"),
        supports_should_process=True,
    ),
)
