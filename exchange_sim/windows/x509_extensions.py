"""The objects behind `X509Certificate2.Extensions` and `.PublicKey`: X509Extension and its typed kinds
(Key Usage, Basic Constraints, Enhanced Key Usage, Subject Key Identifier), Oid with .NET's friendly
names, and the RSA public key with its KeySize. Certificate-detail runbooks walk these."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from cryptography.x509.oid import ExtensionOID

from exchange_sim.powershell.values.enum_conversion import DotNetFlags

_NAMESPACE = "System.Security.Cryptography.X509Certificates"

# The friendly names Windows gives these OIDs (Oid.FriendlyName on an English system).
_FRIENDLY_NAMES = {
    "2.5.29.14": "Subject Key Identifier",
    "2.5.29.15": "Key Usage",
    "2.5.29.17": "Subject Alternative Name",
    "2.5.29.19": "Basic Constraints",
    "2.5.29.31": "CRL Distribution Points",
    "2.5.29.32": "Certificate Policies",
    "2.5.29.35": "Authority Key Identifier",
    "2.5.29.37": "Enhanced Key Usage",
    "1.3.6.1.5.5.7.1.1": "Authority Information Access",
    "1.3.6.1.4.1.311.20.2": "Certificate Template Name",
    "1.3.6.1.4.1.311.21.7": "Certificate Template Information",
    "1.3.6.1.4.1.311.21.10": "Application Policies",
    "1.3.6.1.5.5.7.3.1": "Server Authentication",
    "1.3.6.1.5.5.7.3.2": "Client Authentication",
    "1.3.6.1.5.5.7.3.3": "Code Signing",
    "1.3.6.1.5.5.7.3.4": "Secure Email",
    "1.3.6.1.5.5.7.3.8": "Time Stamping",
    "1.3.6.1.5.5.7.3.9": "OCSP Signing",
    "1.2.840.113549.1.1.1": "RSA",
}


class Oid:
    """System.Security.Cryptography.Oid."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Security.Cryptography.Oid", "System.Object")

    def __init__(self, value: str, friendly_name: str | None = None) -> None:
        self.value = value
        self.friendly_name = _FRIENDLY_NAMES.get(value, "") if friendly_name is None else friendly_name

    def ps_properties(self) -> Mapping[str, Any]:
        return {"Value": self.value, "FriendlyName": self.friendly_name}

    def __str__(self) -> str:
        return "System.Security.Cryptography.Oid"


class X509KeyUsageFlags(DotNetFlags):
    none = 0
    EncipherOnly = 1
    CrlSign = 2
    KeyCertSign = 4
    KeyAgreement = 8
    DataEncipherment = 16
    KeyEncipherment = 32
    NonRepudiation = 64
    DigitalSignature = 128
    DecipherOnly = 32768


X509KeyUsageFlags.none._name_ = "None"
X509KeyUsageFlags.ps_type_name = f"{_NAMESPACE}.X509KeyUsageFlags"  # type: ignore[attr-defined]

_KEY_USAGE_BITS = {
    "digital_signature": X509KeyUsageFlags.DigitalSignature,
    "content_commitment": X509KeyUsageFlags.NonRepudiation,
    "key_encipherment": X509KeyUsageFlags.KeyEncipherment,
    "data_encipherment": X509KeyUsageFlags.DataEncipherment,
    "key_agreement": X509KeyUsageFlags.KeyAgreement,
    "key_cert_sign": X509KeyUsageFlags.KeyCertSign,
    "crl_sign": X509KeyUsageFlags.CrlSign,
}


class X509Extension:
    """One extension of a certificate. `New-Object X509KeyUsageExtension $ext, $true` (and the other typed
    kinds) take an X509Extension and re-read it as that kind."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        f"{_NAMESPACE}.X509Extension", "System.Security.Cryptography.AsnEncodedData", "System.Object")

    def __init__(self, source: Any, critical: Any = None) -> None:
        if not isinstance(source, (X509Extension, x509.Extension)):
            raise TypeError("an X509Extension is needed")  # becomes .NET's constructor error in New-Object
        self.extension: x509.Extension = source.extension if isinstance(source, X509Extension) else source
        self.critical = self.extension.critical if critical is None else bool(critical)

    @property
    def raw_data(self) -> bytes:
        return self.extension.value.public_bytes()

    def ps_properties(self) -> Mapping[str, Any]:
        return {"Critical": self.critical, "Oid": Oid(self.extension.oid.dotted_string),
                "RawData": list(self.raw_data)}

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        return {"Format": lambda _multi_line=False: self.raw_data.hex(" ")}

    def __str__(self) -> str:
        return self.ps_type_names[0]


class X509KeyUsageExtension(X509Extension):
    ps_type_names = (f"{_NAMESPACE}.X509KeyUsageExtension",) + X509Extension.ps_type_names

    def key_usages(self) -> X509KeyUsageFlags:
        usage = self.extension.value
        flags = X509KeyUsageFlags.none
        for attribute, flag in _KEY_USAGE_BITS.items():
            if getattr(usage, attribute):
                flags |= flag
        if usage.key_agreement:  # the two bits only mean something together with key agreement
            flags |= X509KeyUsageFlags.EncipherOnly if usage.encipher_only else X509KeyUsageFlags.none
            flags |= X509KeyUsageFlags.DecipherOnly if usage.decipher_only else X509KeyUsageFlags.none
        return flags

    def ps_properties(self) -> Mapping[str, Any]:
        return {**super().ps_properties(), "KeyUsages": self.key_usages()}


class X509BasicConstraintsExtension(X509Extension):
    ps_type_names = (f"{_NAMESPACE}.X509BasicConstraintsExtension",) + X509Extension.ps_type_names

    def ps_properties(self) -> Mapping[str, Any]:
        constraints = self.extension.value
        return {**super().ps_properties(), "CertificateAuthority": constraints.ca,
                "HasPathLengthConstraint": constraints.path_length is not None,
                "PathLengthConstraint": constraints.path_length or 0}


class X509EnhancedKeyUsageExtension(X509Extension):
    ps_type_names = (f"{_NAMESPACE}.X509EnhancedKeyUsageExtension",) + X509Extension.ps_type_names

    def ps_properties(self) -> Mapping[str, Any]:
        return {**super().ps_properties(),
                "EnhancedKeyUsages": [Oid(usage.dotted_string) for usage in self.extension.value]}


class X509SubjectKeyIdentifierExtension(X509Extension):
    ps_type_names = (f"{_NAMESPACE}.X509SubjectKeyIdentifierExtension",) + X509Extension.ps_type_names

    def ps_properties(self) -> Mapping[str, Any]:
        return {**super().ps_properties(), "SubjectKeyIdentifier": self.extension.value.digest.hex().upper()}


_TYPED = {
    ExtensionOID.KEY_USAGE: X509KeyUsageExtension,
    ExtensionOID.BASIC_CONSTRAINTS: X509BasicConstraintsExtension,
    ExtensionOID.EXTENDED_KEY_USAGE: X509EnhancedKeyUsageExtension,
    ExtensionOID.SUBJECT_KEY_IDENTIFIER: X509SubjectKeyIdentifierExtension,
}

EXTENSION_TYPES = (X509Extension, *_TYPED.values())


def certificate_extensions(certificate: x509.Certificate) -> list[X509Extension]:
    """`.Extensions` as .NET fills it: the known kinds typed, the rest plain X509Extension, in order."""
    found: list[X509Extension] = []
    for extension in certificate.extensions:
        kind = _TYPED.get(extension.oid, X509Extension)
        try:
            found.append(kind(extension))
        except (AttributeError, NotImplementedError, ValueError):
            continue  # an extension `cryptography` cannot re-encode is left out rather than shown wrong
    return found


class PublicKey:
    """System.Security.Cryptography.X509Certificates.PublicKey: `.Key.KeySize`, `.Oid`."""

    ps_type_names: ClassVar[tuple[str, ...]] = (f"{_NAMESPACE}.PublicKey", "System.Object")

    def __init__(self, key: Any) -> None:
        self._key = key

    def ps_properties(self) -> Mapping[str, Any]:
        encoded = self._key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
        return {"Key": RsaKey(self._key) if isinstance(self._key, rsa.RSAPublicKey) else None,
                "Oid": Oid("1.2.840.113549.1.1.1") if isinstance(self._key, rsa.RSAPublicKey) else None,
                "EncodedKeyValue": list(encoded)}

    def __str__(self) -> str:
        return self.ps_type_names[0]


class RsaKey:
    """The RSACryptoServiceProvider Windows PowerShell 5.1 hands out for an RSA public key."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "System.Security.Cryptography.RSACryptoServiceProvider", "System.Security.Cryptography.RSA",
        "System.Security.Cryptography.AsymmetricAlgorithm", "System.Object")

    def __init__(self, key: rsa.RSAPublicKey) -> None:
        self._key = key

    def ps_properties(self) -> Mapping[str, Any]:
        return {"KeySize": self._key.key_size, "KeyExchangeAlgorithm": "RSA-PKCS1-KeyEx",
                "SignatureAlgorithm": "http://www.w3.org/2000/09/xmldsig#rsa-sha1", "PublicOnly": True}

    def __str__(self) -> str:
        return self.ps_type_names[0]
