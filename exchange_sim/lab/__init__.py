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

import importlib
from typing import Any

# Name -> the submodule defining it. Imported on first use (PEP 562): a process that only reads a lab never
# imports the lab CA, the key supply or the fixture reader (cold start, scripts/bench_startup.py).
_EXPORTS: dict[str, str] = {
    "REDACTED": "audit", "command_line": "audit", "redact": "audit", "IssuedCertificate": "authority",
    "ClockSetting": "clock", "LabClock": "clock", "parse_moment": "clock", "parse_shift": "clock",
    "ServerConfig": "config", "LabError": "errors", "LabPathError": "errors", "LabEvent": "events",
    "DEFAULT_LOCATION": "filesystem", "LabFileSystem": "filesystem", "builtin_fixtures": "fixtures",
    "fixtures_dir": "fixtures", "load_fixture": "fixtures", "DEFAULT_WEB_SITE": "model",
    "EXCHANGE_BACK_END": "model", "EXCHANGE_BUILDS": "model", "EXCHANGE_VERSIONS": "model",
    "STORE_NAMES": "model", "AcceptedDomain": "model", "AuditRecord": "model", "AuthConfig": "model",
    "IisBinding": "model", "LabUser": "model", "ROLE_GROUPS": "model", "VIEW_ONLY_ROLE": "model",
    "role_group_named": "model", "ReceiveConnector": "model", "SendConnector": "model", "Server": "model",
    "StoreEntry": "model", "version_at_least": "model", "MailAttachment": "outbox", "OutgoingMail": "outbox",
    "Lab": "organization", "default_lab_path": "organization", "is_lab": "organization",
    "open_or_create": "organization", "ServiceState": "service_states", "CertificateStore": "stores",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


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
