"""A PSRP runspace pool's engine: one PowerShell session per pool, remote pipelines run through it, engine
values and error records turned into what PSRP clients read (reference/remoting.md §9.6-9.7, §10-11).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from psrpcore.types import ErrorCategory, ErrorRecord, PSObject, PSSecureString

from exchange_sim.powershell.binder import SWITCH, is_switch_parameter
from exchange_sim.powershell.commands import CommandDeclaration
from exchange_sim.powershell.host import Host
from exchange_sim.powershell.session import CommandCall, RunOutcome, Session
from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.dotnet.security import SecureString
from exchange_sim.powershell.values.objects import PSObject as EnginePSObject
from exchange_sim.remoting.objects import RemoteObjects, from_remote
from exchange_sim.remoting.psrp import (
    EXCHANGE_CONFIGURATION,
    PipelineSink,
    RemoteCommand,
    RemotePipeline,
    error_record,
)
from exchange_sim.remoting.role_groups import trim_to_role

# What real Exchange's restricted runspace offers besides the Exchange cmdlets (the proxy helpers that
# Import-PSSession needs; Get-Command and Get-Help exist there too, but not in this engine yet).
EXCHANGE_HELPERS = ("Select-Object", "Measure-Object", "Out-Default", "Get-FormatData", "Exit-PSSession")

# Opens a new session on the pool's server printing through `host`.
SessionOpener = Callable[[Host], Session]


class HostException(errors.RuntimeException):
    """What a remote runspace raises when a command prompts and the client brought no host."""

    net_type = "System.Management.Automation.Host.HostException"


def exchange_catalog(declarations: Iterable[CommandDeclaration]) -> list[CommandDeclaration]:
    """The commands the Microsoft.Exchange configuration exposes: Exchange's own and the helpers."""
    helpers = {name.lower() for name in EXCHANGE_HELPERS}
    return [d for d in declarations if d.module.startswith("Microsoft.Exchange") or d.name.lower() in helpers]


class RemoteHost(Host):
    """The host of a pool's session while a pipeline runs: warnings and Write-Host go to that pipeline's
    streams, prompts become host calls when the client brought a host. Formatted text is dropped: remote
    output travels as objects."""

    width = 120

    def __init__(self) -> None:
        self.sink: PipelineSink | None = None
        self.error_text: list[str] = []

    @property
    def interactive(self) -> bool:  # type: ignore[override]
        return self.sink is not None and self.sink.interactive

    def write_output(self, text: str) -> None:
        return None

    def write_error(self, text: str) -> None:
        self.error_text.append(text)  # parse errors reach only the host; records come from $Error

    def write_warning(self, text: str) -> None:
        if self.sink is not None:
            self.sink.write_warning(text)

    def write_verbose(self, text: str) -> None:
        if self.sink is not None:
            self.sink.write_verbose(text)

    def write_host(self, text: str, newline: bool = True) -> None:
        if self.sink is not None:
            self.sink.write_information(text)

    def read_line(self, prompt: str, secure: bool = False) -> str:
        answer = self.sink.read_line(prompt) if self.sink is not None else None
        if answer is None:
            raise HostException(
                "A command that prompts the user failed because the host program or the command type does not "
                "support user interaction. The host was attempting to request confirmation with the following "
                f"message: {prompt.strip()}", error_id="HostFunctionNotImplemented",
                category=errors.ErrorCategory.NotImplemented)
        return answer


class RemoteRunspace:
    """One pool's session. The pool runs its pipelines one at a time, so the session is never shared."""

    def __init__(self, configuration: str, open_session: SessionOpener,
                 role: str = "Organization Management") -> None:
        self.configuration = configuration
        self._host = RemoteHost()
        self._session = open_session(self._host)
        trim_to_role(self._session, role)
        self._objects = RemoteObjects()
        commands = list(self._session.registry.commands)
        restricted = configuration == EXCHANGE_CONFIGURATION
        self._allowed = {d.name.lower() for d in (exchange_catalog(commands) if restricted else commands)}

    def run_pipeline(self, pipeline: RemotePipeline, sink: PipelineSink) -> None:
        self._host.sink, self._host.error_text = sink, []
        try:
            for statement in pipeline.statements:
                objects = [_local(item) for item in pipeline.input] if pipeline.has_input else []
                output = self._run_statement(statement, objects, sink)
                if output is None:
                    return
                for value in output:
                    sink.write_output(self._objects.to_remote(value))
        finally:
            self._host.sink = None

    def close(self) -> None:
        self._session.variables.clear()

    def _run_statement(self, statement: tuple[RemoteCommand, ...], objects: list[Any],
                       sink: PipelineSink) -> list[Any] | None:
        """The statement's output, or None when it failed the pipeline (its record already sent).

        Cmdlets run as one engine pipeline; a script's output is handed to the next command as its input."""
        if not any(command.is_script for command in statement):
            unknown = next((c.text for c in statement if c.text.lower() not in self._allowed), None)
            if unknown is not None:
                sink.fail(_not_recognized(unknown))
                return None
            calls = [CommandCall(command.text, self._parameters(command)) for command in statement]
            return self._outcome(lambda: self._session.invoke(calls, objects), sink)
        for command in statement:
            if command.is_script:
                result = self._outcome(lambda: self._session.run(command.text), sink)
            elif command.text.lower() not in self._allowed:
                sink.fail(_not_recognized(command.text))
                return None
            else:
                call = CommandCall(command.text, self._parameters(command))
                result = self._outcome(lambda: self._session.invoke([call], objects), sink)
            if result is None:
                return None
            objects = result
        return objects

    def _outcome(self, run: Callable[[], RunOutcome], sink: PipelineSink) -> list[Any] | None:
        """Runs `run`, sends the error records it added to $Error; a failed run fails the pipeline with the last."""
        errors_before = len(self._session.variables.get("error") or [])
        outcome = run()
        new_records = list(reversed((self._session.variables.get("error") or [])[:self._new_count(errors_before)]))
        if outcome.exit_code != 0 and outcome.had_errors:
            terminating = new_records.pop() if new_records else None
            for record in new_records:
                sink.write_error(remote_error(record))
            if terminating is not None:
                sink.fail(remote_error(terminating))
            else:  # a parse error reaches only the host
                text = "".join(self._host.error_text).strip() or "The command failed."
                sink.fail(error_record(text, "ParseException", ErrorCategory.ParserError,
                                       exception_type="System.Management.Automation.ParseException"))
            return None
        for record in new_records:
            sink.write_error(remote_error(record))
        return list(outcome.output)

    def _new_count(self, before: int) -> int:
        return max(0, len(self._session.variables.get("error") or []) - before)

    def _parameters(self, command: RemoteCommand) -> list[tuple[str | None, Any]]:
        declaration = self._session.registry.commands.resolve(command.text)
        pairs: list[tuple[str | None, Any]] = []
        for name, value in command.parameters:
            if name is not None and value is None and _is_switch(declaration, name):
                pairs.append((name, SWITCH))  # pypsrp's add_parameter("Force") sends the name alone (§9.6)
            else:
                pairs.append((name, _local(value)))
        return pairs


def _is_switch(declaration: CommandDeclaration | None, name: str) -> bool:
    try:
        return is_switch_parameter(declaration, name)
    except (errors.DotNetException, StopIteration):
        return False  # an unknown parameter: the binder reports it when the cmdlet runs


def _local(value: Any) -> Any:
    """A value the client sent, as the engine's own: SecureStrings decrypted into the engine's SecureString,
    deserialised objects as property bags named `Deserialized.<type>`, as PowerShell rehydrates them (so pipeline
    binding by property name works)."""
    if isinstance(value, PSSecureString):
        return SecureString(value.decrypt())
    if isinstance(value, PSObject) and not isinstance(value, (str, int, float, bytes)):
        properties = {p.name: _local(p.value) for p in value.PSObject.adapted_properties}
        properties.update({p.name: _local(p.value) for p in value.PSObject.extended_properties})
        if properties:
            names = [f"Deserialized.{name}" for name in value.PSObject.type_names] or None
            return EnginePSObject(properties, names)
    plain = from_remote(value)
    if isinstance(plain, list):
        return [_local(item) for item in plain]
    return plain


def remote_error(record: Any) -> ErrorRecord:
    """An engine ErrorRecord as a PSRP one (message, FullyQualifiedErrorId, category, exception type)."""
    if not isinstance(record, errors.ErrorRecord):
        record = errors.record_for(record)
    info = record.category_info
    target = "" if record.target_object is None else str(record.target_object)
    return error_record(record.message, record.fully_qualified_error_id, ErrorCategory(int(info.category)),
                        target=target, exception_type=errors.net_type_of(record.exception),
                        reason=info.reason or None)


def _not_recognized(name: str) -> ErrorRecord:
    return error_record(
        f"The term '{name}' is not recognized as the name of a cmdlet, function, script file, or operable program. "
        "Check the spelling of the name, or if a path was included, verify that the path is correct and try again.",
        "CommandNotFoundException", ErrorCategory.ObjectNotFound, target=name,
        exception_type="System.Management.Automation.CommandNotFoundException")
