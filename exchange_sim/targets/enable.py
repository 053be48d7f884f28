"""Enable-ExchangeCertificate on a simulated server (§7.2): checks in Exchange's order, then configuration.

Prompts are the cmdlet's business: the caller says which confirmations it obtained."""
from __future__ import annotations

from dataclasses import dataclass

from cryptography import x509

from exchange_sim.certs.facts import CertificateFacts, usability_problem
from exchange_sim.lab.model import Server
from exchange_sim.lab.organization import Lab
from exchange_sim.targets import failures
from exchange_sim.targets.server_state import has_client_access
from exchange_sim.targets.services import AllowedServices


@dataclass(frozen=True)
class EnableChoices:
    """What the cmdlet decided from -Force, -DoNotRequireSsl and the answers to its prompts."""

    replace_internal_transport: bool
    require_ssl: bool
    network_service_allowed: bool = False


def _installed(server: Server, services: AllowedServices) -> bool:
    smtp = any(server.has_role(role) for role in ("Mailbox", "HubTransport", "Edge", "ClientAccess"))
    um = server.has_role("UnifiedMessaging") or (server.has_role("Mailbox") and server.version in ("2013", "2016"))
    needs = ((AllowedServices.SMTP, smtp), (AllowedServices.POP, has_client_access(server)),
             (AllowedServices.IMAP, has_client_access(server)), (AllowedServices.UM, um),
             (AllowedServices.UMCallRouter, um), (AllowedServices.IIS, not server.has_role("Edge")))
    return all(present for flag, present in needs if flag in services)


def internal_transport_differs(lab: Lab, server: Server, thumbprint: str) -> str | None:
    """The current internal transport thumbprint when enabling SMTP would replace it."""
    current = lab.config(server.name).internal_transport_thumbprint
    if current is None or str(current).upper() == thumbprint.upper():
        return None
    return str(current).upper()


def check_enable(lab: Lab, server: Server, thumbprint: str, services: AllowedServices,
                 network_service_allowed: bool = False) -> CertificateFacts:
    """Exchange's checks before anything is asked or changed (§7.2 steps 1–4); raises CertificateFailure."""
    if not _installed(server, services):
        raise failures.service_not_installed(server.name)
    if AllowedServices.Federation in services:
        raise failures.enable_federation(server.name)
    entry = lab.store(server.name, "My").get(thumbprint.upper())
    if entry is None:
        raise failures.certificate_not_found(server.name, thumbprint, cmdlet_is_get=False)
    facts = CertificateFacts.of(x509.load_der_x509_certificate(entry.certificate_der))
    problem = usability_problem(facts, entry.has_private_key)
    if problem is not None and not network_service_allowed:
        raise failures.certificate_not_valid(server.name, thumbprint, problem)
    return facts


def enable_certificate(lab: Lab, server: Server, thumbprint: str, services: AllowedServices,
                       choices: EnableChoices) -> None:
    """Call inside the cmdlet's transaction; raises CertificateFailure and changes nothing then."""
    wanted = thumbprint.upper()
    facts = check_enable(lab, server, thumbprint, services, choices.network_service_allowed)
    config = lab.config(server.name)
    if AllowedServices.IIS in services:
        config.bind_iis(wanted)
        if choices.require_ssl:
            config.set_require_ssl(True)
    if services & (AllowedServices.SMTP | AllowedServices.POP | AllowedServices.IMAP):
        config.set_network_service_acl(wanted, True)
    if AllowedServices.SMTP in services and choices.replace_internal_transport:
        config.internal_transport_thumbprint = wanted
    first_domain = facts.certificate_domains[0] if facts.certificate_domains else None
    if AllowedServices.POP in services and first_domain is not None:
        config.pop_certificate_name = first_domain
    if AllowedServices.IMAP in services and first_domain is not None:
        config.imap_certificate_name = first_domain
    if AllowedServices.UM in services:
        config.um_thumbprint = wanted
    if AllowedServices.UMCallRouter in services:
        config.um_callrouter_thumbprint = wanted
