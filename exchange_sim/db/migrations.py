"""Numbered schema migrations; a lab database records the last one applied.

Append new migrations at the end; never edit one that has shipped, since existing labs already ran
it. Only configuration is stored: Services and Status are derived at query time (DESIGN.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # A lab's Database; typed as sqlite-utils' because migrations use its table API (which loads it).
    import sqlite_utils

class SchemaTooNew(Exception):
    """The database was written by a newer exchange-sim."""


Migration = Callable[["sqlite_utils.Database"], None]


def _initial_schema(db: sqlite_utils.Database) -> None:
    db["organization"].create(
        {"id": int, "name": str}, pk="id"
    )
    db["accepted_domains"].create(
        {"name": str, "authoritative": int, "position": int}, pk="name"
    )
    db["servers"].create(
        {
            "name": str,
            "fqdn": str,
            "netbios": str,
            "version": str,
            "roles": str,  # JSON list, in Exchange's role order
            "domain": str,
            "position": int,
        },
        pk="name",
    )
    db["users"].create(
        {"name": str, "domain": str, "password": bytes}, pk=("domain", "name")
    )
    db["clock"].create(
        {"id": int, "mode": str, "pinned_at": str, "offset_seconds": float}, pk="id"
    )
    db["store_entries"].create(
        {
            "server": str,
            "store": str,
            "thumbprint": str,
            "certificate_der": bytes,
            "request_der": bytes,
            "has_private_key": int,
            "exportable": int,
            "friendly_name": str,
            "archived": int,
            "added_at": str,
            "request_friendly_name": str,
            "request_subject": str,
            "network_service_acl": int,
        },
        pk=("server", "store", "thumbprint"),
        foreign_keys=[("server", "servers", "name")],
        not_null={"certificate_der"},
    )
    db["private_keys"].create(
        {"server": str, "store": str, "thumbprint": str, "encrypted_key": bytes},
        pk=("server", "store", "thumbprint"),
    )
    db["server_config"].create(
        {
            "server": str,
            "internal_transport_thumbprint": str,
            "pop_certificate_name": str,
            "imap_certificate_name": str,
            "um_thumbprint": str,
            "um_callrouter_thumbprint": str,
            "um_startup_mode": str,
        },
        pk="server",
        foreign_keys=[("server", "servers", "name")],
    )
    db["iis_bindings"].create(
        {
            "server": str,
            "site_id": int,
            "site_name": str,
            "port": int,
            "thumbprint": str,
            "require_ssl": int,
        },
        pk=("server", "site_id"),
        foreign_keys=[("server", "servers", "name")],
    )
    db["federation_trusts"].create(
        {"name": str, "thumbprint": str}, pk=("name", "thumbprint")
    )
    db["send_connectors"].create(
        {"name": str, "fqdn": str, "tls_certificate_name": str, "address_spaces": str},
        pk="name",
    )
    db["receive_connectors"].create(
        {"server": str, "name": str, "fqdn": str, "tls_certificate_name": str},
        pk=("server", "name"),
    )
    db["auth_config"].create(
        {
            "id": int,
            "current_thumbprint": str,
            "next_thumbprint": str,
            "previous_thumbprint": str,
            "next_effective_date": str,
        },
        pk="id",
    )
    db["lab_ca"].create(
        {"id": int, "certificate_der": bytes, "encrypted_key": bytes}, pk="id"
    )
    db["spare_keys"].create({"id": int, "bits": int, "encrypted_key": bytes}, pk="id")
    db["audit_log"].create(
        {
            "id": int,
            "at": str,
            "server": str,
            "command": str,
            "parameters": str,  # JSON object, secrets already redacted
            "command_line": str,
            "outcome": str,
            "error": str,
        },
        pk="id",
    )


def _windows_side_channels(db: sqlite_utils.Database) -> None:
    """What a runbook does to the Windows around Exchange: service states, an event log, a mail outbox."""
    db["service_states"].create(
        {
            "server": str,
            "name": str,  # the service name as the catalog spells it
            "status": str,  # Running | Stopped
            "loaded_thumbprint": str,  # the certificate the service took when it last started
            "changed_at": str,
        },
        pk=("server", "name"),
        foreign_keys=[("server", "servers", "name")],
    )
    db["events"].create(
        {
            "id": int,
            "at": str,
            "server": str,
            "source": str,  # e.g. "Service Control Manager", "IIS", "Send-MailMessage"
            "kind": str,  # e.g. ServiceRestarted, IisReset, MailQueued
            "message": str,
            "details": str,  # JSON object
        },
        pk="id",
    )
    db["outbox"].create(
        {
            "id": int,
            "at": str,
            "server": str,
            "sender": str,
            "recipients": str,  # JSON {"To": [...], "Cc": [...], "Bcc": [...]}
            "subject": str,
            "body": str,
            "body_is_html": int,
            "smtp_server": str,
            "port": int,
            "use_ssl": int,
            "credential_user": str,
            "priority": str,
        },
        pk="id",
    )
    db["outbox_attachments"].create(
        {"message_id": int, "position": int, "name": str, "content": bytes},
        pk=("message_id", "position"),
        foreign_keys=[("message_id", "outbox", "id")],
    )


def _organization_settings(db: sqlite_utils.Database) -> None:
    """Virtual directories, the hybrid configuration and the connector settings runbooks change."""
    # Only URLs someone set are stored; setup's defaults follow from the server's FQDN.
    db["virtual_directories"].create(
        {"server": str, "kind": str, "name": str, "internal_url": str, "external_url": str},
        pk=("server", "kind"),
        foreign_keys=[("server", "servers", "name")],
    )
    db["hybrid_configuration"].create(
        {"id": int, "tls_certificate_name": str, "on_premises_smart_host": str, "domains": str}, pk="id"
    )
    db["send_connectors"].add_column("require_tls", int)
    db["receive_connectors"].add_column("require_tls", int)


def _user_roles(db: sqlite_utils.Database) -> None:
    # Remoting users belong to a role group; labs made before this keep their users as full administrators.
    db["users"].add_column("role", str, not_null_default="Organization Management")


def _outlook_anywhere(db: sqlite_utils.Database) -> None:
    # Only settings someone changed are stored; setup's defaults live in lab/virtual_directories.py.
    db["outlook_anywhere"].create(
        {"server": str, "external_client_authentication_method": str, "internal_client_authentication_method": str,
         "external_clients_require_ssl": int, "internal_clients_require_ssl": int,
         "iis_authentication_methods": str, "ssl_offloading": int},
        pk="server",
        foreign_keys=[("server", "servers", "name")],
    )


def _server_builds(db: sqlite_utils.Database) -> None:
    # The installed update as a build number ("15.2.986.5"); NULL (older labs too) is the version's last update.
    db["servers"].add_column("build", str)


def _advertised_client_settings(db: sqlite_utils.Database) -> None:
    # Exchange's default is $false: no connector is advertised until someone says so.
    db["receive_connectors"].add_column("advertise_client_settings", int, not_null_default=0)


MIGRATIONS: tuple[Migration, ...] = (_initial_schema, _windows_side_channels, _organization_settings, _user_roles,
                                     _outlook_anywhere, _server_builds, _advertised_client_settings)


def schema_version(db: sqlite_utils.Database) -> int:
    if "schema_version" not in db.table_names():
        return 0
    row = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(db: sqlite_utils.Database) -> int:
    """Applies every migration newer than the database, each in its own transaction."""
    if "schema_version" not in db.table_names():
        db["schema_version"].create({"version": int, "applied_at": str}, pk="version")
    current = schema_version(db)
    if current > len(MIGRATIONS):
        raise SchemaTooNew(
            f"The lab database has schema version {current}, newer than this program's "
            f"{len(MIGRATIONS)}; upgrade exchange-sim"
        )
    for number, migration in enumerate(MIGRATIONS[current:], start=current + 1):
        with db.atomic():
            migration(db)
            db.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, datetime('now'))",
                [number],
            )
    return len(MIGRATIONS)
