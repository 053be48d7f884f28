"""New-ExchangeCertificate on a simulated server (§5.2–§5.4): a self-signed certificate in My, or a
pending request in REQUEST whose key stays on this server."""
from __future__ import annotations

from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from exchange_sim.certs.builders import certificate_request, self_signed_certificate
from exchange_sim.certs.formats import request_der, request_text
from exchange_sim.certs.names import (InvalidDistinguishedName, common_name, format_distinguished_name,
                                      is_valid_domain_name, parse_distinguished_name)
from exchange_sim.certs.requests import request_placeholder
from exchange_sim.certs.thumbprint import Thumbprint
from exchange_sim.certs.validity import self_signed_validity
from exchange_sim.lab.model import Server, StoreEntry
from exchange_sim.lab.organization import Lab
from exchange_sim.targets import failures
from exchange_sim.targets.enable import EnableChoices, enable_certificate, internal_transport_differs
from exchange_sim.targets.server_state import has_client_access
from exchange_sim.targets.services import AllowedServices

KEY_SIZES = (1024, 2048, 4096)
DEFAULT_FRIENDLY_NAME = "Microsoft Exchange"


@dataclass(frozen=True)
class RenewedCertificate:
    """What `-Instance` (a piped certificate) contributes: its names, subject, key size, friendly name."""

    subject: str  # Windows display form, most specific first
    domains: tuple[str, ...]
    key_size: int
    friendly_name: str


@dataclass(frozen=True)
class NewCertificateRequest:
    subject_name: str | None
    # None: -DomainName not given (server names are the default); () : `-DomainName @()`.
    domain_names: tuple[str, ...] | None
    generate_request: bool
    key_size: int | None = None
    exportable: bool = False
    friendly_name: str | None = None
    include_accepted_domains: bool = False
    include_autodiscover: bool = False
    include_server_fqdn: bool = False
    include_server_netbios: bool = False
    subject_key_identifier: str | None = None
    services: AllowedServices = AllowedServices.SMTP  # the API default when -Services is omitted
    force: bool = False
    renewing: RenewedCertificate | None = None


@dataclass(frozen=True)
class NewCertificateResult:
    thumbprint: str
    request_text: str | None  # the armoured PKCS#10 for -GenerateRequest
    request_der: bytes | None
    # Services whose enabling waits for the user's answer (-Force absent): SMTP replacing another
    # internal transport certificate (its thumbprint is given), IIS turning on Require SSL.
    replaced_internal_transport: str | None = None
    iis_needs_require_ssl: bool = False
    warnings: tuple[str, ...] = ()


def exchange_subject(text: str) -> x509.Name:
    """The subject as Exchange's service host encodes -SubjectName: RDNs in the order written.

    The task hands the server `SubjectName.Name`, which the server re-encodes with
    X500DistinguishedName(name, UseUTF8Encoding) — without the Reversed flag — so
    "c=US, o=Entrust, cn=mail.entrust.com" is encoded C, O, CN (what a CA expects), and Windows then
    shows it most specific first: "CN=mail.entrust.com, O=Entrust, C=US"."""
    reversed_name = parse_distinguished_name(text)
    return x509.Name(list(reversed(reversed_name.rdns)))


def _domains(lab: Lab, server: Server, wanted: NewCertificateRequest, subject_text: str | None) -> tuple[list[str], list[str]]:
    """§5.2 steps 1–5: the certificate's DNS names, and the warnings met on the way."""
    names: list[str] = list(wanted.renewing.domains) if wanted.renewing else []
    warnings: list[str] = []
    names += list(wanted.domain_names or ())
    if wanted.include_accepted_domains:
        names += [domain.name for domain in lab.accepted_domains if is_valid_domain_name(domain.name)]
    if wanted.include_autodiscover:
        if has_client_access(server) or server.has_role("ClientAccess"):
            names += [f"autodiscover.{d.name}" for d in lab.accepted_domains if d.authoritative]
        else:
            warnings.append("The IncludeAutoDiscover parameter was ignored because the Client Access server "
                            f"role isn't installed on server {server.name}.")
    if wanted.domain_names is None and not names:
        if subject_text is None:
            names = [server.name, server.fqdn]
        else:
            cn = common_name(parse_distinguished_name(subject_text))
            if cn is None or not is_valid_domain_name(cn):
                raise failures.subject_cn_not_fqdn(server.name)
    for name in names:
        if not is_valid_domain_name(name):
            raise failures.domain_name_not_valid(server.name, name)
    if wanted.include_server_fqdn:
        names.append(server.fqdn)
    if wanted.include_server_netbios:
        names.append(server.netbios)
    # De-duplicated case-insensitively, first spelling kept.
    unique = list({name.lower(): name for name in reversed(names)}.values())[::-1]
    return unique, warnings


def new_certificate(lab: Lab, server: Server, wanted: NewCertificateRequest) -> NewCertificateResult:
    """Call inside the cmdlet's transaction; raises CertificateFailure and changes nothing then."""
    renewing = wanted.renewing
    # A piped certificate's friendly name wins over -FriendlyName (§5.2 step 1).
    friendly_name = (renewing.friendly_name if renewing and renewing.friendly_name
                     else wanted.friendly_name if wanted.friendly_name is not None else DEFAULT_FRIENDLY_NAME)
    if len(friendly_name) > 63:
        raise failures.friendly_name_too_long(server.name)
    subject_text = wanted.subject_name
    try:
        domains, warnings = _domains(lab, server, wanted, subject_text)
    except InvalidDistinguishedName:
        raise failures.subject_not_valid(server.name, subject_text or "") from None
    key_size = wanted.key_size or (renewing.key_size if renewing else 2048)
    if key_size not in KEY_SIZES:
        raise failures.invalid_key_size(server.name, key_size)
    try:
        if subject_text is not None:
            subject = exchange_subject(subject_text)
        elif renewing is not None:
            # The display form is most specific first; parsing it as Windows does restores the encoding.
            subject = parse_distinguished_name(renewing.subject)
        else:
            subject = exchange_subject(f"cn={next(n for n in domains if len(n) < 64)}")
    except (InvalidDistinguishedName, StopIteration):
        raise failures.subject_not_valid(server.name, subject_text or "") from None
    key = lab.take_key(key_size)
    not_before, not_after = self_signed_validity(lab.clock.now(), server.version)
    if wanted.generate_request:
        csr = certificate_request(key, subject, domains)
        placeholder = request_placeholder(key, csr, not_before, not_after)
        thumbprint = str(Thumbprint.of(placeholder)).upper()
        lab.store(server.name, "REQUEST").add(StoreEntry(
            store="REQUEST", thumbprint=thumbprint, certificate_der=placeholder.public_bytes(Encoding.DER),
            has_private_key=True, exportable=wanted.exportable, request_der=request_der(csr),
            request_friendly_name=friendly_name, request_subject=format_distinguished_name(subject)), key)
        return NewCertificateResult(thumbprint, request_text(csr), request_der(csr), warnings=tuple(warnings))
    cert = self_signed_certificate(key, subject, domains, not_before, not_after,
                                   subject_key_identifier=wanted.subject_key_identifier)
    thumbprint = str(Thumbprint.of(cert)).upper()
    lab.store(server.name, "My").add(StoreEntry(
        store="My", thumbprint=thumbprint, certificate_der=cert.public_bytes(Encoding.DER), has_private_key=True,
        exportable=wanted.exportable, friendly_name=friendly_name), key)
    return _enable_new(lab, server, thumbprint, wanted, tuple(warnings))


def _enable_new(lab: Lab, server: Server, thumbprint: str, wanted: NewCertificateRequest,
                warnings: tuple[str, ...]) -> NewCertificateResult:
    """§5.3 side effects: what needs no answer is done now; the rest waits for the cmdlet's prompts."""
    services = wanted.services
    replaced = internal_transport_differs(lab, server, thumbprint) if AllowedServices.SMTP in services else None
    ssl_already = lab.config(server.name).require_ssl()
    asks_ssl = AllowedServices.IIS in services and not ssl_already and not wanted.force
    if services:
        enable_certificate(lab, server, thumbprint, services & ~AllowedServices.IIS if asks_ssl else services,
                           EnableChoices(replace_internal_transport=wanted.force or replaced is None,
                                         require_ssl=True))
    return NewCertificateResult(thumbprint, None, None,
                                replaced_internal_transport=None if wanted.force else replaced,
                                iis_needs_require_ssl=asks_ssl, warnings=warnings)
