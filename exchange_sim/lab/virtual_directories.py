"""The web applications Exchange setup creates under the Default Web Site, and their URLs.

Setup gives each an InternalUrl on the server's FQDN and no ExternalUrl; only URLs set since
(fixtures, Set-*VirtualDirectory) are stored, so a lab made before that table existed still
shows what setup would have made.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from exchange_sim.lab.model import Server
from exchange_sim.lab.transactions import TransactionScope

WEB_SITE = "Default Web Site"


@dataclass(frozen=True)
class VirtualDirectoryKind:
    kind: str  # the noun of its Get- cmdlet: Owa, Ecp, WebServices, ActiveSync, Oab, Mapi, Autodiscover, OutlookAnywhere
    application: str  # IIS application name, e.g. "owa" or "Microsoft-Server-ActiveSync"
    path: str | None  # URL path setup writes into InternalUrl; None when setup leaves it empty
    since: str  # first Exchange version that has it


# Outlook Anywhere's "URL" is a host name (2010 setup left it disabled, so no object); MAPI over
# HTTP arrived with 2013 SP1.
KINDS = (
    VirtualDirectoryKind("Owa", "owa", "/owa", "2007"),
    VirtualDirectoryKind("Ecp", "ecp", "/ecp", "2010"),
    VirtualDirectoryKind("WebServices", "EWS", "/EWS/Exchange.asmx", "2007"),
    VirtualDirectoryKind("ActiveSync", "Microsoft-Server-ActiveSync", "/Microsoft-Server-ActiveSync", "2007"),
    VirtualDirectoryKind("Oab", "OAB", "/OAB", "2007"),
    VirtualDirectoryKind("Mapi", "mapi", "/mapi", "2013"),
    VirtualDirectoryKind("Autodiscover", "Autodiscover", None, "2007"),
    VirtualDirectoryKind("OutlookAnywhere", "Rpc", "", "2013"),
)
AUTODISCOVER_SERVICE = "AutoDiscoverServiceInternalUri"


def kind_named(kind: str) -> VirtualDirectoryKind:
    for known in KINDS:
        if known.kind.lower() == kind.lower():
            return known
    raise ValueError(f"There is no virtual directory kind '{kind}'")


@dataclass(frozen=True)
class OutlookAnywhereSettings:
    """How Outlook Anywhere authenticates and whether it needs TLS; the defaults are what 2013+ setup
    writes (Set-OutlookAnywhere's reference: Negotiate outside, Ntlm inside, SSL offloading on)."""

    external_client_authentication_method: str = "Negotiate"
    internal_client_authentication_method: str = "Ntlm"
    external_clients_require_ssl: bool = False
    internal_clients_require_ssl: bool = False
    iis_authentication_methods: tuple[str, ...] = ("Basic", "Ntlm", "Negotiate")
    ssl_offloading: bool = True

    def changed(self, **changes: Any) -> "OutlookAnywhereSettings":
        return replace(self, **changes)


@dataclass(frozen=True)
class VirtualDirectory:
    server: str
    kind: str
    name: str  # "owa (Default Web Site)"
    internal_url: str | None
    external_url: str | None
    outlook_anywhere: OutlookAnywhereSettings | None = None  # Outlook Anywhere's authentication and TLS


def setup_internal_url(server: Server, kind: VirtualDirectoryKind) -> str | None:
    if kind.path is None:
        return None
    if kind.kind == "OutlookAnywhere":
        return server.fqdn  # InternalHostname
    # 2007/2010 setup published the OAB over plain http.
    scheme = "http" if kind.kind == "Oab" and not server.at_least("2013") else "https"
    return f"{scheme}://{server.fqdn}{kind.path}"


class VirtualDirectories:
    """One server's virtual directories: setup's defaults overlaid with what was set since."""

    def __init__(self, scope: TransactionScope, server: Server) -> None:
        self._scope = scope
        self.server = server

    def list(self) -> list[VirtualDirectory]:
        return [self.get(kind.kind) for kind in KINDS if self.server.at_least(kind.since)]

    def get(self, kind: str) -> VirtualDirectory:
        known = kind_named(kind)
        row = self._scope.db.execute(
            "SELECT internal_url, external_url FROM virtual_directories WHERE server = ? AND kind = ?",
            [self.server.name, known.kind],
        ).fetchone()
        name = f"{known.application} ({WEB_SITE})"
        settings = self.outlook_anywhere() if known.kind == "OutlookAnywhere" else None
        if row is None:
            return VirtualDirectory(self.server.name, known.kind, name, setup_internal_url(self.server, known), None,
                                    settings)
        return VirtualDirectory(self.server.name, known.kind, name, row[0], row[1], settings)

    def set(self, kind: str, internal_url: str | None, external_url: str | None) -> None:
        known = kind_named(kind)
        with self._scope.transaction():
            self._scope.db["virtual_directories"].upsert(
                {"server": self.server.name, "kind": known.kind, "name": f"{known.application} ({WEB_SITE})",
                 "internal_url": internal_url, "external_url": external_url},
                pk=("server", "kind"),
            )

    def set_autodiscover_service_internal_uri(self, uri: str | None) -> None:
        with self._scope.transaction():
            self._scope.db["virtual_directories"].upsert(
                {"server": self.server.name, "kind": AUTODISCOVER_SERVICE, "name": AUTODISCOVER_SERVICE,
                 "internal_url": uri, "external_url": None},
                pk=("server", "kind"),
            )

    @property
    def autodiscover_service_internal_uri(self) -> str | None:
        row = self._scope.db.execute(
            "SELECT internal_url FROM virtual_directories WHERE server = ? AND kind = ?",
            [self.server.name, AUTODISCOVER_SERVICE],
        ).fetchone()
        if row is not None:
            return row[0]  # None once someone cleared it
        return f"https://{self.server.fqdn}/Autodiscover/Autodiscover.xml"

    def outlook_anywhere(self) -> OutlookAnywhereSettings:
        row = self._scope.db.execute(
            "SELECT external_client_authentication_method, internal_client_authentication_method, "
            "external_clients_require_ssl, internal_clients_require_ssl, iis_authentication_methods, ssl_offloading "
            "FROM outlook_anywhere WHERE server = ?", [self.server.name]).fetchone()
        if row is None:
            return OutlookAnywhereSettings()
        return OutlookAnywhereSettings(row[0], row[1], bool(row[2]), bool(row[3]), tuple(json.loads(row[4])),
                                       bool(row[5]))

    def set_outlook_anywhere(self, settings: OutlookAnywhereSettings) -> None:
        with self._scope.transaction():
            self._scope.db["outlook_anywhere"].upsert(
                {"server": self.server.name,
                 "external_client_authentication_method": settings.external_client_authentication_method,
                 "internal_client_authentication_method": settings.internal_client_authentication_method,
                 "external_clients_require_ssl": int(settings.external_clients_require_ssl),
                 "internal_clients_require_ssl": int(settings.internal_clients_require_ssl),
                 "iis_authentication_methods": json.dumps(list(settings.iis_authentication_methods)),
                 "ssl_offloading": int(settings.ssl_offloading)},
                pk="server",
            )
