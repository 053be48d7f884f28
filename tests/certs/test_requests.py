from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from exchange_sim.certs.builders import certificate_request, issue_certificate
from exchange_sim.certs.facts import CertificateFacts
from exchange_sim.certs.formats import request_der
from exchange_sim.certs.names import parse_distinguished_name
from exchange_sim.certs.requests import (
    RequestKeyMismatch,
    completes_request,
    request_is_intact,
    request_placeholder,
)

MAIL = parse_distinguished_name("CN=mail.contoso.com, OU=IT, O=Contoso, C=US")


@pytest.fixture(scope="module")
def csr(key: rsa.RSAPrivateKey) -> x509.CertificateSigningRequest:
    return certificate_request(key, MAIL, ["mail.contoso.com", "autodiscover.contoso.com"])


def test_placeholder_shows_the_requested_subject_and_names(
    key: rsa.RSAPrivateKey, csr: x509.CertificateSigningRequest, now: datetime
) -> None:
    placeholder = request_placeholder(key, csr, now, now + timedelta(days=365))
    facts = CertificateFacts.of(placeholder)
    assert facts.subject == "CN=mail.contoso.com, OU=IT, O=Contoso, C=US"
    assert facts.dns_names == ("mail.contoso.com", "autodiscover.contoso.com")
    assert placeholder.public_key() == key.public_key()


def test_placeholder_refuses_a_foreign_key(
    other_key: rsa.RSAPrivateKey, csr: x509.CertificateSigningRequest, now: datetime
) -> None:
    with pytest.raises(RequestKeyMismatch):
        request_placeholder(other_key, csr, now, now + timedelta(days=1))


def test_certificate_issued_for_the_request_completes_it(
    csr: x509.CertificateSigningRequest,
    ca_key: rsa.RSAPrivateKey,
    lab_root: x509.Certificate,
    now: datetime,
) -> None:
    issued = issue_certificate(lab_root, ca_key, csr, None, None, now, now + timedelta(days=365))
    assert completes_request(issued, csr)


def test_certificate_for_another_key_does_not_complete_the_request(
    csr: x509.CertificateSigningRequest, lab_root: x509.Certificate
) -> None:
    assert not completes_request(lab_root, csr)


def test_sha1_request_is_intact_and_tampered_request_is_not(key: rsa.RSAPrivateKey) -> None:
    old = certificate_request(key, MAIL, [], hash_name="sha1")
    assert request_is_intact(old)
    der = bytearray(request_der(old))
    der[-4] ^= 0x01
    assert not request_is_intact(x509.load_der_x509_csr(bytes(der)))
