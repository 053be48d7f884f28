"""The per-server configuration that Exchange derives a certificate's Services from (§3).

Nothing here says "this certificate has IIS": only which thumbprint each binding names. The
exchange layer reads these settings and computes Services on every query.
"""

from __future__ import annotations

from typing import Any

from exchange_sim.certs.thumbprint import Thumbprint
from exchange_sim.lab.model import DEFAULT_WEB_SITE, IisBinding
from exchange_sim.lab.stores import thumbprint_text
from exchange_sim.lab.transactions import TransactionScope

# IIS site ids and names as Exchange setup creates them (§11.1: W3SVC/1 and W3SVC/2).
IIS_SITES = {1: ("Default Web Site", 443), 2: ("Exchange Back End", 444)}
UM_STARTUP_MODES = ("TCP", "TLS", "Dual")


class ServerConfig:
    def __init__(self, scope: TransactionScope, server: str) -> None:
        self._scope = scope
        self.server = server

    # -- IIS -------------------------------------------------------------------------------
    def iis_bindings(self) -> list[IisBinding]:
        rows = self._scope.db.execute(
            "SELECT site_id, site_name, port, thumbprint, require_ssl FROM iis_bindings "
            "WHERE server = ? ORDER BY site_id",
            [self.server],
        ).fetchall()
        return [IisBinding(row[0], row[1], row[2], row[3], bool(row[4])) for row in rows]

    def iis_thumbprints(self) -> set[str]:
        return {binding.thumbprint for binding in self.iis_bindings() if binding.thumbprint}

    def bind_iis(self, thumbprint: Thumbprint | str | None, site_id: int = DEFAULT_WEB_SITE) -> None:
        """Sets the https binding of a site (creating the binding row as IIS would)."""
        site_name, port = IIS_SITES.get(site_id, (f"Site {site_id}", 443))
        existing = self._binding(site_id)
        with self._scope.transaction():
            self._scope.db["iis_bindings"].upsert(
                {
                    "server": self.server,
                    "site_id": site_id,
                    "site_name": existing.site_name if existing else site_name,
                    "port": existing.port if existing else port,
                    "thumbprint": thumbprint_text(thumbprint) if thumbprint else None,
                    "require_ssl": int(existing.require_ssl) if existing else 0,
                },
                pk=("server", "site_id"),
            )

    def require_ssl(self, site_id: int = DEFAULT_WEB_SITE) -> bool:
        binding = self._binding(site_id)
        return bool(binding and binding.require_ssl)

    def set_require_ssl(self, value: bool, site_id: int = DEFAULT_WEB_SITE) -> None:
        if self._binding(site_id) is None:
            self.bind_iis(None, site_id)
        with self._scope.transaction():
            self._scope.db.execute(
                "UPDATE iis_bindings SET require_ssl = ? WHERE server = ? AND site_id = ?",
                [int(value), self.server, site_id],
            )

    def _binding(self, site_id: int) -> IisBinding | None:
        for binding in self.iis_bindings():
            if binding.site_id == site_id:
                return binding
        return None

    # -- transport, POP, IMAP, UM ----------------------------------------------------------
    @property
    def internal_transport_thumbprint(self) -> str | None:
        return self._get("internal_transport_thumbprint")

    @internal_transport_thumbprint.setter
    def internal_transport_thumbprint(self, value: Thumbprint | str | None) -> None:
        self._set("internal_transport_thumbprint", thumbprint_text(value) if value else None)

    @property
    def pop_certificate_name(self) -> str | None:
        return self._get("pop_certificate_name")

    @pop_certificate_name.setter
    def pop_certificate_name(self, value: str | None) -> None:
        self._set("pop_certificate_name", value)

    @property
    def imap_certificate_name(self) -> str | None:
        return self._get("imap_certificate_name")

    @imap_certificate_name.setter
    def imap_certificate_name(self, value: str | None) -> None:
        self._set("imap_certificate_name", value)

    @property
    def um_thumbprint(self) -> str | None:
        return self._get("um_thumbprint")

    @um_thumbprint.setter
    def um_thumbprint(self, value: Thumbprint | str | None) -> None:
        self._set("um_thumbprint", thumbprint_text(value) if value else None)

    @property
    def um_callrouter_thumbprint(self) -> str | None:
        return self._get("um_callrouter_thumbprint")

    @um_callrouter_thumbprint.setter
    def um_callrouter_thumbprint(self, value: Thumbprint | str | None) -> None:
        self._set("um_callrouter_thumbprint", thumbprint_text(value) if value else None)

    @property
    def um_startup_mode(self) -> str:
        return self._get("um_startup_mode") or "TCP"

    @um_startup_mode.setter
    def um_startup_mode(self, value: str) -> None:
        matches = [mode for mode in UM_STARTUP_MODES if mode.lower() == value.lower()]
        if not matches:
            raise ValueError(f"UM startup mode must be one of {', '.join(UM_STARTUP_MODES)}")
        self._set("um_startup_mode", matches[0])

    # -- federation (organisation-wide, shown per server for convenience) -------------------
    @property
    def federation_thumbprints(self) -> set[str]:
        rows = self._scope.db.execute("SELECT thumbprint FROM federation_trusts").fetchall()
        return {row[0] for row in rows}

    # -- key ACL ---------------------------------------------------------------------------
    def network_service_acl(self, thumbprint: Thumbprint | str) -> bool:
        """Whether the key of this server's My-store certificate grants NETWORK SERVICE read."""
        row = self._scope.db.execute(
            "SELECT network_service_acl FROM store_entries "
            "WHERE server = ? AND store = 'My' AND thumbprint = ?",
            [self.server, thumbprint_text(thumbprint)],
        ).fetchone()
        return bool(row and row[0])

    def network_service_acls(self) -> set[str]:
        """Thumbprints of this server's My-store certificates whose key grants NETWORK SERVICE read
        (one query for a whole listing)."""
        rows = self._scope.db.execute(
            "SELECT thumbprint FROM store_entries WHERE server = ? AND store = 'My' AND network_service_acl",
            [self.server],
        ).fetchall()
        return {str(row[0]).upper() for row in rows}

    def set_network_service_acl(self, thumbprint: Thumbprint | str, granted: bool = True) -> bool:
        """False when the My store holds no such certificate (there is no key to grant on)."""
        with self._scope.transaction():
            cursor = self._scope.db.execute(
                "UPDATE store_entries SET network_service_acl = ? "
                "WHERE server = ? AND store = 'My' AND thumbprint = ?",
                [int(granted), self.server, thumbprint_text(thumbprint)],
            )
        return cursor.rowcount > 0

    # --------------------------------------------------------------------------------------
    def _get(self, column: str) -> Any:
        row = self._scope.db.execute(
            f"SELECT {column} FROM server_config WHERE server = ?", [self.server]
        ).fetchone()
        return row[0] if row else None

    def _set(self, column: str, value: object) -> None:
        with self._scope.transaction():
            self._scope.db["server_config"].upsert({"server": self.server, column: value}, pk="server")
