"""System.Security.Cryptography.X509Certificates.X509Certificate2 over the lab's certificates: the items of
the `Cert:\\` drive and what `New-Object ...X509Certificate2` gives."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import Any, ClassVar

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, Encoding, NoEncryption, pkcs12
from cryptography.x509.oid import ExtensionOID, NameOID

from exchange_sim.lab import StoreEntry
from exchange_sim.powershell.values.enum_conversion import DotNetEnum, DotNetFlags
from exchange_sim.powershell.values.exceptions import CryptographicException
from exchange_sim.windows.x509_extensions import Oid, PublicKey, certificate_extensions

PROVIDER_PREFIX = "Microsoft.PowerShell.Security\\Certificate::"
_NAMESPACE = "System.Security.Cryptography.X509Certificates"


class X509ContentType(DotNetEnum):
    """What `X509Certificate2.Export` writes."""

    Unknown = 0
    Cert = 1
    SerializedCert = 2
    Pfx = 3
    Pkcs12 = 3
    SerializedStore = 4
    Pkcs7 = 5
    Authenticode = 6


class X509KeyStorageFlags(DotNetFlags):
    """How a PFX's key is kept; the lab keeps every imported key the same way, so these are only accepted."""

    DefaultKeySet = 0
    UserKeySet = 1
    MachineKeySet = 2
    Exportable = 4
    UserProtected = 8
    PersistKeySet = 16
    EphemeralKeySet = 32


# Set after the class bodies: inside an Enum body the name would become a member.
X509ContentType.ps_type_name = f"{_NAMESPACE}.X509ContentType"  # type: ignore[attr-defined]
X509KeyStorageFlags.ps_type_name = f"{_NAMESPACE}.X509KeyStorageFlags"  # type: ignore[attr-defined]

# X500DistinguishedName.Name spells these attributes the Windows way (S=, E=).
_ATTRIBUTE_NAMES = {
    NameOID.COMMON_NAME: "CN",
    NameOID.ORGANIZATIONAL_UNIT_NAME: "OU",
    NameOID.ORGANIZATION_NAME: "O",
    NameOID.LOCALITY_NAME: "L",
    NameOID.STATE_OR_PROVINCE_NAME: "S",
    NameOID.COUNTRY_NAME: "C",
    NameOID.EMAIL_ADDRESS: "E",
    NameOID.DOMAIN_COMPONENT: "DC",
    NameOID.STREET_ADDRESS: "STREET",
    NameOID.SERIAL_NUMBER: "SERIALNUMBER",
}

_SIGNATURE_NAMES = {
    "sha1WithRSAEncryption": "sha1RSA",
    "sha256WithRSAEncryption": "sha256RSA",
    "sha384WithRSAEncryption": "sha384RSA",
    "sha512WithRSAEncryption": "sha512RSA",
    "md5WithRSAEncryption": "md5RSA",
}


# Windows' friendly names of the usages runbooks filter on (Get-ChildItem Cert:\ -EKU, EnhancedKeyUsageList).
EKU_NAMES = {
    "1.3.6.1.5.5.7.3.1": "Server Authentication",
    "1.3.6.1.5.5.7.3.2": "Client Authentication",
    "1.3.6.1.5.5.7.3.3": "Code Signing",
    "1.3.6.1.5.5.7.3.4": "Secure Email",
    "1.3.6.1.5.5.7.3.8": "Time Stamping",
    "1.3.6.1.5.5.7.3.9": "OCSP Signing",
    "1.3.6.1.4.1.311.10.3.4": "Encrypting File System",
    "1.3.6.1.4.1.311.20.2.2": "Smart Card Logon",
    "1.3.6.1.4.1.311.80.1": "Document Encryption",
    "2.5.29.37.0": "Any Purpose",
}


class EnhancedKeyUsageRepresentation:
    """Microsoft.PowerShell.Commands.EnhancedKeyUsageRepresentation: one entry of EnhancedKeyUsageList."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("Microsoft.PowerShell.Commands.EnhancedKeyUsageRepresentation",
                                                "System.Object")

    def __init__(self, object_id: str) -> None:
        self.object_id = object_id
        self.friendly_name = EKU_NAMES.get(object_id, "")

    def ps_properties(self) -> Mapping[str, Any]:
        return {"FriendlyName": self.friendly_name, "ObjectId": self.object_id}

    def __str__(self) -> str:
        return f"{self.friendly_name} ({self.object_id})"


def distinguished_name(name: x509.Name) -> str:
    """Most specific part first, joined by ", " as Windows shows a subject."""
    parts = []
    for rdn in reversed(list(name.rdns)):
        parts.append(
            " + ".join(
                f"{_ATTRIBUTE_NAMES.get(attribute.oid, attribute.oid.dotted_string)}={attribute.value}"
                for attribute in rdn
            )
        )
    return ", ".join(parts)


def load_certificate(data: bytes) -> x509.Certificate:
    """DER or PEM, as the X509Certificate2 constructor accepts; anything else is .NET's error."""
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise CryptographicException("Cannot find the requested object.") from None


def open_certificate(data: bytes, password: str | None = None) -> X509Certificate2:
    """`New-Object X509Certificate2(bytes|path, password)`: a DER/PEM certificate or a PFX with its key."""
    raw = bytes(data)
    if raw[:1] == b"\x30":
        try:
            return X509Certificate2(x509.load_der_x509_certificate(raw))
        except ValueError:
            pass  # not a bare certificate: a PFX starts with a SEQUENCE too
        bundle = None
        # .NET treats an empty password and none alike; a PFX may be sealed with either.
        for secret in ([None, b""] if not password else [str(password).encode()]):
            try:
                bundle = pkcs12.load_pkcs12(raw, secret)
                break
            except ValueError:
                continue
        if bundle is None:
            raise CryptographicException("The specified network password is not correct.")
        if bundle.cert is None:
            raise CryptographicException("Cannot find the requested object.")
        rsa_key = bundle.key if isinstance(bundle.key, rsa.RSAPrivateKey) else None
        friendly = (bundle.cert.friendly_name or b"").decode("utf-8", "replace")
        return X509Certificate2(
            bundle.cert.certificate, friendly, has_private_key=rsa_key is not None, private_key=rsa_key
        )
    return X509Certificate2(load_certificate(raw))


class X509Certificate2:
    ps_type_names: ClassVar[tuple[str, ...]] = (
        "System.Security.Cryptography.X509Certificates.X509Certificate2",
        "System.Security.Cryptography.X509Certificates.X509Certificate",
        "System.Object",
    )

    def __init__(
        self,
        certificate: x509.Certificate,
        friendly_name: str = "",
        has_private_key: bool = False,
        store_path: str | None = None,
        private_key: rsa.RSAPrivateKey | None = None,
    ) -> None:
        """`store_path` is the drive path of the store holding it (`LocalMachine\\My`), if any;
        `private_key` is kept only for a certificate opened from a PFX, so `X509Store.Add` can store it."""
        self.certificate = certificate
        self.private_key = private_key
        self.friendly_name = friendly_name
        self.has_private_key = has_private_key
        self.store_path = store_path

    @classmethod
    def from_store_entry(cls, entry: StoreEntry, store_location: str = "LocalMachine") -> X509Certificate2:
        return cls(
            load_certificate(entry.certificate_der),
            entry.friendly_name,
            entry.has_private_key,
            f"{store_location}\\{entry.store}",
        )

    # -- values -----------------------------------------------------------------------------
    @property
    def raw_data(self) -> bytes:
        return self.certificate.public_bytes(Encoding.DER)

    @property
    def thumbprint(self) -> str:
        return hashlib.sha1(self.raw_data).hexdigest().upper()

    @property
    def subject(self) -> str:
        return distinguished_name(self.certificate.subject)

    @property
    def issuer(self) -> str:
        return distinguished_name(self.certificate.issuer)

    @property
    def serial_number(self) -> str:
        number = self.certificate.serial_number
        length = max(1, (number.bit_length() + 8) // 8)
        return number.to_bytes(length, "big").hex().upper()

    def dns_names(self) -> list[str]:
        try:
            extension = self.certificate.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME)
        except x509.ExtensionNotFound:
            return []
        return list(extension.value.get_values_for_type(x509.DNSName))

    def enhanced_key_usages(self) -> list[EnhancedKeyUsageRepresentation]:
        try:
            extension = self.certificate.extensions.get_extension_for_oid(ExtensionOID.EXTENDED_KEY_USAGE)
        except x509.ExtensionNotFound:
            return []
        return [EnhancedKeyUsageRepresentation(oid.dotted_string) for oid in extension.value]

    def not_before(self) -> datetime:
        return _local(self.certificate.not_valid_before_utc)

    def not_after(self) -> datetime:
        return _local(self.certificate.not_valid_after_utc)

    def signature_algorithm(self) -> str:
        oid = self.certificate.signature_algorithm_oid
        return _SIGNATURE_NAMES.get(oid._name, oid._name)

    @property
    def ps_path(self) -> str | None:
        return None if self.store_path is None else f"{PROVIDER_PREFIX}{self.store_path}\\{self.thumbprint}"

    # -- adapter ----------------------------------------------------------------------------
    def ps_properties(self) -> Mapping[str, Any]:
        properties: dict[str, Any] = {}
        if self.store_path is not None:
            store_location, _, store = self.store_path.partition("\\")
            properties.update(
                {
                    "PSPath": self.ps_path,
                    "PSParentPath": f"{PROVIDER_PREFIX}{self.store_path}",
                    "PSChildName": self.thumbprint,
                    "PSDrive": "Cert",
                    "PSProvider": "Microsoft.PowerShell.Security\\Certificate",
                    "PSIsContainer": False,
                }
            )
        properties.update(
            {
                "Archived": False,
                "Extensions": certificate_extensions(self.certificate),
                "FriendlyName": self.friendly_name,
                "IssuerName": self.issuer,
                "NotAfter": self.not_after(),
                "NotBefore": self.not_before(),
                "HasPrivateKey": self.has_private_key,
                "PrivateKey": None,
                "PublicKey": PublicKey(self.certificate.public_key()),
                "RawData": self.raw_data,
                "SerialNumber": self.serial_number,
                "SubjectName": self.subject,
                "SignatureAlgorithm": Oid(
                    self.certificate.signature_algorithm_oid.dotted_string, self.signature_algorithm()
                ),
                "Thumbprint": self.thumbprint,
                "Version": self.certificate.version.value + 1,
                "Handle": 0,
                "Issuer": self.issuer,
                "Subject": self.subject,
                "DnsNameList": self.dns_names(),
                # Added by the Certificate provider's type data in 5.1, as the -EKU filter reads it.
                "EnhancedKeyUsageList": self.enhanced_key_usages(),
            }
        )
        return properties

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        return {
            "GetCertHashString": lambda: self.thumbprint,
            "GetCertHash": lambda: hashlib.sha1(self.raw_data).digest(),
            "GetSerialNumberString": lambda: self.serial_number,
            "GetNameInfo": self.get_name_info,
            "Export": self.export,
            "GetRawCertData": lambda: self.raw_data,
            "ToString": lambda *verbose: str(self),
            # The lab holds no handles: disposing only marks the end of use, as scripts' finally blocks do.
            "Dispose": lambda: None,
            "Reset": lambda: None,
        }

    def get_name_info(self, name_type: Any, for_issuer: Any = False) -> str:
        """X509NameType SimpleName (0) / DnsName (3): the CN, else the first DNS name."""
        name = self.certificate.issuer if for_issuer else self.certificate.subject
        kind = str(name_type).lower()
        if kind in ("3", "dnsname") and not for_issuer:
            dns = self.dns_names()
            if dns:
                return dns[0]
        common = name.get_attributes_for_oid(NameOID.COMMON_NAME)
        return str(common[0].value) if common else ""

    def export(self, content_type: Any, *password: Any) -> bytes:
        kind = content_type.value if isinstance(content_type, X509ContentType) else str(content_type).lower()
        if kind in (X509ContentType.Cert.value, "cert", "1"):
            return self.raw_data
        if kind in (X509ContentType.Pfx.value, "pfx", "pkcs12", "3") and self.private_key is not None:
            secret = str(password[0]) if password and password[0] is not None else None
            encryption = (BestAvailableEncryption(secret.encode()) if secret else NoEncryption())
            return pkcs12.serialize_key_and_certificates(
                self.friendly_name.encode() or None, self.private_key, self.certificate, None, encryption)
        # A key kept in a store is not exportable through this object: Export-PfxCertificate does that here.
        raise CryptographicException("Key not valid for use in specified state.")

    def __str__(self) -> str:
        # X509Certificate.ToString() without verbose: "[Subject]\r\n  ..." in .NET; PowerShell's
        # string form of a certificate item is that text, long; scripts compare thumbprints instead.
        return (
            f"[Subject]\r\n  {self.subject}\r\n\r\n[Issuer]\r\n  {self.issuer}\r\n\r\n"
            f"[Serial Number]\r\n  {self.serial_number}\r\n\r\n"
            f"[Not Before]\r\n  {self.not_before():%m/%d/%Y %H:%M:%S}\r\n\r\n"
            f"[Not After]\r\n  {self.not_after():%m/%d/%Y %H:%M:%S}\r\n\r\n"
            f"[Thumbprint]\r\n  {self.thumbprint}\r\n"
        )


def _local(moment: datetime) -> datetime:
    # The lab's naive datetimes are its local time, and the lab runs on UTC.
    return moment.astimezone(timezone.utc).replace(tzinfo=None)
