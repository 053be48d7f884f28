"""A lab: one folder holding a simulated Exchange organisation (database, lab.key, file system)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from exchange_sim.certs.facts import is_self_signed
from exchange_sim.certs.formats import CertificateDataError, certificate_der, read_certificate_data
from exchange_sim.certs.thumbprint import Thumbprint
from exchange_sim.db import DatabaseError
from exchange_sim.lab.audit import AuditLog
from exchange_sim.lab.builds import build_text, parse_build
from exchange_sim.lab.clock import LabClock
from exchange_sim.lab.config import ServerConfig
from exchange_sim.lab.errors import LabError
from exchange_sim.lab.events import EventLog
from exchange_sim.lab.filesystem import LabFileSystem
from exchange_sim.lab.fixtures import DEFAULT_FIXTURE, FixtureSpec, load_fixture
from exchange_sim.lab.lab_key import LAB_KEY_FILE, LabSecret
from exchange_sim.lab.outbox import Outbox
from exchange_sim.lab.model import (
    AcceptedDomain,
    AuthConfig,
    HybridConfiguration,
    LabUser,
    ReceiveConnector,
    SendConnector,
    Server,
    StoreEntry,
)
from exchange_sim.lab.service_states import ServiceStates
from exchange_sim.lab.stores import CertificateStore, thumbprint_text
from exchange_sim.lab.transactions import TransactionScope
from exchange_sim.lab.virtual_directories import VirtualDirectories

if TYPE_CHECKING:
    from exchange_sim.lab.authority import IssuedCertificate, LabAuthority
    from exchange_sim.lab.key_supply import KeySupply

DATABASE_FILE = "lab.db"
LAB_ENVIRONMENT_VARIABLE = "EXCHANGE_SIM_LAB"

ServerRef = Server | str


def default_lab_path() -> Path:
    """`$EXCHANGE_SIM_LAB`, else `./store`."""
    configured = os.environ.get(LAB_ENVIRONMENT_VARIABLE, "").strip()
    return Path(configured) if configured else Path.cwd() / "store"


def is_lab(path: Path) -> bool:
    return (path / DATABASE_FILE).is_file() and (path / LAB_KEY_FILE).is_file()


def open_or_create(path: Path | str | None = None, fixture: str | Path = DEFAULT_FIXTURE) -> Lab:
    """Opens the lab at `path` (default: default_lab_path()), creating it from `fixture` first."""
    lab_path = Path(path) if path is not None else default_lab_path()
    if is_lab(lab_path):
        return Lab.open(lab_path)
    return Lab.create(lab_path, fixture=fixture)


class Lab:
    def __init__(self, path: Path, secret: LabSecret) -> None:
        self.path = path
        self._secret = secret
        try:
            self._scope = TransactionScope(path / DATABASE_FILE)
        except DatabaseError as error:
            raise LabError(str(error)) from error
        self.clock = LabClock(self._scope)
        self.audit = AuditLog(self._scope, self.clock)
        self.events = EventLog(self._scope, self.clock)
        self.outbox = Outbox(self._scope, self.clock)
        # The key supply and the lab CA (and the key and certificate code they import) are made on first
        # use: most processes open a lab to read it (cold start, scripts/bench_startup.py).
        self._key_supply: KeySupply | None = None
        self._lab_authority: LabAuthority | None = None

    @property
    def _keys(self) -> KeySupply:
        if self._key_supply is None:
            from exchange_sim.lab.key_supply import KeySupply

            self._key_supply = KeySupply(self._secret, self._scope)
        return self._key_supply

    @property
    def _authority(self) -> LabAuthority:
        if self._lab_authority is None:
            from exchange_sim.lab.authority import LabAuthority

            self._lab_authority = LabAuthority(
                self._secret, self._scope, self.clock, self._keys, lambda: self.name, self._trust_lab_ca
            )
        return self._lab_authority

    # -- creating and opening -------------------------------------------------------------
    @classmethod
    def create(cls, path: Path | str, fixture: str | Path = DEFAULT_FIXTURE) -> Lab:
        lab_path = Path(path)
        spec = load_fixture(fixture)
        if lab_path.exists() and (not lab_path.is_dir() or any(lab_path.iterdir())):
            raise LabError(f"Cannot create a lab in '{lab_path}': the folder exists and is not empty")
        created_folder = not lab_path.exists()
        lab: Lab | None = None
        try:
            lab_path.mkdir(parents=True, exist_ok=True)
            secret = LabSecret.create(lab_path)
            lab = cls(lab_path, secret)
            lab._populate(spec)
        except BaseException:
            if lab is not None:
                if lab._key_supply is not None:
                    lab._key_supply.stop()
                lab._scope.close()
            # Leave no half-made lab behind: the next attempt would refuse the non-empty folder.
            if created_folder:
                shutil.rmtree(lab_path, ignore_errors=True)
            else:
                for child in lab_path.iterdir():
                    if child.is_dir() and not child.is_symlink():
                        shutil.rmtree(child)
                    else:
                        child.unlink()
            raise
        return lab

    @classmethod
    def open(cls, path: Path | str) -> Lab:
        lab_path = Path(path)
        if not is_lab(lab_path):
            raise LabError(
                f"'{lab_path}' is not a lab (no {DATABASE_FILE} and {LAB_KEY_FILE}); "
                f"create one with: exchange-sim lab new {lab_path}"
            )
        return cls(lab_path, LabSecret.load(lab_path))

    def close(self) -> None:
        """Keeps any keys the pool has ready for the next process, then closes the database."""
        if self._key_supply is not None:
            self._key_supply.store_spares()
            self._key_supply.stop()
        self._scope.close()

    def __enter__(self) -> Lab:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _populate(self, spec: FixtureSpec) -> None:
        from exchange_sim.lab.seeding import (
            default_receive_connectors,
            seed_auth_certificate,
            seed_server,
            seed_wmsvc_certificate,
        )

        with self.transaction():
            self._scope.db["organization"].insert({"id": 1, "name": spec.name})
            for position, domain in enumerate(spec.accepted_domains):
                self._scope.db["accepted_domains"].insert(
                    {"name": domain.name, "authoritative": int(domain.authoritative), "position": position}
                )
            for position, server in enumerate(spec.servers):
                self._scope.db["servers"].insert(
                    {
                        "name": server.name,
                        "fqdn": server.fqdn,
                        "netbios": server.name.upper(),
                        "version": server.version,
                        "roles": json.dumps(list(server.roles)),
                        "domain": server.domain,
                        "position": position,
                        "build": build_text(server.build) if server.build is not None else None,
                    }
                )
                self._scope.db["server_config"].insert(
                    {"server": server.name, "um_startup_mode": server.um_startup_mode}
                )
            for user in spec.users:
                self.set_user(LabUser(user.name, user.domain, user.password, user.role))
            if spec.pinned_clock is not None:
                self.clock.pin(spec.pinned_clock)
            for connector in spec.send_connectors:
                self.set_send_connector(connector)
            servers = self.servers()
            wmsvc = {spec_server.name for spec_server in spec.servers if spec_server.wmsvc}
            for server in servers:
                seed_server(self, server)
                if server.name in wmsvc:
                    seed_wmsvc_certificate(self, server)
                for connector in default_receive_connectors(server):
                    self.set_receive_connector(connector)
                self.filesystem(server)  # C:\ and the user profile exist from the start
            seed_auth_certificate(self, servers)
            if spec.hybrid is not None:
                self.set_hybrid_configuration(spec.hybrid)
            # Fixture connectors come after setup's defaults, so one with a default's name replaces it.
            for receive in spec.receive_connectors:
                self.set_receive_connector(
                    ReceiveConnector(self._server_name(receive.server), receive.name, receive.fqdn,
                                     receive.tls_certificate_name)
                )

    # -- the organisation -----------------------------------------------------------------
    @property
    def name(self) -> str:
        row = self._scope.db.execute("SELECT name FROM organization WHERE id = 1").fetchone()
        return row[0] if row else ""

    @property
    def accepted_domains(self) -> list[AcceptedDomain]:
        rows = self._scope.db.execute(
            "SELECT name, authoritative FROM accepted_domains ORDER BY position"
        ).fetchall()
        return [AcceptedDomain(row[0], bool(row[1])) for row in rows]

    def servers(self) -> list[Server]:
        rows = self._scope.db.execute(
            "SELECT name, fqdn, netbios, version, roles, domain, build FROM servers ORDER BY position"
        ).fetchall()
        return [Server(row[0], row[1], row[2], row[3], tuple(json.loads(row[4])), row[5],
                       parse_build(row[3], row[6]) if row[6] else None) for row in rows]

    def server(self, name_or_fqdn: str) -> Server | None:
        wanted = name_or_fqdn.strip().lower()
        for server in self.servers():
            if wanted in (server.name.lower(), server.fqdn.lower(), server.netbios.lower()):
                return server
        return None

    def _server_name(self, server: ServerRef) -> str:
        if isinstance(server, Server):
            return server.name
        found = self.server(server)
        if found is None:
            raise LabError(f"The lab has no server '{server}'")
        return found.name

    # -- transactions and audit -----------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One per cmdlet; nested use joins the outer one; an exception rolls everything back."""
        with self._scope.transaction():
            yield

    @contextmanager
    def cmdlet(self, server: ServerRef, command: str, parameters: Mapping[str, object]) -> Iterator[None]:
        """A cmdlet call: its own transaction, and an audit record whatever the outcome."""
        server_name = server.name if isinstance(server, Server) else server
        try:
            with self.transaction():
                yield
        except BaseException as error:
            self.audit.record(server_name, command, parameters, "Failed", str(error) or type(error).__name__)
            raise
        self.audit.record(server_name, command, parameters, "Completed", None)

    # -- stores, keys, configuration ------------------------------------------------------
    def store(self, server: ServerRef, store: str) -> CertificateStore:
        return CertificateStore(self._secret, self._scope, self._server_name(server), store)

    def private_key(self, server: ServerRef, thumbprint: Thumbprint | str) -> rsa.RSAPrivateKey | None:
        for store in ("My", "REQUEST"):
            key = self.store(server, store).private_key(thumbprint)
            if key is not None:
                return key
        return None

    def config(self, server: ServerRef) -> ServerConfig:
        return ServerConfig(self._scope, self._server_name(server))

    def service_states(self, server: ServerRef) -> ServiceStates:
        return ServiceStates(self._scope, self.clock, self._server_name(server))

    def take_key(self, bits: int) -> rsa.RSAPrivateKey:
        return self._keys.take(bits)

    def fill_spare_keys(self) -> None:
        self._keys.fill_spares()

    @property
    def key_pool_running(self) -> bool:
        return self._key_supply is not None and self._key_supply.pool_running

    def filesystem(self, server: ServerRef, mounts: Mapping[str, str | Path] | None = None) -> LabFileSystem:
        return LabFileSystem(self.path, self._server_name(server), mounts=mounts)

    # -- connectors, auth, federation -----------------------------------------------------
    def send_connectors(self) -> list[SendConnector]:
        rows = self._scope.db.execute(
            "SELECT name, fqdn, tls_certificate_name, address_spaces, require_tls FROM send_connectors ORDER BY rowid"
        ).fetchall()
        return [SendConnector(row[0], row[1], row[2], tuple(json.loads(row[3] or '["*"]')), bool(row[4]))
                for row in rows]

    def set_send_connector(self, connector: SendConnector) -> None:
        with self.transaction():
            self._scope.db["send_connectors"].upsert(
                {
                    "name": connector.name,
                    "fqdn": connector.fqdn,
                    "tls_certificate_name": connector.tls_certificate_name,
                    "address_spaces": json.dumps(list(connector.address_spaces)),
                    "require_tls": int(connector.require_tls),
                },
                pk="name",
            )

    def receive_connectors(self, server: ServerRef | None = None) -> list[ReceiveConnector]:
        rows = self._scope.db.execute(
            "SELECT server, name, fqdn, tls_certificate_name, require_tls, advertise_client_settings "
            "FROM receive_connectors ORDER BY rowid"
        ).fetchall()
        connectors = [ReceiveConnector(*row[:4], bool(row[4]), bool(row[5])) for row in rows]
        if server is None:
            return connectors
        name = self._server_name(server)
        return [connector for connector in connectors if connector.server == name]

    def set_receive_connector(self, connector: ReceiveConnector) -> None:
        with self.transaction():
            self._scope.db["receive_connectors"].upsert(
                {
                    "server": self._server_name(connector.server),
                    "name": connector.name,
                    "fqdn": connector.fqdn,
                    "tls_certificate_name": connector.tls_certificate_name,
                    "require_tls": int(connector.require_tls),
                    "advertise_client_settings": int(connector.advertise_client_settings),
                },
                pk=("server", "name"),
            )

    def auth_config(self) -> AuthConfig:
        row = self._scope.db.execute(
            "SELECT current_thumbprint, next_thumbprint, previous_thumbprint, next_effective_date "
            "FROM auth_config WHERE id = 1"
        ).fetchone()
        if row is None:
            return AuthConfig()
        return AuthConfig(row[0], row[1], row[2], datetime.fromisoformat(row[3]) if row[3] else None)

    def set_auth_config(self, config: AuthConfig) -> None:
        with self.transaction():
            self._scope.db["auth_config"].upsert(
                {
                    "id": 1,
                    "current_thumbprint": config.current_thumbprint,
                    "next_thumbprint": config.next_thumbprint,
                    "previous_thumbprint": config.previous_thumbprint,
                    "next_effective_date": config.next_effective_date.isoformat()
                    if config.next_effective_date
                    else None,
                },
                pk="id",
            )

    def hybrid_configuration(self) -> HybridConfiguration | None:
        row = self._scope.db.execute(
            "SELECT tls_certificate_name, on_premises_smart_host, domains FROM hybrid_configuration WHERE id = 1"
        ).fetchone()
        if row is None:
            return None
        return HybridConfiguration(row[0], row[1], tuple(json.loads(row[2] or "[]")))

    def set_hybrid_configuration(self, config: HybridConfiguration) -> None:
        with self.transaction():
            self._scope.db["hybrid_configuration"].upsert(
                {"id": 1, "tls_certificate_name": config.tls_certificate_name,
                 "on_premises_smart_host": config.on_premises_smart_host, "domains": json.dumps(list(config.domains))},
                pk="id",
            )

    def virtual_directories(self, server: ServerRef) -> VirtualDirectories:
        found = server if isinstance(server, Server) else self.server(server)
        if found is None:
            raise LabError(f"The lab has no server '{server}'")
        return VirtualDirectories(self._scope, found)

    def federation_trusts(self) -> list[tuple[str, str]]:
        rows = self._scope.db.execute("SELECT name, thumbprint FROM federation_trusts ORDER BY rowid").fetchall()
        return [(row[0], row[1]) for row in rows]

    def add_federation_certificate(self, trust_name: str, thumbprint: Thumbprint | str) -> None:
        with self.transaction():
            self._scope.db["federation_trusts"].upsert(
                {"name": trust_name, "thumbprint": thumbprint_text(thumbprint)}, pk=("name", "thumbprint")
            )

    def remove_federation_certificate(self, trust_name: str, thumbprint: Thumbprint | str) -> None:
        with self.transaction():
            self._scope.db.execute(
                "DELETE FROM federation_trusts WHERE name = ? AND thumbprint = ?",
                [trust_name, thumbprint_text(thumbprint)],
            )

    # -- users who may connect (remoting) -------------------------------------------------
    def users(self) -> list[LabUser]:
        rows = self._scope.db.execute("SELECT name, domain, password, role FROM users ORDER BY rowid").fetchall()
        return [LabUser(row[0], row[1], self._secret.open_text(bytes(row[2])), row[3]) for row in rows]

    def user(self, name: str, domain: str | None = None) -> LabUser | None:
        """Case-insensitive; `DOMAIN\\name` and `name@domain` forms are understood."""
        if "\\" in name and domain is None:
            domain, name = name.split("\\", 1)
        elif "@" in name and domain is None:
            name, domain = name.split("@", 1)
        for user in self.users():
            if user.name.lower() != name.lower():
                continue
            if domain is None or domain.split(".")[0].lower() == user.domain.lower():
                return user
        return None

    def set_user(self, user: LabUser) -> None:
        with self.transaction():
            self._scope.db["users"].upsert(
                {"name": user.name, "domain": user.domain.upper(), "password": self._secret.seal_text(user.password),
                 "role": user.role},
                pk=("domain", "name"),
            )

    # -- trust and the lab CA -------------------------------------------------------------
    def trust(self, data: bytes) -> list[str]:
        """Adds CA certificates to every server: self-signed ones to Root, others to CA.

        Returns the thumbprints added.
        """
        try:
            bundle = read_certificate_data(data, None)
        except CertificateDataError as error:
            raise LabError(f"The file is not a certificate: {error}") from error
        added: list[str] = []
        with self.transaction():
            for cert in bundle.certificates:
                self._add_trusted(cert)
                added.append(Thumbprint.of(cert).hex)
        return added

    def _add_trusted(self, cert: x509.Certificate) -> None:
        der = certificate_der(cert)
        store = "Root" if is_self_signed(cert) else "CA"
        entry = StoreEntry(store=store, thumbprint=Thumbprint.of_der(der).hex, certificate_der=der,
                           added_at=self.clock.now())
        for server in self.servers():
            self.store(server, store).add(entry)

    def _trust_lab_ca(self, cert: x509.Certificate) -> None:
        self._add_trusted(cert)

    def certificate_authority(self) -> x509.Certificate:
        return self._authority.certificate()

    def issue_certificate(self, request: bytes | str) -> IssuedCertificate:
        """The lab CA signs a PKCS#10 request as submitted (subject and SANs from the request)."""
        return self._authority.issue(request)
