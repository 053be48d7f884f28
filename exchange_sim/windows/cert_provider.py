"""The Certificate provider (`Cert:`) of a lab server as a drive of the session's providers, over the
CertificateDrive model: provider paths are `LocalMachine\\My\\<thumbprint>` below an empty root. The
stores are the lab's, so a change here is what `Get-ExchangeCertificate` sees next, and back."""

from __future__ import annotations

from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from exchange_sim.lab import STORE_NAMES, Lab, StoreEntry
from exchange_sim.powershell.providers import clamped_parts
from exchange_sim.powershell.values.exceptions import ItemNotFoundException
from exchange_sim.windows.cert_drive import LOCATIONS, CertificateDrive, StoreItem, StoreLocationItem
from exchange_sim.windows.x509 import X509Certificate2

_CURRENT_USER_STORES = ("My",)


class CertificateProvider:
    """The `Cert:` drive (a `DriveProvider` of powershell/providers.py)."""

    drive_name = "Cert"
    provider_name = "Certificate"
    qualified_name = "Microsoft.PowerShell.Security\\Certificate"
    root = ""
    home: str | None = None

    def __init__(self, lab: Lab, server_name: str) -> None:
        self._lab = lab
        self._server = server_name
        self._drive = CertificateDrive(lab, server_name)

    # -- paths ----------------------------------------------------------------------------
    def normalize(self, path: str) -> str:
        parts = clamped_parts(path)
        # Known names take their canonical spelling; thumbprints are upper case as the provider shows them.
        if parts:
            parts[0] = next((name for name in LOCATIONS if name.lower() == parts[0].lower()), parts[0])
        if len(parts) > 1:
            parts[1] = next((name for name in self._stores(parts[0]) if name.lower() == parts[1].lower()), parts[1])
        if len(parts) > 2:
            parts[2] = parts[2].upper()
        return "\\".join(parts)

    def split_root(self, path: str) -> tuple[str, str]:
        return "", path.replace("/", "\\").lstrip("\\")

    def join(self, parent: str, child: str) -> str:
        if not child:
            return parent
        return child.lstrip("\\") if not parent else parent.rstrip("\\") + "\\" + child.lstrip("\\")

    def parent(self, path: str) -> str | None:
        parts = [part for part in path.split("\\") if part]
        return "\\".join(parts[:-1]) if parts else None

    # -- items ----------------------------------------------------------------------------
    def exists(self, path: str) -> bool:
        return path.strip("\\") == "" or self._drive.exists(self._drive_path(path))

    def is_container(self, path: str) -> bool:
        return len([part for part in path.split("\\") if part]) < 3

    def item(self, path: str) -> Any:
        if path.strip("\\") == "":
            raise ItemNotFoundException("Cannot find path 'Cert:\\' because it does not exist.")
        return self._drive.get_item(self._drive_path(path))

    def children(self, path: str) -> list[tuple[str, Any, bool]]:
        listed = self._drive.children(self._drive_path(path))
        return [(self._path_of(item), item, not isinstance(item, X509Certificate2)) for item in listed]

    def remove_item(self, path: str, recurse: bool, options: dict[str, Any]) -> None:
        # -DeleteKey or not: the lab keeps a key only with its store entry, so both go together.
        self._drive.remove(self._drive_path(path))

    # -- stores ---------------------------------------------------------------------------
    def store_of(self, path: str) -> tuple[str, str]:
        """(location, store) of a -CertStoreLocation path such as `LocalMachine\\My`."""
        parts = [part for part in self.normalize(path).split("\\") if part]
        if len(parts) != 2 or parts[0] not in LOCATIONS or parts[1] not in self._stores(parts[0]):
            raise ItemNotFoundException(f"Cannot find path 'Cert:\\{path}' because it does not exist.")
        return parts[0], parts[1]

    def add(self, location: str, store: str, certificate: x509.Certificate, key: rsa.RSAPrivateKey | None,
            exportable: bool, friendly_name: str = "") -> X509Certificate2:
        """Put a certificate (and its key) into a store of the server, as CertAddCertificateContextToStore."""
        if location != "LocalMachine":
            raise ItemNotFoundException(f"The lab keeps only the machine's stores, not 'Cert:\\{location}\\{store}'.")
        with self._lab.transaction():
            target = self._lab.store(self._server, store)
            entry = StoreEntry(store=target.name, thumbprint=X509Certificate2(certificate).thumbprint,
                               certificate_der=X509Certificate2(certificate).raw_data,
                               has_private_key=key is not None, exportable=exportable and key is not None,
                               friendly_name=friendly_name, added_at=self._lab.clock.now())
            existing = target.get(entry.thumbprint)
            if existing is not None and (existing.has_private_key or key is None):
                # Re-importing what the store has changes nothing (Windows merges the same certificate).
                return X509Certificate2.from_store_entry(existing, location)
            stored = target.add(entry, key)
        return X509Certificate2.from_store_entry(stored, location)

    def entry(self, path: str) -> tuple[StoreEntry, rsa.RSAPrivateKey | None]:
        """The store entry of a certificate path and its private key (for Export-PfxCertificate)."""
        parts = [part for part in self.normalize(path).split("\\") if part]
        if len(parts) != 3 or parts[0] != "LocalMachine":
            raise ItemNotFoundException(f"Cannot find path 'Cert:\\{path}' because it does not exist.")
        with self._lab.transaction():
            found = self._lab.store(self._server, parts[1]).get(parts[2])
            key = self._lab.private_key(self._server, parts[2]) if found is not None else None
        if found is None:
            raise ItemNotFoundException(f"Cannot find path 'Cert:\\{path}' because it does not exist.")
        return found, key

    # -- internals ------------------------------------------------------------------------
    @staticmethod
    def _stores(location: str) -> tuple[str, ...]:
        return STORE_NAMES if location == "LocalMachine" else _CURRENT_USER_STORES

    @staticmethod
    def _drive_path(path: str) -> str:
        return "Cert:\\" + path.strip("\\")

    @staticmethod
    def _path_of(item: Any) -> str:
        if isinstance(item, StoreLocationItem):
            return item.location
        if isinstance(item, StoreItem):
            return f"{item.location}\\{item.name}"
        return f"{item.store_path}\\{item.thumbprint}"
