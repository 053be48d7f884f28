"""How a command is declared: the one source that the binder, Get-Help, Get-Command, tab completion,
PSRP command metadata and the pass-through target all read.

A built-in cmdlet, an Exchange cmdlet or a drive's cmdlet is a `CommandDeclaration` (names, parameters,
sets) plus a `Cmdlet` subclass (behaviour). Layers above the engine register declarations into a
`CommandTable`; the engine never special-cases a command by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, Mapping, Protocol

if TYPE_CHECKING:  # the context is implemented by the evaluator; only its shape is declared here
    pass

ALL_PARAMETER_SETS = "__AllParameterSets"


@dataclass(frozen=True)
class ParameterSetEntry:
    """One parameter's role in one parameter set (PowerShell's ParameterSetMetadata)."""

    set_name: str = ALL_PARAMETER_SETS
    mandatory: bool = False
    position: int | None = None
    value_from_pipeline: bool = False
    value_from_pipeline_by_property_name: bool = False
    value_from_remaining_arguments: bool = False
    help_message: str = ""


@dataclass(frozen=True)
class ParameterDeclaration:
    """A declared parameter.

    `type_name` is a PowerShell type literal as text (`string`, `string[]`, `switch`, `bool`, `int`,
    `byte[]`, `securestring`, `object`, `scriptblock`, `hashtable`, `datetime`, `pscredential`, or a
    registered type such as `Microsoft.Exchange...AllowedServices`); the binder converts arguments to it.
    """

    name: str
    type_name: str = "object"
    entries: tuple[ParameterSetEntry, ...] = (ParameterSetEntry(),)
    aliases: tuple[str, ...] = ()
    validate_set: tuple[str, ...] | None = None
    validate_not_null_or_empty: bool = False
    validate_not_null: bool = False
    validate_pattern: str | None = None
    validate_range: tuple[Any, Any] | None = None  # (minimum, maximum), inclusive
    validate_length: tuple[int, int] | None = None  # characters of each string
    validate_count: tuple[int, int] | None = None  # elements of the collection
    validate_scripts: tuple[Any, ...] = ()  # ScriptBlocks run with $_ = each value
    allow_null: bool = False
    allow_empty_string: bool = False
    allow_empty_collection: bool = False
    help: str = ""
    # Versions of the product in which the parameter exists ("2007", "2010", "2013", "2016", "2019",
    # "SE"); None = all. The engine hides parameters whose gate the session's product version fails.
    versions: tuple[str, ...] | None = None

    @property
    def is_switch(self) -> bool:
        return self.type_name.lower() in ("switch", "switchparameter", "system.management.automation.switchparameter")

    def in_set(self, set_name: str) -> ParameterSetEntry | None:
        for entry in self.entries:
            if entry.set_name in (set_name, ALL_PARAMETER_SETS):
                return entry
        return None


@dataclass(frozen=True)
class CommandDeclaration:
    """A command's metadata (PowerShell's CommandInfo + CmdletBindingAttribute)."""

    name: str  # Verb-Noun, e.g. "Get-ExchangeCertificate"
    parameters: tuple[ParameterDeclaration, ...]
    implementation: type["Cmdlet"]
    default_parameter_set: str | None = None
    supports_should_process: bool = False
    confirm_impact: str = "Medium"  # None | Low | Medium | High
    output_types: tuple[str, ...] = ()
    synopsis: str = ""
    description: str = ""
    examples: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    module: str = "Microsoft.PowerShell.Core"
    # Full .NET type name used in FullyQualifiedErrorId (`Id,<this>`), e.g.
    # "Microsoft.PowerShell.Commands.GetItemCommand" or
    # "Microsoft.Exchange.Management.SystemConfigurationTasks.GetExchangeCertificate".
    implementing_type: str = ""
    versions: tuple[str, ...] | None = None
    # A native program (hostname.exe, certutil.exe): its arguments reach it as text, `-store` included,
    # bound to its one `ArgumentList` parameter instead of going through parameter binding.
    native: bool = False
    # What Get-Command adds for a native program (ApplicationInfo): its Path, FileVersionInfo ...
    application_properties: tuple[tuple[str, Any], ...] = ()
    # "Cmdlet" or "Function"; a function without [CmdletBinding()]/[Parameter()] is a simple one:
    # no common parameters, unknown names and surplus arguments go to $args (reference §7.1, §7.4).
    command_type: str = "Cmdlet"
    cmdlet_binding: bool = True

    def parameter_sets(self) -> tuple[str, ...]:
        names: list[str] = []
        for parameter in self.parameters:
            for entry in parameter.entries:
                if entry.set_name != ALL_PARAMETER_SETS and entry.set_name not in names:
                    names.append(entry.set_name)
        return tuple(names) or (ALL_PARAMETER_SETS,)


class CmdletContext(Protocol):
    """What a running cmdlet may do; implemented by the engine (one per command in a pipeline)."""

    command: CommandDeclaration
    parameter_set_name: str
    bound: Mapping[str, Any]  # declared name -> converted value (only those bound)
    extensions: Mapping[str, Any]  # services registered by the layers above (e.g. "exchange.target")

    def write_object(self, value: Any, enumerate_collection: bool = False) -> None: ...
    def stop_upstream(self) -> None: ...  # the commands before this one stop (raises); Select-Object -First
    def write_error(self, record: Any) -> None: ...  # non-terminating ErrorRecord
    def throw_terminating_error(self, record: Any) -> None: ...  # raises; never returns
    def write_warning(self, text: str) -> None: ...
    def write_verbose(self, text: str) -> None: ...
    def write_debug(self, text: str) -> None: ...
    def write_host(self, text: str, newline: bool = True) -> None: ...
    # (target) / (target, action) print `Performing the operation "action" on target "target".`; a
    # `description` (the 3-argument overload, Exchange's task messages) is printed as it is.
    def should_process(self, target: str, action: str | None = None, description: str | None = None,
                       warning: str | None = None, caption: str | None = None) -> bool: ...
    def should_continue(self, query: str, caption: str) -> bool: ...
    def read_line(self, prompt: str, secure: bool = False) -> Any: ...
    def get_variable(self, name: str) -> Any: ...
    def set_variable(self, name: str, value: Any) -> None: ...


class Cmdlet:
    """Behaviour of a declared command. A new instance runs each time the command appears in a pipeline.

    `begin` runs once, `process` once per pipeline input object (or once when there is no input),
    with `ctx.bound` rebound for that object; `end` once at the end.
    """

    declaration: ClassVar[CommandDeclaration]

    def begin(self, ctx: CmdletContext) -> None:
        return None

    def process(self, ctx: CmdletContext) -> None:
        return None

    def end(self, ctx: CmdletContext) -> None:
        return None


CommandLoader = Callable[[], Iterable[CommandDeclaration]]


@dataclass
class CommandTable:
    """Commands and aliases known to a session; layers above register into it.

    A command may be registered by name only (`defer`): the loader that imports its module and returns
    its declaration runs on the first lookup of any name it covers, so a session that never calls it
    never pays for importing it (cold start, scripts/bench_startup.py). Listing the table loads all."""

    _commands: dict[str, CommandDeclaration] = field(default_factory=dict)
    _aliases: dict[str, str] = field(default_factory=dict)
    _deferred: dict[str, CommandLoader] = field(default_factory=dict)

    def register(self, declaration: CommandDeclaration) -> None:
        key = declaration.name.lower()
        self._deferred.pop(key, None)  # a later registration replaces a deferred one, as it would a loaded one
        self._commands[key] = declaration
        for alias in declaration.aliases:
            self._aliases[alias.lower()] = declaration.name

    def register_all(self, declarations: Iterable[CommandDeclaration]) -> None:
        for declaration in declarations:
            self.register(declaration)

    def defer(self, names: Iterable[str], aliases: Mapping[str, str], load: CommandLoader) -> None:
        """Register `names` (and `aliases`: alias -> command name) now, their declarations when first looked up.

        `load` returns the declarations; only those of names still deferred to it are kept."""
        for name in names:
            self._commands.pop(name.lower(), None)
            self._deferred[name.lower()] = load
        for alias, command_name in aliases.items():
            self._aliases[alias.lower()] = command_name

    def add_alias(self, alias: str, command_name: str) -> None:
        self._aliases[alias.lower()] = command_name

    def unregister(self, name: str) -> None:
        self._commands.pop(name.lower(), None)
        self._deferred.pop(name.lower(), None)

    def resolve(self, name: str) -> CommandDeclaration | None:
        key = name.lower()
        if key in self._aliases:
            key = self._aliases[key].lower()
        load = self._deferred.get(key)
        if load is not None:
            self._load(load)
        return self._commands.get(key)

    def aliases(self) -> Mapping[str, str]:
        return dict(self._aliases)

    def __iter__(self):
        while self._deferred:
            self._load(next(iter(self._deferred.values())))
        return iter(sorted(self._commands.values(), key=lambda d: d.name.lower()))

    def copy(self) -> "CommandTable":
        return CommandTable(dict(self._commands), dict(self._aliases), dict(self._deferred))

    def _load(self, load: CommandLoader) -> None:
        for declaration in load():
            key = declaration.name.lower()
            if self._deferred.get(key) is load:
                self._commands[key] = declaration
        for key in [key for key, loader in self._deferred.items() if loader is load]:
            del self._deferred[key]  # loaded, or a name the loader no longer declares: unknown, as before

