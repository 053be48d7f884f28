"""PSRP over WinRS: one psrpcore `ServerRunspacePool` per shell, outgoing fragments routed into per-target
queues, pipelines run on worker threads by a `PipelineRunner` (reference/remoting.md §9).

psrpcore is sans-IO and not thread-safe: every call into a pool holds that pool's lock, and after each call
the pool's outgoing data is drained into the queues so a Receive only ever sees its own target's fragments.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Protocol

import psrpcore
from psrpcore.types import (
    ChoiceDescription,
    ErrorCategory,
    ErrorCategoryInfo,
    ErrorRecord,
    NETException,
    PSInvocationState,
)

from exchange_sim.powershell.commands import CommandDeclaration
from exchange_sim.remoting import command_metadata, faults
from exchange_sim.remoting.auth import Account
from exchange_sim.remoting.role_groups import held_by_role
from exchange_sim.remoting.shells import ReceiveBatch, Shell, ShellCommand

FRAGMENT_SIZE = 32_768
HOST_CALL_WAIT = 600.0  # how long a prompt waits for the client's answer before the pipeline gives up
EXCHANGE_CONFIGURATION = "Microsoft.Exchange"
POWERSHELL_CONFIGURATION = "Microsoft.PowerShell"
_TERMINAL = (PSInvocationState.Completed, PSInvocationState.Failed, PSInvocationState.Stopped)

# Current Exchange (since the April 2021 update) runs its endpoint in no-language mode (§11).
NO_LANGUAGE_MESSAGE = (
    "The syntax is not supported by this runspace. This can occur if the runspace is in no-language mode."
)


@dataclass(frozen=True)
class RemoteCommand:
    """One command of a remote pipeline as the client sent it; values are psrpcore-deserialised."""

    text: str
    is_script: bool
    parameters: tuple[tuple[str | None, Any], ...]


@dataclass(frozen=True)
class RemotePipeline:
    """Statements (each a pipeline of commands) plus the input objects the client streamed in."""

    statements: tuple[tuple[RemoteCommand, ...], ...]
    input: tuple[Any, ...] = ()
    has_input: bool = False


class PipelineSink(Protocol):
    """Where a running pipeline writes; every call is safe from a worker thread."""

    def write_output(self, value: Any) -> None: ...
    def write_error(self, record: ErrorRecord) -> None: ...
    def write_warning(self, text: str) -> None: ...
    def write_verbose(self, text: str) -> None: ...
    def write_information(self, value: Any) -> None: ...
    def fail(self, record: ErrorRecord) -> None: ...
    @property
    def stopping(self) -> bool: ...
    @property
    def interactive(self) -> bool: ...
    def prompt_for_choice(self, caption: str, message: str, choices: list[tuple[str, str]], default: int) -> int | None: ...
    def read_line(self, prompt: str) -> str | None: ...


# The commands a client of a configuration may call (GET_COMMAND_METADATA answers from it).
CommandCatalog = Callable[[str], Iterable[CommandDeclaration]]


class Runspace(Protocol):
    """One runspace pool's engine state (variables live across its pipelines)."""

    def run_pipeline(self, pipeline: RemotePipeline, sink: PipelineSink) -> None:
        """Run on a worker thread; return normally for a completed pipeline (non-terminating errors written to
        the sink) or call `sink.fail` for a failed one."""
        ...

    def close(self) -> None: ...


class PipelineRunner(Protocol):
    """Opens runspaces on the server's engine; called on a worker thread at a pool's first pipeline."""

    def open_runspace(self, configuration: str, account: Account) -> Runspace: ...



def error_record(message: str, error_id: str, category: ErrorCategory, target: str = "",
                 exception_type: str = "System.Management.Automation.RuntimeException",
                 reason: str | None = None) -> ErrorRecord:
    """A .NET-shaped ErrorRecord as pypsrp and PowerShell clients read it."""
    exception = NETException(Message=message)
    exception.PSObject.type_names = [exception_type, "System.Exception", "System.Object"]
    return ErrorRecord(
        Exception=exception,
        CategoryInfo=ErrorCategoryInfo(Category=category, Reason=reason or exception_type.rsplit(".", 1)[-1],
                                       TargetName=target, TargetType="String" if target else ""),
        FullyQualifiedErrorId=error_id,
        TargetObject=target or None,
    )


@dataclass
class _PipelineState:
    command_id: str
    pipeline: psrpcore.ServerPipeline
    definition: RemotePipeline | None = None
    inputs: list[Any] = field(default_factory=list)
    started: bool = False
    stop_requested: bool = False


class PsrpPool:
    """One shell's runspace pool with its queues; driven by the dispatcher's verbs and by worker threads."""

    def __init__(self, configuration: str, account: Account, runner: PipelineRunner | None, executor: Executor,
                 loop: asyncio.AbstractEventLoop, catalog: CommandCatalog | None = None) -> None:
        self.configuration = configuration
        self._catalog = catalog
        self.account = account
        self._runner = runner
        self._executor = executor
        self._loop = loop
        self._lock = threading.RLock()
        self._pool = psrpcore.ServerRunspacePool()
        self._queues: dict[uuid.UUID | None, list[bytes]] = {None: []}
        self._pipelines: dict[uuid.UUID, _PipelineState] = {}
        self._wakeups: dict[uuid.UUID | None, asyncio.Event] = {}
        self._host_calls: dict[int, _HostCall] = {}
        self._runspace: Runspace | None = None
        self._closed = False
        # The engine's session is not thread-safe: a pool's pipelines run one at a time.
        self._engine_lock = threading.Lock()

    @property
    def opened(self) -> bool:
        return self._pool.state == psrpcore.types.RunspacePoolState.Opened

    # -- input from the client -------------------------------------------------------------------------
    def feed(self, data: bytes, pipeline_id: uuid.UUID | None = None, stream: str = "default") -> None:
        stream_type = psrpcore.StreamType.prompt_response if stream == "pr" else psrpcore.StreamType.default
        with self._lock:
            try:
                self._pool.receive_data(psrpcore.PSRPPayload(data, stream_type, pipeline_id))
                while (event := self._pool.next_event()) is not None:
                    self._on_event(event)
            except (psrpcore.PSRPCoreError, ValueError, KeyError, IndexError) as exc:
                raise faults.invalid_message(f"the PSRP data could not be processed: {exc}") from None
            finally:
                self._flush()

    def new_pipeline(self, command_id: str) -> None:
        identifier = uuid.UUID(command_id)
        with self._lock:
            # The pipeline must be in the pool's table before its CREATE_PIPELINE fragment is fed (§9.5).
            pipeline = psrpcore.ServerPipeline(self._pool, identifier)
            self._pipelines[identifier] = _PipelineState(command_id, pipeline)
            self._queues[identifier] = []

    def _on_event(self, event: psrpcore.PSRPEvent) -> None:
        if isinstance(event, psrpcore.CreatePipelineEvent):
            state = self._pipelines[event.pipeline_id]
            state.definition = _definition_of(event.pipeline)
            if event.pipeline.no_input:
                self._start(state)
        elif isinstance(event, psrpcore.PipelineInputEvent):
            self._pipelines[event.pipeline_id].inputs.append(event.data)
        elif isinstance(event, psrpcore.EndOfPipelineInputEvent):
            self._start(self._pipelines[event.pipeline_id])
        elif isinstance(event, (psrpcore.SetMaxRunspacesEvent, psrpcore.SetMinRunspacesEvent,
                                psrpcore.ResetRunspaceStateEvent)):
            self._pool.runspace_availability_response(event.ci, True)
        elif isinstance(event, psrpcore.GetAvailableRunspacesEvent):
            self._pool.runspace_availability_response(event.ci, 1)
        elif isinstance(event, psrpcore.GetCommandMetadataEvent):
            self._answer_metadata(self._pipelines[event.pipeline_id], event.pipeline)
        elif isinstance(event, psrpcore.PipelineHostResponseEvent):
            call = self._host_calls.pop(event.ci, None)
            if call is not None:
                call.answer(event.result, event.error is not None)

    @property
    def client_has_host(self) -> bool:
        host = getattr(self._pool, "host", None)
        return host is not None and not getattr(host, "IsHostNull", True)

    def host_notify(self, state: _PipelineState, send: Callable[[psrpcore.ServerHostRequestor], None]) -> None:
        """A void host call (Write, WriteLine): sent, never answered."""
        with self._lock:
            if state.pipeline.state is PSInvocationState.Running:
                send(psrpcore.ServerHostRequestor(state.pipeline))
                self._flush()

    def host_call(self, state: _PipelineState, send: Callable[[psrpcore.ServerHostRequestor], int]) -> "_HostCall":
        """Send a host call for a pipeline (worker thread) and return the waiter for its answer."""
        with self._lock:
            if state.pipeline.state is not PSInvocationState.Running:
                return _HostCall.unanswerable()
            ci = send(psrpcore.ServerHostRequestor(state.pipeline))
            call = _HostCall()
            self._host_calls[ci] = call
            self._flush()
            return call

    def _answer_metadata(self, state: _PipelineState, request: psrpcore.GetMetadata) -> None:
        """Answered at once from the declarations: a count object, then one CommandMetadata per command."""
        state.started = True
        state.pipeline.start()
        catalog = self._catalog(self.configuration) if self._catalog is not None else ()
        available = [declaration for declaration in catalog if held_by_role(self.account.role, declaration)]
        found = command_metadata.matching(available, list(request.name or []))
        state.pipeline.write_output(command_metadata.count_object(len(found)))
        for declaration in found:
            state.pipeline.write_output(command_metadata.metadata_object(declaration))
        state.pipeline.complete()

    # -- running ---------------------------------------------------------------------------------------
    def _start(self, state: _PipelineState) -> None:
        if state.started or state.definition is None:
            return
        state.started = True
        state.pipeline.start()
        definition = state.definition
        if state.inputs:
            definition = RemotePipeline(definition.statements, tuple(state.inputs), True)
        refusal = self._refusal(definition)
        if refusal is not None:
            self._fail(state, refusal)
            return
        sink = _Sink(self, state)
        self._executor.submit(self._run, definition, sink)

    def _refusal(self, definition: RemotePipeline) -> ErrorRecord | None:
        scripted = any(command.is_script for statement in definition.statements for command in statement)
        if scripted and self.configuration == EXCHANGE_CONFIGURATION:
            return error_record(NO_LANGUAGE_MESSAGE, "ParseException", ErrorCategory.ParserError,
                                exception_type="System.Management.Automation.ParseException")
        if self._runner is None:
            return error_record("No PowerShell engine is available on this simulated server.",
                                "EngineUnavailable", ErrorCategory.NotInstalled)
        return None

    def _run(self, definition: RemotePipeline, sink: "_Sink") -> None:
        assert self._runner is not None
        with self._engine_lock:
            if self._closed:
                return
            try:
                if self._runspace is None:
                    self._runspace = self._runner.open_runspace(self.configuration, self.account)
                self._runspace.run_pipeline(definition, sink)
            except Exception as exc:  # an engine bug fails the pipeline; the pool and the service live on
                sink.fail(error_record(f"{type(exc).__name__}: {exc}", "InternalError", ErrorCategory.NotSpecified))
                return
        sink.complete()

    def _fail(self, state: _PipelineState, record: ErrorRecord) -> None:
        # psrpcore 0.3.1 has no public "fail this pipeline" call; the state change carries the error (§9.7).
        state.pipeline._change_state(PSInvocationState.Failed, record)

    # -- output to the client ------------------------------------------------------------------------
    def _flush(self) -> None:
        touched: set[uuid.UUID | None] = set()
        while (payload := self._pool.data_to_send(FRAGMENT_SIZE)) is not None:
            target = payload.pipeline_id if payload.pipeline_id in self._queues else None
            self._queues[target].append(payload.data)
            touched.add(target)
        if touched:
            self._loop.call_soon_threadsafe(self._wake, touched)

    def _wake(self, targets: set[uuid.UUID | None]) -> None:
        for target in targets:
            event = self._wakeups.get(target)
            if event is not None:
                event.set()

    def wakeup(self, command_id: str | None) -> asyncio.Event:
        target = self._target(command_id)
        return self._wakeups.setdefault(target, asyncio.Event())

    def progress(self, command_id: str | None) -> tuple[bool, bool]:
        """(whether output waits to be taken, whether the pipeline is still running). The pool's own
        messages never count as running: the client waits on them to open the pool."""
        target = self._target(command_id)
        with self._lock:
            waiting = bool(self._queues.get(target))
            state = self._pipelines.get(target) if target is not None else None
            return waiting, state is not None and state.pipeline.state not in _TERMINAL

    def take(self, command_id: str | None, budget: int) -> ReceiveBatch:
        target = self._target(command_id)
        with self._lock:
            queue = self._queues.get(target)
            if queue is None:
                raise faults.unknown_command(command_id)
            chunks: list[tuple[str, bytes]] = []
            used = 0
            # Whole payloads only: clients assume no fragment is split across Receives (§9.3).
            while queue and (not chunks or used + len(queue[0]) <= budget):
                data = queue.pop(0)
                chunks.append(("stdout", data))
                used += len(data)
            done = False
            if target is not None:
                state = self._pipelines.get(target)
                done = state is not None and state.pipeline.state in _TERMINAL and not queue
            return ReceiveBatch(tuple(chunks), done, 0 if done else None)

    def _target(self, command_id: str | None) -> uuid.UUID | None:
        if not command_id:
            return None
        try:
            return uuid.UUID(command_id)
        except ValueError:
            raise faults.unknown_command(command_id) from None

    # -- signals and closing ---------------------------------------------------------------------------
    def signal(self, command_id: str | None, code: str) -> None:
        target = self._target(command_id)
        with self._lock:
            state = self._pipelines.get(target) if target is not None else None
            if target is not None and state is None:
                raise faults.unknown_command(command_id)
            lowered = code.lower()
            if state is None:
                return
            if lowered.endswith("signal/ctrl_c") or lowered.endswith("signal/ctrl_break"):
                self._stop(state)
            elif lowered.endswith("signal/terminate"):
                self._stop(state)
                state.pipeline.close()
                del self._pipelines[target]  # type: ignore[arg-type]
                self._queues.pop(target, None)
            self._flush()

    def _stop(self, state: _PipelineState) -> None:
        state.stop_requested = True
        if state.pipeline.state in (PSInvocationState.Running, PSInvocationState.Stopping):
            state.pipeline.begin_stop()
            state.pipeline.stop()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for state in list(self._pipelines.values()):
                self._stop(state)
                state.pipeline.close()
            self._pipelines.clear()
            if self._pool.state in (psrpcore.types.RunspacePoolState.Opened, psrpcore.types.RunspacePoolState.Closing):
                self._pool.begin_close()
                self._pool.close()
            # Waking prompts end their pipelines' waits; the runspace is closed once no pipeline uses it.
            for call in self._host_calls.values():
                call.answer(None, True)
            self._host_calls.clear()
        self._executor.submit(self._close_runspace)

    def _close_runspace(self) -> None:
        with self._engine_lock:
            runspace, self._runspace = self._runspace, None
            if runspace is not None:
                runspace.close()


class _HostCall:
    """A host call waiting on a worker thread for the client's PIPELINE_HOST_RESPONSE."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self.result: Any = None
        self.failed = False

    @classmethod
    def unanswerable(cls) -> "_HostCall":
        call = cls()
        call.answer(None, True)
        return call

    def answer(self, result: Any, failed: bool) -> None:
        self.result, self.failed = result, failed
        self._done.set()

    def wait(self, seconds: float) -> bool:
        return self._done.wait(seconds) and not self.failed


class _Sink:
    """A pipeline's writer for worker threads: each write takes the pool lock and drains to the queues.
    Writes after a stop are dropped (the engine cannot be interrupted mid-cmdlet)."""

    def __init__(self, pool: PsrpPool, state: _PipelineState) -> None:
        self._pool = pool
        self._state = state

    @property
    def stopping(self) -> bool:
        return self._state.stop_requested

    def _write(self, action: Callable[[psrpcore.ServerPipeline], None]) -> None:
        with self._pool._lock:
            if self._state.pipeline.state is not PSInvocationState.Running:
                return
            action(self._state.pipeline)
            self._pool._flush()

    def write_output(self, value: Any) -> None:
        self._write(lambda p: p.write_output(value))

    def write_error(self, record: ErrorRecord) -> None:
        self._write(lambda p: p.prepare_message(record, message_type=psrpcore.types.PSRPMessageType.ErrorRecord))

    def write_warning(self, text: str) -> None:
        self._write(lambda p: p.write_warning(text))

    def write_verbose(self, text: str) -> None:
        self._write(lambda p: p.write_verbose(text))

    def write_information(self, value: Any) -> None:
        self._write(lambda p: p.write_information(value, "Write-Host"))

    def fail(self, record: ErrorRecord) -> None:
        self._write(lambda p: self._pool._fail(self._state, record))

    @property
    def interactive(self) -> bool:
        """Prompts reach a person only when the client brought a host (pypsrp: RunspacePool(host=...))."""
        return self._pool.client_has_host

    def prompt_for_choice(self, caption: str, message: str, choices: list[tuple[str, str]], default: int) -> int | None:
        if not self.interactive:
            return None
        descriptions = [ChoiceDescription(Label=label, HelpMessage=help_text) for label, help_text in choices]
        call = self._pool.host_call(self._state, lambda r: r.prompt_for_choice(caption, message, descriptions, default))
        return int(call.result) if call.wait(HOST_CALL_WAIT) and call.result is not None else None

    def read_line(self, prompt: str) -> str | None:
        if not self.interactive:
            return None
        if prompt:
            self._pool.host_notify(self._state, lambda r: r.write(prompt + ": "))
        call = self._pool.host_call(self._state, lambda r: r.read_line())
        return str(call.result) if call.wait(HOST_CALL_WAIT) and call.result is not None else None

    def complete(self) -> None:
        self._write(lambda p: p.complete())


def _definition_of(metadata: psrpcore.PowerShell) -> RemotePipeline:
    statements: list[tuple[RemoteCommand, ...]] = []
    current: list[RemoteCommand] = []
    for command in metadata.commands:
        current.append(RemoteCommand(command.command_text, bool(command.is_script),
                                     tuple((name, value) for name, value in command.parameters)))
        if command.end_of_statement:
            statements.append(tuple(current))
            current = []
    if current:
        statements.append(tuple(current))
    return RemotePipeline(tuple(statements))


class PsrpShells:
    """The dispatcher's PSRP side for one server: which configurations exist and how their verbs act."""

    configurations = (POWERSHELL_CONFIGURATION, EXCHANGE_CONFIGURATION)

    def __init__(self, executor: Executor, runner: PipelineRunner | None, catalog: CommandCatalog | None = None) -> None:
        self._executor = executor
        self._runner = runner
        self._catalog = catalog

    def _pool(self, shell: Shell) -> PsrpPool:
        pool = shell.payload
        if not isinstance(pool, PsrpPool):
            raise faults.unknown_shell(shell.shell_id)
        return pool

    def create(self, shell: Shell, creation_xml: bytes, account: Account) -> None:
        pool = PsrpPool(shell.kind, account, self._runner, self._executor, asyncio.get_running_loop(), self._catalog)
        shell.payload = pool
        pool.feed(creation_xml)
        if not pool.opened:
            # creationXml must carry SESSION_CAPABILITY and INIT_RUNSPACEPOOL whole (§9.2); anything less
            # would leave a pool that can never open.
            raise faults.invalid_message("creationXml does not open a runspace pool")

    def command(self, shell: Shell, command: ShellCommand, arguments: bytes) -> None:
        pool = self._pool(shell)
        try:
            uuid.UUID(command.command_id)
        except ValueError:
            raise faults.invalid_message("a PSRP CommandId must be a GUID") from None
        pool.new_pipeline(command.command_id)
        if arguments:
            pool.feed(arguments, uuid.UUID(command.command_id))

    def send(self, shell: Shell, command_id: str | None, stream: str, data: bytes) -> None:
        pool = self._pool(shell)
        pool.feed(data, uuid.UUID(command_id) if command_id else None, stream)

    def take(self, shell: Shell, command_id: str | None, budget: int) -> ReceiveBatch:
        return self._pool(shell).take(command_id, budget)

    def progress(self, shell: Shell, command_id: str | None) -> tuple[bool, bool]:
        return self._pool(shell).progress(command_id)

    def signal(self, shell: Shell, command_id: str | None, code: str) -> None:
        self._pool(shell).signal(command_id, code)
        if code.lower().endswith("signal/terminate") and command_id:
            shell.drop_command(command_id)

    def close(self, shell: Shell) -> None:
        pool = shell.payload
        if isinstance(pool, PsrpPool):
            pool.close()

    def wakeup_of(self, shell: Shell, command_id: str | None) -> asyncio.Event:
        return self._pool(shell).wakeup(command_id)

