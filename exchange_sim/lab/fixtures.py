"""Lab fixtures: TOML files describing an organisation, read into a checked specification."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import exchange_sim
from exchange_sim.lab.builds import Build, BuildError, build_of_update, parse_build
from exchange_sim.lab.clock import parse_moment
from exchange_sim.lab.errors import LabError
from exchange_sim.lab.model import (EXCHANGE_VERSIONS, ROLE_GROUPS, AcceptedDomain, HybridConfiguration,
                                    SendConnector, role_group_named, version_at_least)

DEFAULT_FIXTURE = "contoso"
KNOWN_ROLES = ("Mailbox", "ClientAccess", "HubTransport", "UnifiedMessaging", "EdgeTransport")


def fixtures_dir() -> Path:
    # The project is installed editable, so the fixtures sit beside the package in the checkout.
    return Path(exchange_sim.__file__).resolve().parents[1] / "fixtures" / "labs"


def builtin_fixtures() -> list[str]:
    return sorted(path.stem for path in fixtures_dir().glob("*.toml"))


@dataclass(frozen=True)
class ServerSpec:
    name: str
    fqdn: str
    version: str
    roles: tuple[str, ...]
    domain: str
    um_startup_mode: str = "TCP"
    wmsvc: bool = False
    build: Build | None = None  # None: the version's last update


@dataclass(frozen=True)
class UserSpec:
    name: str
    password: str
    domain: str
    role: str = "Organization Management"


@dataclass(frozen=True)
class ReceiveConnectorSpec:
    server: str
    name: str
    fqdn: str | None = None
    tls_certificate_name: str | None = None


@dataclass(frozen=True)
class FixtureSpec:
    source: str
    name: str
    accepted_domains: tuple[AcceptedDomain, ...]
    servers: tuple[ServerSpec, ...]
    users: tuple[UserSpec, ...] = ()
    pinned_clock: datetime | None = None
    send_connectors: tuple[SendConnector, ...] = ()
    receive_connectors: tuple[ReceiveConnectorSpec, ...] = ()
    federation_trusts: tuple[tuple[str, str], ...] = field(default=())
    hybrid: HybridConfiguration | None = None


def fixture_path(fixture: str | Path) -> Path:
    """A built-in fixture name (`contoso`) or a path to a .toml file."""
    candidate = Path(fixture)
    if candidate.suffix.lower() == ".toml" or candidate.exists():
        if not candidate.is_file():
            raise LabError(f"The fixture file '{candidate}' does not exist")
        return candidate
    builtin = fixtures_dir() / f"{fixture}.toml"
    if not builtin.is_file():
        known = ", ".join(builtin_fixtures()) or "none"
        raise LabError(f"There is no built-in fixture '{fixture}'; the built-in fixtures are: {known}")
    return builtin


def load_fixture(fixture: str | Path) -> FixtureSpec:
    import tomllib  # only creating a lab reads a fixture; every other start-up skips the TOML parser

    path = fixture_path(fixture)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise LabError(f"The fixture '{path}' is not valid TOML: {error}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise LabError(f"The fixture '{path}' cannot be read: {error}") from error
    return _FixtureReader(str(path)).read(data)


class _FixtureReader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> LabError:
        return LabError(f"Fixture '{self.source}', {where}: {problem}")

    def text(self, table: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
        value = table.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"'{key}' must be a non-empty string")
        return value.strip()

    def table_list(self, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.fail(f"[[{key}]]", "must be an array of tables")
        return value

    def read(self, data: dict[str, Any]) -> FixtureSpec:
        organization = data.get("organization")
        if not isinstance(organization, dict):
            raise self.fail("[organization]", "the table is missing")
        name = self.text(organization, "name", "[organization]")
        domains = organization.get("accepted_domains", [])
        if not isinstance(domains, list) or not domains:
            raise self.fail("[organization]", "'accepted_domains' must be a non-empty list of names")
        accepted = tuple(self.accepted_domain(item) for item in domains)
        if len({domain.name for domain in accepted}) != len(accepted):
            raise self.fail("[organization]", "an accepted domain is listed twice")
        servers = tuple(
            self.server(item, index, accepted[0].name)
            for index, item in enumerate(self.table_list(data, "servers"), start=1)
        )
        if not servers:
            raise self.fail("[[servers]]", "a lab needs at least one server")
        seen: set[str] = set()
        for server in servers:
            if server.name.lower() in seen:
                raise self.fail("[[servers]]", f"the server name '{server.name}' is used twice")
            seen.add(server.name.lower())
        return FixtureSpec(
            source=self.source,
            name=name,
            accepted_domains=accepted,
            servers=servers,
            users=tuple(
                self.user(item, index, organization)
                for index, item in enumerate(self.table_list(data, "users"), start=1)
            ),
            pinned_clock=self.clock(data.get("clock")),
            send_connectors=tuple(
                self.send_connector(item, index)
                for index, item in enumerate(self.table_list(data, "send_connectors"), start=1)
            ),
            receive_connectors=tuple(
                self.receive_connector(item, index, seen)
                for index, item in enumerate(self.table_list(data, "receive_connectors"), start=1)
            ),
            hybrid=self.hybrid(data.get("hybrid_configuration"), accepted),
        )

    def hybrid(self, table: object, accepted: tuple[AcceptedDomain, ...]) -> HybridConfiguration | None:
        """`[hybrid_configuration]`: the organisation ran the Hybrid Configuration Wizard."""
        if table is None:
            return None
        if not isinstance(table, dict):
            raise self.fail("[hybrid_configuration]", "must be a table")
        domains = table.get("domains", [domain.name for domain in accepted])
        if not isinstance(domains, list) or not all(isinstance(item, str) for item in domains):
            raise self.fail("[hybrid_configuration]", "'domains' must be a list of strings")
        return HybridConfiguration(table.get("tls_certificate_name"), table.get("on_premises_smart_host"),
                                   tuple(domains))

    def accepted_domain(self, item: object) -> AcceptedDomain:
        """`"contoso.com"`, or `{ name = "partner.test", authoritative = false }` for a relay domain."""
        if isinstance(item, str) and item.strip():
            return AcceptedDomain(item.strip().lower(), True)
        if isinstance(item, dict):
            name = self.text(item, "name", "[organization] accepted_domains")
            authoritative = item.get("authoritative", True)
            if not isinstance(authoritative, bool):
                raise self.fail("[organization] accepted_domains", "'authoritative' must be true or false")
            return AcceptedDomain(name.lower(), authoritative)
        raise self.fail("[organization]", "'accepted_domains' must be a non-empty list of names")

    def server(self, table: dict[str, Any], index: int, default_domain: str) -> ServerSpec:
        where = f"server #{index}"
        name = self.text(table, "name", where)
        if len(name) > 15 or not all(char.isalnum() or char == "-" for char in name):
            raise self.fail(where, f"'{name}' is not a computer name (letters, digits, '-', at most 15)")
        fqdn = self.text(table, "fqdn", where, default=f"{name.lower()}.{default_domain}")
        if "." not in fqdn or fqdn.split(".", 1)[0].lower() != name.lower():
            raise self.fail(where, f"the FQDN '{fqdn}' must start with the server name '{name}'")
        version = self.version(table.get("version"), where)
        roles_value = table.get("roles")
        if roles_value is None:
            roles = default_roles(version)
        else:
            if not isinstance(roles_value, list) or not roles_value:
                raise self.fail(where, "'roles' must be a non-empty list")
            roles = tuple(self.role(item, where) for item in roles_value)
        mode = table.get("um_startup_mode", "TCP")
        if mode not in ("TCP", "TLS", "Dual"):
            raise self.fail(where, "'um_startup_mode' must be TCP, TLS or Dual")
        wmsvc = table.get("wmsvc", False)
        if not isinstance(wmsvc, bool):
            raise self.fail(where, "'wmsvc' must be true or false")
        return ServerSpec(name, fqdn, version, roles, fqdn.split(".", 1)[1].lower(), mode, wmsvc,
                          self.build(table, version, where))

    def build(self, table: dict[str, Any], version: str, where: str) -> Build | None:
        """`cu = "CU11"` or `build = "15.2.986.5"` (one of them), checked against the server's version."""
        if "cu" in table and "build" in table:
            raise self.fail(where, "give 'cu' or 'build', not both")
        try:
            if "cu" in table:
                return build_of_update(version, self.text(table, "cu", where))
            if "build" in table:
                return parse_build(version, self.text(table, "build", where))
        except BuildError as error:
            raise self.fail(where, str(error)) from None
        return None

    def version(self, value: object, where: str) -> str:
        text = str(value).strip() if isinstance(value, (str, int)) else ""
        for known in EXCHANGE_VERSIONS:
            if known.lower() == text.lower():
                return known
        raise self.fail(where, f"'version' must be one of {', '.join(EXCHANGE_VERSIONS)}")

    def role(self, value: object, where: str) -> str:
        for known in KNOWN_ROLES:
            if isinstance(value, str) and known.lower() == value.strip().lower():
                return known
        raise self.fail(where, f"unknown role '{value}'; roles are {', '.join(KNOWN_ROLES)}")

    def user(self, table: dict[str, Any], index: int, organization: dict[str, Any]) -> UserSpec:
        where = f"user #{index}"
        # The NetBIOS domain defaults to the first label of the first accepted domain (CONTOSO).
        first = organization["accepted_domains"][0]
        first_domain = str(first.get("name", "") if isinstance(first, dict) else first).strip()
        default_domain = str(organization.get("netbios_domain", "")) or first_domain.split(".")[0]
        return UserSpec(
            name=self.text(table, "name", where),
            password=self.text(table, "password", where),
            domain=self.text(table, "domain", where, default=default_domain).upper(),
            role=self.role_group(table, where),
        )

    def role_group(self, table: dict[str, Any], where: str) -> str:
        text = self.text(table, "role", where, default="Organization Management")
        group = role_group_named(text)
        if group is None:
            raise self.fail(where, f"'role' must be one of: {', '.join(ROLE_GROUPS)}")
        return group

    def clock(self, value: object) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail("[clock]", "must be a table")
        pinned = value.get("pinned")
        if pinned is None:
            return None
        if isinstance(pinned, datetime):
            return parse_moment(pinned.isoformat())
        if not isinstance(pinned, str):
            raise self.fail("[clock]", "'pinned' must be an ISO 8601 date-time")
        try:
            return parse_moment(pinned)
        except LabError as error:
            raise self.fail("[clock]", str(error)) from error

    def send_connector(self, table: dict[str, Any], index: int) -> SendConnector:
        where = f"send connector #{index}"
        spaces = table.get("address_spaces", ["*"])
        if not isinstance(spaces, list) or not all(isinstance(item, str) for item in spaces):
            raise self.fail(where, "'address_spaces' must be a list of strings")
        return SendConnector(
            name=self.text(table, "name", where),
            fqdn=table.get("fqdn"),
            tls_certificate_name=table.get("tls_certificate_name"),
            address_spaces=tuple(spaces),
        )

    def receive_connector(
        self, table: dict[str, Any], index: int, servers: set[str]
    ) -> ReceiveConnectorSpec:
        where = f"receive connector #{index}"
        server = self.text(table, "server", where)
        if server.lower() not in servers:
            raise self.fail(where, f"there is no server '{server}' in this fixture")
        return ReceiveConnectorSpec(
            server=server,
            name=self.text(table, "name", where),
            fqdn=table.get("fqdn"),
            tls_certificate_name=table.get("tls_certificate_name"),
        )


def default_roles(version: str) -> tuple[str, ...]:
    # 2013+ collapses the client access front end into the Mailbox role; before that the typical
    # single-box install is Mailbox + Client Access + Hub Transport.
    if version_at_least(version, "2013"):
        return ("Mailbox",)
    return ("Mailbox", "ClientAccess", "HubTransport")
