"""What Exchange reads off a certificate (§2.5) and whether it may use it (§4.2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, ExtensionOID, ObjectIdentifier

from exchange_sim.certs.names import common_name, format_distinguished_name, is_valid_domain_name
from exchange_sim.certs.signatures import signature_verifies
from exchange_sim.certs.thumbprint import Thumbprint

SERVER_AUTH_OID = ExtendedKeyUsageOID.SERVER_AUTH.dotted_string
# §4.2: Exchange refuses keys shorter than this.
MINIMUM_KEY_SIZE = 1024

# Windows' friendly names for signature algorithms (X509Certificate2.SignatureAlgorithm).
_SIGNATURE_NAMES = {
    "1.2.840.113549.1.1.4": "md5RSA",
    "1.2.840.113549.1.1.5": "sha1RSA",
    "1.2.840.113549.1.1.11": "sha256RSA",
    "1.2.840.113549.1.1.12": "sha384RSA",
    "1.2.840.113549.1.1.13": "sha512RSA",
    "1.2.840.113549.1.1.10": "RSASSA-PSS",
    "1.2.840.10040.4.3": "sha1DSA",
    "2.16.840.1.101.3.4.3.2": "sha256DSA",
    "1.2.840.10045.4.1": "sha1ECDSA",
    "1.2.840.10045.4.3.2": "sha256ECDSA",
    "1.2.840.10045.4.3.3": "sha384ECDSA",
    "1.2.840.10045.4.3.4": "sha512ECDSA",
}

# X509KeyUsageFlags names, in the order .NET lists them.
_KEY_USAGE_NAMES = (
    ("digital_signature", "DigitalSignature"),
    ("content_commitment", "NonRepudiation"),
    ("key_encipherment", "KeyEncipherment"),
    ("data_encipherment", "DataEncipherment"),
    ("key_agreement", "KeyAgreement"),
    ("key_cert_sign", "KeyCertSign"),
    ("crl_sign", "CrlSign"),
    ("encipher_only", "EncipherOnly"),
    ("decipher_only", "DecipherOnly"),
)


@dataclass(frozen=True)
class CertificateFacts:
    thumbprint: Thumbprint
    subject: str
    issuer: str
    subject_cn: str | None
    serial_number: str
    not_before: datetime
    not_after: datetime
    dns_names: tuple[str, ...]
    public_key_algorithm: str
    public_key_size: int
    signature_algorithm: str
    key_usage: frozenset[str] | None
    extended_key_usage: tuple[str, ...] | None
    is_self_signed: bool
    is_ca: bool
    subject_key_identifier: str
    key_identifier: str
    certificate_domains: tuple[str, ...]

    @classmethod
    def of(cls, cert: x509.Certificate, der: bytes | None = None) -> CertificateFacts:
        """`der`, when the caller has the encoding at hand, spares encoding the certificate again."""
        subject_cn = common_name(cert.subject)
        dns_names = _dns_names(cert)
        return cls(
            thumbprint=Thumbprint.of_der(der) if der is not None else Thumbprint.of(cert),
            subject=format_distinguished_name(cert.subject),
            issuer=format_distinguished_name(cert.issuer),
            subject_cn=subject_cn,
            serial_number=serial_number_text(cert.serial_number),
            not_before=cert.not_valid_before_utc,
            not_after=cert.not_valid_after_utc,
            dns_names=dns_names,
            public_key_algorithm=_key_algorithm(cert),
            public_key_size=_key_size(cert),
            signature_algorithm=_SIGNATURE_NAMES.get(
                cert.signature_algorithm_oid.dotted_string,
                cert.signature_algorithm_oid.dotted_string,
            ),
            key_usage=_key_usage(cert),
            extended_key_usage=_extended_key_usage(cert),
            is_self_signed=is_self_signed(cert),
            is_ca=_is_ca(cert),
            subject_key_identifier=_subject_key_identifier(cert),
            key_identifier=_key_identifier(cert),
            certificate_domains=certificate_domains(subject_cn, dns_names),
        )


def usability_problem(facts: CertificateFacts, has_private_key: bool) -> str | None:
    """§4.2's reason name when Exchange cannot use the certificate, else None."""
    if not has_private_key:
        return "PrivateKeyMissing"
    if facts.public_key_algorithm not in ("RSA", "DSA"):
        return "KeyAlgorithmUnsupported"
    if facts.key_usage and not facts.key_usage & {"DigitalSignature", "NonRepudiation"}:
        return "SigningNotSupported"
    if facts.extended_key_usage is not None and SERVER_AUTH_OID not in facts.extended_key_usage:
        return "PkixKpServerAuthNotFoundInEnhancedKeyUsage"
    if facts.public_key_size < MINIMUM_KEY_SIZE:
        return "PublicKeyUnsupportedSize"
    return None


def certificate_domains(subject_cn: str | None, dns_names: tuple[str, ...]) -> tuple[str, ...]:
    """§2.5: the CN first when it is a DNS name, then the SANs, without case-insensitive repeats."""
    candidates = ([subject_cn] if subject_cn and is_valid_domain_name(subject_cn) else []) + list(
        dns_names
    )
    seen: set[str] = set()
    domains: list[str] = []
    for name in candidates:
        if name.lower() not in seen:
            seen.add(name.lower())
            domains.append(name)
    return tuple(domains)


def serial_number_text(serial: int) -> str:
    """Hex of the DER INTEGER bytes, as Windows shows it (a leading 00 kept when encoded)."""
    length = (serial.bit_length() + 8) // 8
    return serial.to_bytes(length, "big", signed=True).hex().upper()


def is_self_signed(cert: x509.Certificate) -> bool:
    """Issuer equals subject and the certificate's own key verifies its signature."""
    return cert.issuer == cert.subject and signature_verifies(cert, cert)


def _extension(cert: x509.Certificate, oid: ObjectIdentifier) -> x509.ExtensionType | None:
    # A malformed or duplicated extension makes cryptography raise; Windows treats such a
    # certificate as lacking the extension for these read-outs, and so do we.
    try:
        return cert.extensions.get_extension_for_oid(oid).value
    except (x509.ExtensionNotFound, ValueError):
        return None


def _dns_names(cert: x509.Certificate) -> tuple[str, ...]:
    names = _extension(cert, ExtensionOID.SUBJECT_ALTERNATIVE_NAME)
    if not isinstance(names, x509.SubjectAlternativeName):
        return ()
    return tuple(names.get_values_for_type(x509.DNSName))


def _key_usage(cert: x509.Certificate) -> frozenset[str] | None:
    usage = _extension(cert, ExtensionOID.KEY_USAGE)
    if not isinstance(usage, x509.KeyUsage):
        return None
    names = set()
    for attribute, name in _KEY_USAGE_NAMES:
        try:
            if getattr(usage, attribute):
                names.add(name)
        except ValueError:
            # encipher_only/decipher_only raise unless keyAgreement is set.
            continue
    return frozenset(names)


def _extended_key_usage(cert: x509.Certificate) -> tuple[str, ...] | None:
    usage = _extension(cert, ExtensionOID.EXTENDED_KEY_USAGE)
    if not isinstance(usage, x509.ExtendedKeyUsage):
        return None
    return tuple(oid.dotted_string for oid in usage)


def _is_ca(cert: x509.Certificate) -> bool:
    constraints = _extension(cert, ExtensionOID.BASIC_CONSTRAINTS)
    return isinstance(constraints, x509.BasicConstraints) and constraints.ca


def _subject_key_identifier(cert: x509.Certificate) -> str:
    identifier = _extension(cert, ExtensionOID.SUBJECT_KEY_IDENTIFIER)
    if not isinstance(identifier, x509.SubjectKeyIdentifier):
        return ""
    return identifier.digest.hex().upper()


def _key_identifier(cert: x509.Certificate) -> str:
    try:
        return x509.SubjectKeyIdentifier.from_public_key(cert.public_key()).digest.hex().upper()
    except (ValueError, TypeError, UnsupportedAlgorithm):
        return ""


def _key_algorithm(cert: x509.Certificate) -> str:
    try:
        key = cert.public_key()
    except (ValueError, UnsupportedAlgorithm):
        return "Unknown"
    if isinstance(key, rsa.RSAPublicKey):
        return "RSA"
    if isinstance(key, dsa.DSAPublicKey):
        return "DSA"
    if isinstance(key, ec.EllipticCurvePublicKey):
        return "ECC"
    if isinstance(key, ed25519.Ed25519PublicKey):
        return "Ed25519"
    if isinstance(key, ed448.Ed448PublicKey):
        return "Ed448"
    return "Unknown"


def _key_size(cert: x509.Certificate) -> int:
    try:
        key = cert.public_key()
    except (ValueError, UnsupportedAlgorithm):
        return 0
    size = getattr(key, "key_size", None)
    if isinstance(size, int):
        return size
    curve = getattr(key, "curve", None)
    return int(getattr(curve, "key_size", 0))
