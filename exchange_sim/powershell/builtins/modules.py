"""Import-Module, Export-ModuleMember, Get-Module and Remove-Module: script modules (.psm1/.ps1) from the
session's file system, and the modules a server ships (accepted by name; their commands are already there)."""

from __future__ import annotations

import fnmatch
from typing import Any

from exchange_sim.powershell.builtins import runtime
from exchange_sim.powershell.builtins.declaring import CORE, implementing, param, switch
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration
from exchange_sim.powershell.values.errors import ErrorRecord
from exchange_sim.powershell.values.exceptions import ErrorCategory, FileNotFoundException, InvalidOperationException
from exchange_sim.powershell.values.objects import PSObject

# Names of modules the machine ships, published by the layer that provides their commands (windows).
SYSTEM_MODULES = "windows.system_modules"
SCRIPT_MODULE_SUFFIXES = (".psm1", ".ps1")


def _is_module_path(name: str) -> bool:
    return "\\" in name or "/" in name or name.lower().endswith(SCRIPT_MODULE_SUFFIXES)


class ImportModule(Cmdlet):
    """Loads a script module by path (its functions join the session); a shipped module by name is a no-op."""

    def process(self, ctx: CmdletContext) -> None:
        known = {name.lower() for name in ctx.extensions.get(SYSTEM_MODULES, ())}
        for name in ctx.bound.get("Name") or []:
            text = str(name)
            if text.lower() in known:
                continue
            if _is_module_path(text) and text.lower().endswith(SCRIPT_MODULE_SUFFIXES) \
                    and runtime.file_exists(ctx, text):
                runtime.import_script_module(ctx, text, bool(ctx.bound.get("Force")))
                continue
            message = (f"The specified module '{text}' was not loaded because no valid module file was found in any "
                       "module directory.")
            ctx.write_error(ErrorRecord(FileNotFoundException(message), "Modules_ModuleNotFound",
                                        ErrorCategory.ResourceUnavailable, target_object=text)
                            .with_command("Import-Module", implementing("Import-Module")))


class ExportModuleMember(Cmdlet):
    """Names what a script module exports; outside a module it fails as PowerShell does."""

    def process(self, ctx: CmdletContext) -> None:
        exported: dict[str, Any] = {kind: list(ctx.bound.get(kind) or []) for kind in ("Function", "Variable", "Alias")}
        runtime.export_module_members(ctx, exported)


def _like(name: str, patterns: list[str]) -> bool:
    return not patterns or any(fnmatch.fnmatchcase(name.lower(), pattern.lower()) for pattern in patterns)


class GetModule(Cmdlet):
    """The imported script modules; with -ListAvailable the modules the server ships (runbooks test for them)."""

    def process(self, ctx: CmdletContext) -> None:
        patterns = [str(name) for name in ctx.bound.get("Name") or []]
        if ctx.bound.get("ListAvailable"):
            for name in ctx.extensions.get(SYSTEM_MODULES, ()):
                if _like(name, patterns):
                    ctx.write_object(PSObject([("ModuleType", "Manifest"), ("Version", "1.0.0.0"), ("Name", name),
                                               ("ExportedCommands", {})],
                                              type_names=("System.Management.Automation.PSModuleInfo",
                                                          "System.Object")))
            return
        for module in runtime.loaded_modules(ctx):
            if _like(module.name, patterns):
                ctx.write_object(module)


class RemoveModule(Cmdlet):
    """Removes imported script modules (their functions and exported variables); a shipped one by name is kept."""

    def process(self, ctx: CmdletContext) -> None:
        known = {name.lower() for name in ctx.extensions.get(SYSTEM_MODULES, ())}
        loaded = [module.name for module in runtime.loaded_modules(ctx)]
        removed = False
        for pattern in [str(name) for name in ctx.bound.get("Name") or []]:
            hits = [name for name in loaded if _like(name, [pattern])]
            if pattern.lower() in known:
                removed = True
            for name in hits:
                if ctx.should_process(name, "Remove-Module"):
                    removed |= runtime.remove_module(ctx, name)
                else:
                    removed = True  # -WhatIf: nothing removed, nothing to report
        if not removed:
            ctx.write_error(ErrorRecord(
                InvalidOperationException("No modules were removed. Verify that the specification of modules to "
                                          "remove is correct and those modules exist in the runspace."),
                "Modules_NoModulesRemoved", ErrorCategory.ResourceUnavailable,
            ).with_command("Remove-Module", implementing("Remove-Module")))


DECLARATIONS = (
    CommandDeclaration(
        name="Import-Module",
        parameters=(param("Name", "string[]", position=0, mandatory=True, pipeline=True, by_name=True),
                    switch("Force"), switch("Global"), switch("PassThru"), switch("DisableNameChecking"),
                    param("Prefix", "string"), param("Function", "string[]"), param("Cmdlet", "string[]")),
        implementation=ImportModule,
        synopsis="Adds modules to the current session.",
        aliases=("ipmo",),
        module=CORE,
        implementing_type=implementing("Import-Module"),
    ),
    CommandDeclaration(
        name="Export-ModuleMember",
        parameters=(param("Function", "string[]", position=0, pipeline=True, by_name=True),
                    param("Cmdlet", "string[]"), param("Variable", "string[]"), param("Alias", "string[]")),
        implementation=ExportModuleMember,
        synopsis="Specifies the module members that are exported.",
        module=CORE,
        implementing_type=implementing("Export-ModuleMember"),
    ),
    CommandDeclaration(
        name="Get-Module",
        parameters=(param("Name", "string[]", position=0, pipeline=True), switch("ListAvailable"), switch("All"),
                    switch("Refresh")),
        implementation=GetModule,
        synopsis="Gets the modules that have been imported or that can be imported into the current session.",
        aliases=("gmo",),
        module=CORE,
        implementing_type=implementing("Get-Module"),
    ),
    CommandDeclaration(
        name="Remove-Module",
        parameters=(param("Name", "string[]", position=0, mandatory=True, pipeline=True), switch("Force")),
        implementation=RemoveModule,
        synopsis="Removes modules from the current session.",
        aliases=("rmo",),
        module=CORE,
        implementing_type=implementing("Remove-Module"),
        supports_should_process=True,
        confirm_impact="Medium",
    ),
)
