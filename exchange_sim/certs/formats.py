"""Reading certificate files by content (§6.3) and writing PFX, PKCS#7 and request files."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding, PrivateFormat, pkcs12

from exchange_sim.certs.der import SEQUENCE, DerElement, DerError, children, read_element

BundleKind = Literal["pkcs12", "pkcs7", "x509"]

_PEM_BLOCK = re.compile(rb"-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \1-----", re.DOTALL)
_CERTIFICATE_LABELS = {b"CERTIFICATE", b"X509 CERTIFICATE"}
_PKCS7_LABELS = {b"PKCS7", b"CMS", b"PKCS #7 SIGNED DATA"}
_REQUEST_LABELS = {b"NEW CERTIFICATE REQUEST", b"CERTIFICATE REQUEST"}
_WHITESPACE = re.compile(rb"\s+")

# PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, ... } — enough to tell a
# damaged file from a PKCS#12 whose password is wrong, which cryptography reports the same way.
_PKCS12_VERSION = b"\x02\x01\x03"
_PKCS7_DATA_OID = bytes.fromhex("06092a864886f70d010701")
_PKCS7_SIGNED_OID = bytes.fromhex("06092a864886f70d010702")


class CertificateDataError(ValueError):
    """Certificate or request data that cannot be used."""


class WrongPassword(CertificateDataError):
    def __init__(self) -> None:
        super().__init__("The PKCS#12 data cannot be opened: the password is missing or wrong")


class CertificateDataInvalid(CertificateDataError):
    pass


class Base64DataInvalid(CertificateDataError):
    pass


class RequestDataInvalid(CertificateDataError):
    pass


@dataclass(frozen=True)
class CertificateBundle:
    """What a file held. `key_certificate` is the certificate `private_key` belongs to."""

    certificates: tuple[x509.Certificate, ...]
    private_key: rsa.RSAPrivateKey | None
    key_certificate: x509.Certificate | None
    friendly_name: str | None
    kind: BundleKind

    def key_for(self, cert: x509.Certificate) -> rsa.RSAPrivateKey | None:
        """The bundle's private key if it belongs to `cert` (e.g. the chosen leaf), else None."""
        if self.private_key is None or self.key_certificate != cert:
            return None
        return self.private_key


def read_certificate_data(data: bytes, password: str | None) -> CertificateBundle:
    """Detects DER, PEM, bare Base64, PKCS#7 and PKCS#12 by content, never by file name."""
    if not isinstance(data, (bytes, bytearray)):
        raise CertificateDataInvalid("Certificate data must be bytes")
    data = bytes(data)
    if not data.strip():
        raise CertificateDataInvalid("The source data is empty and cannot be imported")
    text = _as_text(data)
    if text is not None:
        if b"-----BEGIN " in text:
            return _read_pem(text)
        return _read_binary(_decode_base64(text), password)
    return _read_binary(data, password)


def load_certificate_der(der: bytes) -> x509.Certificate:
    """A certificate kept as DER (a store entry); damage is a CertificateDataInvalid."""
    return _load_der_certificate(bytes(der))


def leaf_of(bundle: CertificateBundle) -> x509.Certificate:
    """§6.2 step 4: one certificate is taken as is; otherwise the first non-CA KeyUsage holder."""
    if len(bundle.certificates) == 1:
        return bundle.certificates[0]
    for cert in bundle.certificates:
        try:
            usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        except (x509.ExtensionNotFound, ValueError):
            continue
        if not usage.key_cert_sign:
            return cert
    raise CertificateDataInvalid(
        "The source data contains no end-entity certificate (none has a key usage without "
        "certificate signing)"
    )


def export_pkcs12(
    cert: x509.Certificate,
    key: rsa.RSAPrivateKey,
    password: str,
    friendly_name: str | None = None,
) -> bytes:
    """A PFX of one certificate and its key (§8.2): AES-256, SHA-256 MAC; openssl 3 opens it."""
    if not password:
        raise ValueError("A password is required to export a private key")
    if cert.public_key() != key.public_key():
        raise ValueError("The private key does not belong to the certificate being exported")
    encryption = (
        PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(2048)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(password.encode("utf-8"))
    )
    name = friendly_name.encode("utf-8") if friendly_name else None
    return pkcs12.serialize_key_and_certificates(name, key, cert, None, encryption)


def request_der(csr: x509.CertificateSigningRequest) -> bytes:
    return csr.public_bytes(Encoding.DER)


def request_text(csr: x509.CertificateSigningRequest) -> str:
    """The request as Exchange returns it: NEW CERTIFICATE REQUEST armour, 64 columns, CRLF."""
    body = base64.b64encode(request_der(csr)).decode("ascii")
    lines = [body[index : index + 64] for index in range(0, len(body), 64)]
    return (
        "-----BEGIN NEW CERTIFICATE REQUEST-----\r\n"
        + "".join(line + "\r\n" for line in lines)
        + "-----END NEW CERTIFICATE REQUEST-----\r\n"
    )


def request_base64(csr: x509.CertificateSigningRequest) -> str:
    """Bare Base64 of the request, as the CertificateRequest property shows it (§2.5)."""
    return base64.b64encode(request_der(csr)).decode("ascii")


def load_request(data: bytes | str) -> x509.CertificateSigningRequest:
    """A PKCS#10 from PEM (either armour), DER, or bare Base64."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if not raw.strip():
        raise RequestDataInvalid("The certificate request is empty")
    text = _as_text(raw)
    if text is not None:
        blocks = _PEM_BLOCK.findall(text)
        if blocks:
            label, body = blocks[0]
            if label not in _REQUEST_LABELS:
                raise RequestDataInvalid(
                    f"Expected a certificate request, found '{label.decode()}'"
                )
            der = _decode_base64(body, RequestDataInvalid)
        else:
            der = _decode_base64(text, RequestDataInvalid)
    else:
        der = raw
    try:
        return x509.load_der_x509_csr(der)
    except ValueError as error:
        raise RequestDataInvalid("The data is not a valid PKCS#10 certificate request") from error


def certificate_der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(Encoding.DER)


def certificate_pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(Encoding.PEM).decode("ascii")


def pkcs7_chain(certs: Sequence[x509.Certificate]) -> bytes:
    """A degenerate PKCS#7 (certificates only, DER) — the .p7b a CA hands back."""
    if not certs:
        raise ValueError("A PKCS#7 chain needs at least one certificate")
    from cryptography.hazmat.primitives.serialization import pkcs7  # imports the email package: only on use

    return pkcs7.serialize_certificates(list(certs), Encoding.DER)


def _as_text(data: bytes) -> bytes | None:
    """The data as 7-bit text if it is text, else None (binary).

    §6.2 step 2: bytes all below 0x7F are text (PEM or Base64). Windows' own decoders also take
    Base64 saved with a byte-order mark, which is what `Out-File` (UTF-16) and Notepad (UTF-8)
    write, so those are unwrapped first.
    """
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                decoded = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                return None
            return decoded.encode("ascii") if decoded.isascii() else None
    return data if all(byte < 0x7F for byte in data) else None


def _decode_base64(text: bytes, error: type[CertificateDataError] = Base64DataInvalid) -> bytes:
    compact = _WHITESPACE.sub(b"", text)
    try:
        decoded = base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError) as cause:
        raise error("The data is damaged or is not valid Base64") from cause
    if not decoded:
        raise error("The data is damaged or is not valid Base64")
    return decoded


def _read_pem(data: bytes) -> CertificateBundle:
    blocks = _PEM_BLOCK.findall(data)
    if not blocks:
        raise CertificateDataInvalid("The PEM armour is not closed")
    certificates: list[x509.Certificate] = []
    kind: BundleKind = "x509"
    for label, body in blocks:
        der = _decode_base64(body)
        if label in _CERTIFICATE_LABELS or label in _PKCS7_LABELS:
            # Labels are not trusted: a Windows CA's Base64 chain download is a PKCS#7 under
            # BEGIN CERTIFICATE, and Exchange only strips the armour (§6.2 step 2).
            if _looks_like_pkcs7(der):
                certificates.extend(_load_pkcs7(der))
                kind = "pkcs7"
            else:
                certificates.append(_load_der_certificate(der))
        elif label in _REQUEST_LABELS:
            raise CertificateDataInvalid("The data is a certificate request, not a certificate")
        else:
            raise CertificateDataInvalid(
                f"PEM blocks of type '{label.decode()}' cannot be imported"
            )
    return CertificateBundle(tuple(certificates), None, None, None, kind)


def _read_binary(data: bytes, password: str | None) -> CertificateBundle:
    try:
        cert = x509.load_der_x509_certificate(data)
    except ValueError:
        pass
    else:
        return CertificateBundle((cert,), None, None, None, "x509")
    if _looks_like_pkcs7(data):
        return CertificateBundle(tuple(_load_pkcs7(data)), None, None, None, "pkcs7")
    if _looks_like_pkcs12(data):
        return _load_pkcs12(data, password)
    raise CertificateDataInvalid(
        "The data is not a certificate, PKCS#7 chain or PKCS#12 file, or it is damaged"
    )


def _load_der_certificate(der: bytes) -> x509.Certificate:
    try:
        return x509.load_der_x509_certificate(der)
    except ValueError as error:
        raise CertificateDataInvalid("The certificate is damaged") from error


def _load_pkcs7(der: bytes) -> list[x509.Certificate]:
    try:
        certificates = _pkcs7_certificates_in_file_order(der)
    except DerError:
        # Not definite-length DER (BER from an old exporter): let cryptography parse it.
        try:
            from cryptography.hazmat.primitives.serialization import pkcs7

            certificates = list(pkcs7.load_der_pkcs7_certificates(der))
        except ValueError as error:
            raise CertificateDataInvalid("The PKCS#7 data is damaged") from error
    if not certificates:
        raise CertificateDataInvalid("The PKCS#7 data holds no certificate")
    return certificates


def _pkcs7_certificates_in_file_order(der: bytes) -> list[x509.Certificate]:
    """Certificates of a SignedData as they appear in the file.

    §6.2's leaf choice is "the first certificate that…", so file order matters; cryptography's
    loader wants the SET OF sorted (openssl does not sort) and would warn or reorder.
    """
    content_info = read_element(der)
    if content_info.tag != SEQUENCE or content_info.end != len(der):
        raise DerError("not a ContentInfo")
    oid, explicit, *_ = children(der, content_info) + [None, None]
    if (
        oid is None
        or explicit is None
        or oid.encoded(der) != _PKCS7_SIGNED_OID
        or explicit.tag != 0xA0
    ):
        raise DerError("not a SignedData ContentInfo")
    signed_data = children(der, explicit)
    if len(signed_data) != 1 or signed_data[0].tag != SEQUENCE:
        raise DerError("damaged SignedData")
    certificates: list[x509.Certificate] = []
    for field in children(der, signed_data[0]):
        if field.tag == 0xA0:  # certificates [0] IMPLICIT SET OF Certificate
            for item in children(der, field):
                certificates.append(_load_der_certificate(item.encoded(der)))
    return certificates


def _load_pkcs12(data: bytes, password: str | None) -> CertificateBundle:
    # Windows treats a null password and an empty one alike, so try both when none is given.
    candidates = [password.encode("utf-8")] if password else [None, b""]
    for candidate in candidates:
        try:
            loaded = pkcs12.load_pkcs12(data, candidate)
        except ValueError:
            continue
        break
    else:
        raise WrongPassword()
    key = loaded.key
    if key is not None and not isinstance(key, rsa.RSAPrivateKey):
        raise CertificateDataInvalid(
            "The PKCS#12 private key is not an RSA key, which the simulator does not support"
        )
    certificates: list[x509.Certificate] = []
    friendly_name: str | None = None
    if loaded.cert is not None:
        certificates.append(loaded.cert.certificate)
        if loaded.cert.friendly_name:
            friendly_name = loaded.cert.friendly_name.decode("utf-8", "replace")
    certificates.extend(extra.certificate for extra in loaded.additional_certs)
    if not certificates:
        raise CertificateDataInvalid("The PKCS#12 data holds no certificate")
    key_certificate = None
    if key is not None:
        # The key belongs to the certificate with the same public key, wherever it sits.
        key_certificate = next(
            (cert for cert in certificates if _holds_public_key(cert, key)), None
        )
    return CertificateBundle(tuple(certificates), key, key_certificate, friendly_name, "pkcs12")


def _holds_public_key(cert: x509.Certificate, key: rsa.RSAPrivateKey) -> bool:
    try:
        return cert.public_key() == key.public_key()
    except (ValueError, UnsupportedAlgorithm):
        return False


def _outer_sequence(data: bytes) -> DerElement | None:
    if data[:2] == b"\x30\x80":
        # BER indefinite length (some Java and older Windows exporters): the end is not checkable.
        return DerElement(SEQUENCE, 0, 2, len(data))
    try:
        outer = read_element(data)
    except DerError:
        return None
    if outer.tag != SEQUENCE or outer.end != len(data):
        return None
    return outer


def _looks_like_pkcs7(data: bytes) -> bool:
    outer = _outer_sequence(data)
    return outer is not None and data[outer.content_start :].startswith(_PKCS7_SIGNED_OID)


def _looks_like_pkcs12(data: bytes) -> bool:
    outer = _outer_sequence(data)
    if outer is None or not data[outer.content_start :].startswith(_PKCS12_VERSION):
        return False
    try:
        auth_safe = read_element(data, outer.content_start + len(_PKCS12_VERSION))
    except DerError:
        return False
    content_type = data[auth_safe.content_start :]
    return auth_safe.tag == SEQUENCE and (
        content_type.startswith(_PKCS7_DATA_OID) or content_type.startswith(_PKCS7_SIGNED_OID)
    )
