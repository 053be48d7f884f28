"""The lab's event log: what a runbook did to the Windows around Exchange (services restarted, IIS
reset, mail queued, programs started), each with its effect, stamped with the lab clock.

An event is part of the change it reports: it is written in the caller's transaction, so a cmdlet
that fails and rolls back leaves no event behind (the audit log keeps the failed call).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from exchange_sim.lab.clock import LabClock
from exchange_sim.lab.transactions import TransactionScope


@dataclass(frozen=True)
class LabEvent:
    id: int
    at: datetime
    server: str
    source: str
    kind: str
    message: str
    details: Mapping[str, object] = field(default_factory=dict)


class EventLog:
    def __init__(self, scope: TransactionScope, clock: LabClock) -> None:
        self._scope = scope
        self._clock = clock

    def record(self, server: str, source: str, kind: str, message: str,
               details: Mapping[str, object] | None = None) -> None:
        with self._scope.transaction():
            self._scope.db["events"].insert(
                {
                    "at": self._clock.now().isoformat(),
                    "server": server,
                    "source": source,
                    "kind": kind,
                    "message": message,
                    "details": json.dumps(dict(details or {})),
                }
            )

    def records(self, server: str | None = None, kind: str | None = None,
                limit: int | None = None) -> list[LabEvent]:
        sql = "SELECT id, at, server, source, kind, message, details FROM events"
        conditions, arguments = [], []
        if server is not None:
            conditions.append("lower(server) = lower(?)")
            arguments.append(server)
        if kind is not None:
            conditions.append("lower(kind) = lower(?)")
            arguments.append(kind)
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        rows = self._scope.db.execute(sql + " ORDER BY id", arguments).fetchall()
        if limit is not None:
            rows = rows[-limit:] if limit > 0 else []
        return [
            LabEvent(row[0], datetime.fromisoformat(row[1]), row[2], row[3], row[4], row[5], json.loads(row[6] or "{}"))
            for row in rows
        ]
