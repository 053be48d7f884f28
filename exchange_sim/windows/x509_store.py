"""System.Security.Cryptography.X509Certificates.X509Store over the lab's stores of the current server,
with the StoreName / StoreLocation / OpenFlags enums its constructor and Open() take."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from exchange_sim.lab import Lab, LabError, StoreEntry
from exchange_sim.powershell.values.enum_conversion import DotNetEnum, DotNetFlags
from exchange_sim.powershell.values.exceptions import ArgumentException, CryptographicException
from exchange_sim.windows.x509 import X509Certificate2

_NAMESPACE = "System.Security.Cryptography.X509Certificates"


class StoreName(DotNetEnum):
    AddressBook = 1
    AuthRoot = 2
    CertificateAuthority = 3
    Disallowed = 4
    My = 5
    Root = 6
    TrustedPeople = 7
    TrustedPublisher = 8


class StoreLocation(DotNetEnum):
    CurrentUser = 1
    LocalMachine = 2


class OpenFlags(DotNetFlags):
    ReadOnly = 0
    ReadWrite = 1
    MaxAllowed = 2
    OpenExistingOnly = 4
    IncludeArchived = 8


# Set after the class bodies: inside an Enum body the name would become a member.
StoreName.ps_type_name = f"{_NAMESPACE}.StoreName"  # type: ignore[attr-defined]
StoreLocation.ps_type_name = f"{_NAMESPACE}.StoreLocation"  # type: ignore[attr-defined]
OpenFlags.ps_type_name = f"{_NAMESPACE}.OpenFlags"  # type: ignore[attr-defined]

# StoreName.CertificateAuthority is the store Windows calls "CA".
_STORE_NAME_TEXT = {StoreName.CertificateAuthority: "CA"}


def _store_name(value: Any) -> str:
    if isinstance(value, StoreName):
        return _STORE_NAME_TEXT.get(value, value.name)
    text = str(value).strip()
    for member in StoreName:
        if member.name.lower() == text.lower():
            return _STORE_NAME_TEXT.get(member, member.name)
    if not text:
        raise ArgumentException("Store name cannot be empty.")
    return text


def _location(value: Any) -> str:
    if isinstance(value, StoreLocation):
        return value.name
    for member in StoreLocation:
        if member.name.lower() == str(value).strip().lower() or str(int(member)) == str(value).strip():
            return member.name
    raise ArgumentException(f"The value '{value}' is not a valid StoreLocation.")


def _open_flags(value: Any) -> OpenFlags:
    if isinstance(value, int):
        return OpenFlags(int(value))
    flags = OpenFlags.ReadOnly
    for part in str(value).split(","):
        name = part.strip().lower()
        # __members__, not iteration: iterating a Flag skips the zero member ReadOnly.
        matches = [member for key, member in OpenFlags.__members__.items() if key.lower() == name]
        if not matches:
            raise ArgumentException(f"The value '{part.strip()}' is not a valid OpenFlags.")
        flags |= matches[0]
    return flags


class X509Store:
    ps_type_names: ClassVar[tuple[str, ...]] = (f"{_NAMESPACE}.X509Store", "System.Object")

    def __init__(self, lab: Lab, server_name: str, name: Any = "My", location: Any = "CurrentUser") -> None:
        self._lab = lab
        self._server = server_name
        self.name = _store_name(name)
        self.location = _location(location)
        self._flags: OpenFlags | None = None

    # -- .NET members -------------------------------------------------------------------------
    def open(self, flags: Any) -> None:
        self._flags = _open_flags(flags)
        if self._lab_store_name() is None and self._flags & OpenFlags.OpenExistingOnly:
            raise CryptographicException("The system cannot find the file specified.")

    def close(self) -> None:
        self._flags = None

    def certificates(self) -> list[X509Certificate2]:
        store = self._lab_store_name()
        if self._flags is None or store is None:
            return []
        with self._lab.transaction():
            entries = self._lab.store(self._server, store).list()
        return [X509Certificate2.from_store_entry(entry, self.location) for entry in entries]

    def add(self, certificate: Any) -> None:
        chosen = self._writable()
        if not isinstance(certificate, X509Certificate2):
            raise ArgumentException("Value cannot be null.\r\nParameter name: certificate")
        entry = StoreEntry(
            store=chosen,
            thumbprint=certificate.thumbprint,
            certificate_der=certificate.raw_data,
            has_private_key=certificate.has_private_key,
            friendly_name=certificate.friendly_name,
            added_at=self._lab.clock.now(),
        )
        with self._lab.transaction():
            self._lab.store(self._server, chosen).add(entry, certificate.private_key)

    def remove(self, certificate: Any) -> None:
        chosen = self._writable()
        if not isinstance(certificate, X509Certificate2):
            raise ArgumentException("Value cannot be null.\r\nParameter name: certificate")
        with self._lab.transaction():
            # .NET removes silently when the store does not hold the certificate.
            self._lab.store(self._server, chosen).remove(certificate.thumbprint)

    # -- adapter ------------------------------------------------------------------------------
    def ps_properties(self) -> Mapping[str, Any]:
        return {
            "Location": self.location,
            "Name": self.name,
            "Certificates": self.certificates(),
            "IsOpen": self._flags is not None,
            "StoreHandle": 0,
        }

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        return {
            "Open": self.open,
            "Close": self.close,
            "Add": self.add,
            "Remove": self.remove,
            "Dispose": self.close,
        }

    def __str__(self) -> str:
        return f"{_NAMESPACE}.X509Store"

    # -- internals ----------------------------------------------------------------------------
    def _lab_store_name(self) -> str | None:
        """The lab keeps the machine's My, REQUEST, Root and CA; other stores read as empty."""
        if self.location != "LocalMachine":
            return None
        try:
            return self._lab.store(self._server, self.name).name
        except LabError:
            return None

    def _writable(self) -> str:
        if self._flags is None:
            raise CryptographicException("The X509 certificate store has not been opened.")
        if not self._flags & (OpenFlags.ReadWrite | OpenFlags.MaxAllowed):
            raise CryptographicException("Access is denied.")
        store = self._lab_store_name()
        if store is None:
            raise CryptographicException(
                f"Access is denied. The lab keeps no store '{self.location}\\{self.name}'."
            )
        return store
