"""Get-ExchangeCertificate's lookup on a simulated server (§4.2)."""
from __future__ import annotations

from collections.abc import Sequence

from exchange_sim.certs.names import domain_matches
from exchange_sim.lab.model import Server
from exchange_sim.lab.organization import Lab
from exchange_sim.targets import failures
from exchange_sim.targets.certificate import ExchangeCertificate
from exchange_sim.targets.query import listing, lookup


def _newest_first(found: list[ExchangeCertificate]) -> list[ExchangeCertificate]:
    return sorted(found, key=lambda certificate: certificate.not_before, reverse=True)


def get_certificates(lab: Lab, server: Server, thumbprint: str | None = None,
                     domain_names: Sequence[str] = ()) -> list[ExchangeCertificate]:
    """Call inside a transaction; raises CertificateFailure as Exchange's task would."""
    if thumbprint is not None:
        # One entry looked up, not the store listed: the cost does not grow with the store.
        listed = lookup(lab, server, thumbprint)
        if listed is None:
            raise failures.certificate_not_found(server.name, thumbprint, cmdlet_is_get=True)
        if listed.problem is not None:
            raise failures.certificate_not_valid(server.name, thumbprint, listed.problem)
        if domain_names and not _covers(listed.certificate, domain_names):
            raise failures.certificate_not_found(server.name, thumbprint, cmdlet_is_get=True)
        return [listed.certificate]
    # Certificates Exchange cannot use are left out; pending requests are always listed.
    usable = [listed.certificate for listed in listing(lab, server) if listed.problem is None]
    if domain_names:
        # Requests are not searched; CA-issued certificates come before self-signed ones.
        matching = [c for c in usable if not c.certificate_request and _covers(c, domain_names)]
        return sorted(_newest_first(matching), key=lambda certificate: certificate.is_self_signed)
    return _newest_first(usable)


def _covers(certificate: ExchangeCertificate, names: Sequence[str]) -> bool:
    return any(domain_matches(domain, name) for domain in certificate.certificate_domains for name in names)
