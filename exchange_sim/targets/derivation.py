"""Services are never stored: they are read off the server's configuration at query time (§3)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from exchange_sim.targets.services import AllowedServices


@dataclass(frozen=True)
class ServerServiceState:
    """The configuration of one server that decides which services a certificate shows."""

    smtp_capable: bool  # Hub Transport, Edge or client-access front-end role
    client_access: bool  # CAS / front-end role: POP and IMAP can use a certificate
    iis_thumbprints: frozenset[str]
    pop_certificate_name: str | None
    imap_certificate_name: str | None
    um_thumbprint: str | None
    um_callrouter_thumbprint: str | None
    federation_thumbprints: frozenset[str]


@dataclass(frozen=True)
class CertificateServiceFacts:
    """What of a certificate the derivation looks at."""

    thumbprint: str
    domains: Sequence[str]
    network_service_read: bool
    pending_request: bool


def derive_services(server: ServerServiceState, certificate: CertificateServiceFacts) -> AllowedServices:
    """Each flag is set exactly when the configuration points at this certificate."""
    services = AllowedServices(0)
    if certificate.pending_request:
        return services
    thumbprint = certificate.thumbprint.upper()
    domains = {domain.lower() for domain in certificate.domains}
    if server.smtp_capable and certificate.network_service_read:
        services |= AllowedServices.SMTP
    if server.client_access and _names_match(server.pop_certificate_name, domains):
        services |= AllowedServices.POP
    if server.client_access and _names_match(server.imap_certificate_name, domains):
        services |= AllowedServices.IMAP
    if thumbprint in {t.upper() for t in server.iis_thumbprints}:
        services |= AllowedServices.IIS
    if _same_thumbprint(server.um_thumbprint, thumbprint):
        services |= AllowedServices.UM
    if _same_thumbprint(server.um_callrouter_thumbprint, thumbprint):
        services |= AllowedServices.UMCallRouter
    if thumbprint in {t.upper() for t in server.federation_thumbprints}:
        services |= AllowedServices.Federation
    return services


def _names_match(configured: str | None, domains: set[str]) -> bool:
    return configured is not None and configured.lower() in domains


def _same_thumbprint(configured: str | None, thumbprint: str) -> bool:
    return configured is not None and configured.upper() == thumbprint
