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


# §1.2: the 2022 H1 cumulative updates (2016 CU23, 2019 CU12) removed the file parameters the server-side
# process resolved (UNC paths); 2013 never got that update and keeps them.
FILE_PARAMETERS_REMOVED_AT = {"2016": (15, 1, 2507, 6), "2019": (15, 2, 1118, 7)}
REMOVED_FILE_PARAMETERS = {"Import-ExchangeCertificate": "FileName", "Export-ExchangeCertificate": "FileName",
                           "New-ExchangeCertificate": "RequestFile"}

Build = tuple[int, int, int, int]


def for_version(declaration: CommandDeclaration, version: str | None, build: Build | None = None) -> CommandDeclaration:
    """The cmdlet as the Exchange Management Shell of `version` (at update `build`) declares it: other
    versions' parameters absent, and those a later update removed.

    The shell's version decides (not the -Server target's), as in real EMS: a 2007 shell has no
    -FileData, an SE shell no -FileName, so using them is PowerShell's NamedParameterNotFound.
    `build` None means no update is known: every parameter of the version stays."""
    if version is None:
        return declaration
    removed = REMOVED_FILE_PARAMETERS.get(declaration.name) if _file_parameters_removed(version, build) else None
    kept = tuple(p for p in declaration.parameters
                 if (p.versions is None or version in p.versions) and p.name != removed)
    if len(kept) == len(declaration.parameters):
        return declaration  # most cmdlets: nothing to narrow, and every session start pays for a copy
    narrowed = replace(declaration, parameters=kept)
    if declaration.default_parameter_set not in narrowed.parameter_sets():
        # 2007's Import has no FileData set: its first remaining set (Path) becomes the default.
        narrowed = replace(narrowed, default_parameter_set=narrowed.parameter_sets()[0])
    return narrowed


def _file_parameters_removed(version: str, build: Build | None) -> bool:
    removal = FILE_PARAMETERS_REMOVED_AT.get(version)
    return build is not None and removal is not None and build[:3] >= removal[:3]


def register(registry: EngineRegistry, version: str | None = None, build: Build | None = None) -> None:
    """Make Exchange's enums usable as `[Full.Name]` literals, its certificate views the default, and
    the six certificate cmdlets of `version` at update `build` (None: every parameter of every
    version) callable."""
    for enum_type in (AllowedServices, CertificateStatus, CertificateAuthorityType):
        registry.types.register_enum(enum_type)
    register_views(registry.views)
    for declaration in CERTIFICATE_CMDLETS:
        registry.commands.register(for_version(declaration, version, build))
