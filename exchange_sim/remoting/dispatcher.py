"""One server's WS-Management service: routes a parsed request by ResourceURI and verb to the cmd shell or
to PSRP, runs commands on worker threads and long-polls Receive without blocking the event loop.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Callable, Protocol

from lxml import etree

from exchange_sim.remoting import faults, winrs
from exchange_sim.remoting.auth import Account
from exchange_sim.remoting.command_line import (
    LaunchError,
    NativeLaunch,
    PowerShellLaunch,
    codec_of,
    parse_launch,
)
from exchange_sim.remoting.shells import CommandState, OutputBuffer, Shell, ShellCommand, ShellTable
from exchange_sim.remoting.soap import (
    ACTION_COMMAND,
    ACTION_CREATE,
    ACTION_DELETE,
    ACTION_RECEIVE,
    ACTION_SEND,
    ACTION_SIGNAL,
    WsmanRequest,
    reply_envelope,
)

POWERSHELL_RESOURCE_PREFIX = "http://schemas.microsoft.com/powershell/"
RECEIVE_MARGIN = 0.5  # answer a long poll a little before the client's OperationTimeout (§7 Receive)
# Once a running command has output, a Receive waits this long for it to end before answering: a short
# command then answers in one Receive (output, End and Done together, as real servers send them) instead of
# costing the client a second round trip; a long one delays its output by no more than this.
RECEIVE_SETTLE = 0.05


class PowerShellRunner(Protocol):
    """Runs what powershell.exe was asked to run on this server, writing stdout/stderr bytes as it goes;
    returns the process exit code. Called on a worker thread."""

    def run_process(self, launch: PowerShellLaunch, account: Account, codec: str, output: OutputBuffer) -> int: ...


class PsrpShells(Protocol):
    """The PSRP side (psrp.py), driven by the same verbs on a PowerShell resource URI."""

    configurations: tuple[str, ...]

    def create(self, shell: Shell, creation_xml: bytes, account: Account) -> None: ...
    def command(self, shell: Shell, command: ShellCommand, arguments: bytes) -> None: ...
    def send(self, shell: Shell, command_id: str | None, stream: str, data: bytes) -> None: ...
    def take(self, shell: Shell, command_id: str | None, budget: int) -> winrs.ReceiveBatch: ...
    def progress(self, shell: Shell, command_id: str | None) -> tuple[bool, bool]: ...
    def signal(self, shell: Shell, command_id: str | None, code: str) -> None: ...
    def close(self, shell: Shell) -> None: ...
    def wakeup_of(self, shell: Shell, command_id: str | None) -> asyncio.Event: ...


@dataclass(frozen=True)
class ServerIdentity:
    name: str  # NetBIOS-style computer name, what `hostname` prints
    fqdn: str  # what faults name as Machine


class Dispatcher:
    def __init__(
        self,
        identity: ServerIdentity,
        executor: Executor,
        runner: PowerShellRunner | None,
        psrp: PsrpShells | None = None,
        clock: Callable[[], float] = time.monotonic,
        max_shells: int = 1000,
    ) -> None:
        self.identity = identity
        self.shells = ShellTable(max_shells)
        self._executor = executor
        self._runner = runner
        self._psrp = psrp
        self._clock = clock

    async def handle(self, request: WsmanRequest, account: Account, address: str) -> bytes:
        """The reply envelope for one request, or a `WsmanFault`."""
        kind = self._kind_of(request.resource_uri)
        action = request.action
        if action == ACTION_CREATE:
            body = self._create(request, account, address, kind)
        elif action == ACTION_DELETE:
            self._delete(request, account)
            body = []
        elif action == ACTION_COMMAND:
            body = self._command(request, account, kind)
        elif action == ACTION_RECEIVE:
            body = await self._receive(request, account, kind)
        elif action == ACTION_SEND:
            body = self._send(request, account, kind)
        elif action == ACTION_SIGNAL:
            body = self._signal(request, account, kind)
        else:
            raise faults.unsupported_action(action)
        return reply_envelope(f"{action}Response", request.message_id, body)

    def expire_idle(self) -> int:
        stale = self.shells.expired(self._clock())
        for shell in stale:
            self._close(shell)
        return len(stale)

    def close_all(self) -> None:
        for shell in self.shells.all():
            self.shells.remove(shell.shell_id)
            self._close(shell)

    def _kind_of(self, resource_uri: str) -> str:
        if resource_uri.lower() == winrs.CMD_RESOURCE:
            return "cmd"
        if resource_uri.lower().startswith(POWERSHELL_RESOURCE_PREFIX):
            configuration = resource_uri[len(POWERSHELL_RESOURCE_PREFIX):]
            if self._psrp is not None:
                for known in self._psrp.configurations:
                    if known.lower() == configuration.lower():
                        return known
        raise faults.unknown_resource(resource_uri)

    def _shell(self, request: WsmanRequest, account: Account, kind: str) -> Shell:
        shell = self.shells.get(request.shell_id, account.name, self._clock())
        if shell.kind != kind:
            raise faults.unknown_shell(request.shell_id)
        return shell

    def _create(self, request: WsmanRequest, account: Account, address: str, kind: str) -> list[etree._Element]:
        spec = winrs.parse_create(request.body)
        if kind == "cmd":
            codepage_text = request.options.get("WINRS_CODEPAGE", "437")
            codepage = int(codepage_text) if codepage_text.isdigit() else 437
            shell = self.shells.create(account.name, request.resource_uri, kind, self._clock(), codepage=codepage)
        else:
            assert self._psrp is not None  # _kind_of only names a configuration when PSRP is there
            if spec.creation_xml is None:
                raise faults.invalid_message("a PowerShell shell needs creationXml")
            shell = self.shells.create(account.name, request.resource_uri, kind, self._clock(), spec.shell_id)
            try:
                self._psrp.create(shell, spec.creation_xml, account)
            except BaseException:
                self.shells.remove(shell.shell_id)
                raise
        return winrs.created(address, shell, spec.input_streams, spec.output_streams)

    def _delete(self, request: WsmanRequest, account: Account) -> None:
        shell = self.shells.get(request.shell_id, account.name, self._clock())
        self.shells.remove(shell.shell_id)
        self._close(shell)

    def _close(self, shell: Shell) -> None:
        if shell.kind != "cmd" and self._psrp is not None:
            self._psrp.close(shell)

    def _command(self, request: WsmanRequest, account: Account, kind: str) -> list[etree._Element]:
        shell = self._shell(request, account, kind)
        spec = winrs.parse_command(request.body)
        command = shell.new_command(spec.command_id)
        if kind != "cmd":
            assert self._psrp is not None
            arguments = b"".join(winrs.decode_base64(a, "Arguments") for a in spec.arguments)
            try:
                self._psrp.command(shell, command, arguments)
            except BaseException:
                shell.drop_command(command.command_id)
                raise
            return winrs.command_response(command.command_id)
        self._attach_wakeup(command)
        codec = codec_of(shell.codepage)
        launch = parse_launch(spec.command, spec.arguments)
        loop = asyncio.get_running_loop()
        loop.run_in_executor(self._executor, self._run, launch, account, codec, command.output)
        return winrs.command_response(command.command_id)

    def _run(self, launch: PowerShellLaunch | NativeLaunch | LaunchError, account: Account, codec: str,
             output: OutputBuffer) -> None:
        """Worker thread: whatever happens, the command ends with an exit code (a crash is exit code 1 with
        the reason on stderr, never a hung Receive)."""
        try:
            if isinstance(launch, NativeLaunch):
                result = winrs.run_native(launch, self.identity.name, account.windows_name, codec)
                output.write("stdout", result.stdout)
                output.write("stderr", result.stderr)
                exit_code = result.exit_code
            elif isinstance(launch, LaunchError):
                output.write("stderr", (launch.message + "\r\n").encode(codec, "replace"))
                exit_code = launch.exit_code
            elif self._runner is None:
                output.write("stderr", b"powershell.exe is not available on this simulated server.\r\n")
                exit_code = 1
            else:
                exit_code = self._runner.run_process(launch, account, codec, output)
        except Exception as exc:  # a bug below must still end the command for the client
            output.write("stderr", f"Internal error: {type(exc).__name__}: {exc}\r\n".encode(codec, "replace"))
            exit_code = 1
        output.finish(exit_code)

    def _attach_wakeup(self, command: ShellCommand) -> None:
        loop = asyncio.get_running_loop()
        event = asyncio.Event()
        command.wakeup = event
        command.output.on_change = lambda: loop.call_soon_threadsafe(event.set)

    async def _receive(self, request: WsmanRequest, account: Account, kind: str) -> list[etree._Element]:
        shell = self._shell(request, account, kind)
        command_id, streams = winrs.parse_receive(request.body)
        budget = max(4096, int(request.max_envelope_size * 0.45))
        deadline = self._clock() + max(0.05, request.operation_timeout - RECEIVE_MARGIN)
        settle_until: float | None = None
        while True:
            wakeup = self._wakeup_of(kind, shell, command_id)
            wakeup.clear()
            has_output, running = self._progress(kind, shell, command_id)
            now = self._clock()
            if has_output and running and settle_until is None:
                settle_until = min(deadline, now + RECEIVE_SETTLE)
            if not running or (settle_until is not None and now >= settle_until):
                batch = self._take(kind, shell, command_id, budget)
                if batch.chunks or batch.done:
                    return winrs.receive_response(batch, command_id.upper() if command_id else None, streams)
                settle_until = None  # another Receive took it: wait for more as if nothing had come
            until = settle_until if settle_until is not None else deadline
            if until - now <= 0 and settle_until is None:
                raise faults.operation_timeout()
            try:
                await asyncio.wait_for(wakeup.wait(), max(0.0, until - now))
            except asyncio.TimeoutError:
                if settle_until is None:
                    raise faults.operation_timeout() from None
            shell.last_used = self._clock()

    def _wakeup_of(self, kind: str, shell: Shell, command_id: str | None) -> asyncio.Event:
        if kind == "cmd":
            return shell.command(command_id).wakeup
        assert self._psrp is not None
        return self._psrp.wakeup_of(shell, command_id)

    def _progress(self, kind: str, shell: Shell, command_id: str | None) -> tuple[bool, bool]:
        """(output waits to be taken, the command is still running and may add to it soon)."""
        if kind == "cmd":
            output = shell.command(command_id).output
            return output.has_output, output.state is CommandState.RUNNING
        assert self._psrp is not None
        return self._psrp.progress(shell, command_id)

    def _take(self, kind: str, shell: Shell, command_id: str | None, budget: int) -> winrs.ReceiveBatch:
        if kind == "cmd":
            return shell.command(command_id).output.take(budget)
        assert self._psrp is not None
        return self._psrp.take(shell, command_id, budget)

    def _send(self, request: WsmanRequest, account: Account, kind: str) -> list[etree._Element]:
        shell = self._shell(request, account, kind)
        for chunk in winrs.parse_send(request.body):
            if kind == "cmd":
                # Nothing we run reads stdin; keep it so a command could, and so the Send is not an error.
                shell.command(chunk.command_id).stdin.extend(chunk.data)
            else:
                assert self._psrp is not None
                self._psrp.send(shell, chunk.command_id, chunk.stream, chunk.data)
        return winrs.empty_response("SendResponse")

    def _signal(self, request: WsmanRequest, account: Account, kind: str) -> list[etree._Element]:
        shell = self._shell(request, account, kind)
        command_id, code = winrs.parse_signal(request.body)
        if kind == "cmd":
            shell.command(command_id)
            if code.lower() == winrs.SIGNAL_TERMINATE:
                shell.drop_command(command_id)
        else:
            assert self._psrp is not None
            self._psrp.signal(shell, command_id, code)
        return winrs.empty_response("SignalResponse")
