"""The Exchange certificate cmdlets' plug-in: registers Exchange's types and views into the engine."""
from __future__ import annotations

from exchange_sim.exchange.enable_certificate import ENABLE_EXCHANGE_CERTIFICATE
from exchange_sim.exchange.export_certificate import EXPORT_EXCHANGE_CERTIFICATE
from exchange_sim.exchange.get_certificate import GET_EXCHANGE_CERTIFICATE
from exchange_sim.exchange.import_certificate import IMPORT_EXCHANGE_CERTIFICATE
from exchange_sim.exchange.new_certificate import NEW_EXCHANGE_CERTIFICATE
from exchange_sim.exchange.remove_certificate import REMOVE_EXCHANGE_CERTIFICATE
from exchange_sim.exchange.views import register_views
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.targets.services import AllowedServices
from exchange_sim.targets.trust import CertificateAuthorityType, CertificateStatus


def register(registry: EngineRegistry) -> None:
    """Make Exchange's enums usable as `[Full.Name]` literals and its certificate views the default."""
    for enum_type in (AllowedServices, CertificateStatus, CertificateAuthorityType):
        registry.types.register_enum(enum_type)
    register_views(registry.views)
    registry.commands.register(GET_EXCHANGE_CERTIFICATE)
    registry.commands.register(REMOVE_EXCHANGE_CERTIFICATE)
    registry.commands.register(EXPORT_EXCHANGE_CERTIFICATE)
    registry.commands.register(IMPORT_EXCHANGE_CERTIFICATE)
    registry.commands.register(ENABLE_EXCHANGE_CERTIFICATE)
    registry.commands.register(NEW_EXCHANGE_CERTIFICATE)
