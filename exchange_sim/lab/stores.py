"""Windows certificate stores of a lab server: LocalMachine\\My, REQUEST, Root and CA."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa

from exchange_sim.certs.thumbprint import InvalidThumbprint, Thumbprint
from exchange_sim.lab.errors import LabError
from exchange_sim.lab.lab_key import LabSecret
from exchange_sim.lab.model import STORE_NAMES, StoreEntry
from exchange_sim.lab.transactions import TransactionScope

_COLUMNS = (
    "store, thumbprint, certificate_der, has_private_key, exportable, friendly_name, archived, "
    "added_at, request_der, request_friendly_name, request_subject"
)


def thumbprint_text(thumbprint: Thumbprint | str) -> str:
    if isinstance(thumbprint, Thumbprint):
        return thumbprint.hex
    return Thumbprint.parse(thumbprint).hex


def lookup_text(thumbprint: Thumbprint | str) -> str | None:
    """The stored form of a thumbprint to look up; None for text no certificate can have (X509Store's
    Find simply finds nothing for it)."""
    try:
        return thumbprint_text(thumbprint)
    except InvalidThumbprint:
        return None


def canonical_store_name(name: str) -> str:
    # Windows store names are case-insensitive (Cert:\LocalMachine\my works).
    for known in STORE_NAMES:
        if known.lower() == name.lower():
            return known
    raise LabError(f"There is no certificate store '{name}'; the stores are {', '.join(STORE_NAMES)}")


class CertificateStore:
    def __init__(
        self,
        secret: LabSecret,
        scope: TransactionScope,
        server: str,
        store: str,
    ) -> None:
        self._secret = secret
        self._scope = scope
        self.server = server
        self.name = canonical_store_name(store)

    def list(self) -> list[StoreEntry]:
        rows = self._scope.db.execute(
            f"SELECT {_COLUMNS} FROM store_entries WHERE server = ? AND store = ? ORDER BY rowid",
            [self.server, self.name],
        ).fetchall()
        return [_entry(row) for row in rows]

    def get(self, thumbprint: Thumbprint | str) -> StoreEntry | None:
        wanted = lookup_text(thumbprint)
        if wanted is None:
            return None
        row = self._scope.db.execute(
            f"SELECT {_COLUMNS} FROM store_entries WHERE server = ? AND store = ? AND thumbprint = ?",
            [self.server, self.name, wanted],
        ).fetchone()
        return _entry(row) if row else None

    def __contains__(self, thumbprint: Thumbprint | str) -> bool:
        return self.get(thumbprint) is not None

    def add(self, entry: StoreEntry, private_key: rsa.RSAPrivateKey | None = None) -> StoreEntry:
        """Adds or replaces the entry (X509Store.Add replaces an existing thumbprint's properties)."""
        thumbprint = thumbprint_text(entry.thumbprint)
        has_key = entry.has_private_key or private_key is not None
        record: dict[str, Any] = {
            "server": self.server,
            "store": self.name,
            "thumbprint": thumbprint,
            "certificate_der": entry.certificate_der,
            "has_private_key": int(has_key),
            "exportable": int(entry.exportable),
            "friendly_name": entry.friendly_name,
            "archived": int(entry.archived),
            "added_at": entry.added_at.isoformat() if entry.added_at else None,
            "request_der": entry.request_der,
            "request_friendly_name": entry.request_friendly_name,
            "request_subject": entry.request_subject,
        }
        with self._scope.transaction():
            self._scope.db["store_entries"].upsert(record, pk=("server", "store", "thumbprint"))
            if private_key is not None:
                self._scope.db["private_keys"].upsert(
                    {
                        "server": self.server,
                        "store": self.name,
                        "thumbprint": thumbprint,
                        "encrypted_key": self._secret.seal_key(private_key),
                    },
                    pk=("server", "store", "thumbprint"),
                )
        stored = self.get(thumbprint)
        assert stored is not None  # just written in this transaction
        return stored

    def remove(self, thumbprint: Thumbprint | str) -> bool:
        """Removes the entry and its key; False when the store does not hold it."""
        wanted = lookup_text(thumbprint)
        if wanted is None:
            return False
        key = [self.server, self.name, wanted]
        with self._scope.transaction():
            self._scope.db.execute(
                "DELETE FROM private_keys WHERE server = ? AND store = ? AND thumbprint = ?", key
            )
            cursor = self._scope.db.execute(
                "DELETE FROM store_entries WHERE server = ? AND store = ? AND thumbprint = ?", key
            )
        return cursor.rowcount > 0

    def private_key(self, thumbprint: Thumbprint | str) -> rsa.RSAPrivateKey | None:
        wanted = lookup_text(thumbprint)
        if wanted is None:
            return None
        row = self._scope.db.execute(
            "SELECT encrypted_key FROM private_keys WHERE server = ? AND store = ? AND thumbprint = ?",
            [self.server, self.name, wanted],
        ).fetchone()
        return self._secret.open_key(row[0]) if row else None


def _entry(row: tuple[Any, ...]) -> StoreEntry:
    (store, thumbprint, der, has_key, exportable, friendly, archived, added_at, request_der,
     request_friendly, request_subject) = row
    return StoreEntry(
        store=store,
        thumbprint=thumbprint,
        certificate_der=bytes(der),
        has_private_key=bool(has_key),
        exportable=bool(exportable),
        friendly_name=friendly or "",
        archived=bool(archived),
        added_at=datetime.fromisoformat(added_at) if added_at else None,
        request_der=bytes(request_der) if request_der is not None else None,
        request_friendly_name=request_friendly,
        request_subject=request_subject,
    )
