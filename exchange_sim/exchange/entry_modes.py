"""How a script gets the Exchange cmdlets, as on a server: the snap-in (`Add-PSSnapin`,
`Get-PSSnapin [-Registered]`). `. $env:ExchangeInstallPath\\bin\\RemoteExchange.ps1` followed by
`Connect-ExchangeServer -auto` is a script file of the lab server whose function uses implicit
remoting (New-/Import-/Remove-PSSession, in implicit_remoting.py).

`exchange-sim run`/`shell` start as the Exchange Management Shell (cmdlets present, these loaders
harmless); with `--plain` they start as plain PowerShell and these loaders make the cmdlets appear.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any

from exchange_sim import exchange
from exchange_sim.exchange import organization
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration, ParameterDeclaration, ParameterSetEntry
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.values.errors import ErrorRecord
from exchange_sim.powershell.values.exceptions import PSArgumentException

# What the session knows about its server, set by the CLI: its version, and the targets of any lab
# server by name (None when the lab has no such server).
VERSION_KEY = "exchange.server_version"
BUILD_KEY = "exchange.server_build"  # the installed update's build, (15, 2, 986, 5)
TARGETS_KEY = "exchange.targets_for"
ADDED_SNAPINS_KEY = "exchange.added_snapins"
LOADED_KEY = "exchange.loaded"

CORE_SNAPIN = "Microsoft.PowerShell.Core"
CORE_DESCRIPTION = "This Windows PowerShell snap-in contains cmdlets used to manage components of Windows PowerShell."
EXCHANGE_DESCRIPTION = "Admin Tasks for the Exchange Server"


def registered_snapins(version: str) -> tuple[str, ...]:
    """The Exchange snap-ins setup registers on a server of `version` (what `-Registered` lists)."""
    if version == "2007":
        return ("Microsoft.Exchange.Management.PowerShell.Admin", "Microsoft.Exchange.Management.PowerShell.Support")
    if version == "2010":
        return ("Microsoft.Exchange.Management.PowerShell.E2010", "Microsoft.Exchange.Management.PowerShell.Setup",
                "Microsoft.Exchange.Management.PowerShell.Support")
    return ("Microsoft.Exchange.Management.PowerShell.SnapIn", "Microsoft.Exchange.Management.PowerShell.Setup",
            "Microsoft.Exchange.Management.PowerShell.Support")


def management_snapin(version: str) -> str:
    """The snap-in that carries the management cmdlets (the first registered one)."""
    return registered_snapins(version)[0]


@dataclass(frozen=True)
class SnapIn:
    """System.Management.Automation.PSSnapInInfo as Get-PSSnapin returns it."""

    name: str
    description: str
    is_default: bool = False

    ps_type_names = ("System.Management.Automation.PSSnapInInfo", "System.Object")

    def ps_properties(self) -> dict[str, Any]:
        return {"Name": self.name, "IsDefault": self.is_default,
                "ApplicationBase": "C:\\Windows\\System32\\WindowsPowerShell\\v1.0" if self.is_default else
                "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\bin",
                "PSVersion": "5.1.14393.0" if self.is_default else "1.0", "Description": self.description,
                "Vendor": "Microsoft Corporation" if self.is_default else "Microsoft"}

    def __str__(self) -> str:
        return self.name


def server_version(ctx: CmdletContext) -> str:
    return str(ctx.extensions.get(VERSION_KEY) or "SE")


def load_exchange_cmdlets(registry: EngineRegistry, version: str) -> None:
    """What loading the snap-in does: the six certificate cmdlets and the organisation ones, local objects."""
    exchange.register(registry, version, registry.extensions.get(BUILD_KEY))  # type: ignore[arg-type]
    organization.register(registry, version)
    registry.extensions[LOADED_KEY] = True


def _registry(ctx: CmdletContext) -> EngineRegistry:
    return getattr(ctx, "registry")


def _snapin_error(message: str, error_id: str, command_class: str, target: str) -> ErrorRecord:
    return ErrorRecord(exception=PSArgumentException(message), error_id=error_id, category="InvalidArgument",
                       target_object=target,
                       fully_qualified_error_id_override=f"{error_id},Microsoft.PowerShell.Commands.{command_class}")


class AddPSSnapin(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        version = server_version(ctx)
        added: set[str] = ctx.extensions.setdefault(ADDED_SNAPINS_KEY, set())  # type: ignore[attr-defined]
        known = {snapin.lower(): snapin for snapin in registered_snapins(version)}
        for name in _requested_snapins(ctx, known, added):
            if name.lower() == CORE_SNAPIN.lower() or name.lower() in {a.lower() for a in added}:
                ctx.write_error(_snapin_error(
                    f"Cannot add Windows PowerShell snap-in {name} because it is already added. Verify the name of "
                    "the snap-in, and try again.", "AddPSSnapInRead", "AddPSSnapinCommand", name))
                continue
            if name.lower() not in known:
                # A snap-in of another Exchange version is simply not installed here.
                ctx.write_error(_snapin_error(
                    f"The Windows PowerShell snap-in '{name}' is not installed on this computer.",
                    "AddPSSnapInRead", "AddPSSnapinCommand", name))
                continue
            added.add(known[name.lower()])
            if known[name.lower()] == management_snapin(version):
                load_exchange_cmdlets(_registry(ctx), version)
            if ctx.bound.get("PassThru"):
                ctx.write_object(SnapIn(known[name.lower()], EXCHANGE_DESCRIPTION))


def _requested_snapins(ctx: CmdletContext, known: dict[str, str], added: set[str]) -> list[str]:
    """-Name as given; a wildcard (`Add-PSSnapin *Exchange*`) stands for the registered snap-ins it matches
    that are not added yet, and for nothing (no error) when none is left, as PowerShell's search does."""
    names: list[str] = []
    loaded = {a.lower() for a in added}
    for name in [str(item) for item in ctx.bound.get("Name") or ()]:
        if not any(ch in name for ch in "*?["):
            names.append(name)
            continue
        names += [snapin for lowered, snapin in known.items()
                  if fnmatch.fnmatchcase(lowered, name.lower()) and lowered not in loaded]
    return names


class GetPSSnapin(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        version = server_version(ctx)
        if ctx.bound.get("Registered"):
            candidates = [SnapIn(name, EXCHANGE_DESCRIPTION) for name in registered_snapins(version)]
        else:
            added = ctx.extensions.get(ADDED_SNAPINS_KEY) or set()
            candidates = [SnapIn(CORE_SNAPIN, CORE_DESCRIPTION, is_default=True)]
            candidates += [SnapIn(name, EXCHANGE_DESCRIPTION) for name in registered_snapins(version) if name in added]
        patterns = [str(item) for item in ctx.bound.get("Name") or ()]
        if not patterns:
            for snapin in candidates:
                ctx.write_object(snapin)
            return
        for pattern in patterns:
            found = [s for s in candidates if fnmatch.fnmatchcase(s.name.lower(), pattern.lower())]
            if not found and not any(ch in pattern for ch in "*?["):
                ctx.write_error(_snapin_error(
                    f"No Windows PowerShell snap-ins matching the pattern '{pattern}' were found. Check the pattern "
                    "and then try the command again.", "NoPSSnapInsFound", "GetPSSnapinCommand", pattern))
            for snapin in found:
                ctx.write_object(snapin)


class RemoveCmdlet(Cmdlet):
    """Remove-PSSnapin: forgets the snap-in (the loaded cmdlets stay until the session ends here)."""

    def process(self, ctx: CmdletContext) -> None:
        added = ctx.extensions.get(ADDED_SNAPINS_KEY) or set()
        for name in [str(item) for item in ctx.bound.get("Name") or ()]:
            match = [a for a in added if a.lower() == name.lower()]
            if not match:
                ctx.write_error(_snapin_error(
                    f"No Windows PowerShell snap-ins matching the pattern '{name}' were found. Check the pattern "
                    "and then try the command again.", "NoPSSnapInsFound", "RemovePSSnapinCommand", name))
            for item in match:
                added.discard(item)


def _names(mandatory: bool = False, from_pipeline: bool = False) -> ParameterDeclaration:
    # `Get-PSSnapin -Registered | Where-Object … | Add-PSSnapin`: snap-in objects bind by their Name.
    entry = ParameterSetEntry(mandatory=mandatory, position=0, value_from_pipeline_by_property_name=from_pipeline)
    return ParameterDeclaration("Name", "string[]", (entry,))


ADD_PSSNAPIN = CommandDeclaration(
    name="Add-PSSnapin",
    parameters=(_names(mandatory=True, from_pipeline=True), ParameterDeclaration("PassThru", "switch")),
    implementation=AddPSSnapin,
    synopsis="Adds one or more Windows PowerShell snap-ins to the current session.",
    implementing_type="Microsoft.PowerShell.Commands.AddPSSnapinCommand",
)
GET_PSSNAPIN = CommandDeclaration(
    name="Get-PSSnapin",
    parameters=(_names(), ParameterDeclaration("Registered", "switch")),
    implementation=GetPSSnapin,
    output_types=("System.Management.Automation.PSSnapInInfo",),
    synopsis="Gets the Windows PowerShell snap-ins on the computer.",
    implementing_type="Microsoft.PowerShell.Commands.GetPSSnapinCommand",
)
REMOVE_PSSNAPIN = CommandDeclaration(
    name="Remove-PSSnapin",
    parameters=(_names(mandatory=True, from_pipeline=True), ParameterDeclaration("PassThru", "switch")),
    implementation=RemoveCmdlet,
    synopsis="Removes Windows PowerShell snap-ins from the current session.",
    implementing_type="Microsoft.PowerShell.Commands.RemovePSSnapinCommand",
)
AddPSSnapin.declaration = ADD_PSSNAPIN
GetPSSnapin.declaration = GET_PSSNAPIN
RemoveCmdlet.declaration = REMOVE_PSSNAPIN


def register(registry: EngineRegistry, version: str) -> None:
    """The loaders every session has, EMS or plain: snap-in cmdlets and PSSessions (RemoteExchange.ps1 is a
    file of the lab server: windows/exchange_shell.py)."""
    from exchange_sim.exchange import implicit_remoting

    registry.commands.register_all((ADD_PSSNAPIN, GET_PSSNAPIN, REMOVE_PSSNAPIN, *implicit_remoting.DECLARATIONS))
    implicit_remoting.register_views(registry.views)
