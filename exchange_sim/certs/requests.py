"""Pending requests as Windows keeps them: the REQUEST placeholder, its completion (§5.4, §6.2)."""

from __future__ import annotations

from datetime import datetime

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa

from exchange_sim.certs.builders import requested_dns_names, self_signed_certificate
from exchange_sim.certs.signatures import request_signature_verifies


class RequestKeyMismatch(ValueError):
    """The key offered for a placeholder is not the key the request was made with."""


def request_placeholder(
    key: rsa.RSAPrivateKey,
    csr: x509.CertificateSigningRequest,
    not_before: datetime,
    not_after: datetime,
) -> x509.Certificate:
    """The self-signed dummy certificate Windows enrollment parks in LocalMachine\\REQUEST.

    It carries the request's subject, names and key, so Get-ExchangeCertificate can show the
    pending request (its thumbprint is not the one the issued certificate will have). Its
    validity is unconfirmed in the reference; the caller picks it.
    """
    if key.public_key() != csr.public_key():
        raise RequestKeyMismatch("The private key does not belong to this certificate request")
    hash_name = "sha1" if isinstance(csr.signature_hash_algorithm, hashes.SHA1) else "sha256"
    return self_signed_certificate(
        key, csr.subject, requested_dns_names(csr), not_before, not_after, hash_name=hash_name
    )


def completes_request(cert: x509.Certificate, csr: x509.CertificateSigningRequest) -> bool:
    """§6.2 path A: an issued certificate answers a pending request when it holds its public key."""
    try:
        return cert.public_key() == csr.public_key()
    except (ValueError, UnsupportedAlgorithm):
        return False


def request_is_intact(csr: x509.CertificateSigningRequest) -> bool:
    """The request's self-signature verifies (SHA-1 requests included)."""
    return request_signature_verifies(csr)
