"""Reading the §3 inputs of one server out of the lab (inside the caller's transaction)."""
from __future__ import annotations

from exchange_sim.lab.model import Server
from exchange_sim.lab.organization import Lab
from exchange_sim.targets.derivation import ServerServiceState

# Roles whose transport component can use a certificate for SMTP (2013+: Mailbox carries transport
# and the client-access front end).
_SMTP_ROLES = ("Mailbox", "HubTransport", "Edge", "ClientAccess")


def has_client_access(server: Server) -> bool:
    """POP/IMAP front ends: the CAS role, or from 2016 the Mailbox role that absorbed it."""
    return server.has_role("ClientAccess") or (server.has_role("Mailbox") and server.at_least("2016"))


def service_state(lab: Lab, server: Server) -> ServerServiceState:
    config = lab.config(server.name)
    return ServerServiceState(
        smtp_capable=any(server.has_role(role) for role in _SMTP_ROLES),
        client_access=has_client_access(server),
        iis_thumbprints=frozenset(str(t).upper() for t in config.iis_thumbprints()),
        pop_certificate_name=config.pop_certificate_name,
        imap_certificate_name=config.imap_certificate_name,
        um_thumbprint=config.um_thumbprint,
        um_callrouter_thumbprint=config.um_callrouter_thumbprint,
        federation_thumbprints=frozenset(str(t).upper() for t in config.federation_thumbprints),
    )
