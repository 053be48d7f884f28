"""Get-ExchangeCertificate's lookup on a simulated server (§4.2)."""
from __future__ import annotations

from collections.abc import Sequence

from cryptography import x509

from exchange_sim.certs.facts import CertificateFacts, usability_problem
from exchange_sim.certs.names import domain_matches
from exchange_sim.lab.model import Server
from exchange_sim.lab.organization import Lab
from exchange_sim.targets import failures
from exchange_sim.targets.certificate import ExchangeCertificate
from exchange_sim.targets.query import certificate, certificates


def _problems(lab: Lab, server: Server) -> dict[str, str]:
    """Reason Exchange cannot use each My certificate, by upper-case thumbprint."""
    problems: dict[str, str] = {}
    for entry in lab.store(server.name, "My").list():
        facts = CertificateFacts.of(x509.load_der_x509_certificate(entry.certificate_der))
        problem = usability_problem(facts, entry.has_private_key)
        if problem is not None:
            problems[str(facts.thumbprint).upper()] = problem
    return problems


def _newest_first(found: list[ExchangeCertificate]) -> list[ExchangeCertificate]:
    return sorted(found, key=lambda certificate: certificate.not_before, reverse=True)


def get_certificates(lab: Lab, server: Server, thumbprint: str | None = None,
                     domain_names: Sequence[str] = ()) -> list[ExchangeCertificate]:
    """Call inside a transaction; raises CertificateFailure as Exchange's task would."""
    if thumbprint is not None:
        # One entry looked up, not the store listed: the cost does not grow with the store.
        found = certificate(lab, server, thumbprint)
        if found is None:
            raise failures.certificate_not_found(server.name, thumbprint, cmdlet_is_get=True)
        entry = lab.store(server.name, "My").get(thumbprint)
        if entry is not None:
            problem = usability_problem(CertificateFacts.of(x509.load_der_x509_certificate(entry.certificate_der)),
                                        entry.has_private_key)
            if problem is not None:
                raise failures.certificate_not_valid(server.name, thumbprint, problem)
        if domain_names and not _covers(found, domain_names):
            raise failures.certificate_not_found(server.name, thumbprint, cmdlet_is_get=True)
        return [found]
    everything = certificates(lab, server)
    problems = _problems(lab, server)
    usable = [c for c in everything if c.thumbprint not in problems or c.certificate_request]
    if domain_names:
        # Requests are not searched; CA-issued certificates come before self-signed ones.
        matching = [c for c in usable if not c.certificate_request and _covers(c, domain_names)]
        return sorted(_newest_first(matching), key=lambda certificate: certificate.is_self_signed)
    return _newest_first(usable)


def _covers(certificate: ExchangeCertificate, names: Sequence[str]) -> bool:
    return any(domain_matches(domain, name) for domain in certificate.certificate_domains for name in names)
