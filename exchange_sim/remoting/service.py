"""The remoting service of a lab: for every server a WinRM listener (HTTP + HTTPS, `/wsman`) and an
IIS-style listener (HTTP + HTTPS, `/PowerShell/`), their endpoint table, start and clean stop.

Sockets are bound before anything is announced, so the endpoint table (and `endpoints.json`, written by
the caller) is true before the first connection is accepted.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import ssl
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from aiohttp import web

from exchange_sim.remoting.auth import UserDirectory, write_credential_file
from exchange_sim.remoting.dispatcher import Dispatcher, PowerShellRunner, ServerIdentity
from exchange_sim.remoting.psrp import CommandCatalog, PipelineRunner, PsrpShells
from exchange_sim.remoting.http import DEFAULT_BODY_LIMIT, ListenerPolicy, WsmanEndpoint
from exchange_sim.remoting.tls import CertificateSource, HandshakeContexts, NoListenerCertificate

WSMAN_PATHS = ("/wsman", "/wsman/")
POWERSHELL_PATHS = ("/PowerShell", "/PowerShell/", "/powershell", "/powershell/")
IDLE_SWEEP_SECONDS = 60.0


@dataclass(frozen=True)
class ServerPlan:
    """What the service needs of one lab server; certificate sources are asked at every TLS handshake."""

    identity: ServerIdentity
    winrm_certificate: CertificateSource
    iis_certificate: CertificateSource
    runner: PowerShellRunner | None = None
    pipeline_runner: PipelineRunner | None = None
    catalog: CommandCatalog | None = None


@dataclass(frozen=True)
class Endpoint:
    server: str
    service: str  # "WinRM" or "IIS"
    scheme: str
    host: str
    port: int
    path: str

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}{self.path}"

    def as_json(self) -> dict[str, object]:
        return {"server": self.server, "service": self.service, "scheme": self.scheme, "host": self.host,
                "port": self.port, "url": self.url}


@dataclass(frozen=True)
class ServiceOptions:
    host: str = "127.0.0.1"
    port_base: int = 0  # 0: free ports chosen by the system; N: server i gets N+4i .. N+4i+3
    allow_unencrypted: bool = False
    body_limit: int = DEFAULT_BODY_LIMIT
    workers: int = 8


@dataclass(frozen=True)
class _Listener:
    endpoint: Endpoint
    sock: socket.socket
    app: web.Application
    ssl_context: ssl.SSLContext | None


@dataclass
class RemotingService:
    plans: tuple[ServerPlan, ...]
    directory: UserDirectory
    options: ServiceOptions = ServiceOptions()
    skipped: list[str] = field(default_factory=list)  # listeners that could not start, with the reason
    _listeners: list[_Listener] = field(default_factory=list)
    _runners: list[web.AppRunner] = field(default_factory=list)
    _dispatchers: list[Dispatcher] = field(default_factory=list)
    _sweeper: asyncio.Task[None] | None = None
    _executor: ThreadPoolExecutor | None = None
    _private: tempfile.TemporaryDirectory[str] | None = None
    _previous_user_file: str | None = None

    async def start(self) -> list[Endpoint]:
        """Bind every listener and start accepting; returns the endpoint table."""
        endpoints = self.bind()
        await self.accept()
        return endpoints

    def bind(self) -> list[Endpoint]:
        """Bind (and listen on) every socket without accepting yet, so the table can be published first."""
        self._private = tempfile.TemporaryDirectory(prefix="exchange-sim-remoting-")
        private = Path(self._private.name)
        os.chmod(private, 0o700)
        self._install_credentials(private / "ntlm-users")
        self._executor = ThreadPoolExecutor(max_workers=self.options.workers, thread_name_prefix="remoting")
        self._listeners = self._bind(private)
        return [listener.endpoint for listener in self._listeners]

    async def accept(self) -> None:
        for listener in self._listeners:
            runner = web.AppRunner(listener.app, access_log=None, handle_signals=False)
            await runner.setup()
            site = web.SockSite(runner, listener.sock, ssl_context=listener.ssl_context)
            await site.start()
            self._runners.append(runner)
        self._sweeper = asyncio.get_running_loop().create_task(self._sweep_idle())

    def open_shells(self) -> int:
        """Shells (and runspace pools) currently open on all servers."""
        return sum(len(dispatcher.shells) for dispatcher in self._dispatchers)

    async def stop(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
        for runner in self._runners:
            await runner.cleanup()
        self._runners.clear()
        for listener in self._listeners:
            listener.sock.close()
        self._listeners.clear()
        for dispatcher in self._dispatchers:
            dispatcher.close_all()
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        self._restore_credentials()
        if self._private is not None:
            self._private.cleanup()

    def _install_credentials(self, path: Path) -> None:
        # pyspnego's NTLM acceptor reads passwords only from the file named by NTLM_USER_FILE, a process-wide
        # setting (§4.2): one service per process owns it while it runs.
        write_credential_file(path, self.directory)
        self._previous_user_file = os.environ.get("NTLM_USER_FILE")
        os.environ["NTLM_USER_FILE"] = str(path)

    def _restore_credentials(self) -> None:
        if self._previous_user_file is None:
            os.environ.pop("NTLM_USER_FILE", None)
        else:
            os.environ["NTLM_USER_FILE"] = self._previous_user_file

    def _bind(self, private: Path) -> list[_Listener]:
        assert self._executor is not None
        listeners: list[_Listener] = []
        for index, plan in enumerate(self.plans):
            psrp = PsrpShells(self._executor, plan.pipeline_runner, plan.catalog)
            dispatcher = Dispatcher(plan.identity, self._executor, plan.runner, psrp)
            self._dispatchers.append(dispatcher)
            layout = (
                ("WinRM", "http", WSMAN_PATHS, None),
                ("WinRM", "https", WSMAN_PATHS, plan.winrm_certificate),
                ("IIS", "http", POWERSHELL_PATHS, None),
                ("IIS", "https", POWERSHELL_PATHS, plan.iis_certificate),
            )
            for offset, (service, scheme, paths, source) in enumerate(layout):
                context = None
                if source is not None:
                    label = f"{plan.identity.name}-{service}".lower()
                    try:
                        context = HandshakeContexts(source, private, label).server_context()
                    except NoListenerCertificate as exc:
                        self.skipped.append(f"{plan.identity.name} {service} https: {exc}")
                        continue
                port = self.options.port_base + 4 * index + offset if self.options.port_base else 0
                sock = bound_socket(self.options.host, port)
                policy = ListenerPolicy(https=scheme == "https", allow_unencrypted=self.options.allow_unencrypted,
                                        body_limit=self.options.body_limit)
                handler = WsmanEndpoint(dispatcher, self.directory, policy)
                endpoint = Endpoint(plan.identity.name, service, scheme, self.options.host,
                                    sock.getsockname()[1], paths[1] if service == "IIS" else paths[0])
                listeners.append(_Listener(endpoint, sock, handler.application(paths), context))
        return listeners

    async def _sweep_idle(self) -> None:
        while True:
            await asyncio.sleep(IDLE_SWEEP_SECONDS)
            for dispatcher in self._dispatchers:
                dispatcher.expire_idle()


def bound_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    sock.setblocking(False)
    return sock


class ServiceThread:
    """Runs a `RemotingService` on its own event loop thread (tests, the benchmark, embedding)."""

    def __init__(self, service: RemotingService) -> None:
        self.service = service
        self.endpoints: list[Endpoint] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="remoting-loop", daemon=True)

    def __enter__(self) -> "ServiceThread":
        self._thread.start()
        self.endpoints = asyncio.run_coroutine_threadsafe(self.service.start(), self._loop).result()
        return self

    def __exit__(self, *_exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.service.stop(), self._loop).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()

    def endpoint(self, server: str, service: str, scheme: str) -> Endpoint:
        for endpoint in self.endpoints:
            if (endpoint.server.lower(), endpoint.service, endpoint.scheme) == (server.lower(), service, scheme):
                return endpoint
        raise LookupError(f"no {service} {scheme} endpoint for {server}")


@contextlib.contextmanager
def running(service: RemotingService) -> Iterator[ServiceThread]:
    with ServiceThread(service) as thread:
        yield thread
