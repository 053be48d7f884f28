"""Implicit remoting to the Exchange endpoint, as runbooks written for a management workstation do:

    $s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri http://ex01/PowerShell/ -Authentication Kerberos
    Import-PSSession $s [-AllowClobber] [-DisableNameChecking]
    ...
    Remove-PSSession $s

The session is bound to the lab server the URI names: the imported commands run there (that
server's version decides their parameters) and their objects come back deserialised, as over real
implicit remoting: type names prefixed `Deserialized.`, methods gone, enums and nested objects
flattened to their text beyond the first level. Connect-ExchangeServer (the lab server's
RemoteExchange.ps1) calls these cmdlets for the server it is given, or the local one with -Auto."""
from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import uuid
import zlib
from dataclasses import dataclass
from typing import Any, ClassVar, Mapping
from urllib.parse import urlsplit

from exchange_sim import exchange
from exchange_sim.exchange import organization
from exchange_sim.exchange.entry_modes import BUILD_KEY, LOADED_KEY, TARGETS_KEY, VERSION_KEY
from exchange_sim.exchange.organization.views import VIEWS
from exchange_sim.exchange.views import CERTIFICATE_LIST, CERTIFICATE_TABLE
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration, ParameterDeclaration, ParameterSetEntry
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.values.dotnet.network import Uri
from exchange_sim.powershell.values.errors import ErrorRecord
from exchange_sim.powershell.values.exceptions import DotNetException
from exchange_sim.powershell.values.formatting.views import TableColumn, TableView, ViewTable
from exchange_sim.powershell.values.objects import Hashtable, PSObject

SESSIONS_KEY = "exchange.remote_sessions"
# Set by the CLI: (user, password) -> the lab user's role group, or None when they may not sign in;
# and (role, declaration) -> whether the role holds the command (the remoting service's rule).
SIGN_IN_KEY = "exchange.sign_in"
ROLE_HOLDS_KEY = "exchange.role_holds"
EXCHANGE_CONFIGURATION = "Microsoft.Exchange"
DESERIALIZED = "Deserialized."
# Implicit remoting serialises at depth 1: an object's properties arrive, a nested object as its
# text (why CSS-Exchange scripts test whether AdminDisplayVersion is a string).
_DEPTH = 0
_PRIMITIVES = (str, bool, int, float, decimal.Decimal, datetime.datetime, datetime.timedelta, uuid.UUID, bytes, Uri)


class PSRemotingTransportException(DotNetException):
    net_type = "System.Management.Automation.Remoting.PSRemotingTransportException"


@dataclass(eq=False)
class RemoteSession:
    """System.Management.Automation.Runspaces.PSSession bound to one lab server."""

    id: int
    computer_name: str
    server_name: str
    version: str
    state: str = "Opened"
    configuration_name: str = EXCHANGE_CONFIGURATION
    role: str | None = None  # the role group of the -Credential's user; None: the shell's own administrator

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.Runspaces.PSSession", "System.Object")

    @property
    def name(self) -> str:
        return f"WinRM{self.id}"  # 5.1 names sessions after their transport

    def ps_properties(self) -> Mapping[str, Any]:
        return {"Id": self.id, "Name": self.name, "ComputerName": self.computer_name, "ComputerType": "RemoteMachine",
                "State": self.state, "ConfigurationName": self.configuration_name,
                "Availability": "Available" if self.state == "Opened" else "None",
                "InstanceId": uuid.UUID(int=zlib.crc32(f"{self.server_name}{self.id}".encode())), "Runspace": None}

    def __str__(self) -> str:
        return f"[PSSession]{self.name}"


@dataclass(frozen=True)
class ImportedModule:
    """The temporary module Import-PSSession returns (System.Management.Automation.PSModuleInfo)."""

    name: str
    exported: tuple[str, ...]

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.PSModuleInfo", "System.Object")

    def ps_properties(self) -> Mapping[str, Any]:
        return {"ModuleType": "Script", "Version": "1.0", "Name": self.name,
                "ExportedCommands": Hashtable({name: name for name in self.exported}, ordered=True),
                "Description": f"Implicit remoting for {self.name}"}

    def __str__(self) -> str:
        return self.name


class DeserializedObject(PSObject):
    """A property bag with the original's type names prefixed and its ToString text kept."""

    def __init__(self, properties: Mapping[str, Any], type_names: list[str], text: str) -> None:
        super().__init__(properties, type_names)
        self.text = text

    def __str__(self) -> str:
        return self.text


def deserialize(value: Any, depth: int = _DEPTH) -> Any:
    """What a value looks like after a CLIXML round trip at implicit remoting's depth."""
    if isinstance(value, enum.Enum):
        return str(value)  # an enum arrives as its text (the flags' ", "-joined names)
    if value is None or isinstance(value, _PRIMITIVES):
        return value
    if isinstance(value, (list, tuple)):
        return [deserialize(item, depth) for item in value]
    properties = getattr(value, "ps_properties", None)
    names = getattr(value, "ps_type_names", None)
    if properties is None or names is None:
        return str(value)
    if depth < 0:
        return str(value)
    # A collection property keeps its items at the property's level.
    return DeserializedObject({name: deserialize(item, depth - 1) if not isinstance(item, (list, tuple))
                               else [deserialize(element, depth - 1) for element in item]
                               for name, item in properties().items()},
                              [f"{DESERIALIZED}{name}" for name in names], str(value))


class _RemotePipelineEnded(Exception):
    """The remote command ended with a terminating error, already written locally as a non-terminating one."""


class _RemoteContext:
    """The cmdlet's context with the remote server's targets, a deserialising output, and errors that
    arrive as the local proxy sees them.

    A terminating error ends the remote pipeline, but implicit remoting hands its record to the caller
    as a non-terminating error: a bare try/catch around an imported Exchange cmdlet does not catch it,
    `-ErrorAction Stop` does (PowerShell-Docs issue 1583; vscode-powershell issue 991)."""

    def __init__(self, inner: CmdletContext, extensions: Mapping[str, Any]) -> None:
        self._inner = inner
        self.extensions = extensions

    def write_object(self, value: Any, enumerate_collection: bool = False) -> None:
        if enumerate_collection and isinstance(value, (list, tuple)):
            for item in value:
                self._inner.write_object(deserialize(item))
        else:
            self._inner.write_object(deserialize(value))

    def throw_terminating_error(self, record: Any) -> None:
        self._inner.write_error(record)
        raise _RemotePipelineEnded()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _proxy(declaration: CommandDeclaration, session: RemoteSession, extensions: Mapping[str, Any],
           module: str) -> CommandDeclaration:
    original = declaration.implementation

    class Proxy(Cmdlet):
        def __init__(self) -> None:
            self._cmdlet = original()
            self._ended = False  # the remote pipeline stopped: later input is not sent

        def _context(self, ctx: CmdletContext) -> Any:
            if session.state != "Opened":
                # Implicit remoting reconnects on its own after Remove-PSSession, and says so.
                ctx.write_warning(f"Creating a new session for implicit remoting of \"{declaration.name}\" command...")
                session.state = "Opened"
            return _RemoteContext(ctx, {**ctx.extensions, **extensions})

        def _step(self, step: Any, ctx: CmdletContext) -> None:
            if self._ended:
                return
            try:
                step(self._context(ctx))
            except _RemotePipelineEnded:
                self._ended = True

        def begin(self, ctx: CmdletContext) -> None:
            self._step(self._cmdlet.begin, ctx)

        def process(self, ctx: CmdletContext) -> None:
            self._step(self._cmdlet.process, ctx)

        def end(self, ctx: CmdletContext) -> None:
            self._step(self._cmdlet.end, ctx)

    proxied = dataclasses.replace(declaration, implementation=Proxy, module=module)
    Proxy.declaration = proxied
    return proxied


SESSION_TABLE = TableView(RemoteSession.ps_type_names[0], (
    TableColumn("Id", "Id", 3, "right"), TableColumn("Name", "Name", 15, "left"),
    TableColumn("ComputerName", "ComputerName", 15, "left"), TableColumn("ComputerType", "ComputerType", 15, "left"),
    TableColumn("State", "State", 13, "left"), TableColumn("ConfigurationName", "ConfigurationName", 21, "left"),
    TableColumn("Availability", "Availability", 15, "right")))
MODULE_TABLE = TableView(ImportedModule.ps_type_names[0], (
    TableColumn("ModuleType", "ModuleType", 10, "left"), TableColumn("Version", "Version", 10, "left"),
    TableColumn("Name", "Name", 35, "left"), TableColumn("ExportedCommands", "ExportedCommands", None, "left")))


def register_views(views: ViewTable) -> None:
    views.register(SESSION_TABLE)
    views.register(MODULE_TABLE)


def exchange_declarations(version: str, build: exchange.Build | None = None) -> list[CommandDeclaration]:
    return [exchange.for_version(d, version, build)
            for d in (*exchange.CERTIFICATE_CMDLETS, *organization.declarations(version))]


def _register_deserialized_views(registry: EngineRegistry) -> None:
    # PowerShell formats a Deserialized.T with T's view.
    for view in (CERTIFICATE_TABLE, CERTIFICATE_LIST, *VIEWS):
        registry.views.register(dataclasses.replace(view, type_name=f"{DESERIALIZED}{view.type_name}"))


def import_session(ctx: CmdletContext, session: RemoteSession, allow_clobber: bool, name_checking: bool) -> ImportedModule:
    registry: EngineRegistry = getattr(ctx, "registry")
    targets = ctx.extensions[TARGETS_KEY](session.server_name)
    module = f"tmp_{zlib.crc32(session.server_name.encode()):08x}.{session.id:03d}"
    imported: list[str] = []
    skipped: list[str] = []
    declarations = exchange_declarations(session.version, targets.get(BUILD_KEY))
    # What the shell had before this import (registering the types below also declares the certificate
    # cmdlets, which must not count as local commands to keep).
    before = {d.name: registry.commands.resolve(d.name) for d in declarations}
    exchange.register(registry, session.version, targets.get(BUILD_KEY))  # enums as type literals, views
    organization.register_views(registry.views)
    _register_deserialized_views(registry)
    holds = ctx.extensions.get(ROLE_HOLDS_KEY)
    for declaration in declarations:
        if session.role is not None and holds is not None and not holds(session.role, declaration):
            # Exchange builds the session from the user's roles: the rest is simply not there (unless the
            # shell had it before, as the EMS's own cmdlets).
            if not ctx.extensions.get(LOADED_KEY):
                registry.commands.unregister(declaration.name)
            continue
        existing = before[declaration.name]
        if existing is not None and not allow_clobber and not getattr(existing, "module", "").startswith("tmp_"):
            skipped.append(declaration.name)
            continue
        registry.commands.register(_proxy(declaration, session, targets, module))
        imported.append(declaration.name)
    if skipped and ctx.extensions.get(LOADED_KEY):
        ctx.write_warning("Proxy creation has been skipped for the following command: '" + "', '".join(skipped)
                          + "', because it would shadow an existing local command.  Use the AllowClobber parameter "
                          "if you want to shadow existing local commands.")
    if name_checking:
        # Exchange's full command set has verbs outside Get-Verb's list (Clean-, Retry-, Suspend-...).
        ctx.write_warning(f"The names of some imported commands from the module '{module}' include unapproved verbs "
                          "that might make them less discoverable. To find the commands with unapproved verbs, run "
                          "the Import-Module command again with the Verbose parameter. For a list of approved verbs, "
                          "type Get-Verb.")
    return ImportedModule(module, tuple(sorted(imported)))


def _sessions(ctx: CmdletContext) -> list[RemoteSession]:
    return ctx.extensions.setdefault(SESSIONS_KEY, [])  # type: ignore[attr-defined]


def _open_error(computer: str, message: str, error_id: str) -> ErrorRecord:
    text = (f"[{computer}] Connecting to remote server {computer} failed with the following error message : "
            f"{message} For more information, see the about_Remote_Troubleshooting Help topic.")
    return ErrorRecord(exception=PSRemotingTransportException(text), error_id=error_id, category="OpenError",
                       target_object=computer, fully_qualified_error_id_override=f"{error_id},PSSessionOpenFailed")


def _signed_in_role(ctx: CmdletContext, computer: str, credential: Any) -> tuple[bool, str | None]:
    """(allowed, role) for a -Credential: the lab's users decide, as the server's WinRM would."""
    if credential is None:
        return True, None
    sign_in = ctx.extensions.get(SIGN_IN_KEY)
    if sign_in is None:
        return True, None
    secret = credential.password.reveal() if hasattr(credential.password, "reveal") else str(credential.password)
    role = sign_in(credential.user_name, secret)
    return role is not None, role


def open_session(ctx: CmdletContext, computer: str, configuration: str,
                 credential: Any = None) -> RemoteSession | None:
    targets = ctx.extensions[TARGETS_KEY](computer)
    if targets is None:
        ctx.write_error(_open_error(computer, "WinRM cannot process the request. The following error occurred while "
                                    "using Kerberos authentication: Cannot find the computer " f"{computer}. Verify "
                                    "that the computer exists on the network and that the name provided is spelled "
                                    "correctly.", "NetworkPathNotFound"))
        return None
    if configuration.lower() != EXCHANGE_CONFIGURATION.lower():
        ctx.write_error(_open_error(computer, "The WS-Management service cannot process the request. Cannot find the "
                                    f"{configuration} session configuration in the WSMan: drive on the {computer} "
                                    "computer.", "InvalidResourceUri"))
        return None
    allowed, role = _signed_in_role(ctx, computer, credential)
    if not allowed:
        ctx.write_error(_open_error(computer, "Access is denied.", "AccessDenied"))
        return None
    sessions = _sessions(ctx)
    session = RemoteSession(len(sessions) + 1, computer, targets["exchange.server_name"], targets[VERSION_KEY],
                            role=role)
    sessions.append(session)
    return session


class NewPSSession(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        uri = ctx.bound.get("ConnectionUri")
        computers = [str(c) for c in ctx.bound.get("ComputerName") or ()]
        configuration = str(ctx.bound.get("ConfigurationName") or "Microsoft.PowerShell")
        if uri is not None:
            parts = urlsplit(str(uri))
            if not parts.hostname:
                ctx.throw_terminating_error(ErrorRecord(
                    exception=PSRemotingTransportException(f"The URI {uri} is not valid."), error_id="InvalidURI",
                    category="InvalidArgument", target_object=str(uri)))
                return
            computers = [parts.hostname]
        for computer in computers:
            session = open_session(ctx, computer, configuration, ctx.bound.get("Credential"))
            if session is not None:
                ctx.write_object(session)


class ImportPSSession(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        session = ctx.bound.get("Session")
        if not isinstance(session, RemoteSession) or session.state != "Opened":
            ctx.throw_terminating_error(ErrorRecord(
                exception=DotNetException("Cannot validate argument on parameter 'Session'. The argument is null, "
                                          "empty, or not an open session."),
                error_id="ParameterArgumentValidationError", category="InvalidData", target_object=session,
                fully_qualified_error_id_override="ParameterArgumentValidationError,"
                                                  "Microsoft.PowerShell.Commands.ImportPSSessionCommand"))
            return
        ctx.write_object(import_session(ctx, session, bool(ctx.bound.get("AllowClobber")),
                                        not ctx.bound.get("DisableNameChecking")))


class RemovePSSession(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        given = ctx.bound.get("Session")
        wanted = given if isinstance(given, list) else [given]
        for session in wanted:
            if isinstance(session, RemoteSession):
                session.state = "Closed"
                if session in _sessions(ctx):
                    _sessions(ctx).remove(session)


class GetPSSession(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        for session in _sessions(ctx):
            ctx.write_object(session)


def _declare(name: str, implementation: type[Cmdlet], parameters: tuple[ParameterDeclaration, ...],
             synopsis: str, command_class: str) -> CommandDeclaration:
    declaration = CommandDeclaration(name=name, parameters=parameters, implementation=implementation,
                                     synopsis=synopsis, implementing_type=f"Microsoft.PowerShell.Commands.{command_class}")
    implementation.declaration = declaration
    return declaration


NEW_PSSESSION = _declare("New-PSSession", NewPSSession, (
    ParameterDeclaration("ComputerName", "string[]", (ParameterSetEntry("ComputerName", position=0),), aliases=("Cn",)),
    ParameterDeclaration("ConnectionUri", "string", (ParameterSetEntry("Uri", mandatory=True, position=0),),
                         aliases=("URI", "CU")),
    ParameterDeclaration("ConfigurationName", "string"),
    ParameterDeclaration("Authentication", "string", validate_set=(
        "Default", "Basic", "Negotiate", "NegotiateWithImplicitCredential", "Credssp", "Digest", "Kerberos")),
    ParameterDeclaration("Credential", "pscredential"),
    ParameterDeclaration("SessionOption", "object"),
    ParameterDeclaration("AllowRedirection", "switch"),
    ParameterDeclaration("Name", "string[]"),
), "Creates a persistent connection to a local or remote computer.", "NewPSSessionCommand")
IMPORT_PSSESSION = _declare("Import-PSSession", ImportPSSession, (
    ParameterDeclaration("Session", "object", (ParameterSetEntry(mandatory=True, position=0),)),
    ParameterDeclaration("CommandName", "string[]"),
    ParameterDeclaration("AllowClobber", "switch"),
    ParameterDeclaration("DisableNameChecking", "switch"),
    ParameterDeclaration("Prefix", "string"),
    ParameterDeclaration("FormatTypeName", "string[]"),
), "Imports commands from another session into the current session.", "ImportPSSessionCommand")
REMOVE_PSSESSION = _declare("Remove-PSSession", RemovePSSession, (
    ParameterDeclaration("Session", "object", (ParameterSetEntry(mandatory=True, position=0, value_from_pipeline=True),)),
), "Closes one or more PowerShell sessions (PSSessions).", "RemovePSSessionCommand")
GET_PSSESSION = _declare("Get-PSSession", GetPSSession, (), "Gets the PowerShell sessions of this session.",
                         "GetPSSessionCommand")

DECLARATIONS = (NEW_PSSESSION, IMPORT_PSSESSION, REMOVE_PSSESSION, GET_PSSESSION)
