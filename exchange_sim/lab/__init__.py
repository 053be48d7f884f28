"""The simulated organisation (a lab): servers, certificate stores, bindings, lab CA, clock,
file system and audit log, kept in one folder (`lab.db`, `lab.key`, `fs/`).

Public API:
    Lab.create(path, fixture="contoso"|Path) / Lab.open(path) / open_or_create(path, fixture)
    default_lab_path()                      $EXCHANGE_SIM_LAB, else ./store
    lab.name, lab.accepted_domains          -> list[AcceptedDomain(name, authoritative)]
    lab.servers(), lab.server(name_or_fqdn) -> Server(name, fqdn, netbios, version, roles, domain)
    lab.clock.now() / .pin(dt) / .shift(timedelta) / .real() / .setting()
    with lab.transaction(): ...             one per cmdlet; nested use joins the outer one
    with lab.cmdlet(server, command, params): ...   transaction + audit record, even on failure
    lab.store(server, "My"|"REQUEST"|"Root"|"CA") -> CertificateStore: add(entry, key) / remove /
        get / list / private_key
    lab.private_key(server, thumbprint)     from My, else REQUEST
    lab.config(server) -> ServerConfig: iis_bindings(), bind_iis(t, site_id), require_ssl(),
        set_require_ssl(), internal_transport_thumbprint, pop_certificate_name,
        imap_certificate_name, um_thumbprint, um_callrouter_thumbprint, um_startup_mode,
        federation_thumbprints, network_service_acl(t), set_network_service_acl(t, granted)
    lab.send_connectors() / set_send_connector(), lab.receive_connectors(server) /
        set_receive_connector(), lab.auth_config() / set_auth_config(AuthConfig),
        lab.federation_trusts() / add_federation_certificate() / remove_federation_certificate()
    lab.users() / lab.user(name, domain) / set_user(LabUser)       who may connect (remoting)
    lab.audit.record(server, command, parameters, outcome, error) / lab.audit.records()
    lab.events.record(server, source, kind, message, details) / lab.events.records(server, kind, limit)
        -> LabEvent: the Windows side channels (service restarts, iisreset, mail, processes)
    lab.outbox.send(OutgoingMail) -> number / .messages() / .message(number)    Send-MailMessage
    lab.service_states(server).get(name) / .set(ServiceState)   services a runbook started or stopped
    lab.filesystem(server, mounts=None) -> LabFileSystem (Windows paths inside the lab)
    lab.take_key(bits)                      warm RSA keys (spares kept in the database)
    lab.trust(cert_bytes), lab.certificate_authority(), lab.issue_certificate(request)
    LabError, LabPathError

Threads: each thread gets its own SQLite connection, so a reader sees committed state only;
writing transactions are serialised (BEGIN IMMEDIATE), so separate processes take turns.
A LabFileSystem keeps its current location: keep one per session, not one per call.
"""

from __future__ import annotations

from exchange_sim.lab.audit import REDACTED, command_line, redact
from exchange_sim.lab.authority import IssuedCertificate
from exchange_sim.lab.clock import ClockSetting, LabClock, parse_moment, parse_shift
from exchange_sim.lab.config import ServerConfig
from exchange_sim.lab.errors import LabError, LabPathError
from exchange_sim.lab.events import LabEvent
from exchange_sim.lab.filesystem import DEFAULT_LOCATION, LabFileSystem
from exchange_sim.lab.fixtures import builtin_fixtures, fixtures_dir, load_fixture
from exchange_sim.lab.model import (
    DEFAULT_WEB_SITE,
    EXCHANGE_BACK_END,
    EXCHANGE_BUILDS,
    EXCHANGE_VERSIONS,
    STORE_NAMES,
    AcceptedDomain,
    AuditRecord,
    AuthConfig,
    IisBinding,
    LabUser,
    ROLE_GROUPS,
    VIEW_ONLY_ROLE,
    role_group_named,
    ReceiveConnector,
    SendConnector,
    Server,
    StoreEntry,
    version_at_least,
)
from exchange_sim.lab.outbox import MailAttachment, OutgoingMail
from exchange_sim.lab.organization import Lab, default_lab_path, is_lab, open_or_create
from exchange_sim.lab.service_states import ServiceState
from exchange_sim.lab.stores import CertificateStore

__all__ = [
    "DEFAULT_LOCATION",
    "DEFAULT_WEB_SITE",
    "EXCHANGE_BACK_END",
    "EXCHANGE_BUILDS",
    "EXCHANGE_VERSIONS",
    "REDACTED",
    "STORE_NAMES",
    "AcceptedDomain",
    "AuditRecord",
    "AuthConfig",
    "CertificateStore",
    "ClockSetting",
    "IisBinding",
    "IssuedCertificate",
    "Lab",
    "LabClock",
    "LabError",
    "LabEvent",
    "LabFileSystem",
    "LabPathError",
    "LabUser",
    "ROLE_GROUPS",
    "VIEW_ONLY_ROLE",
    "role_group_named",
    "MailAttachment",
    "OutgoingMail",
    "ReceiveConnector",
    "SendConnector",
    "Server",
    "ServerConfig",
    "ServiceState",
    "StoreEntry",
    "builtin_fixtures",
    "command_line",
    "default_lab_path",
    "fixtures_dir",
    "is_lab",
    "load_fixture",
    "open_or_create",
    "parse_moment",
    "parse_shift",
    "redact",
    "version_at_least",
]
