"""Shells and their commands: ownership, named state transitions, output buffers, idle expiry.

Sans-IO: time is passed in (`now`, monotonic seconds) and waiting is the caller's business; an output
buffer only calls `on_change` so the asyncio edge can wake a long-polled Receive from a worker thread.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable

from exchange_sim.remoting import faults

DEFAULT_IDLE_TIMEOUT = 7200.0  # real WinRM's default IdleTimeOut (reference/remoting.md §7 Delete)


class CommandState(Enum):
    RUNNING = "Running"
    DONE = "Done"


class InvalidCommandState(RuntimeError):
    """A transition asked of a command in a state that does not allow it."""

    def __init__(self, action: str, state: CommandState, needed: list[CommandState]) -> None:
        wanted = ", ".join(s.value for s in needed)
        super().__init__(f"cannot {action}: the command is {state.value}, it must be {wanted}")
        self.action = action
        self.state = state


@dataclass(frozen=True)
class ReceiveBatch:
    """What one Receive returns: stream chunks in order, and whether the command is over."""

    chunks: tuple[tuple[str, bytes], ...]
    done: bool
    exit_code: int | None


class OutputBuffer:
    """Output of one command, written by a worker thread and drained by Receive on the event loop."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._chunks: list[tuple[str, bytes]] = []
        self._state = CommandState.RUNNING
        self._exit_code: int | None = None
        self.on_change: Callable[[], None] | None = None

    @property
    def state(self) -> CommandState:
        return self._state

    @property
    def has_output(self) -> bool:
        return bool(self._chunks)

    def write(self, stream: str, data: bytes) -> None:
        if not data:
            return
        with self._lock:
            if self._state is not CommandState.RUNNING:
                raise InvalidCommandState("write output", self._state, [CommandState.RUNNING])
            # Only the first chunk after a drain wakes a waiting Receive; it comes back for the rest.
            first = not self._chunks
            self._chunks.append((stream, data))
        if first:
            self._changed()

    def finish(self, exit_code: int) -> None:
        with self._lock:
            if self._state is not CommandState.RUNNING:
                raise InvalidCommandState("finish", self._state, [CommandState.RUNNING])
            self._state = CommandState.DONE
            self._exit_code = exit_code
        self._changed()

    def take(self, budget: int, chunk_size: int = 4096) -> ReceiveBatch:
        """Whole chunks (re-cut to `chunk_size`) up to `budget` raw bytes; `done` only once all is taken."""
        taken: list[tuple[str, bytes]] = []
        used = 0
        with self._lock:
            while self._chunks and used < budget:
                stream, data = self._chunks[0]
                room = min(chunk_size, budget - used)
                piece, rest = data[:room], data[room:]
                taken.append((stream, piece))
                used += len(piece)
                if rest:
                    self._chunks[0] = (stream, rest)
                else:
                    self._chunks.pop(0)
            done = self._state is CommandState.DONE and not self._chunks
            return ReceiveBatch(tuple(taken), done, self._exit_code if done else None)

    def _changed(self) -> None:
        callback = self.on_change
        if callback is not None:
            callback()


@dataclass
class ShellCommand:
    command_id: str
    output: OutputBuffer = field(default_factory=OutputBuffer)
    stdin: bytearray = field(default_factory=bytearray)
    payload: Any = None  # what the shell kind keeps per command (a PSRP pipeline, a worker future)
    wakeup: Any = None  # the edge's waiter for a long-polled Receive (an asyncio.Event)


@dataclass
class Shell:
    shell_id: str
    owner: str
    resource_uri: str
    kind: str  # "cmd" or a PowerShell configuration name
    created: float
    last_used: float
    idle_timeout: float = DEFAULT_IDLE_TIMEOUT
    codepage: int = 437
    commands: dict[str, ShellCommand] = field(default_factory=dict)
    payload: Any = None  # e.g. the PSRP runspace pool

    def new_command(self, command_id: str | None = None) -> ShellCommand:
        identifier = (command_id or str(uuid.uuid4())).upper()
        if identifier in self.commands:
            raise faults.invalid_message(f"a command with CommandId {identifier} already exists")
        command = ShellCommand(identifier)
        self.commands[identifier] = command
        return command

    def command(self, command_id: str | None) -> ShellCommand:
        found = self.commands.get((command_id or "").upper())
        if found is None:
            raise faults.unknown_command(command_id)
        return found

    def drop_command(self, command_id: str | None) -> ShellCommand | None:
        return self.commands.pop((command_id or "").upper(), None)


class ShellTable:
    """All shells of one service, keyed by ShellId and owned by the user who created them (§9.8)."""

    def __init__(self, max_shells: int = 1000) -> None:
        self._shells: dict[str, Shell] = {}
        self._max = max_shells
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._shells)

    def create(self, owner: str, resource_uri: str, kind: str, now: float, shell_id: str | None = None,
               codepage: int = 437, idle_timeout: float = DEFAULT_IDLE_TIMEOUT) -> Shell:
        identifier = (shell_id or str(uuid.uuid4())).upper()
        with self._lock:
            if len(self._shells) >= self._max:
                raise faults.quota_exceeded(f"The maximum number of shells ({self._max}) has been reached.")
            if identifier in self._shells:
                raise faults.invalid_message(f"a shell with ShellId {identifier} already exists")
            shell = Shell(identifier, owner.lower(), resource_uri, kind, now, now, idle_timeout, codepage)
            self._shells[identifier] = shell
            return shell

    def get(self, shell_id: str | None, owner: str, now: float) -> Shell:
        """The caller's shell; someone else's ShellId is answered exactly like an unknown one."""
        shell = self._shells.get((shell_id or "").upper())
        if shell is None or shell.owner != owner.lower():
            raise faults.unknown_shell(shell_id)
        shell.last_used = now
        return shell

    def remove(self, shell_id: str) -> Shell | None:
        with self._lock:
            return self._shells.pop(shell_id.upper(), None)

    def expired(self, now: float) -> list[Shell]:
        """Remove and return shells idle longer than their IdleTimeOut (clients that crashed never Delete)."""
        with self._lock:
            stale = [s for s in self._shells.values() if now - s.last_used > s.idle_timeout]
            for shell in stale:
                del self._shells[shell.shell_id]
            return stale

    def all(self) -> list[Shell]:
        return list(self._shells.values())
