"""Which Windows services of a server are running, and the certificate each took when it last started.

The lab stores only what a runbook changed: a service with no row is in the state its catalog entry
(in the windows layer) says setup leaves it in. IIS application pools keep their Started/Stopped
state here too, named `AppPool\\<pool>` (no Windows service name has a backslash).
"""

from __future__ import annotations

from dataclasses import dataclass

from exchange_sim.lab.clock import LabClock
from exchange_sim.lab.transactions import TransactionScope


@dataclass(frozen=True)
class ServiceState:
    name: str
    status: str  # Running | Stopped
    loaded_thumbprint: str | None = None


class ServiceStates:
    def __init__(self, scope: TransactionScope, clock: LabClock, server: str) -> None:
        self._scope = scope
        self._clock = clock
        self.server = server

    def get(self, name: str) -> ServiceState | None:
        row = self._scope.db.execute(
            "SELECT name, status, loaded_thumbprint FROM service_states WHERE server = ? AND lower(name) = lower(?)",
            [self.server, name],
        ).fetchone()
        return ServiceState(*row) if row else None

    def set(self, state: ServiceState) -> None:
        with self._scope.transaction():
            self._scope.db["service_states"].upsert(
                {
                    "server": self.server,
                    "name": state.name,
                    "status": state.status,
                    "loaded_thumbprint": state.loaded_thumbprint,
                    "changed_at": self._clock.now().isoformat(),
                },
                pk=("server", "name"),
            )
