"""Script modules (`Import-Module .\\Tools.psm1`): a module scope, exported and private functions, removal.

The module's body runs once in its own scope below the global one. What it exports is what
Export-ModuleMember named (wildcards allowed), or, when it never called Export-ModuleMember, every
function it defined (a manifest-less .psm1's default; variables and aliases are then not exported).
Functions it does not export are invisible to the caller (CommandNotFoundException) but stay callable
from the module's own functions; `$script:` variables are the module's. `Import-Module` of a module
already loaded does nothing unless `-Force`, which removes it and runs it again; `Remove-Module` takes
its functions and variables away from the session.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from typing import Any, ClassVar, Mapping

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.evaluator.scopes import VariableScope, function_name
from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.objects import Hashtable


@dataclass(eq=False)
class ScriptModule:
    """One imported script module (PowerShell's PSModuleInfo of ModuleType Script)."""

    name: str
    path: str
    scope: VariableScope
    functions: dict[str, A.FunctionDefinitionAst] = field(default_factory=dict)  # all it defined, by lower name
    exported: dict[str, A.FunctionDefinitionAst] = field(default_factory=dict)  # what callers see
    variables: list[str] = field(default_factory=list)  # exported variable names (lower case)
    target: VariableScope | None = None  # the scope its exports went to (global, or an importing module)

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.PSModuleInfo", "System.Object")

    def __str__(self) -> str:
        return self.name

    def ps_properties(self) -> Mapping[str, Any]:
        commands = Hashtable((function_name(node.name), function_name(node.name)) for node in self.exported.values())
        return {"ModuleType": "Script", "Version": "0.0", "Name": self.name, "ExportedCommands": commands,
                "ExportedFunctions": Hashtable(commands.items()), "Path": self.path, "Description": "",
                "ModuleBase": self.path.rsplit("\\", 1)[0] if "\\" in self.path else ""}


def module_name(path: str) -> str:
    """`C:\\Tools\\CertTools.psm1` -> `CertTools` (a module's name is its file name without the extension)."""
    leaf = path.replace("/", "\\").rsplit("\\", 1)[-1]
    return leaf.rsplit(".", 1)[0] if "." in leaf else leaf


def _matches(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(name.lower(), str(pattern).lower()) for pattern in patterns)


class ScriptModules:
    """A mixin of `Session`: it relies on `variables`, `functions`, `providers`, `_parsed_script`, `_named_blocks`."""

    variables: VariableScope
    _script_variables: VariableScope
    functions: Any  # VisibleFunctions of the running scope
    providers: Any
    _module_exports: list[dict[str, list[str]]]  # one entry per script module being imported
    _function_homes: dict[str, VariableScope]
    _modules: dict[str, ScriptModule]  # lower-case module name -> module
    _parsed_script: Any
    _named_blocks: Any

    def import_script_module(self, path: str, force: bool = False) -> None:
        name = module_name(path)
        if name.lower() in self._modules:
            if not force:
                return  # already loaded: Import-Module without -Force keeps the running module
            self.remove_module(name)
        script = self._parsed_script(path)
        caller, caller_script = self.variables, self._script_variables
        scope = caller.root().child()
        self.variables = self._script_variables = scope
        self._module_exports.append({})
        try:
            where = self.providers.locate(path).display
            scope["psscriptroot"] = where.rsplit("\\", 1)[0] if "\\" in where else ""
            scope["pscommandpath"] = where
            self._named_blocks(script)
        finally:
            exports = self._module_exports.pop()
            self.variables, self._script_variables = caller, caller_script
        module = ScriptModule(name, where, scope)
        self._publish(module, exports)
        self._modules[name.lower()] = module

    def _publish(self, module: ScriptModule, exports: dict[str, list[str]]) -> None:
        """What the module exports joins the importer's session state (the global scope, or the module
        importing it); the rest stays in the module scope, where only the module's own functions see it."""
        target = self._script_variables if self._module_exports else self.variables.root()
        module.functions = dict(module.scope.functions)
        for key, node in module.functions.items():
            self._function_homes[key] = module.scope
            if not exports or _matches(function_name(node.name), exports.get("Function", [])):
                module.exported[key] = node
                target.functions[key] = node
        names = exports.get("Variable", [])
        module.variables = [key for key in module.scope.own if names and _matches(key, names)]
        for key in module.variables:
            target[key] = module.scope.own[key]
        module.target = target

    def remove_module(self, name: str) -> bool:
        """Remove-Module: False when no loaded module has that name."""
        module = self._modules.pop(name.lower(), None)
        if module is None:
            return False
        target = module.target or self.variables.root()
        for key, node in module.functions.items():
            if target.functions.get(key) is node:
                del target.functions[key]
            if self._function_homes.get(key) is module.scope:
                del self._function_homes[key]
        for key in module.variables:
            target.own.pop(key, None)
        return True

    def loaded_modules(self) -> list[ScriptModule]:
        return list(self._modules.values())

    def find_function(self, name: str) -> A.FunctionDefinitionAst | None:
        """The function a command name runs: the running scope's, then its parents' (inside a module function
        that chain passes through the module scope, which holds its private functions)."""
        return self.functions.get(name.lower())

    def function_module(self, name: str) -> str:
        """The module that exports function `name` ("" for a function of the session itself)."""
        key = name.lower()
        node = self.functions.get(key)
        return next((module.name for module in self._modules.values() if module.exported.get(key) is node), "")

    def export_module_members(self, exported: dict[str, Any]) -> None:
        if not self._module_exports:
            refused = errors.InvalidOperationException(
                "The Export-ModuleMember cmdlet can only be called from inside a module.")
            refused.error_record = errors.ErrorRecord(  # type: ignore[attr-defined]
                refused, "Modules_CanOnlyExecuteExportModuleMemberInsideAModule", errors.ErrorCategory.PermissionDenied
            ).with_command("Export-ModuleMember", "Microsoft.PowerShell.Commands.ExportModuleMemberCommand")
            raise refused
        for kind, names in exported.items():
            self._module_exports[-1].setdefault(kind, []).extend(names)
