"""Start-Transcript and Stop-Transcript: what the host is given, teed into a file of the lab file
system under Windows PowerShell 5.1's header and footer.

The session's host is wrapped while a transcript runs, so warnings, errors, Write-Host text and
printed output reach the file in the order the console shows them.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from pathlib import Path
from typing import Any

from exchange_sim.lab import LabPathError
from exchange_sim.powershell.builtins.declaring import implementing, param, switch
from exchange_sim.powershell.builtins.records import throw_exception
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration, CommandTable
from exchange_sim.powershell.host import Host
from exchange_sim.powershell.values.exceptions import IOException, InvalidOperationException
from exchange_sim.windows.machine import LabMachine

_RULE = "**********************"


class PSInvalidOperationException(InvalidOperationException):
    net_type = "System.Management.Automation.PSInvalidOperationException"


class TranscriptHost(Host):
    """Passes everything to the host it wraps and appends the same text to the transcript file."""

    def __init__(self, inner: Host, path: str, file: Path) -> None:
        self.inner = inner
        self.path = path
        self._file = file

    @property
    def interactive(self) -> bool:  # type: ignore[override]
        return self.inner.interactive

    @property
    def width(self) -> int:  # type: ignore[override]
        return self.inner.width

    def append(self, text: str) -> None:
        with self._file.open("a", encoding="utf-8", newline="") as handle:
            handle.write(text.replace("\r\n", "\n").replace("\n", "\r\n"))

    def write_output(self, text: str) -> None:
        self.inner.write_output(text)
        self.append(text)

    def write_error(self, text: str) -> None:
        self.inner.write_error(text)
        self.append(text)

    def write_warning(self, text: str) -> None:
        self.inner.write_warning(text)
        self.append(f"WARNING: {text}\n")

    def write_verbose(self, text: str) -> None:
        self.inner.write_verbose(text)
        self.append(f"VERBOSE: {text}\n")

    def write_debug(self, text: str) -> None:
        self.inner.write_debug(text)
        self.append(f"DEBUG: {text}\n")

    def write_host(self, text: str, newline: bool = True) -> None:
        self.inner.write_host(text, newline)
        self.append(text + ("\n" if newline else ""))

    def read_line(self, prompt: str, secure: bool = False) -> str:
        answer = self.inner.read_line(prompt, secure)
        self.append(f"{prompt}{'' if secure else answer}\n")
        return answer

    def __getattr__(self, name: str) -> Any:
        # Anything else a host offers (prompt queues, colours) is the wrapped host's.
        return getattr(self.inner, name)


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d%H%M%S")


def _header(machine: LabMachine, now: datetime, process_id: int) -> str:
    user = f"{machine.user_domain()}\\{machine.user_name()}"
    return "\n".join((
        _RULE,
        "Windows PowerShell transcript start",
        f"Start time: {_stamp(now)}",
        f"Username: {user}",
        f"RunAs User: {user}",
        "Configuration Name: ",
        f"Machine: {machine.machine_name()} (Microsoft Windows NT 10.0.17763.0)",
        "Host Application: C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
        f"Process ID: {process_id}",
        "PSVersion: 5.1.17763.1007",
        "PSEdition: Desktop",
        "PSCompatibleVersions: 1.0, 2.0, 3.0, 4.0, 5.0, 5.1.17763.1007",
        "BuildVersion: 10.0.17763.1007",
        "CLRVersion: 4.0.30319.42000",
        "WSManStackVersion: 3.0",
        "PSRemotingProtocolVersion: 2.3",
        "SerializationVersion: 1.1.0.1",
        _RULE,
        "",
    ))


def _now(ctx: CmdletContext) -> datetime:
    clock = ctx.extensions.get("clock")
    return clock() if callable(clock) else datetime.now()



class StartTranscript(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        machine = ctx.extensions["windows.machine"]
        assert isinstance(machine, LabMachine)
        filesystem = machine.filesystem
        now = _now(ctx)
        path = ctx.bound.get("Path") or ctx.bound.get("LiteralPath")
        if path is None:
            folder = str(ctx.bound.get("OutputDirectory") or f"{machine.environment()['USERPROFILE']}\\Documents")
            name = f"PowerShell_transcript.{machine.machine_name()}.{_random_name()}.{_stamp(now)}.txt"
            try:
                filesystem.resolve(folder).mkdir(parents=True, exist_ok=True)
            except (LabPathError, OSError) as failure:
                throw_exception(ctx, IOException(str(failure)), "CannotStartTranscription", "InvalidOperation", folder)
            path = f"{folder.rstrip(chr(92))}\\{name}"
        providers = getattr(ctx, "providers", None)
        # A relative path is relative to the session's location, which the provider layer keeps.
        shown = providers.locate(str(path)).path if providers is not None else str(filesystem.full_path(str(path)))
        try:
            file = filesystem.resolve(shown)
        except LabPathError as failure:
            throw_exception(ctx, IOException(failure.message), "CannotStartTranscription", "InvalidOperation", shown)
        if file.exists() and ctx.bound.get("NoClobber"):
            throw_exception(ctx, IOException(f"File {shown} already exists and NoClobber was specified."),
                            "NoClobber", "ResourceExists", shown)
        if not file.parent.is_dir():
            throw_exception(ctx, IOException(f"Could not find a part of the path '{shown}'."),
                            "CannotStartTranscription", "InvalidOperation", shown)
        host = TranscriptHost(ctx.host, shown, file)  # type: ignore[attr-defined]
        if not ctx.bound.get("Append"):
            file.write_bytes(b"")
        host.append(_header(machine, now, process_id=4000 + sum(map(ord, machine.machine_name())) % 1000))
        ctx.host = host  # type: ignore[attr-defined]
        ctx.write_object(f"Transcript started, output file is {shown}")


class StopTranscript(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        host = ctx.host  # type: ignore[attr-defined]
        if not isinstance(host, TranscriptHost):
            throw_exception(ctx, PSInvalidOperationException(
                "An error occurred stopping transcription: The host is not currently transcribing."),
                "InvalidOperation", "InvalidOperation", None)
        host.append("\n".join((_RULE, "Windows PowerShell transcript end", f"End time: {_stamp(_now(ctx))}", _RULE,
                               "")))
        ctx.host = host.inner  # type: ignore[attr-defined]
        ctx.write_object(f"Transcript stopped, output file is {host.path}")


def _random_name() -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


def _declare(name: str, implementation: type[Cmdlet], parameters: tuple, synopsis: str,
             default_set: str | None = None) -> CommandDeclaration:
    declaration = CommandDeclaration(name=name, parameters=parameters, implementation=implementation,
                                     synopsis=synopsis, module="Microsoft.PowerShell.Host",
                                     implementing_type=implementing(name), supports_should_process=True,
                                     default_parameter_set=default_set)
    implementation.declaration = declaration
    return declaration


DECLARATIONS = (
    _declare("Start-Transcript", StartTranscript, (
        param("Path", "string", position=0, sets=("ByPath",)),
        param("LiteralPath", "string", sets=("ByLiteralPath",), aliases=("PSPath",)),
        param("OutputDirectory", "string", sets=("ByOutputDirectory",)),
        switch("Append"), switch("Force"), switch("NoClobber", aliases=("NoOverwrite",)),
        switch("IncludeInvocationHeader"),
    ), "Creates a record of all or part of a PowerShell session to a text file.", "ByPath"),
    _declare("Stop-Transcript", StopTranscript, (), "Stops a transcript."),
)


def register_transcript_commands(commands: CommandTable) -> None:
    commands.register_all(DECLARATIONS)


__all__ = ["TranscriptHost", "register_transcript_commands"]
