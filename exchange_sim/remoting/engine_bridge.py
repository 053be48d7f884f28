"""The PowerShell engine behind a served lab: for each server, powershell.exe for WinRS, runspaces for PSRP and
the command catalog for GET_COMMAND_METADATA, all built by the CLI's own session wiring (`open_session`), so a
script runs remotely exactly as `exchange-sim run` runs it.

The remoting layer may not import the CLI or the Exchange layer: `serve` hands `open_session` in. One Lab is
shared by every session of the process; it gives each worker thread its own SQLite connection and each cmdlet
its own transaction.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from exchange_sim.lab import Lab, Server
from exchange_sim.powershell.commands import CommandDeclaration
from exchange_sim.powershell.host import BufferHost, Host
from exchange_sim.powershell.session import Session
from exchange_sim.remoting.auth import Account
from exchange_sim.remoting.powershell_process import PowerShellProcess
from exchange_sim.remoting.psrp import EXCHANGE_CONFIGURATION
from exchange_sim.remoting.remote_runspace import RemoteRunspace, exchange_catalog

# cli.session.open_session(host, lab=, server=, user=, seed_folders=) -> Session
OpenSession = Callable[..., Session]
# A new session on one server for `host`, run as the signed-in account.
SessionOpener = Callable[[Host, Account], Session]


@dataclass(frozen=True)
class ServerEngine:
    """What the service plan of one server needs from the engine."""

    runner: PowerShellProcess
    pipeline_runner: "RunspaceFactory"
    catalog: Callable[[str], Iterable[CommandDeclaration]]


class RunspaceFactory:
    """The PSRP PipelineRunner of one server: a new session per runspace pool."""

    def __init__(self, open_on_server: SessionOpener) -> None:
        self._open = open_on_server

    def open_runspace(self, configuration: str, account: Account) -> RemoteRunspace:
        return RemoteRunspace(configuration, lambda host: self._open(host, account), account.role)


class EngineBridge:
    """Engines for every server of one lab; `close` once the service has stopped."""

    def __init__(self, lab_path: Path, open_session: OpenSession) -> None:
        self._lab = Lab.open(lab_path)
        self._open_session = open_session
        # (server, user) pairs whose standard folders exist: walking the lab file system for them costs more
        # than the rest of a session's start, so it is done once per process, as Windows makes them once.
        self._seeded: set[tuple[str, str]] = set()
        self._seeding = threading.Lock()

    def for_server(self, server: Server) -> ServerEngine:
        def open_on_server(host: Host, account: Account) -> Session:
            user = account.windows_name
            key = (server.name.lower(), user.lower())
            if key not in self._seeded:
                with self._seeding:
                    if key not in self._seeded:
                        session = self._open_session(host, lab=self._lab, server=server.name, user=user)
                        self._seeded.add(key)
                        return session
            return self._open_session(host, lab=self._lab, server=server.name, user=user, seed_folders=False)

        # The declarations are the same for every session of a server: read them once.
        commands = list(self._open_session(BufferHost(), lab=self._lab, server=server.name).registry.commands)
        exchange_commands = exchange_catalog(commands)

        def catalog(configuration: str) -> list[CommandDeclaration]:
            return exchange_commands if configuration == EXCHANGE_CONFIGURATION else commands

        return ServerEngine(PowerShellProcess(open_on_server), RunspaceFactory(open_on_server), catalog)

    def close(self) -> None:
        self._lab.close()


def factory_for(lab_path: Path, open_session: Any) -> EngineBridge:
    """The engine bridge `exchange-sim serve` wires into its service plans."""
    return EngineBridge(lab_path, open_session)
