"""Remove-ExchangeCertificate's checks and deletion on a simulated server (§9.2)."""
from __future__ import annotations

from cryptography import x509

from exchange_sim.certs.facts import CertificateFacts, usability_problem
from exchange_sim.lab.model import Server
from exchange_sim.lab.organization import Lab
from exchange_sim.targets import failures


def remove_certificate(lab: Lab, server: Server, thumbprint: str) -> None:
    """Call inside the cmdlet's transaction; raises CertificateFailure and changes nothing then."""
    wanted = thumbprint.upper()
    entry = lab.store(server.name, "My").get(wanted)
    if entry is None:
        requests = lab.store(server.name, "REQUEST")
        if requests.get(wanted) is None:
            raise failures.certificate_not_found(server.name, thumbprint, cmdlet_is_get=False)
        # Pending requests are deleted without further checks.
        requests.remove(wanted)
        return
    facts = CertificateFacts.of(x509.load_der_x509_certificate(entry.certificate_der))
    problem = usability_problem(facts, entry.has_private_key)
    if problem is not None:
        raise failures.certificate_not_valid(server.name, thumbprint, problem)
    _refuse_if_in_use(lab, server, wanted, facts)
    lab.store(server.name, "My").remove(wanted)


def _refuse_if_in_use(lab: Lab, server: Server, thumbprint: str, facts: CertificateFacts) -> None:
    config = lab.config(server.name)
    if _same(config.internal_transport_thumbprint, thumbprint):
        raise failures.cannot_remove_internal_transport(server.name, thumbprint)
    if _same(config.um_thumbprint, thumbprint):
        raise failures.cannot_remove_um_certificate(server.name, thumbprint, call_router=False)
    if _same(config.um_callrouter_thumbprint, thumbprint):
        raise failures.cannot_remove_um_certificate(server.name, thumbprint, call_router=True)
    if thumbprint in {str(t).upper() for t in config.federation_thumbprints}:
        raise failures.remove_federation_certificate(server.name, thumbprint)
    # Connectors name a certificate by issuer and subject, so a renewed twin is blocked too.
    tagged = f"<I>{facts.issuer}<S>{facts.subject}".lower()
    connectors = tuple(c.name for c in lab.send_connectors()
                       if c.tls_certificate_name is not None and c.tls_certificate_name.lower() == tagged)
    if connectors:
        raise failures.cannot_remove_send_connector_certificate(server.name, thumbprint, connectors)


def _same(configured: object, thumbprint: str) -> bool:
    return configured is not None and str(configured).upper() == thumbprint
