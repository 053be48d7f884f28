from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

from exchange_sim.certs.builders import (
    InvalidDnsName,
    InvalidSubjectKeyIdentifier,
    InvalidValidityPeriod,
    RequestSignatureInvalid,
    UnsupportedHashAlgorithm,
    certificate_request,
    issue_certificate,
    issue_subordinate_authority,
    self_signed_certificate,
)
from exchange_sim.certs.formats import certificate_pem, request_der, request_text
from exchange_sim.certs.names import parse_distinguished_name

from .conftest import OpenSSL

EX01 = parse_distinguished_name("CN=EX01")
MAIL = parse_distinguished_name("CN=mail.contoso.com, OU=IT, O=Contoso, C=US")


def _extension(
    cert: x509.Certificate | x509.CertificateSigningRequest, kind: type[Any]
) -> x509.Extension[Any]:
    return cert.extensions.get_extension_for_class(kind)


def test_self_signed_certificate_has_exchange_key_usage_critical(
    exchange_cert: x509.Certificate,
) -> None:
    usage = _extension(exchange_cert, x509.KeyUsage)
    assert usage.critical
    assert usage.value.digital_signature and usage.value.key_encipherment
    assert not usage.value.key_cert_sign


def test_self_signed_certificate_is_for_server_auth_and_not_a_ca(
    exchange_cert: x509.Certificate,
) -> None:
    assert list(_extension(exchange_cert, x509.ExtendedKeyUsage).value) == [
        ExtendedKeyUsageOID.SERVER_AUTH
    ]
    constraints = _extension(exchange_cert, x509.BasicConstraints)
    assert constraints.critical and not constraints.value.ca


def test_self_signed_certificate_lists_names_in_given_order(
    exchange_cert: x509.Certificate,
) -> None:
    names = _extension(exchange_cert, x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["EX01", "EX01.contoso.com"]


def test_self_signed_certificate_without_names_has_no_san(
    key: rsa.RSAPrivateKey, now: datetime
) -> None:
    auth = self_signed_certificate(
        key,
        parse_distinguished_name("CN=Microsoft Exchange Server Auth Certificate"),
        [],
        now,
        now + timedelta(days=1800),
    )
    with pytest.raises(x509.ExtensionNotFound):
        _extension(auth, x509.SubjectAlternativeName)


def test_subject_key_identifier_only_when_asked(
    key: rsa.RSAPrivateKey, now: datetime, exchange_cert: x509.Certificate
) -> None:
    with pytest.raises(x509.ExtensionNotFound):
        _extension(exchange_cert, x509.SubjectKeyIdentifier)
    guid_hex = "0f3c9a1e2b4d4c6f8a9b0c1d2e3f4a5b"
    federation = self_signed_certificate(
        key, EX01, ["EX01"], now, now + timedelta(days=30), subject_key_identifier=guid_hex
    )
    assert _extension(federation, x509.SubjectKeyIdentifier).value.digest == bytes.fromhex(guid_hex)


def test_non_hex_subject_key_identifier_is_refused(key: rsa.RSAPrivateKey, now: datetime) -> None:
    with pytest.raises(InvalidSubjectKeyIdentifier):
        self_signed_certificate(
            key, EX01, [], now, now + timedelta(days=1), subject_key_identifier="xyz"
        )


def test_validity_is_exactly_as_given(exchange_cert: x509.Certificate, now: datetime) -> None:
    assert exchange_cert.not_valid_before_utc == now
    assert exchange_cert.not_valid_after_utc == now + timedelta(days=1826)


def test_expiry_before_start_is_refused(key: rsa.RSAPrivateKey, now: datetime) -> None:
    with pytest.raises(InvalidValidityPeriod):
        self_signed_certificate(key, EX01, [], now, now - timedelta(seconds=1))


def test_sha1_self_signed_certificate_verifies_with_openssl(
    key: rsa.RSAPrivateKey, now: datetime, openssl: OpenSSL, tmp_path: Path
) -> None:
    cert = self_signed_certificate(
        key, EX01, ["EX01"], now, now + timedelta(days=1826), hash_name="sha1"
    )
    pem = tmp_path / "setup.pem"
    pem.write_text(certificate_pem(cert))
    text = openssl("x509", "-in", pem, "-noout", "-text")
    assert "sha1WithRSAEncryption" in text
    assert openssl("verify", "-CAfile", pem, "-no_check_time", pem).strip().endswith("OK")


def test_unknown_hash_is_refused(key: rsa.RSAPrivateKey, now: datetime) -> None:
    with pytest.raises(UnsupportedHashAlgorithm):
        self_signed_certificate(key, EX01, [], now, now + timedelta(days=1), hash_name="md5")


def test_openssl_accepts_request_and_shows_its_names(
    key: rsa.RSAPrivateKey, openssl: OpenSSL, tmp_path: Path
) -> None:
    csr = certificate_request(key, MAIL, ["mail.contoso.com", "autodiscover.contoso.com"])
    path = tmp_path / "mail.req"
    path.write_text(request_text(csr))
    openssl("req", "-in", path, "-noout", "-verify")
    text = openssl("req", "-in", path, "-noout", "-text")
    assert "DNS:mail.contoso.com, DNS:autodiscover.contoso.com" in text
    assert "Digital Signature, Key Encipherment" in text
    assert "CN = mail.contoso.com" in text


def test_request_key_usage_is_critical(key: rsa.RSAPrivateKey) -> None:
    csr = certificate_request(key, MAIL, [])
    assert _extension(csr, x509.KeyUsage).critical
    with pytest.raises(x509.ExtensionNotFound):
        _extension(csr, x509.SubjectAlternativeName)


def test_sha1_request_is_accepted_by_openssl(
    key: rsa.RSAPrivateKey, openssl: OpenSSL, tmp_path: Path
) -> None:
    csr = certificate_request(key, MAIL, ["mail.contoso.com"], hash_name="sha1")
    path = tmp_path / "old.req"
    path.write_bytes(request_der(csr))
    openssl("req", "-inform", "DER", "-in", path, "-noout", "-verify")
    assert "sha1WithRSAEncryption" in openssl(
        "req", "-inform", "DER", "-in", path, "-noout", "-text"
    )


def test_lab_root_is_a_ca_that_signs_certificates(lab_root: x509.Certificate) -> None:
    assert _extension(lab_root, x509.BasicConstraints).value.ca
    usage = _extension(lab_root, x509.KeyUsage).value
    assert usage.key_cert_sign and usage.crl_sign
    _extension(lab_root, x509.SubjectKeyIdentifier)


def test_issued_certificate_takes_subject_and_names_from_the_request(
    key: rsa.RSAPrivateKey,
    ca_key: rsa.RSAPrivateKey,
    lab_root: x509.Certificate,
    now: datetime,
    openssl: OpenSSL,
    tmp_path: Path,
) -> None:
    csr = certificate_request(key, MAIL, ["mail.contoso.com", "owa.contoso.com"])
    issued = issue_certificate(lab_root, ca_key, csr, None, None, now, now + timedelta(days=365))
    assert issued.subject == MAIL
    assert issued.issuer == lab_root.subject
    assert issued.public_key() == key.public_key()
    names = _extension(issued, x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["mail.contoso.com", "owa.contoso.com"]
    root_pem, leaf_pem = tmp_path / "root.pem", tmp_path / "leaf.pem"
    root_pem.write_text(certificate_pem(lab_root))
    leaf_pem.write_text(certificate_pem(issued))
    result = openssl(
        "verify",
        "-CAfile",
        root_pem,
        "-purpose",
        "sslserver",
        "-attime",
        str(int(now.timestamp()) + 60),
        leaf_pem,
    )
    assert result.strip().endswith("OK")


def test_issued_certificate_links_to_the_ca_key(
    key: rsa.RSAPrivateKey, ca_key: rsa.RSAPrivateKey, lab_root: x509.Certificate, now: datetime
) -> None:
    issued = issue_certificate(
        lab_root,
        ca_key,
        key.public_key(),
        EX01,
        ["EX01"],
        now,
        now + timedelta(days=30),
        serial=4242,
    )
    root_ski = _extension(lab_root, x509.SubjectKeyIdentifier).value.digest
    assert _extension(issued, x509.AuthorityKeyIdentifier).value.key_identifier == root_ski
    _extension(issued, x509.SubjectKeyIdentifier)
    assert issued.serial_number == 4242
    assert not _extension(issued, x509.BasicConstraints).value.ca


def test_request_with_broken_signature_is_not_issued(
    key: rsa.RSAPrivateKey, ca_key: rsa.RSAPrivateKey, lab_root: x509.Certificate, now: datetime
) -> None:
    der = bytearray(request_der(certificate_request(key, MAIL, ["mail.contoso.com"])))
    der[-5] ^= 0xFF
    tampered = x509.load_der_x509_csr(bytes(der))
    with pytest.raises(RequestSignatureInvalid):
        issue_certificate(lab_root, ca_key, tampered, None, None, now, now + timedelta(days=1))


def test_subordinate_authority_is_signed_by_the_root(
    other_key: rsa.RSAPrivateKey,
    ca_key: rsa.RSAPrivateKey,
    lab_root: x509.Certificate,
    now: datetime,
) -> None:
    sub = issue_subordinate_authority(
        lab_root,
        ca_key,
        other_key.public_key(),
        parse_distinguished_name("CN=Contoso Issuing CA"),
        now,
        now + timedelta(days=900),
    )
    sub.verify_directly_issued_by(lab_root)
    assert _extension(sub, x509.BasicConstraints).value.ca


@pytest.mark.parametrize("name", ["", "  ", "mäil.contoso.com", "mail contoso"])
def test_names_that_cannot_be_encoded_are_refused(
    name: str, key: rsa.RSAPrivateKey, now: datetime
) -> None:
    with pytest.raises(InvalidDnsName):
        self_signed_certificate(key, EX01, ["EX01", name], now, now + timedelta(days=1))
    with pytest.raises(InvalidDnsName):
        certificate_request(key, EX01, [name])
