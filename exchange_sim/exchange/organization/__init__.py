"""The Exchange cmdlets around certificates beyond the six: server lists, accepted domains, virtual
directories, the Auth configuration, connectors, POP/IMAP and transport settings, hybrid.

    register(registry, version)   declarations and views, gated by the session server's version
    ORGANIZATION_KEY              the extension holding the session's OrganizationTarget
"""
from __future__ import annotations

from exchange_sim.exchange.organization import auth_config, connectors, protocols, servers, virtual_directories
from exchange_sim.exchange import for_version
from exchange_sim.exchange.organization.outlook_anywhere import AuthenticationMethod
from exchange_sim.exchange.organization.tasks import ORGANIZATION_KEY
from exchange_sim.exchange.organization.views import register_views
from exchange_sim.powershell.commands import CommandDeclaration
from exchange_sim.powershell.registry import EngineRegistry

DECLARATIONS: tuple[CommandDeclaration, ...] = (
    *servers.DECLARATIONS, *virtual_directories.DECLARATIONS, *auth_config.DECLARATIONS, *connectors.DECLARATIONS,
    *protocols.DECLARATIONS,
)


def declarations(version: str | None) -> tuple[CommandDeclaration, ...]:
    """The commands a server of `version` has (None: all of them)."""
    return tuple(d for d in DECLARATIONS if version is None or d.versions is None or version in d.versions)


def register(registry: EngineRegistry, version: str | None = None) -> None:
    registry.types.register_enum(AuthenticationMethod)
    register_views(registry.views)
    registry.commands.register_all(for_version(declaration, version) for declaration in declarations(version))


__all__ = ["DECLARATIONS", "ORGANIZATION_KEY", "declarations", "register"]
