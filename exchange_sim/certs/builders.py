"""Building certificates and requests the way Exchange and a lab CA make them (§5.3, §5.4)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

from exchange_sim.certs.signatures import (
    request_signature_verifies,
    resign_with_sha1,
    sign_request_with_sha1,
)

KeyUsageProfile = Literal["exchange", "wmsvc", "none"]

SigningHash = hashes.SHA1 | hashes.SHA256 | hashes.SHA384 | hashes.SHA512
_HASHES: dict[str, type[SigningHash]] = {
    "sha1": hashes.SHA1,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


class UnsupportedHashAlgorithm(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"Hash algorithm '{name}' is not supported; use sha1, sha256, sha384 or sha512"
        )
        self.name = name


class InvalidSubjectKeyIdentifier(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(f"'{text}' is not a valid subject key identifier (hexadecimal digits)")
        self.text = text


class InvalidValidityPeriod(ValueError):
    def __init__(self, not_before: datetime, not_after: datetime) -> None:
        super().__init__(
            f"The certificate would expire ({not_after}) before it starts ({not_before})"
        )


class InvalidDnsName(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"'{name}' cannot be a DNS name in a certificate (empty, blank or not ASCII)"
        )
        self.name = name


class RequestSignatureInvalid(ValueError):
    """A PKCS#10 request whose self-signature does not verify cannot be issued."""


def self_signed_certificate(
    key: rsa.RSAPrivateKey,
    subject: x509.Name,
    dns_names: Sequence[str],
    not_before: datetime,
    not_after: datetime,
    *,
    hash_name: str = "sha256",
    subject_key_identifier: str | None = None,
    key_usage: KeyUsageProfile = "exchange",
    ca: bool = False,
) -> x509.Certificate:
    """A certificate as New-ExchangeCertificate (or setup) makes it: §5.3 extensions, in order."""
    builder = _validity(x509.CertificateBuilder(), not_before, not_after)
    builder = (
        builder.subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(_windows_serial())
    )
    usage = _key_usage(key_usage)
    if usage is not None:
        builder = builder.add_extension(usage, critical=True)
    if dns_names:
        builder = builder.add_extension(_alternative_names(dns_names), critical=False)
    builder = builder.add_extension(
        x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
    )
    builder = builder.add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    if subject_key_identifier is not None:
        builder = builder.add_extension(
            x509.SubjectKeyIdentifier(_identifier_bytes(subject_key_identifier)), critical=False
        )
    algorithm = _hash(hash_name)
    if isinstance(algorithm, hashes.SHA1):
        return resign_with_sha1(builder.sign(key, hashes.SHA256()), key)
    return builder.sign(key, algorithm)


def certificate_request(
    key: rsa.RSAPrivateKey,
    subject: x509.Name,
    dns_names: Sequence[str],
    *,
    hash_name: str = "sha256",
) -> x509.CertificateSigningRequest:
    """A PKCS#10 request as New-ExchangeCertificate -GenerateRequest makes it (§5.4)."""
    builder = x509.CertificateSigningRequestBuilder().subject_name(subject)
    builder = builder.add_extension(_server_key_usage(), critical=True)
    if dns_names:
        builder = builder.add_extension(_alternative_names(dns_names), critical=False)
    algorithm = _hash(hash_name)
    if isinstance(algorithm, hashes.SHA1):
        return sign_request_with_sha1(builder.sign(key, hashes.SHA256()), key)
    return builder.sign(key, algorithm)


def new_certificate_authority(
    key: rsa.RSAPrivateKey,
    subject: x509.Name,
    not_before: datetime,
    not_after: datetime,
) -> x509.Certificate:
    """A self-signed lab root CA."""
    public_key = key.public_key()
    builder = _validity(x509.CertificateBuilder(), not_before, not_after)
    builder = (
        builder.subject_name(subject)
        .issuer_name(subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_authority_key_usage(), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )
    return builder.sign(key, hashes.SHA256())


def issue_subordinate_authority(
    ca_cert: x509.Certificate,
    ca_key: rsa.RSAPrivateKey,
    public_key: rsa.RSAPublicKey,
    subject: x509.Name,
    not_before: datetime,
    not_after: datetime,
) -> x509.Certificate:
    """An intermediate CA signed by `ca_cert`, for labs that rehearse chains."""
    builder = _validity(x509.CertificateBuilder(), not_before, not_after)
    builder = (
        builder.subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_authority_key_usage(), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(_authority_key_identifier(ca_cert), critical=False)
    )
    return builder.sign(ca_key, hashes.SHA256())


def issue_certificate(
    ca_cert: x509.Certificate,
    ca_key: rsa.RSAPrivateKey,
    csr_or_public_key: x509.CertificateSigningRequest | rsa.RSAPublicKey,
    subject: x509.Name | None,
    dns_names: Sequence[str] | None,
    not_before: datetime,
    not_after: datetime,
    serial: int | None = None,
) -> x509.Certificate:
    """A server-authentication leaf signed by the lab CA.

    With a request, `subject=None` / `dns_names=None` take the request's own subject and SANs,
    which is what a CA does when it honours the request as submitted.
    """
    if isinstance(csr_or_public_key, x509.CertificateSigningRequest):
        csr = csr_or_public_key
        if not request_signature_verifies(csr):
            raise RequestSignatureInvalid("The certificate request's signature does not verify")
        public_key = csr.public_key()
        if subject is None:
            subject = csr.subject
        if dns_names is None:
            dns_names = requested_dns_names(csr)
    else:
        public_key = csr_or_public_key
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise ValueError("Only RSA keys can be issued certificates by the lab CA")
    if subject is None:
        raise ValueError("A subject is needed to issue a certificate for a bare public key")
    builder = _validity(x509.CertificateBuilder(), not_before, not_after)
    builder = (
        builder.subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(serial if serial is not None else x509.random_serial_number())
        .add_extension(_server_key_usage(), critical=True)
    )
    if dns_names:
        builder = builder.add_extension(_alternative_names(dns_names), critical=False)
    builder = (
        builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(_authority_key_identifier(ca_cert), critical=False)
    )
    return builder.sign(ca_key, hashes.SHA256())


def requested_dns_names(csr: x509.CertificateSigningRequest) -> tuple[str, ...]:
    try:
        names = csr.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return ()
    return tuple(names.get_values_for_type(x509.DNSName))


def _hash(name: str) -> SigningHash:
    algorithm = _HASHES.get(name.lower()) if isinstance(name, str) else None
    if algorithm is None:
        raise UnsupportedHashAlgorithm(str(name))
    return algorithm()


def _validity(
    builder: x509.CertificateBuilder, not_before: datetime, not_after: datetime
) -> x509.CertificateBuilder:
    start, end = _utc(not_before), _utc(not_after)
    if end <= start:
        raise InvalidValidityPeriod(start, end)
    return builder.not_valid_before(start).not_valid_after(end)


def _utc(moment: datetime) -> datetime:
    # A naive datetime is taken as UTC, which is what the lab clock hands out.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _windows_serial() -> int:
    # CertEnroll gives self-signed certificates a random 16-byte serial number.
    return int.from_bytes(os.urandom(16), "big") >> 1 or 1


def _identifier_bytes(text: str) -> bytes:
    cleaned = text.replace(" ", "")
    try:
        value = bytes.fromhex(cleaned)
    except ValueError:
        raise InvalidSubjectKeyIdentifier(text) from None
    if not value:
        raise InvalidSubjectKeyIdentifier(text)
    return value


def _alternative_names(dns_names: Sequence[str]) -> x509.SubjectAlternativeName:
    # Callers check names against Exchange's rules (names.is_valid_domain_name); this only
    # refuses what cannot be encoded, so a lab can still seed an odd name on purpose.
    for name in dns_names:
        if (
            not isinstance(name, str)
            or not name.strip()
            or not name.isascii()
            or any(c.isspace() for c in name)
        ):
            raise InvalidDnsName(str(name))
    return x509.SubjectAlternativeName([x509.DNSName(name) for name in dns_names])


def _server_key_usage() -> x509.KeyUsage:
    # §5.3/§5.4: digitalSignature + keyEncipherment in Exchange certificates and requests.
    return _key_usage_flags(data_encipherment=False)


def _key_usage(profile: KeyUsageProfile) -> x509.KeyUsage | None:
    if profile == "none":
        return None
    if profile not in ("exchange", "wmsvc"):
        raise ValueError(f"Unknown key usage profile '{profile}'")
    # §11: the IIS WMSvc certificate's key usage differs (it adds dataEncipherment); it keeps
    # digitalSignature because Get-ExchangeCertificate lists it, which §4.2's test requires.
    return _key_usage_flags(data_encipherment=profile == "wmsvc")


def _key_usage_flags(*, data_encipherment: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=True,
        data_encipherment=data_encipherment,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )


def _authority_key_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )


def _authority_key_identifier(ca_cert: x509.Certificate) -> x509.AuthorityKeyIdentifier:
    try:
        ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    except x509.ExtensionNotFound:
        public_key = ca_cert.public_key()
        if not isinstance(public_key, rsa.RSAPublicKey):
            raise ValueError("The lab CA must have an RSA key") from None
        return x509.AuthorityKeyIdentifier.from_issuer_public_key(public_key)
    return x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski)
