"""Get-PSDrive and Get-PSProvider over the session's drives, with 5.1's default table views."""

from __future__ import annotations

from typing import Any, ClassVar, Mapping

from exchange_sim.powershell.builtins import records
from exchange_sim.powershell.builtins.declaring import MANAGEMENT, implementing, param
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration
from exchange_sim.powershell.values.conversions import to_string
from exchange_sim.powershell.values.formatting import TableColumn, TableView, ViewTable
from exchange_sim.powershell.values.patterns import wildcard_match

# Capabilities per provider, as Get-PSProvider lists them; the order is 5.1's load order.
_CAPABILITIES = {
    "Registry": "ShouldProcess, Transactions",
    "Alias": "ShouldProcess",
    "Environment": "ShouldProcess",
    "FileSystem": "Filter, ShouldProcess, Credentials",
    "Function": "ShouldProcess",
    "Variable": "ShouldProcess",
    "Certificate": "ShouldProcess",
    "WebAdministration": "ShouldProcess",
}


class ProviderInfo:
    """System.Management.Automation.ProviderInfo: one provider and the drives it serves."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.ProviderInfo", "System.Object")

    def __init__(self, name: str, qualified_name: str, drives: list[str], home: str | None) -> None:
        self.name = name
        self.qualified_name = qualified_name
        self.drives = drives
        self.home = home

    def ps_properties(self) -> Mapping[str, Any]:
        module, _, _name = self.qualified_name.rpartition("\\")
        return {"Name": self.name, "Drives": list(self.drives), "Capabilities": _CAPABILITIES.get(self.name, ""),
                "ModuleName": module, "PSSnapIn": module, "Home": self.home or "",
                "Description": "", "HelpFile": "", "ImplementingType": ""}

    def __str__(self) -> str:
        return self.qualified_name


class PSDriveInfo:
    """System.Management.Automation.PSDriveInfo as Get-PSDrive returns it."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.PSDriveInfo", "System.Object")

    def __init__(self, name: str, provider: ProviderInfo, root: str, current_location: str) -> None:
        self.name = name
        self.provider = provider
        self.root = root
        self.current_location = current_location

    def ps_properties(self) -> Mapping[str, Any]:
        # The lab has no disks to measure, so Used/Free stay empty as for non-FileSystem drives.
        return {"Name": self.name, "Used": None, "Free": None, "Provider": self.provider, "Root": self.root,
                "CurrentLocation": self.current_location, "Description": "", "MaximumSize": None,
                "Credential": None, "DisplayRoot": None}

    def __str__(self) -> str:
        return self.name


def _root_text(provider: Any) -> str:
    # The Certificate provider's empty root prints as "\"; the others show their own.
    return provider.root if provider.root else ("\\" if provider.provider_name == "Certificate" else "")


def provider_infos(ctx: CmdletContext) -> list[ProviderInfo]:
    by_name: dict[str, ProviderInfo] = {}
    for drive, provider in ctx.providers.drives():
        info = by_name.setdefault(provider.provider_name, ProviderInfo(
            provider.provider_name, provider.qualified_name, [], provider.home))
        info.drives.append(drive)
    order = list(_CAPABILITIES)
    return sorted(by_name.values(), key=lambda info: order.index(info.name) if info.name in order else len(order))


def drive_infos(ctx: CmdletContext) -> list[PSDriveInfo]:
    providers = {info.name: info for info in provider_infos(ctx)}
    location = ctx.providers.location
    found = []
    for drive, provider in ctx.providers.drives():
        here = ""
        if location.drive == drive:
            # CurrentLocation is the path below the drive's root, without the root itself.
            here = location.path[len(provider.root):].strip("\\") if location.path.lower().startswith(
                provider.root.lower()) else location.path
        found.append(PSDriveInfo(drive, providers[provider.provider_name], _root_text(provider), here))
    return sorted(found, key=lambda info: info.name.lower())


def _patterns(value: Any) -> list[str]:
    if value is None:
        return []
    return [to_string(item) for item in (value if isinstance(value, (list, tuple)) else [value])]


class GetPSDrive(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        drives = drive_infos(ctx)
        providers = _patterns(ctx.bound.get("PSProvider"))
        if providers:
            drives = [d for d in drives if any(wildcard_match(p, d.provider.name) or
                                               wildcard_match(p, d.provider.qualified_name) for p in providers)]
        names = _patterns(ctx.bound.get("Name")) or ["*"]
        for name in names:
            matched = [d for d in drives if wildcard_match(name, d.name)]
            if not matched and not any(c in name for c in "*?["):
                records.write(ctx, f"Cannot find drive. A drive with the name '{name}' does not exist.",
                              "GetDriveNoMatchingDrive", "ObjectNotFound", name,
                              "System.Management.Automation.DriveNotFoundException")
            for drive in matched:
                ctx.write_object(drive)


class GetPSProvider(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        infos = provider_infos(ctx)
        for name in _patterns(ctx.bound.get("PSProvider")) or ["*"]:
            matched = [i for i in infos if wildcard_match(name, i.name) or wildcard_match(name, i.qualified_name)]
            if not matched and not any(c in name for c in "*?["):
                records.write(ctx, f"Cannot find a provider with the name '{name}'.", "GetProvidersCommandProviderNotFound",
                              "ObjectNotFound", name, "System.Management.Automation.ProviderNotFoundException")
            for info in matched:
                ctx.write_object(info)


def _braced(value: Any) -> str:
    return "{" + ", ".join(to_string(item) for item in value or ()) + "}"


def register_views(views: ViewTable) -> None:
    # PowerShellCore.format.ps1xml's tables for drives and providers.
    views.register(TableView("System.Management.Automation.PSDriveInfo", (
        TableColumn("Name", "Name", 10, "left"),
        TableColumn("Used (GB)", lambda d: None, 13, "right"),
        TableColumn("Free (GB)", lambda d: None, 13, "right"),
        TableColumn("Provider", lambda d: d.provider.name, 13, "left"),
        TableColumn("Root", "Root", 35, "left"),
        TableColumn("CurrentLocation", "CurrentLocation", None, "right"),
    )))
    views.register(TableView("System.Management.Automation.ProviderInfo", (
        TableColumn("Name", "Name", 20, "left"),
        TableColumn("Capabilities", "Capabilities", 50, "left"),
        TableColumn("Drives", lambda p: _braced(p.drives), None, "left"),
    )))


DECLARATIONS = (
    CommandDeclaration(
        name="Get-PSDrive",
        parameters=(param("Name", "string[]", position=0, by_name=True, sets=("Name",)),
                    param("LiteralName", "string[]", mandatory=True, by_name=True, sets=("LiteralName",)),
                    param("Scope", "string", by_name=True),
                    param("PSProvider", "string[]", by_name=True)),
        implementation=GetPSDrive,
        default_parameter_set="Name",
        synopsis="Gets drives in the current session.",
        aliases=("gdr",),
        module=MANAGEMENT,
        implementing_type=implementing("Get-PSDrive"),
    ),
    CommandDeclaration(
        name="Get-PSProvider",
        parameters=(param("PSProvider", "string[]", position=0, by_name=True),),
        implementation=GetPSProvider,
        synopsis="Gets information about the specified PowerShell provider.",
        module=MANAGEMENT,
        implementing_type=implementing("Get-PSProvider"),
    ),
)
