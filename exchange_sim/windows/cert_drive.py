"""The `Cert:\\` drive of the current server: store locations, stores and certificates, backed by the
lab's stores (so a change here is what `Get-ExchangeCertificate` sees next).

Paths: `Cert:\\`, `Cert:\\LocalMachine`, `Cert:\\LocalMachine\\My`, `Cert:\\LocalMachine\\My\\<thumbprint>`,
also written with the provider prefix `Microsoft.PowerShell.Security\\Certificate::`. `CurrentUser`
holds an empty `My` store: the lab keeps only the machine's stores.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from exchange_sim.lab import STORE_NAMES, Lab
from exchange_sim.powershell.values.exceptions import ItemNotFoundException, NotSupportedException
from exchange_sim.windows.x509 import PROVIDER_PREFIX, X509Certificate2

LOCATIONS = ("CurrentUser", "LocalMachine")
_CURRENT_USER_STORES = ("My",)


@dataclass(frozen=True)
class StoreLocationItem:
    """What `Get-ChildItem Cert:\\` lists."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "Microsoft.PowerShell.Commands.X509StoreLocation",
        "System.Object",
    )

    location: str
    store_names: tuple[str, ...]

    def ps_properties(self) -> Mapping[str, Any]:
        return {
            "PSPath": f"{PROVIDER_PREFIX}{self.location}",
            "PSParentPath": "",
            "PSChildName": self.location,
            "PSIsContainer": True,
            "Location": self.location,
            "StoreNames": list(self.store_names),
        }

    def __str__(self) -> str:
        return "Microsoft.PowerShell.Commands.X509StoreLocation"


@dataclass(frozen=True)
class StoreItem:
    """What `Get-ChildItem Cert:\\LocalMachine` lists (an X509Store as the provider shows it)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "System.Security.Cryptography.X509Certificates.X509Store",
        "System.Object",
    )

    location: str
    name: str

    def ps_properties(self) -> Mapping[str, Any]:
        return {
            "PSPath": f"{PROVIDER_PREFIX}{self.location}\\{self.name}",
            "PSParentPath": f"{PROVIDER_PREFIX}{self.location}",
            "PSChildName": self.name,
            "PSIsContainer": True,
            "Name": self.name,
            "Location": self.location,
        }

    def __str__(self) -> str:
        return "System.Security.Cryptography.X509Certificates.X509Store"


@dataclass(frozen=True)
class CertPath:
    """A parsed drive path: each part None when the path stops above it."""

    location: str | None
    store: str | None
    thumbprint: str | None

    def __str__(self) -> str:
        parts = [part for part in (self.location, self.store, self.thumbprint) if part]
        return "Cert:\\" + "\\".join(parts)


Item = StoreLocationItem | StoreItem | X509Certificate2


class CertificateDrive:
    def __init__(self, lab: Lab, server_name: str) -> None:
        self._lab = lab
        self._server = server_name

    # -- paths ------------------------------------------------------------------------------
    def parse(self, path: str) -> CertPath:
        """The path as the drive spells it (known names in their canonical case)."""
        text = path.strip()
        lowered = text.lower()
        for prefix in (PROVIDER_PREFIX.lower(), "certificate::", "cert:"):
            if lowered.startswith(prefix):
                text = text[len(prefix) :]
                break
        else:
            raise ItemNotFoundException(f"Cannot find path '{path}' because it does not exist.")
        parts = [part for part in text.replace("/", "\\").split("\\") if part and part != "."]
        if len(parts) > 3:
            raise self._not_found(path)
        location = self._known(parts[0], LOCATIONS, path) if parts else None
        store = None
        if len(parts) > 1:
            store = self._known(parts[1], self._store_names(location or ""), path)
        thumbprint = parts[2].upper() if len(parts) > 2 else None
        return CertPath(location, store, thumbprint)

    # -- items ------------------------------------------------------------------------------
    def get_item(self, path: str) -> Item:
        parsed = self.parse(path)
        if parsed.location is None:
            raise ItemNotFoundException("Cannot find path 'Cert:\\' because it does not exist.")
        if parsed.store is None:
            return StoreLocationItem(parsed.location, self._store_names(parsed.location))
        if parsed.thumbprint is None:
            return StoreItem(parsed.location, parsed.store)
        certificate = self._certificate(parsed)
        if certificate is None:
            raise self._not_found(str(parsed))
        return certificate

    def exists(self, path: str) -> bool:
        try:
            self.get_item(path)
        except ItemNotFoundException:
            return False
        return True

    def children(self, path: str, recurse: bool = False) -> list[Item]:
        parsed = self.parse(path)
        if parsed.thumbprint is not None:
            # A certificate is a leaf: listing it gives the certificate itself, as the provider does.
            return [self.get_item(path)]
        if parsed.location is None:
            tops: list[Item] = [StoreLocationItem(name, self._store_names(name)) for name in LOCATIONS]
            return self._with_descendants(tops, recurse)
        if parsed.store is None:
            stores: list[Item] = [StoreItem(parsed.location, name) for name in self._store_names(parsed.location)]
            return self._with_descendants(stores, recurse)
        return list(self._certificates(parsed.location, parsed.store))

    def remove(self, path: str) -> X509Certificate2:
        """Remove-Item of a certificate path (with or without -DeleteKey: the lab keeps the key with the entry)."""
        parsed = self.parse(path)
        if parsed.thumbprint is None:
            raise NotSupportedException(f"The lab does not delete the store or location '{parsed}'.")
        certificate = self._certificate(parsed)
        if certificate is None or parsed.location != "LocalMachine":
            raise self._not_found(str(parsed))
        with self._lab.transaction():
            self._lab.store(self._server, parsed.store or "My").remove(parsed.thumbprint)
        return certificate

    # -- internals --------------------------------------------------------------------------
    def _with_descendants(self, items: list[Item], recurse: bool) -> list[Item]:
        if not recurse:
            return items
        result: list[Item] = []
        for item in items:
            result.append(item)
            if isinstance(item, StoreLocationItem):
                result.extend(self.children(f"Cert:\\{item.location}", recurse=True))
            elif isinstance(item, StoreItem):
                result.extend(self._certificates(item.location, item.name))
        return result

    def _store_names(self, location: str) -> tuple[str, ...]:
        return STORE_NAMES if location == "LocalMachine" else _CURRENT_USER_STORES

    def _certificates(self, location: str, store: str) -> list[X509Certificate2]:
        if location != "LocalMachine":
            return []
        with self._lab.transaction():
            entries = self._lab.store(self._server, store).list()
        return [X509Certificate2.from_store_entry(entry, location) for entry in entries]

    def _certificate(self, parsed: CertPath) -> X509Certificate2 | None:
        if parsed.location != "LocalMachine" or parsed.store is None or parsed.thumbprint is None:
            return None
        if len(parsed.thumbprint) != 40 or any(c not in "0123456789ABCDEF" for c in parsed.thumbprint):
            return None
        with self._lab.transaction():
            entry = self._lab.store(self._server, parsed.store).get(parsed.thumbprint)
        return None if entry is None else X509Certificate2.from_store_entry(entry, parsed.location)

    def _known(self, name: str, known: tuple[str, ...], path: str) -> str:
        for candidate in known:
            if candidate.lower() == name.lower():
                return candidate
        raise self._not_found(path)

    @staticmethod
    def _not_found(path: str) -> ItemNotFoundException:
        return ItemNotFoundException(f"Cannot find path '{path}' because it does not exist.")
