"""PowerShell's error model: .NET-named exceptions, ErrorCategory, ErrorRecord and its 5.1 console layout.

Exceptions are Python exceptions whose class attribute `net_type` is the .NET full name; the Python class
hierarchy mirrors .NET's so `catch [T]` is an `isinstance` test (`exception_matches`). Runtime exceptions
raised by the values layer carry the error id and category PowerShell gives them (reference §8), so the
evaluator can turn any of them into an ErrorRecord with `record_for(exc)`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar, Mapping

from exchange_sim.powershell.values.exceptions import (  # noqa: F401 - re-exported: errors is the public home
    ErrorCategory,
    DotNetException,
    SystemException,
    ArgumentException,
    ArgumentNullException,
    ArgumentOutOfRangeException,
    InvalidOperationException,
    ObjectDisposedException,
    FormatException,
    InvalidCastException,
    IndexOutOfRangeException,
    NullReferenceException,
    ArithmeticException,
    DivideByZeroException,
    OverflowException,
    NotSupportedException,
    NotImplementedException,
    KeyNotFoundException,
    UnauthorizedAccessException,
    IOException,
    FileNotFoundException,
    DirectoryNotFoundException,
    CryptographicException,
    TimeoutException,
    RuntimeException,
    ParentContainsErrorRecordException,
    ParseException,
    IncompleteParseException,
    ParameterBindingException,
    ParameterBindingValidationException,
    ParameterBindingArgumentTransformationException,
    CommandNotFoundException,
    SessionStateException,
    ItemNotFoundException,
    DriveNotFoundException,
    ProviderNotFoundException,
    SessionStateUnauthorizedAccessException,
    MethodException,
    MethodInvocationException,
    ExtendedTypeSystemException,
    PropertyNotFoundException,
    SetValueInvocationException,
    PSInvalidCastException,
    PSArgumentException,
    PSArgumentNullException,
    PSArgumentOutOfRangeException,
    PSInvalidOperationException,
    PSNotSupportedException,
    MetadataException,
    ArgumentTransformationMetadataException,
    ValidationMetadataException,
    ActionPreferenceStopException,
    PipelineStoppedException,
    CmdletInvocationException,
    ScriptCallDepthException,
    WriteErrorException,
    WildcardPatternException,
    RemoteException,
)
from exchange_sim.powershell.values import exceptions as _exceptions


EXCEPTION_CLASSES: tuple[type[DotNetException], ...] = tuple(
    c for c in list(vars(_exceptions).values()) if isinstance(c, type) and issubclass(c, DotNetException)
)


def exception_class(net_type: str) -> type[DotNetException] | None:
    """The class for a .NET exception full name (case-insensitive), if the values layer defines it."""
    wanted = net_type.lower()
    for cls in EXCEPTION_CLASSES:
        if cls.net_type.lower() == wanted:
            return cls
    return None


def net_type_of(exc: BaseException) -> str:
    name = getattr(exc, "net_type", None)
    if isinstance(name, str):
        return name
    # A Python exception that escaped our own code is a bug, but it must still look like .NET's.
    return "System.Exception"


def exception_matches(exc: BaseException, type_name: str, types: Any = None) -> bool:
    """`catch [type_name]`: the exception is of that .NET type or derives from it.

    `types` (a TypeTable) resolves accelerators and `System.`-less names; a name it cannot resolve to an
    exception class is compared by .NET name along the exception's own ancestry.
    """
    wanted = type_name.strip().lstrip("[").rstrip("]").lower()
    if types is not None:
        resolved = getattr(types, "resolve_optional", None)
        spec = resolved(type_name) if resolved is not None else None
        if spec is not None:
            wanted = spec.full_name.lower()
    if wanted in ("system.exception", "exception", "system.object", "object"):
        return True
    # PowerShell tests the inner exception first, then the wrapper (§6.2).
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(chain) < 8:
        chain.append(current)
        current = getattr(current, "inner", None)
    for candidate in reversed(chain):
        names = [n.lower() for n in getattr(candidate, "ps_type_names", ())] or [net_type_of(candidate).lower()]
        # `catch [RuntimeException]` style short names resolve through `System.` prefixing only.
        if wanted in names or ("system." + wanted) in names:
            return True
    return False


# ----------------------------------------------------------------------------------------------------------
# ErrorRecord


@dataclass(frozen=True)
class InvocationInfo:
    """Where an error happened. Lines and columns are 1-based; `end_*` is the exclusive end of the extent.

    `command_kind` decides the console prefix (§6.6): "ExternalScript" -> the script path, "Cmdlet" /
    "Function" -> the invocation name, None (throw, expression errors) -> no prefix.
    """

    script_name: str | None = None
    script_line_number: int = 0
    offset_in_line: int = 0
    line: str = ""
    end_line_number: int = 0
    end_offset_in_line: int = 0
    my_command: str | None = None
    invocation_name: str | None = None
    command_kind: str | None = None

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.InvocationInfo", "System.Object")

    def ps_properties(self) -> Mapping[str, Any]:
        return {
            "MyCommand": self.my_command,
            "BoundParameters": {},
            "UnboundArguments": [],
            "ScriptLineNumber": self.script_line_number,
            "OffsetInLine": self.offset_in_line,
            "HistoryId": 1,
            "ScriptName": self.script_name or "",
            "Line": self.line,
            "PositionMessage": position_message(self),
            "PSScriptRoot": _directory(self.script_name),
            "PSCommandPath": self.script_name,
            "InvocationName": self.invocation_name or "",
            "PipelineLength": 0,
            "PipelinePosition": 0,
            "ExpectingInput": False,
            "CommandOrigin": "Internal",
            "DisplayScriptPosition": None,
        }


def _directory(path: str | None) -> str:
    if not path:
        return ""
    cut = max(path.rfind("\\"), path.rfind("/"))
    return path[:cut] if cut > 0 else ""


def _shorten(text: str) -> str:
    # CategoryInfo keeps long parts readable: first 15 + "..." + last 15 (ErrorPackage.cs Ellipsize).
    return text if len(text) <= 40 else text[:15] + "..." + text[-15:]


@dataclass(frozen=True)
class CategoryInfo:
    category: ErrorCategory
    activity: str = ""
    reason: str = ""
    target_name: str = ""
    target_type: str = ""

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.ErrorCategoryInfo", "System.Object")

    def ps_properties(self) -> Mapping[str, Any]:
        return {"Category": self.category, "Activity": self.activity, "Reason": self.reason,
                "TargetName": self.target_name, "TargetType": self.target_type}

    def __str__(self) -> str:
        reason = self.reason if "." in self.reason and " " not in self.reason else _shorten(self.reason)
        return (f"{self.category.name}: ({_shorten(self.target_name)}:{_shorten(self.target_type)}) "
                f"[{_shorten(self.activity)}], {reason}")


@dataclass(frozen=True)
class ErrorDetails:
    message: str
    recommended_action: str = ""

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.ErrorDetails", "System.Object")

    def ps_properties(self) -> Mapping[str, Any]:
        return {"Message": self.message, "RecommendedAction": self.recommended_action}

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ErrorRecord:
    """System.Management.Automation.ErrorRecord.

    `error_id` is the id as given; `fully_qualified_error_id` defaults to it (callers that know the command
    pass `Id,<implementing type>` directly, or use `with_command`). Replace fields with `dataclasses.replace`
    or the `with_*` methods: records are values.
    """

    exception: BaseException
    error_id: str
    category: ErrorCategory = ErrorCategory.NotSpecified
    target_object: Any = None
    activity: str | None = None
    reason: str | None = None
    target_name: str | None = None
    target_type: str | None = None
    error_details: ErrorDetails | None = None
    invocation_info: InvocationInfo | None = None
    script_stack_trace: str = ""
    fully_qualified_error_id_override: str | None = None
    pipeline_iteration_info: tuple[int, ...] = field(default=())

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.ErrorRecord", "System.Object")

    def __post_init__(self) -> None:
        if isinstance(self.category, str):
            object.__setattr__(self, "category", ErrorCategory[self.category])
        elif not isinstance(self.category, ErrorCategory):
            object.__setattr__(self, "category", ErrorCategory(int(self.category)))

    @property
    def fully_qualified_error_id(self) -> str:
        return self.fully_qualified_error_id_override or self.error_id

    @property
    def message(self) -> str:
        if self.error_details is not None and self.error_details.message:
            return self.error_details.message
        return exception_message(self.exception)

    @property
    def category_info(self) -> CategoryInfo:
        return CategoryInfo(
            category=self.category,
            activity=self.activity if self.activity is not None else _activity_of(self),
            reason=self.reason if self.reason is not None else net_type_of(self.exception).rsplit(".", 1)[-1],
            target_name=self.target_name if self.target_name is not None else _target_name(self.target_object),
            target_type=self.target_type if self.target_type is not None else _target_type(self.target_object),
        )

    def with_invocation(self, info: InvocationInfo) -> "ErrorRecord":
        return dataclasses.replace(self, invocation_info=info)

    def placed(self, extent: Any) -> "ErrorRecord":
        """The record with its InvocationInfo position set to `extent` (the parser's Extent: file,
        lines, columns, the text of its first line), unless it has a position already: the innermost
        place an error passes through is where PowerShell reports it."""
        info = self.invocation_info
        if info is not None and info.script_line_number > 0:
            return self
        position = {"script_name": extent.file, "script_line_number": extent.start_line,
                    "offset_in_line": extent.start_column, "line": extent.start_line_text,
                    "end_line_number": extent.end_line, "end_offset_in_line": extent.end_column}
        return self.with_invocation(dataclasses.replace(info, **position) if info is not None
                                    else InvocationInfo(**position))

    def with_command(self, activity: str, implementing: str) -> "ErrorRecord":
        """The record as written by a command: Activity = its name, FQID = `Id,<implementing>`."""
        return dataclasses.replace(self, activity=activity,
                                   fully_qualified_error_id_override=f"{self.error_id},{implementing}")

    def with_details(self, message: str, recommended_action: str = "") -> "ErrorRecord":
        return dataclasses.replace(self, error_details=ErrorDetails(message, recommended_action))

    def __str__(self) -> str:
        return self.message

    def ps_properties(self) -> Mapping[str, Any]:
        return {
            "PSMessageDetails": None,
            "Exception": self.exception,
            "TargetObject": self.target_object,
            "CategoryInfo": self.category_info,
            "FullyQualifiedErrorId": self.fully_qualified_error_id,
            "ErrorDetails": self.error_details,
            "InvocationInfo": self.invocation_info,
            "ScriptStackTrace": self.script_stack_trace,
            "PipelineIterationInfo": list(self.pipeline_iteration_info),
        }

    def ps_methods(self) -> Mapping[str, Any]:
        return {"ToString": lambda: self.message}  # GetType() is the common one: a type object


def _activity_of(record: ErrorRecord) -> str:
    info = record.invocation_info
    if info is not None and info.my_command and info.command_kind in ("Cmdlet", "Function"):
        return info.my_command
    return ""


def exception_message(exc: BaseException) -> str:
    message = getattr(exc, "message", None)
    if isinstance(message, str):
        return message
    return str(exc)


def _target_name(target: Any) -> str:
    if target is None:
        return ""
    from exchange_sim.powershell.values.conversions import to_string  # conversions imports this module

    try:
        return to_string(target)
    except Exception:  # a target that cannot print must not hide the error being reported
        return str(target)


def _target_type(target: Any) -> str:
    if target is None:
        return ""
    from exchange_sim.powershell.values.objects import type_names

    names = type_names(target)
    return names[0].rsplit(".", 1)[-1] if names else type(target).__name__


def record_for(exc: BaseException, target_object: Any = None) -> ErrorRecord:
    """The ErrorRecord PowerShell shows for an exception that reached the engine (§6.4, §8)."""
    attached = getattr(exc, "error_record", None)
    if isinstance(attached, ErrorRecord):
        return attached
    if isinstance(exc, (RuntimeException, PSInvalidCastException)):
        target = exc.target_object if exc.target_object is not None else target_object
        return ErrorRecord(exc, exc.error_id, exc.category, target)
    # A plain .NET exception escaping a method: FQID = its full type name, OperationStopped (§6.4).
    return ErrorRecord(exc, net_type_of(exc), ErrorCategory.OperationStopped, target_object)


# ----------------------------------------------------------------------------------------------------------
# Console layout (§6.6)


_MAX_SHOWN_LINE = 69


def position_message(info: InvocationInfo | None, script_path: str | None = None) -> str:
    """InvocationInfo.PositionMessage: `At ...` line, the source line and the tildes under the extent
    (tabs as four spaces; lines over 69 characters clipped around the error, as the parser's errors are)."""
    if info is None or info.script_line_number <= 0:
        return ""
    where = info.script_name or script_path
    head = f"At {where}:{info.script_line_number} char:{info.offset_in_line}" if where else \
        f"At line:{info.script_line_number} char:{info.offset_in_line}"
    line = info.line.replace("\r\n", "\n").split("\n", 1)[0].rstrip()
    before = max(info.offset_in_line - 1, 0)
    if info.end_line_number == info.script_line_number and info.end_offset_in_line > info.offset_in_line:
        width = info.end_offset_in_line - info.offset_in_line
    else:
        width = max(len(line) - before, 1)
    if "\t" in line:
        head_text = line[:before].replace("\t", "    ")
        marked = line[before:before + width].replace("\t", "    ")
        line = head_text + marked + line[before + width:].replace("\t", "    ")
        before, width = len(head_text), len(marked)
    clipped_before = clipped_after = False
    if len(line) > _MAX_SHOWN_LINE:
        line, before, width, clipped_before, clipped_after = clip_source_line(line, before, width)
    shown = ("... " if clipped_before else "") + line + (" ..." if clipped_after else "")
    tildes = " " * (before + (4 if clipped_before else 0)) + "~" * max(width, 1)
    return f"{head}\n+ {shown}\n+ {tildes}"


def clip_source_line(line: str, before: int, width: int) -> tuple[str, int, int, bool, bool]:
    """5.1's 69-character window around an error (the parser's and the runtime's position messages)."""
    # Up to 12 before the error and 8 after it, widened with what is left.
    limit = _MAX_SHOWN_LINE
    shown_before = min(before, 12)
    after = max(len(line) - width - before, 0)
    shown_after = min(after, 8)
    total = shown_before + width + shown_after
    clipped_after = False
    if total >= limit:
        if shown_before + width >= limit:
            width = limit - shown_before
        clipped_after = True
    else:
        hidden_before = before - shown_before
        if hidden_before > 0:
            shown_before += min(hidden_before, limit - total)
            total = shown_before + width + shown_after
        if total < limit and after > 0:
            shown_after += min(after, limit - total)
        clipped_after = shown_after < after
    clipped_before = shown_before < before
    first = max(before - shown_before, 0)
    return (line[first:first + limit], min(before, shown_before), min(width, limit - min(before, shown_before)),
            clipped_before, clipped_after)


def _wrapped(label: str, value: str, width: int) -> list[str]:
    text = f"+ {label} : {value}"
    chunk = max(width - 6, 10)
    return ["    " + text[i:i + chunk] for i in range(0, len(text), chunk)] or ["    " + text]


def format_error_record(record: ErrorRecord, *, script_path: str | None = None, width: int = 120) -> str:
    """The 5.1 console text of an error (ErrorView NormalView), ending with a newline."""
    info = record.invocation_info
    prefix = ""
    if info is not None:
        if info.command_kind == "ExternalScript" and (info.my_command or info.script_name):
            prefix = f"{info.my_command or info.script_name} : "
        elif info.command_kind in ("Cmdlet", "Function") and (info.invocation_name or info.my_command):
            prefix = f"{info.invocation_name or info.my_command} : "
        elif info.command_kind is None and info.invocation_name:  # no command found under the name typed
            prefix = f"{info.invocation_name} : "
    lines = [prefix + record.message]
    position = position_message(info, script_path)
    if position:
        lines.append(position)
    lines.extend(_wrapped("CategoryInfo         ", str(record.category_info), width))
    lines.extend(_wrapped("FullyQualifiedErrorId", record.fully_qualified_error_id, width))
    text = "\n".join(lines) + "\n"
    if record.error_details is None or not record.error_details.message:
        text += " \n"
    return text


def runtime_error(message: str, error_id: str, category: ErrorCategory | str = ErrorCategory.InvalidOperation,
                  target_object: Any = None, cls: type[RuntimeException] = RuntimeException) -> RuntimeException:
    """A RuntimeException with PowerShell's id and category (for the texts in §8)."""
    cat = ErrorCategory[category] if isinstance(category, str) else category
    return cls(message, error_id=error_id, category=cat, target_object=target_object)
