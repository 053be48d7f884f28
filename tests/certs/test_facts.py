from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

from exchange_sim.certs.builders import issue_certificate, self_signed_certificate
from exchange_sim.certs.facts import CertificateFacts, serial_number_text, usability_problem
from exchange_sim.certs.formats import certificate_pem
from exchange_sim.certs.names import parse_distinguished_name

from .conftest import OpenSSL

MAIL = parse_distinguished_name("CN=mail.contoso.com, O=Contoso, C=US")


def _custom_certificate(
    signing_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey,
    public_key: object,
    now: datetime,
    *extensions: x509.ExtensionType,
) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(MAIL)
        .issuer_name(MAIL)
        .public_key(public_key)  # type: ignore[arg-type]
        .serial_number(7)
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=30))
    )
    for extension in extensions:
        builder = builder.add_extension(extension, critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def _key_usage(**flags: bool) -> x509.KeyUsage:
    names = [
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
        "encipher_only",
        "decipher_only",
    ]
    return x509.KeyUsage(**{name: flags.get(name, False) for name in names})


def test_setup_certificate_facts_read_like_get_exchangecertificate(
    exchange_cert: x509.Certificate, now: datetime
) -> None:
    facts = CertificateFacts.of(exchange_cert)
    assert facts.subject == facts.issuer == "CN=EX01"
    assert facts.subject_cn == "EX01"
    assert facts.dns_names == ("EX01", "EX01.contoso.com")
    assert facts.certificate_domains == ("EX01", "EX01.contoso.com")
    assert (facts.public_key_algorithm, facts.public_key_size) == ("RSA", 1024)
    assert facts.signature_algorithm == "sha256RSA"
    assert facts.key_usage == frozenset({"DigitalSignature", "KeyEncipherment"})
    assert facts.extended_key_usage == ("1.3.6.1.5.5.7.3.1",)
    assert facts.is_self_signed and not facts.is_ca
    assert facts.subject_key_identifier == ""
    assert facts.not_before == now and facts.not_before.tzinfo == timezone.utc


def test_sha1_setup_certificate_reads_sha1rsa_and_is_self_signed(
    key: rsa.RSAPrivateKey, now: datetime
) -> None:
    cert = self_signed_certificate(
        key,
        parse_distinguished_name("CN=EX02"),
        ["EX02"],
        now,
        now + timedelta(days=1),
        hash_name="sha1",
    )
    facts = CertificateFacts.of(cert)
    assert facts.signature_algorithm == "sha1RSA"
    assert facts.is_self_signed


def test_serial_number_matches_openssl(
    exchange_cert: x509.Certificate, openssl: OpenSSL, tmp_path: Path
) -> None:
    path = tmp_path / "c.pem"
    path.write_text(certificate_pem(exchange_cert))
    serial = openssl("x509", "-in", path, "-noout", "-serial").strip().split("=", 1)[1]
    facts = CertificateFacts.of(exchange_cert)
    assert facts.serial_number.lstrip("0") == serial.lstrip("0")
    assert facts.serial_number == facts.serial_number.upper()


def test_serial_with_high_bit_keeps_its_leading_zero_byte() -> None:
    assert serial_number_text(0x80FF) == "0080FF"
    assert serial_number_text(0x7F) == "7F"


def test_key_identifier_is_the_sha1_of_the_public_key(
    lab_root: x509.Certificate, exchange_cert: x509.Certificate
) -> None:
    root = CertificateFacts.of(lab_root)
    assert root.key_identifier == root.subject_key_identifier != ""
    assert root.is_ca
    assert len(CertificateFacts.of(exchange_cert).key_identifier) == 40


def test_auth_certificate_has_no_certificate_domains(key: rsa.RSAPrivateKey, now: datetime) -> None:
    auth = self_signed_certificate(
        key,
        parse_distinguished_name("CN=Microsoft Exchange Server Auth Certificate"),
        [],
        now,
        now + timedelta(days=1800),
    )
    facts = CertificateFacts.of(auth)
    assert facts.certificate_domains == ()
    assert facts.subject_cn == "Microsoft Exchange Server Auth Certificate"


def test_certificate_domains_put_cn_first_and_drop_case_insensitive_repeats(
    key: rsa.RSAPrivateKey, now: datetime
) -> None:
    cert = self_signed_certificate(
        key,
        MAIL,
        ["owa.contoso.com", "MAIL.contoso.com", "OWA.CONTOSO.COM"],
        now,
        now + timedelta(days=1),
    )
    assert CertificateFacts.of(cert).certificate_domains == ("mail.contoso.com", "owa.contoso.com")


def test_ca_issued_certificate_is_not_self_signed(
    key: rsa.RSAPrivateKey, ca_key: rsa.RSAPrivateKey, lab_root: x509.Certificate, now: datetime
) -> None:
    issued = issue_certificate(
        lab_root, ca_key, key.public_key(), MAIL, ["mail.contoso.com"], now, now + timedelta(days=1)
    )
    facts = CertificateFacts.of(issued)
    assert not facts.is_self_signed
    assert facts.issuer == "CN=Contoso Lab Root CA, O=Contoso, C=US"


def test_same_issuer_and_subject_but_foreign_signature_is_not_self_signed(
    key: rsa.RSAPrivateKey, other_key: rsa.RSAPrivateKey, now: datetime
) -> None:
    forged = _custom_certificate(other_key, key.public_key(), now)
    assert not CertificateFacts.of(forged).is_self_signed


def test_absent_extensions_read_as_none(key: rsa.RSAPrivateKey, now: datetime) -> None:
    facts = CertificateFacts.of(_custom_certificate(key, key.public_key(), now))
    assert facts.key_usage is None and facts.extended_key_usage is None
    assert facts.dns_names == ()
    assert usability_problem(facts, has_private_key=True) is None


def test_usable_exchange_certificate_has_no_problem(exchange_cert: x509.Certificate) -> None:
    assert usability_problem(CertificateFacts.of(exchange_cert), has_private_key=True) is None


def test_certificate_without_key_is_private_key_missing(exchange_cert: x509.Certificate) -> None:
    assert (
        usability_problem(CertificateFacts.of(exchange_cert), has_private_key=False)
        == "PrivateKeyMissing"
    )


def test_elliptic_curve_key_is_unsupported(now: datetime) -> None:
    ec_key = ec.generate_private_key(ec.SECP256R1())
    facts = CertificateFacts.of(_custom_certificate(ec_key, ec_key.public_key(), now))
    assert facts.public_key_algorithm == "ECC"
    assert usability_problem(facts, has_private_key=True) == "KeyAlgorithmUnsupported"


def test_key_usage_without_signing_is_signing_not_supported(
    key: rsa.RSAPrivateKey, now: datetime
) -> None:
    cert = _custom_certificate(key, key.public_key(), now, _key_usage(key_encipherment=True))
    assert (
        usability_problem(CertificateFacts.of(cert), has_private_key=True) == "SigningNotSupported"
    )


def test_non_repudiation_alone_counts_as_signing(key: rsa.RSAPrivateKey, now: datetime) -> None:
    cert = _custom_certificate(key, key.public_key(), now, _key_usage(content_commitment=True))
    facts = CertificateFacts.of(cert)
    assert facts.key_usage == frozenset({"NonRepudiation"})
    assert usability_problem(facts, has_private_key=True) is None


def test_client_auth_only_certificate_lacks_server_auth(
    key: rsa.RSAPrivateKey, now: datetime
) -> None:
    cert = _custom_certificate(
        key, key.public_key(), now, x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH])
    )
    assert (
        usability_problem(CertificateFacts.of(cert), has_private_key=True)
        == "PkixKpServerAuthNotFoundInEnhancedKeyUsage"
    )


def test_512_bit_key_from_openssl_is_an_unsupported_size(openssl: OpenSSL, tmp_path: Path) -> None:
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:512",
        "-nodes",
        "-keyout",
        tmp_path / "k.pem",
        "-out",
        tmp_path / "c.pem",
        "-subj",
        "/CN=small.contoso.com",
        "-days",
        "2",
    )
    cert = x509.load_pem_x509_certificate((tmp_path / "c.pem").read_bytes())
    facts = CertificateFacts.of(cert)
    assert facts.public_key_size == 512
    assert usability_problem(facts, has_private_key=True) == "PublicKeyUnsupportedSize"


def test_public_key_size_is_in_bits(key_2048: rsa.RSAPrivateKey, now: datetime) -> None:
    cert = self_signed_certificate(key_2048, MAIL, [], now, now + timedelta(days=1))
    assert CertificateFacts.of(cert).public_key_size == 2048
