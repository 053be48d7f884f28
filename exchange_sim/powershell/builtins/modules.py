"""Import-Module and Export-ModuleMember: script modules (.psm1/.ps1) from the session's file system, and the
modules a server ships (accepted by name; their commands are already there)."""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell.builtins import runtime
from exchange_sim.powershell.builtins.declaring import CORE, implementing, param, switch
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration
from exchange_sim.powershell.values.errors import ErrorRecord
from exchange_sim.powershell.values.exceptions import ErrorCategory, FileNotFoundException

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
                runtime.import_script_module(ctx, text)
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
)
