"""The lab's values: frozen records read from and written to the lab database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# §1.3: the versions a lab server may run, oldest first.
EXCHANGE_VERSIONS = ("2007", "2010", "2013", "2016", "2019", "SE")

STORE_NAMES = ("My", "REQUEST", "Root", "CA")

DEFAULT_WEB_SITE = 1
EXCHANGE_BACK_END = 2


def version_at_least(version: str, minimum: str) -> bool:
    return EXCHANGE_VERSIONS.index(version) >= EXCHANGE_VERSIONS.index(minimum)


@dataclass(frozen=True)
class AcceptedDomain:
    name: str
    authoritative: bool = True


@dataclass(frozen=True)
class Server:
    name: str
    fqdn: str
    netbios: str
    version: str
    roles: tuple[str, ...]
    domain: str
    # The installed update's build (lab.builds); None: the version's last update, EXCHANGE_BUILDS.
    build: tuple[int, int, int, int] | None = None

    @property
    def exchange_build(self) -> tuple[int, int, int, int]:
        return self.build if self.build is not None else EXCHANGE_BUILDS[self.version]

    def at_least(self, version: str) -> bool:
        return version_at_least(self.version, version)

    def has_role(self, role: str) -> bool:
        return any(existing.lower() == role.lower() for existing in self.roles)


@dataclass(frozen=True)
class StoreEntry:
    """One item of a Windows certificate store on a server.

    For REQUEST entries `certificate_der` is the placeholder certificate Windows keeps with the
    pending key, and `request_der` the PKCS#10 the request was made as.
    """

    store: str
    thumbprint: str
    certificate_der: bytes
    has_private_key: bool = False
    exportable: bool = False
    friendly_name: str = ""
    archived: bool = False
    added_at: datetime | None = None
    request_der: bytes | None = None
    request_friendly_name: str | None = None
    request_subject: str | None = None


@dataclass(frozen=True)
class IisBinding:
    site_id: int
    site_name: str
    port: int
    thumbprint: str | None
    require_ssl: bool


@dataclass(frozen=True)
class SendConnector:
    name: str
    fqdn: str | None = None
    # Exchange's `<I>issuer<S>subject` form, or None when the connector names no certificate.
    tls_certificate_name: str | None = None
    address_spaces: tuple[str, ...] = ("*",)
    require_tls: bool = False


@dataclass(frozen=True)
class ReceiveConnector:
    server: str
    name: str
    fqdn: str | None = None
    tls_certificate_name: str | None = None
    require_tls: bool = False
    # Shown in Outlook on the web's POP/IMAP settings page (Set-ReceiveConnector -AdvertiseClientSettings).
    advertise_client_settings: bool = False


@dataclass(frozen=True)
class AuthConfig:
    current_thumbprint: str | None = None
    next_thumbprint: str | None = None
    previous_thumbprint: str | None = None
    next_effective_date: datetime | None = None


@dataclass(frozen=True)
class HybridConfiguration:
    """The organisation's one hybrid configuration object, when the Hybrid wizard has run."""

    tls_certificate_name: str | None = None
    on_premises_smart_host: str | None = None
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class LabUser:
    name: str
    domain: str
    password: str
    role: str = "Organization Management"


# The build of the last update of each version (what a patched lab server reports: AdminDisplayVersion,
# ExSetup.exe's file version).
EXCHANGE_BUILDS = {"2007": (8, 3, 83, 6), "2010": (14, 3, 123, 4), "2013": (15, 0, 1497, 2),
                   "2016": (15, 1, 2507, 6), "2019": (15, 2, 1544, 4), "SE": (15, 2, 2562, 17)}


# The built-in role groups a lab user may belong to. Organization and Server Management hold the "Exchange
# Server Certificates" role (all six cmdlets); View-Only Organization Management only its Get- half.
ROLE_GROUPS = ("Organization Management", "Server Management", "View-Only Organization Management")
VIEW_ONLY_ROLE = "View-Only Organization Management"


def role_group_named(text: str) -> str | None:
    """The role group `text` names (any case), or None."""
    return next((group for group in ROLE_GROUPS if group.lower() == text.strip().lower()), None)


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: datetime
    server: str
    command: str
    parameters: dict[str, object]
    command_line: str
    outcome: str
    error: str | None
