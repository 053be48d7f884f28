"""Building ExchangeCertificate objects from a server's stores at query time (§2.5, §3, §4.2)."""
from __future__ import annotations

import base64
from datetime import datetime

from cryptography import x509

from exchange_sim.certs.chain import evaluate_trust
from exchange_sim.certs.facts import CertificateFacts
from exchange_sim.lab.model import Server, StoreEntry
from exchange_sim.lab.organization import Lab
from exchange_sim.targets.certificate import ExchangeCertificate
from exchange_sim.targets.derivation import CertificateServiceFacts, ServerServiceState, derive_services
from exchange_sim.targets.server_state import service_state
from exchange_sim.targets.services import AllowedServices
from exchange_sim.targets.trust import CertificateAuthorityType, CertificateStatus


def _local(moment: datetime) -> datetime:
    # The engine's [datetime] is naive lab-local time.
    return moment.replace(tzinfo=None)


def certificates(lab: Lab, server: Server) -> list[ExchangeCertificate]:
    """Every certificate of My, then the pending requests of REQUEST (call inside a transaction)."""
    state = service_state(lab, server)
    roots = [x509.load_der_x509_certificate(e.certificate_der) for e in lab.store(server.name, "Root").list()]
    intermediates = [x509.load_der_x509_certificate(e.certificate_der) for e in lab.store(server.name, "CA").list()]
    now = lab.clock.now()
    found = [_installed(lab, server, state, entry, roots, intermediates, now) for entry in lab.store(server.name, "My").list()]
    found += [_pending(server, entry) for entry in lab.store(server.name, "REQUEST").list() if entry.request_der]
    return found


def _installed(lab: Lab, server: Server, state: ServerServiceState, entry: StoreEntry,
               roots: list[x509.Certificate], intermediates: list[x509.Certificate], now: datetime) -> ExchangeCertificate:
    cert = x509.load_der_x509_certificate(entry.certificate_der)
    facts = CertificateFacts.of(cert)
    thumbprint = str(facts.thumbprint).upper()
    verdict = evaluate_trust(cert, intermediates=intermediates, roots={"Registry": roots}, now=now)
    acl = lab.config(server.name).network_service_acl(thumbprint)
    services = derive_services(state, CertificateServiceFacts(thumbprint, facts.certificate_domains, acl, False))
    return _shape(server, facts, entry, services, CertificateStatus[verdict.status],
                  CertificateAuthorityType[verdict.root_ca_type if verdict.root_ca_type != "None" else "none"],
                  facts.is_self_signed, "")


def _pending(server: Server, entry: StoreEntry) -> ExchangeCertificate:
    facts = CertificateFacts.of(x509.load_der_x509_certificate(entry.certificate_der))
    request = base64.b64encode(entry.request_der or b"").decode("ascii")
    return _shape(server, facts, entry, AllowedServices(0), CertificateStatus.PendingRequest,
                  CertificateAuthorityType.Unknown, False, request)


def _shape(server: Server, facts: CertificateFacts, entry: StoreEntry, services: AllowedServices,
           status: CertificateStatus, root: CertificateAuthorityType, self_signed: bool, request: str) -> ExchangeCertificate:
    return ExchangeCertificate(
        thumbprint=str(facts.thumbprint).upper(), subject=facts.subject, issuer=facts.issuer,
        not_before=_local(facts.not_before), not_after=_local(facts.not_after), serial_number=facts.serial_number,
        # Get shows the issuer when the store has no friendly name.
        friendly_name=entry.friendly_name or facts.issuer, has_private_key=entry.has_private_key,
        public_key_size=facts.public_key_size, certificate_domains=facts.certificate_domains, services=services,
        status=status, root_ca_type=root, is_self_signed=self_signed, private_key_exportable=entry.exportable,
        server_fqdn=server.fqdn, key_identifier=facts.key_identifier,
        subject_key_identifier=facts.subject_key_identifier, certificate_request=request,
    )
