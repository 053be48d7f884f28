"""The Exchange certificate cmdlets' plug-in: registers Exchange's types and views into the engine."""
from __future__ import annotations

from dataclasses import replace

from exchange_sim.exchange.enable_certificate import ENABLE_EXCHANGE_CERTIFICATE
from exchange_sim.exchange.export_certificate import EXPORT_EXCHANGE_CERTIFICATE
from exchange_sim.exchange.get_certificate import GET_EXCHANGE_CERTIFICATE
from exchange_sim.exchange.import_certificate import IMPORT_EXCHANGE_CERTIFICATE
from exchange_sim.exchange.new_certificate import NEW_EXCHANGE_CERTIFICATE
from exchange_sim.exchange.remove_certificate import REMOVE_EXCHANGE_CERTIFICATE
from exchange_sim.exchange.views import register_views
from exchange_sim.powershell.commands import CommandDeclaration
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.targets.services import AllowedServices
from exchange_sim.targets.trust import CertificateAuthorityType, CertificateStatus


CERTIFICATE_CMDLETS = (GET_EXCHANGE_CERTIFICATE, REMOVE_EXCHANGE_CERTIFICATE, EXPORT_EXCHANGE_CERTIFICATE,
                       IMPORT_EXCHANGE_CERTIFICATE, ENABLE_EXCHANGE_CERTIFICATE, NEW_EXCHANGE_CERTIFICATE)


def for_version(declaration: CommandDeclaration, version: str | None) -> CommandDeclaration:
    """The cmdlet as the Exchange Management Shell of `version` declares it: other versions' parameters absent.

    The shell's version decides (not the -Server target's), as in real EMS: a 2007 shell has no
    -FileData, an SE shell no -FileName, so using them is PowerShell's NamedParameterNotFound."""
    if version is None:
        return declaration
    kept = tuple(p for p in declaration.parameters if p.versions is None or version in p.versions)
    if len(kept) == len(declaration.parameters):
        return declaration  # most cmdlets: nothing to narrow, and every session start pays for a copy
    narrowed = replace(declaration, parameters=kept)
    if declaration.default_parameter_set not in narrowed.parameter_sets():
        # 2007's Import has no FileData set: its first remaining set (Path) becomes the default.
        narrowed = replace(narrowed, default_parameter_set=narrowed.parameter_sets()[0])
    return narrowed


def register(registry: EngineRegistry, version: str | None = None) -> None:
    """Make Exchange's enums usable as `[Full.Name]` literals, its certificate views the default, and
    the six certificate cmdlets of `version` (None: every parameter of every version) callable."""
    for enum_type in (AllowedServices, CertificateStatus, CertificateAuthorityType):
        registry.types.register_enum(enum_type)
    register_views(registry.views)
    for declaration in CERTIFICATE_CMDLETS:
        registry.commands.register(for_version(declaration, version))
