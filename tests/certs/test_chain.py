from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

from exchange_sim.certs.builders import (
    issue_certificate,
    issue_subordinate_authority,
    new_certificate_authority,
    self_signed_certificate,
)
from exchange_sim.certs.chain import PENDING_REQUEST, TrustVerdict, UnknownRootStore, evaluate_trust
from exchange_sim.certs.formats import certificate_der, certificate_pem
from exchange_sim.certs.names import parse_distinguished_name

from .conftest import OpenSSL

MAIL = parse_distinguished_name("CN=mail.contoso.com, O=Contoso, C=US")
ISSUING = parse_distinguished_name("CN=Contoso Issuing CA, O=Contoso, C=US")


def _verdict(verdict: TrustVerdict) -> tuple[str, str]:
    return verdict.status, verdict.root_ca_type


def _tampered(cert: x509.Certificate) -> x509.Certificate:
    der = bytearray(certificate_der(cert))
    der[-3] ^= 0x5A  # inside the signature value
    return x509.load_der_x509_certificate(bytes(der))


@pytest.fixture(scope="module")
def issuing_ca(
    other_key: rsa.RSAPrivateKey,
    ca_key: rsa.RSAPrivateKey,
    lab_root: x509.Certificate,
    now: datetime,
) -> x509.Certificate:
    return issue_subordinate_authority(
        lab_root,
        ca_key,
        other_key.public_key(),
        ISSUING,
        now - timedelta(days=30),
        now + timedelta(days=900),
    )


@pytest.fixture(scope="module")
def root_issued(
    key: rsa.RSAPrivateKey, ca_key: rsa.RSAPrivateKey, lab_root: x509.Certificate, now: datetime
) -> x509.Certificate:
    return issue_certificate(
        lab_root,
        ca_key,
        key.public_key(),
        MAIL,
        ["mail.contoso.com"],
        now - timedelta(days=1),
        now + timedelta(days=365),
    )


@pytest.fixture(scope="module")
def sub_issued(
    key: rsa.RSAPrivateKey,
    other_key: rsa.RSAPrivateKey,
    issuing_ca: x509.Certificate,
    now: datetime,
) -> x509.Certificate:
    return issue_certificate(
        issuing_ca,
        other_key,
        key.public_key(),
        MAIL,
        ["mail.contoso.com"],
        now - timedelta(days=1),
        now + timedelta(days=365),
    )


def test_fresh_self_signed_certificate_is_valid_with_no_root_type(
    exchange_cert: x509.Certificate, now: datetime
) -> None:
    verdict = evaluate_trust(exchange_cert, intermediates=[], roots={}, now=now)
    assert _verdict(verdict) == ("Valid", "None")
    assert verdict.chain == (exchange_cert,)


def test_self_signed_certificate_copied_to_root_is_registry(
    exchange_cert: x509.Certificate, now: datetime
) -> None:
    verdict = evaluate_trust(
        exchange_cert, intermediates=[], roots={"Registry": [exchange_cert]}, now=now
    )
    assert _verdict(verdict) == ("Valid", "Registry")


def test_expired_self_signed_certificate_is_date_invalid(
    exchange_cert: x509.Certificate, now: datetime
) -> None:
    later = exchange_cert.not_valid_after_utc + timedelta(seconds=1)
    assert _verdict(evaluate_trust(exchange_cert, intermediates=[], roots={}, now=later)) == (
        "DateInvalid",
        "None",
    )


def test_not_yet_valid_certificate_is_date_invalid(
    exchange_cert: x509.Certificate, now: datetime
) -> None:
    earlier = now - timedelta(minutes=1)
    assert (
        evaluate_trust(exchange_cert, intermediates=[], roots={}, now=earlier).status
        == "DateInvalid"
    )


@pytest.mark.parametrize("kind", ["Registry", "ThirdParty", "Enterprise", "GroupPolicy"])
def test_certificate_chaining_to_trusted_root_takes_that_stores_kind(
    kind: str, root_issued: x509.Certificate, lab_root: x509.Certificate, now: datetime
) -> None:
    verdict = evaluate_trust(root_issued, intermediates=[], roots={kind: [lab_root]}, now=now)
    assert _verdict(verdict) == ("Valid", kind)
    assert verdict.chain == (root_issued, lab_root)


def test_chain_through_intermediate_is_valid_and_agrees_with_openssl(
    sub_issued: x509.Certificate,
    issuing_ca: x509.Certificate,
    lab_root: x509.Certificate,
    now: datetime,
    openssl: OpenSSL,
    tmp_path: Path,
) -> None:
    verdict = evaluate_trust(
        sub_issued, intermediates=[issuing_ca], roots={"Registry": [lab_root]}, now=now
    )
    assert _verdict(verdict) == ("Valid", "Registry")
    assert verdict.chain == (sub_issued, issuing_ca, lab_root)
    paths = {}
    for name, cert in (("leaf", sub_issued), ("sub", issuing_ca), ("root", lab_root)):
        paths[name] = tmp_path / f"{name}.pem"
        paths[name].write_text(certificate_pem(cert))
    result = openssl(
        "verify",
        "-CAfile",
        paths["root"],
        "-untrusted",
        paths["sub"],
        "-attime",
        str(int(now.timestamp())),
        paths["leaf"],
    )
    assert result.strip().endswith("OK")


def test_missing_intermediate_leaves_the_chain_untrusted(
    sub_issued: x509.Certificate, lab_root: x509.Certificate, now: datetime
) -> None:
    verdict = evaluate_trust(sub_issued, intermediates=[], roots={"Registry": [lab_root]}, now=now)
    assert _verdict(verdict) == ("Untrusted", "Unknown")


def test_chain_ending_in_an_untrusted_root_is_untrusted(
    root_issued: x509.Certificate, lab_root: x509.Certificate, now: datetime
) -> None:
    verdict = evaluate_trust(root_issued, intermediates=[lab_root], roots={}, now=now)
    assert _verdict(verdict) == ("Untrusted", "Unknown")


def test_tampered_leaf_signature_is_invalid(
    root_issued: x509.Certificate, lab_root: x509.Certificate, now: datetime
) -> None:
    verdict = evaluate_trust(
        _tampered(root_issued), intermediates=[], roots={"Registry": [lab_root]}, now=now
    )
    assert _verdict(verdict) == ("Invalid", "Unknown")


def test_tampered_self_signed_certificate_is_invalid(
    exchange_cert: x509.Certificate, now: datetime
) -> None:
    assert _verdict(
        evaluate_trust(_tampered(exchange_cert), intermediates=[], roots={}, now=now)
    ) == ("Invalid", "Unknown")


def test_certificate_signed_by_a_non_ca_is_invalid(
    key: rsa.RSAPrivateKey,
    other_key: rsa.RSAPrivateKey,
    ca_key: rsa.RSAPrivateKey,
    lab_root: x509.Certificate,
    now: datetime,
) -> None:
    # A server certificate (CA:FALSE) used to sign another certificate.
    fake_ca = issue_certificate(
        lab_root, ca_key, other_key.public_key(), ISSUING, [], now, now + timedelta(days=30)
    )
    victim = issue_certificate(
        fake_ca,
        other_key,
        key.public_key(),
        MAIL,
        ["mail.contoso.com"],
        now,
        now + timedelta(days=30),
    )
    verdict = evaluate_trust(
        victim, intermediates=[fake_ca], roots={"Registry": [lab_root]}, now=now
    )
    assert _verdict(verdict) == ("Invalid", "Unknown")


def test_expired_root_makes_the_chain_date_invalid(
    key: rsa.RSAPrivateKey, ca_key: rsa.RSAPrivateKey, now: datetime
) -> None:
    old_root = new_certificate_authority(
        ca_key,
        parse_distinguished_name("CN=Old Root"),
        now - timedelta(days=400),
        now - timedelta(days=1),
    )
    leaf = issue_certificate(
        old_root,
        ca_key,
        key.public_key(),
        MAIL,
        [],
        now - timedelta(days=10),
        now + timedelta(days=10),
    )
    verdict = evaluate_trust(leaf, intermediates=[], roots={"Registry": [old_root]}, now=now)
    assert _verdict(verdict) == ("DateInvalid", "Registry")


def test_client_only_certificate_fails_the_server_auth_chain(
    key: rsa.RSAPrivateKey, now: datetime
) -> None:
    cert = (
        x509.CertificateBuilder()
        .subject_name(MAIL)
        .issuer_name(MAIL)
        .public_key(key.public_key())
        .serial_number(9)
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .sign(key, hashes.SHA256())
    )
    assert evaluate_trust(cert, intermediates=[], roots={}, now=now).status == "Invalid"


def test_sha1_setup_certificate_in_root_is_valid_registry(
    key: rsa.RSAPrivateKey, now: datetime
) -> None:
    cert = self_signed_certificate(
        key,
        parse_distinguished_name("CN=EX01"),
        ["EX01"],
        now,
        now + timedelta(days=1826),
        hash_name="sha1",
    )
    assert _verdict(
        evaluate_trust(cert, intermediates=[], roots={"Registry": [cert]}, now=now)
    ) == ("Valid", "Registry")


def test_naive_now_is_taken_as_utc(exchange_cert: x509.Certificate, now: datetime) -> None:
    assert (
        evaluate_trust(
            exchange_cert, intermediates=[], roots={}, now=now.replace(tzinfo=None)
        ).status
        == "Valid"
    )


def test_unknown_root_store_kind_is_refused(exchange_cert: x509.Certificate, now: datetime) -> None:
    with pytest.raises(UnknownRootStore):
        evaluate_trust(exchange_cert, intermediates=[], roots={"Root": [exchange_cert]}, now=now)


def test_pending_request_verdict_has_unknown_root_type() -> None:
    assert _verdict(PENDING_REQUEST) == ("PendingRequest", "Unknown")
