"""The ExchangeCertificate object Get/New/Import return (§2.5), computed at query time.

It follows the engine's adapter protocol (`ps_type_names`, `ps_properties`, `ps_methods`) without
importing the engine: a frozen snapshot of one store entry as Exchange presents it."""
from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from exchange_sim.targets.services import AllowedServices, services_string_form
from exchange_sim.targets.trust import CertificateAuthorityType, CertificateStatus


@dataclass(frozen=True)
class ExchangeCertificate:
    thumbprint: str
    subject: str
    issuer: str
    not_before: datetime.datetime
    not_after: datetime.datetime
    serial_number: str
    friendly_name: str
    has_private_key: bool
    public_key_size: int
    certificate_domains: tuple[str, ...]
    services: AllowedServices
    status: CertificateStatus
    root_ca_type: CertificateAuthorityType
    is_self_signed: bool
    private_key_exportable: bool
    server_fqdn: str
    key_identifier: str
    subject_key_identifier: str = ""
    certificate_request: str = ""
    access_rules: tuple[str, ...] = ()
    iis_services: tuple[str, ...] = ()

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate",
        "System.Security.Cryptography.X509Certificates.X509Certificate2",
        "System.Security.Cryptography.X509Certificates.X509Certificate",
        "System.Object",
    )

    @property
    def identity(self) -> str:
        return f"{self.server_fqdn}\\{self.thumbprint}"

    def ps_properties(self) -> Mapping[str, Any]:
        return {name: read(self) for name, read in _PROPERTIES.items()}

    def ps_get_property(self, name: str) -> tuple[bool, Any]:
        # The formatter asks for a few columns of thousands of rows: one property, not all twenty.
        found = _PROPERTIES_BY_LOWER_NAME.get(name.lower())
        return (True, found(self)) if found is not None else (False, None)

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        return {"ToString": lambda *_: str(self)}

    def __str__(self) -> str:
        # X509Certificate.ToString() without verbose: "[Subject]\n  <subject>\n\n[Issuer]\n  …".
        return (f"[Subject]\r\n  {self.subject}\r\n\r\n[Issuer]\r\n  {self.issuer}\r\n\r\n"
                f"[Serial Number]\r\n  {self.serial_number}\r\n\r\n"
                f"[Not Before]\r\n  {self.not_before:%m/%d/%Y %I:%M:%S %p}\r\n\r\n"
                f"[Not After]\r\n  {self.not_after:%m/%d/%Y %I:%M:%S %p}\r\n\r\n"
                f"[Thumbprint]\r\n  {self.thumbprint}\r\n")


@dataclass(frozen=True)
class BinaryFileDataObject:
    """What `-BinaryEncoded` returns: the bytes in `FileData` (§2.6)."""

    file_data: bytes

    ps_type_names: ClassVar[tuple[str, ...]] = ("Microsoft.Exchange.Data.BinaryFileDataObject", "System.Object")

    def ps_properties(self) -> Mapping[str, Any]:
        return {"FileData": self.file_data, "Identity": None, "IsValid": True, "ObjectState": "New"}

    def __str__(self) -> str:
        return "Microsoft.Exchange.Data.BinaryFileDataObject"


# Exchange's property order (Format-List * shows them this way).
_PROPERTIES: dict[str, Callable[[ExchangeCertificate], Any]] = {
    "AccessRules": lambda c: list(c.access_rules),
    "CertificateDomains": lambda c: list(c.certificate_domains),
    "HasPrivateKey": lambda c: c.has_private_key,
    "IsSelfSigned": lambda c: c.is_self_signed,
    "Issuer": lambda c: c.issuer,
    "NotAfter": lambda c: c.not_after,
    "NotBefore": lambda c: c.not_before,
    "PublicKeySize": lambda c: c.public_key_size,
    "RootCAType": lambda c: c.root_ca_type,
    "SerialNumber": lambda c: c.serial_number,
    "Services": lambda c: c.services,
    "Status": lambda c: c.status,
    "Subject": lambda c: c.subject,
    "Thumbprint": lambda c: c.thumbprint,
    "FriendlyName": lambda c: c.friendly_name,
    "IISServices": lambda c: list(c.iis_services),
    "Identity": lambda c: c.identity,
    "KeyIdentifier": lambda c: c.key_identifier,
    "SubjectKeyIdentifier": lambda c: c.subject_key_identifier,
    "CertificateRequest": lambda c: c.certificate_request,
    "PrivateKeyExportable": lambda c: c.private_key_exportable,
    "ServicesStringForm": lambda c: services_string_form(c.services),
}
_PROPERTIES_BY_LOWER_NAME = {name.lower(): read for name, read in _PROPERTIES.items()}
