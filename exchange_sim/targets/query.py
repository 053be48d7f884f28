"""Building ExchangeCertificate objects from a server's stores at query time (§2.5, §3, §4.2)."""
from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509

from exchange_sim.certs.chain import evaluate_trust
from exchange_sim.certs.facts import CertificateFacts, usability_problem
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


@dataclass(frozen=True)
class QueryContext:
    """What every certificate of one server is judged against, read once per cmdlet call."""

    state: ServerServiceState
    roots: list[x509.Certificate]
    intermediates: list[x509.Certificate]
    now: datetime

    @classmethod
    def of(cls, lab: Lab, server: Server) -> QueryContext:
        roots = [x509.load_der_x509_certificate(e.certificate_der) for e in lab.store(server.name, "Root").list()]
        intermediates = [x509.load_der_x509_certificate(e.certificate_der) for e in lab.store(server.name, "CA").list()]
        return cls(service_state(lab, server), roots, intermediates, lab.clock.now())


@dataclass(frozen=True)
class Listed:
    """A certificate as Get shows it, and §4.2's reason Exchange cannot use it (None: usable, or a request)."""

    certificate: ExchangeCertificate
    problem: str | None


def listing(lab: Lab, server: Server) -> list[Listed]:
    """Every certificate of My, then the pending requests of REQUEST (call inside a transaction).

    Each certificate's DER is parsed once, for both its view and its usability: parsing is most
    of the cost of listing a large store."""
    context = QueryContext.of(lab, server)
    acls = lab.config(server.name).network_service_acls()
    found = [_installed(lab, server, context, entry, acls) for entry in lab.store(server.name, "My").list()]
    found += [Listed(_pending(server, entry), None)
              for entry in lab.store(server.name, "REQUEST").list() if entry.request_der]
    return found


def certificates(lab: Lab, server: Server) -> list[ExchangeCertificate]:
    return [listed.certificate for listed in listing(lab, server)]


def lookup(lab: Lab, server: Server, thumbprint: str) -> Listed | None:
    """The one entry with this thumbprint, looked up in My then REQUEST (cost independent of store size)."""
    entry = lab.store(server.name, "My").get(thumbprint)
    if entry is not None:
        acls = {entry.thumbprint.upper()} if lab.config(server.name).network_service_acl(entry.thumbprint) else set()
        return _installed(lab, server, QueryContext.of(lab, server), entry, acls)
    request = lab.store(server.name, "REQUEST").get(thumbprint)
    return Listed(_pending(server, request), None) if request is not None and request.request_der else None


def certificate(lab: Lab, server: Server, thumbprint: str) -> ExchangeCertificate | None:
    found = lookup(lab, server, thumbprint)
    return found.certificate if found is not None else None


def _installed(lab: Lab, server: Server, context: QueryContext, entry: StoreEntry,
               acls: set[str]) -> Listed:
    cert = x509.load_der_x509_certificate(entry.certificate_der)
    facts = CertificateFacts.of(cert, entry.certificate_der)
    thumbprint = str(facts.thumbprint).upper()
    verdict = evaluate_trust(cert, intermediates=context.intermediates, roots={"Registry": context.roots},
                             now=context.now)
    services = derive_services(context.state, CertificateServiceFacts(
        thumbprint, facts.certificate_domains, thumbprint in acls, False))
    return Listed(_shape(server, facts, entry, services, CertificateStatus[verdict.status],
                         CertificateAuthorityType[verdict.root_ca_type if verdict.root_ca_type != "None" else "none"],
                         facts.is_self_signed, ""),
                  usability_problem(facts, entry.has_private_key))


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
