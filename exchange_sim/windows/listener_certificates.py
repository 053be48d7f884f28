"""Which certificate a protocol's listener takes when its service starts, read off the lab's state.

IMAP and POP pick, by their X509CertificateName (the server's FQDN when none is set), the newest
valid certificate with a private key that covers the name; transport takes the internal transport
certificate; IIS the Default Web Site's 0.0.0.0:443 binding. A running service keeps what it took
until it restarts, which is why runbooks restart MSExchangeIMAP4 after enabling a certificate.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography import x509

from exchange_sim.certs.facts import CertificateFacts
from exchange_sim.certs.names import domain_matches
from exchange_sim.lab import DEFAULT_WEB_SITE, Lab, Server


@dataclass(frozen=True)
class PresentedCertificate:
    thumbprint: str
    subject: str


def presented_certificate(lab: Lab, server: Server, protocol: str) -> PresentedCertificate | None:
    config = lab.config(server)
    if protocol == "IIS":
        binding = next((b for b in config.iis_bindings() if b.site_id == DEFAULT_WEB_SITE), None)
        return _by_thumbprint(lab, server, binding.thumbprint if binding else None)
    if protocol == "SMTP":
        return _by_thumbprint(lab, server, config.internal_transport_thumbprint)
    name = config.imap_certificate_name if protocol == "IMAP" else config.pop_certificate_name
    return _by_name(lab, server, name or server.fqdn)


def _by_thumbprint(lab: Lab, server: Server, thumbprint: str | None) -> PresentedCertificate | None:
    if not thumbprint:
        return None
    entry = lab.store(server, "My").get(thumbprint)
    if entry is None:
        return None
    return PresentedCertificate(entry.thumbprint, CertificateFacts.of(
        x509.load_der_x509_certificate(entry.certificate_der)).subject)


def _by_name(lab: Lab, server: Server, name: str) -> PresentedCertificate | None:
    now = lab.clock.now()
    best: tuple[CertificateFacts, str] | None = None
    for entry in lab.store(server, "My").list():
        if not entry.has_private_key:
            continue
        facts = CertificateFacts.of(x509.load_der_x509_certificate(entry.certificate_der))
        if not facts.not_before <= now <= facts.not_after:
            continue
        if not any(domain_matches(domain, name) for domain in facts.certificate_domains):
            continue
        if best is None or facts.not_before > best[0].not_before:
            best = (facts, entry.thumbprint)
    return PresentedCertificate(best[1], best[0].subject) if best else None
