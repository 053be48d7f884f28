"""The audit log: every cmdlet call, its bound parameters with secrets redacted, and its outcome.

A record is written after the cmdlet's transaction has ended, in a transaction of its own, so a
failed cmdlet that rolled everything back is still on record.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from exchange_sim.lab.clock import LabClock
from exchange_sim.lab.model import AuditRecord
from exchange_sim.lab.transactions import TransactionScope

REDACTED = "***"
# Parameter names whose values are secrets whatever their type (-Password, -Credential, …).
_SECRET_NAME_PARTS = ("password", "credential", "secret", "securestring")
# Value types that are secrets whatever the parameter is called; matched by name because the
# lab may not import the PowerShell layer that defines them.
_SECRET_TYPE_PARTS = ("securestring", "credential")


def is_secret(name: str, value: object) -> bool:
    lowered = name.lower()
    if any(part in lowered for part in _SECRET_NAME_PARTS):
        return True
    type_name = type(value).__name__.lower()
    return any(part in type_name for part in _SECRET_TYPE_PARTS)


def redact(parameters: Mapping[str, object]) -> dict[str, object]:
    """Parameters as JSON-friendly values, every secret replaced by ***."""
    return {
        name: REDACTED if is_secret(name, value) else _plain(value)
        for name, value in parameters.items()
    }


def command_line(command: str, parameters: Mapping[str, object]) -> str:
    """The call as a reader would type it: `Enable-ExchangeCertificate -Thumbprint 5113… -Services IIS`."""
    parts = [command]
    for name, value in redact(parameters).items():
        if value is True:
            parts.append(f"-{name}")
        elif value is False:
            parts.append(f"-{name}:$false")
        else:
            parts.append(f"-{name} {_argument(value)}")
    return " ".join(parts)


def _plain(value: object) -> object:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"<{len(bytes(value))} bytes>"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return redact({str(key): item for key, item in value.items()})
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(item) for item in value]
    return str(value)


def _argument(value: object) -> str:
    if isinstance(value, list):
        return ",".join(_argument(item) for item in value)
    if value is None:
        return "$null"
    text = str(value)
    if text == REDACTED or text.startswith("<"):
        return text
    if not text or any(char in text for char in " ,;'\"$`(){}"):
        return "'" + text.replace("'", "''") + "'"
    return text


class AuditLog:
    def __init__(self, scope: TransactionScope, clock: LabClock) -> None:
        self._scope = scope
        self._clock = clock

    def record(
        self,
        server: str,
        command: str,
        parameters: Mapping[str, object],
        outcome: str,
        error: str | None = None,
    ) -> None:
        """Queues the record until the current transaction (if any) has ended, then writes it."""
        row = {
            "at": self._clock.now().isoformat(),
            "server": server,
            "command": command,
            "parameters": json.dumps(redact(parameters)),
            "command_line": command_line(command, parameters),
            "outcome": outcome,
            "error": error,
        }

        def write() -> None:
            # Plain SQL: every cmdlet call writes one, and sqlite-utils' table API would cost a read-only
            # runbook the import of sqlite-utils (tests/cli/test_run_cold_start.py).
            with self._scope.transaction():
                self._scope.db.execute(
                    f"INSERT INTO audit_log ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))

        self._scope.after_outermost(write)

    def records(self, limit: int | None = None) -> list[AuditRecord]:
        sql = "SELECT id, at, server, command, parameters, command_line, outcome, error FROM audit_log ORDER BY id"
        rows = self._scope.db.execute(sql).fetchall()
        if limit is not None:
            rows = rows[-limit:] if limit > 0 else []
        return [
            AuditRecord(
                id=row[0],
                at=datetime.fromisoformat(row[1]),
                server=row[2],
                command=row[3],
                parameters=json.loads(row[4]),
                command_line=row[5],
                outcome=row[6],
                error=row[7],
            )
            for row in rows
        ]
