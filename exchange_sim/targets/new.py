"""New-ExchangeCertificate on a simulated server (§5.2–§5.4): a self-signed certificate in My, or a
pending request in REQUEST whose key stays on this server."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.hazmat.primitives.serialization import Encoding

from exchange_sim.certs.builders import certificate_request, self_signed_certificate
from exchange_sim.certs.formats import request_der, request_text
from exchange_sim.certs.names import InvalidDistinguishedName, is_valid_domain_name, parse_distinguished_name
from exchange_sim.certs.requests import request_placeholder
from exchange_sim.certs.thumbprint import Thumbprint
from exchange_sim.certs.validity import self_signed_validity
from exchange_sim.lab.model import Server, StoreEntry
from exchange_sim.lab.organization import Lab
from exchange_sim.targets import failures

KEY_SIZES = (1024, 2048, 4096)


@dataclass(frozen=True)
class NewCertificateRequest:
    subject_name: str | None
    domain_names: tuple[str, ...]
    generate_request: bool
    key_size: int = 2048
    exportable: bool = False
    friendly_name: str = "Microsoft Exchange"


@dataclass(frozen=True)
class NewCertificateResult:
    thumbprint: str
    request_text: str | None  # the armoured PKCS#10 for -GenerateRequest
    request_der: bytes | None


def _names(server: Server, wanted: NewCertificateRequest) -> tuple[str, tuple[str, ...]]:
    """§5.2: asked-for names, else the server's; the subject defaults to CN=<first name>."""
    domains = tuple(dict.fromkeys(wanted.domain_names)) or (server.name, server.fqdn)
    for name in domains:
        if not is_valid_domain_name(name):
            raise failures.domain_name_not_valid(server.name, name)
    subject = wanted.subject_name or f"CN={domains[0]}"
    return subject, domains


def new_certificate(lab: Lab, server: Server, wanted: NewCertificateRequest) -> NewCertificateResult:
    """Call inside the cmdlet's transaction; raises CertificateFailure and changes nothing then."""
    if len(wanted.friendly_name) > 63:
        raise failures.friendly_name_too_long(server.name)
    if wanted.key_size not in KEY_SIZES:
        raise failures.invalid_key_size(server.name, wanted.key_size)
    subject_text, domains = _names(server, wanted)
    try:
        subject = parse_distinguished_name(subject_text)
    except InvalidDistinguishedName:
        raise failures.subject_not_valid(server.name, subject_text) from None
    key = lab.take_key(wanted.key_size)
    not_before, not_after = self_signed_validity(lab.clock.now(), server.version)
    if wanted.generate_request:
        csr = certificate_request(key, subject, domains)
        placeholder = request_placeholder(key, csr, not_before, not_after)
        thumbprint = str(Thumbprint.of(placeholder)).upper()
        lab.store(server.name, "REQUEST").add(StoreEntry(
            store="REQUEST", thumbprint=thumbprint, certificate_der=placeholder.public_bytes(Encoding.DER),
            has_private_key=True, exportable=wanted.exportable, request_der=request_der(csr),
            request_friendly_name=wanted.friendly_name, request_subject=subject_text), key)
        return NewCertificateResult(thumbprint, request_text(csr), request_der(csr))
    cert = self_signed_certificate(key, subject, domains, not_before, not_after)
    thumbprint = str(Thumbprint.of(cert)).upper()
    lab.store(server.name, "My").add(StoreEntry(
        store="My", thumbprint=thumbprint, certificate_der=cert.public_bytes(Encoding.DER), has_private_key=True,
        exportable=wanted.exportable, friendly_name=wanted.friendly_name), key)
    return NewCertificateResult(thumbprint, None, None)
