"""Signature checks and SHA-1 signing, which `cryptography` itself no longer offers.

Exchange 2016/2019 setup certificates are sha1RSA (§11), and Windows still verifies them;
`cryptography` refuses to create SHA-1 signatures and its `verify_directly_issued_by` refuses
to check them, so both are done here from the raw to-be-signed bytes.
"""

from __future__ import annotations

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, padding, rsa

from exchange_sim.certs.der import BIT_STRING, SEQUENCE, DerError, children, encode, read_element

# AlgorithmIdentifier { sha256WithRSAEncryption, NULL } and its SHA-1 twin: the same length,
# so a certificate's to-be-signed part can switch from one to the other in place.
_SHA256_RSA = bytes.fromhex("300d06092a864886f70d01010b0500")
_SHA1_RSA = bytes.fromhex("300d06092a864886f70d0101050500")


def signature_verifies(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """Whether `issuer` is named as the issuer and its key verifies `cert`'s signature."""
    if cert.issuer != issuer.subject:
        return False
    try:
        return _verify(cert, issuer.public_key())
    except (InvalidSignature, ValueError, TypeError, UnsupportedAlgorithm):
        return False


def request_signature_verifies(csr: x509.CertificateSigningRequest) -> bool:
    try:
        key = csr.public_key()
        hash_algorithm = csr.signature_hash_algorithm
        if isinstance(key, rsa.RSAPublicKey) and hash_algorithm is not None:
            key.verify(csr.signature, csr.tbs_certrequest_bytes, padding.PKCS1v15(), hash_algorithm)
            return True
        return csr.is_signature_valid
    except (InvalidSignature, ValueError, TypeError, UnsupportedAlgorithm):
        return False


def resign_with_sha1(cert: x509.Certificate, key: rsa.RSAPrivateKey) -> x509.Certificate:
    """The same certificate, signed sha1RSA by `key` (which must be the issuer's key).

    `cert` must have been signed sha256RSA; its to-be-signed part is kept byte for byte except
    for the signature algorithm it announces.
    """
    tbs = cert.tbs_certificate_bytes
    try:
        tbs_element = read_element(tbs)
        fields = children(tbs, tbs_element)
    except DerError as error:
        raise ValueError("The certificate's to-be-signed part is not valid DER") from error
    # TBSCertificate ::= SEQUENCE { [0] version, serialNumber, signature AlgorithmIdentifier, ... }
    algorithm = fields[2] if fields and fields[0].tag == 0xA0 else fields[1]
    if algorithm.encoded(tbs) != _SHA256_RSA:
        raise ValueError("Only a sha256RSA certificate can be re-signed with SHA-1")
    new_tbs = tbs[: algorithm.start] + _SHA1_RSA + tbs[algorithm.end :]
    signature = key.sign(new_tbs, padding.PKCS1v15(), hashes.SHA1())
    der = encode(SEQUENCE, new_tbs + _SHA1_RSA + encode(BIT_STRING, b"\x00" + signature))
    return x509.load_der_x509_certificate(der)


def sign_request_with_sha1(
    csr: x509.CertificateSigningRequest, key: rsa.RSAPrivateKey
) -> x509.CertificateSigningRequest:
    """The same PKCS#10 request, signed sha1RSA (the request info carries no algorithm)."""
    info = csr.tbs_certrequest_bytes
    signature = key.sign(info, padding.PKCS1v15(), hashes.SHA1())
    der = encode(SEQUENCE, info + _SHA1_RSA + encode(BIT_STRING, b"\x00" + signature))
    return x509.load_der_x509_csr(der)


def _verify(cert: x509.Certificate, public_key: object) -> bool:
    tbs = cert.tbs_certificate_bytes
    hash_algorithm = cert.signature_hash_algorithm
    if isinstance(public_key, rsa.RSAPublicKey):
        scheme = cert.signature_algorithm_parameters
        if not isinstance(scheme, (padding.PKCS1v15, padding.PSS)) or hash_algorithm is None:
            return False
        public_key.verify(cert.signature, tbs, scheme, hash_algorithm)
        return True
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        scheme = cert.signature_algorithm_parameters
        if not isinstance(scheme, ec.ECDSA):
            return False
        public_key.verify(cert.signature, tbs, scheme)
        return True
    if isinstance(public_key, dsa.DSAPublicKey) and hash_algorithm is not None:
        public_key.verify(cert.signature, tbs, hash_algorithm)
        return True
    if isinstance(public_key, (ed25519.Ed25519PublicKey, ed448.Ed448PublicKey)):
        public_key.verify(cert.signature, tbs)
        return True
    return False
