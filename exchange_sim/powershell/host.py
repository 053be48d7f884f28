"""The host: where a runspace's text goes and where prompts get their answers.

`ConsoleHost` writes to the process's stdout/stderr and reads the terminal; `BufferHost` records
everything and answers from a list, for tests and the remoting service.
"""

from __future__ import annotations

import sys
from collections import deque
from dataclasses import dataclass, field
from typing import Iterable, TextIO

# 5.1's text when a prompt is needed but the host cannot ask (powershell -NonInteractive).
NON_INTERACTIVE_TEXT = (
    "Windows PowerShell is in NonInteractive mode. Read and Prompt functionality is not available."
)


class HostPromptUnavailable(Exception):
    """A prompt was needed and the host has nobody to ask."""

    def __init__(self) -> None:
        super().__init__(NON_INTERACTIVE_TEXT)


class Host:
    """What the engine needs from whoever runs it."""

    interactive: bool = False
    width: int = 120

    def write_output(self, text: str) -> None:
        raise NotImplementedError

    def write_error(self, text: str) -> None:
        raise NotImplementedError

    def write_warning(self, text: str) -> None:
        self.write_output(f"WARNING: {text}\n")

    def write_verbose(self, text: str) -> None:
        self.write_output(f"VERBOSE: {text}\n")

    def write_debug(self, text: str) -> None:
        self.write_output(f"DEBUG: {text}\n")

    def write_host(self, text: str, newline: bool = True) -> None:
        self.write_output(text + ("\n" if newline else ""))

    def read_line(self, prompt: str, secure: bool = False) -> str:
        raise HostPromptUnavailable()


@dataclass
class BufferHost(Host):
    """Records what a runspace prints; answers prompts from `answers` in order, then fails as non-interactive."""

    answers: Iterable[str] = ()
    width: int = 120
    output: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    verbose: list[str] = field(default_factory=list)
    debug: list[str] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)
    _queue: deque[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._queue = deque(self.answers)

    @property
    def interactive(self) -> bool:  # type: ignore[override]
        return bool(self._queue)

    def write_output(self, text: str) -> None:
        self.output.append(text)

    def write_error(self, text: str) -> None:
        self.errors.append(text)

    def write_warning(self, text: str) -> None:
        self.warnings.append(text)
        super().write_warning(text)

    def write_verbose(self, text: str) -> None:
        self.verbose.append(text)
        super().write_verbose(text)

    def write_debug(self, text: str) -> None:
        self.debug.append(text)
        super().write_debug(text)

    def read_line(self, prompt: str, secure: bool = False) -> str:
        self.prompts.append(prompt)
        if not self._queue:
            raise HostPromptUnavailable()
        return self._queue.popleft()

    @property
    def text(self) -> str:
        return "".join(self.output)

    @property
    def error_text(self) -> str:
        return "".join(self.errors)


@dataclass
class ConsoleHost(Host):
    """The process's own console; prompts read the terminal unless answers were given (`--answer`)."""

    answers: Iterable[str] = ()
    interactive_console: bool = False
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    width: int = 120
    _queue: deque[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._queue = deque(self.answers)

    @property
    def interactive(self) -> bool:  # type: ignore[override]
        return self.interactive_console or bool(self._queue)

    def write_output(self, text: str) -> None:
        self.stdout.write(text)

    def write_error(self, text: str) -> None:
        self.stderr.write(text)

    def write_warning(self, text: str) -> None:
        # 5.1 colours warnings but sends them to the console, not the error stream.
        self.stdout.write(f"WARNING: {text}\n")

    def read_line(self, prompt: str, secure: bool = False) -> str:
        if self._queue:
            return self._queue.popleft()
        if not self.interactive_console:
            raise HostPromptUnavailable()
        if secure:
            import getpass  # only a prompting shell pays for it

            return getpass.getpass(prompt)
        return input(prompt)

