"""PowerShell's error model: .NET-named exceptions, ErrorCategory, ErrorRecord and its 5.1 console layout.

Exceptions are Python exceptions whose class attribute `net_type` is the .NET full name; the Python class
hierarchy mirrors .NET's so `catch [T]` is an `isinstance` test (`exception_matches`). Runtime exceptions
raised by the values layer carry the error id and category PowerShell gives them (reference §8), so the
evaluator can turn any of them into an ErrorRecord with `record_for(exc)`.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from typing import Any, ClassVar, Mapping


class ErrorCategory(enum.IntEnum):
    """System.Management.Automation.ErrorCategory, same names and values."""

    NotSpecified = 0
    OpenError = 1
    CloseError = 2
    DeviceError = 3
    DeadlockDetected = 4
    InvalidArgument = 5
    InvalidData = 6
    InvalidOperation = 7
    InvalidResult = 8
    InvalidType = 9
    MetadataError = 10
    NotImplemented = 11
    NotInstalled = 12
    ObjectNotFound = 13
    OperationStopped = 14
    OperationTimeout = 15
    SyntaxError = 16
    ParserError = 17
    PermissionDenied = 18
    ResourceBusy = 19
    ResourceExists = 20
    ResourceUnavailable = 21
    ReadError = 22
    WriteError = 23
    FromStdErr = 24
    SecurityError = 25
    ProtocolError = 26
    ConnectionError = 27
    AuthenticationError = 28
    LimitsExceeded = 29
    QuotaExceeded = 30
    NotEnabled = 31

    def __str__(self) -> str:
        return self.name


ErrorCategory.ps_type_name = "System.Management.Automation.ErrorCategory"  # type: ignore[attr-defined]  # set after creation: an Enum would make it a member


# ----------------------------------------------------------------------------------------------------------
# The exception hierarchy (.NET names; Python inheritance = .NET inheritance)


class DotNetException(Exception):
    """System.Exception. `message` is .NET's Message; `inner` its InnerException."""

    net_type: ClassVar[str] = "System.Exception"
    default_message: ClassVar[str] = "Exception of type '{type}' was thrown."

    def __init__(self, message: str | None = None, inner: BaseException | None = None) -> None:
        text = message if message is not None else self.default_message.format(type=self.net_type)
        super().__init__(text)
        self.message: str = text
        self.inner: BaseException | None = inner

    def __str__(self) -> str:
        return self.message

    @property
    def ps_type_names(self) -> tuple[str, ...]:
        names = [c.net_type for c in type(self).__mro__ if isinstance(c, type) and "net_type" in c.__dict__]
        return tuple(dict.fromkeys(names)) + ("System.Object",)

    def ps_properties(self) -> Mapping[str, Any]:
        props: dict[str, Any] = {
            "Message": self.message,
            "Data": {},
            "InnerException": self.inner,
            "TargetSite": None,
            "StackTrace": None,
            "HelpLink": None,
            "Source": None,
            "HResult": -2146233087,
        }
        return props

    def ps_methods(self) -> Mapping[str, Any]:
        return {"ToString": lambda: f"{self.net_type}: {self.message}", "GetType": lambda: self.net_type,
                "GetBaseException": lambda: self._base()}

    def _base(self) -> BaseException:
        current: BaseException = self
        while isinstance(current, DotNetException) and current.inner is not None:
            current = current.inner
        return current


class SystemException(DotNetException):
    net_type = "System.SystemException"


class ArgumentException(SystemException):
    net_type = "System.ArgumentException"
    default_message = "Value does not fall within the expected range."


class ArgumentNullException(ArgumentException):
    net_type = "System.ArgumentNullException"
    default_message = "Value cannot be null."


class ArgumentOutOfRangeException(ArgumentException):
    net_type = "System.ArgumentOutOfRangeException"
    default_message = "Specified argument was out of the range of valid values."


class InvalidOperationException(SystemException):
    net_type = "System.InvalidOperationException"
    default_message = "Operation is not valid due to the current state of the object."


class ObjectDisposedException(InvalidOperationException):
    net_type = "System.ObjectDisposedException"


class FormatException(SystemException):
    net_type = "System.FormatException"
    default_message = "Input string was not in a correct format."


class InvalidCastException(SystemException):
    net_type = "System.InvalidCastException"
    default_message = "Specified cast is not valid."


class IndexOutOfRangeException(SystemException):
    net_type = "System.IndexOutOfRangeException"
    default_message = "Index was outside the bounds of the array."


class NullReferenceException(SystemException):
    net_type = "System.NullReferenceException"
    default_message = "Object reference not set to an instance of an object."


class ArithmeticException(SystemException):
    net_type = "System.ArithmeticException"
    default_message = "Overflow or underflow in the arithmetic operation."


class DivideByZeroException(ArithmeticException):
    net_type = "System.DivideByZeroException"
    default_message = "Attempted to divide by zero."


class OverflowException(ArithmeticException):
    net_type = "System.OverflowException"
    default_message = "Arithmetic operation resulted in an overflow."


class NotSupportedException(SystemException):
    net_type = "System.NotSupportedException"
    default_message = "Specified method is not supported."


class NotImplementedException(SystemException):
    net_type = "System.NotImplementedException"
    default_message = "The method or operation is not implemented."


class KeyNotFoundException(SystemException):
    net_type = "System.Collections.Generic.KeyNotFoundException"
    default_message = "The given key was not present in the dictionary."


class UnauthorizedAccessException(SystemException):
    net_type = "System.UnauthorizedAccessException"
    default_message = "Attempted to perform an unauthorized operation."


class IOException(SystemException):
    net_type = "System.IO.IOException"
    default_message = "I/O error occurred."


class FileNotFoundException(IOException):
    net_type = "System.IO.FileNotFoundException"
    default_message = "Unable to find the specified file."


class DirectoryNotFoundException(IOException):
    net_type = "System.IO.DirectoryNotFoundException"
    default_message = "Attempted to access a path that is not on the disk."


class CryptographicException(SystemException):
    net_type = "System.Security.Cryptography.CryptographicException"
    default_message = "Error occurred during a cryptographic operation."


class TimeoutException(SystemException):
    net_type = "System.TimeoutException"
    default_message = "The operation has timed out."


class RuntimeException(SystemException):
    """System.Management.Automation.RuntimeException: carries PowerShell's error id, category and target.

    `error_record`, when set, is the record PowerShell attached (IContainsErrorRecord); otherwise the
    evaluator builds one from `error_id`/`category`/`target_object`.
    """

    net_type = "System.Management.Automation.RuntimeException"
    default_id: ClassVar[str] = "RuntimeException"
    default_category: ClassVar[ErrorCategory] = ErrorCategory.NotSpecified

    def __init__(
        self,
        message: str | None = None,
        inner: BaseException | None = None,
        *,
        error_id: str | None = None,
        category: ErrorCategory | None = None,
        target_object: Any = None,
        error_record: "ErrorRecord | None" = None,
    ) -> None:
        super().__init__(message, inner)
        self.error_id: str = error_id or self.default_id
        self.category: ErrorCategory = category if category is not None else self.default_category
        self.target_object: Any = target_object
        self.error_record: ErrorRecord | None = error_record

    def ps_properties(self) -> Mapping[str, Any]:
        props = {"ErrorRecord": self.error_record or record_for(self)}
        props.update(super().ps_properties())
        props["WasThrownFromThrowStatement"] = False
        return props


class ParentContainsErrorRecordException(SystemException):
    net_type = "System.Management.Automation.ParentContainsErrorRecordException"


class ParseException(RuntimeException):
    net_type = "System.Management.Automation.ParseException"
    default_id = "Parse"
    default_category = ErrorCategory.ParserError


class IncompleteParseException(ParseException):
    net_type = "System.Management.Automation.IncompleteParseException"


class ParameterBindingException(RuntimeException):
    net_type = "System.Management.Automation.ParameterBindingException"
    default_id = "ParameterBinding"
    default_category = ErrorCategory.InvalidArgument


class ParameterBindingValidationException(ParameterBindingException):
    net_type = "System.Management.Automation.ParameterBindingValidationException"
    default_category = ErrorCategory.InvalidData


class ParameterBindingArgumentTransformationException(ParameterBindingException):
    net_type = "System.Management.Automation.ParameterBindingArgumentTransformationException"
    default_category = ErrorCategory.InvalidData


class CommandNotFoundException(RuntimeException):
    net_type = "System.Management.Automation.CommandNotFoundException"
    default_id = "CommandNotFoundException"
    default_category = ErrorCategory.ObjectNotFound


class SessionStateException(RuntimeException):
    net_type = "System.Management.Automation.SessionStateException"


class ItemNotFoundException(SessionStateException):
    net_type = "System.Management.Automation.ItemNotFoundException"
    default_id = "PathNotFound"
    default_category = ErrorCategory.ObjectNotFound


class DriveNotFoundException(SessionStateException):
    net_type = "System.Management.Automation.DriveNotFoundException"
    default_id = "DriveNotFound"
    default_category = ErrorCategory.ObjectNotFound


class ProviderNotFoundException(SessionStateException):
    net_type = "System.Management.Automation.ProviderNotFoundException"
    default_id = "ProviderNotFound"
    default_category = ErrorCategory.ObjectNotFound


class SessionStateUnauthorizedAccessException(SessionStateException):
    net_type = "System.Management.Automation.SessionStateUnauthorizedAccessException"
    default_category = ErrorCategory.WriteError


class MethodException(RuntimeException):
    net_type = "System.Management.Automation.MethodException"
    default_id = "MethodException"


class MethodInvocationException(MethodException):
    net_type = "System.Management.Automation.MethodInvocationException"
    default_id = "MethodInvocationException"


class ExtendedTypeSystemException(RuntimeException):
    net_type = "System.Management.Automation.ExtendedTypeSystemException"


class PropertyNotFoundException(ExtendedTypeSystemException):
    net_type = "System.Management.Automation.PropertyNotFoundException"
    default_id = "PropertyNotFoundStrict"


class SetValueInvocationException(ExtendedTypeSystemException):
    net_type = "System.Management.Automation.SetValueInvocationException"


class PSInvalidCastException(InvalidCastException):
    """Conversion failures. .NET derives it from InvalidCastException and gives it an ErrorRecord."""

    net_type = "System.Management.Automation.PSInvalidCastException"

    def __init__(self, message: str | None = None, inner: BaseException | None = None, *,
                 error_id: str = "InvalidCastException", category: ErrorCategory = ErrorCategory.InvalidArgument,
                 target_object: Any = None) -> None:
        super().__init__(message, inner)
        self.error_id = error_id
        self.category = category
        self.target_object = target_object
        self.error_record: ErrorRecord | None = None


class PSArgumentException(ArgumentException):
    net_type = "System.Management.Automation.PSArgumentException"


class PSArgumentNullException(ArgumentNullException):
    net_type = "System.Management.Automation.PSArgumentNullException"


class PSArgumentOutOfRangeException(ArgumentOutOfRangeException):
    net_type = "System.Management.Automation.PSArgumentOutOfRangeException"


class PSInvalidOperationException(InvalidOperationException):
    net_type = "System.Management.Automation.PSInvalidOperationException"


class PSNotSupportedException(NotSupportedException):
    net_type = "System.Management.Automation.PSNotSupportedException"


class MetadataException(RuntimeException):
    net_type = "System.Management.Automation.MetadataException"
    default_category = ErrorCategory.MetadataError


class ArgumentTransformationMetadataException(MetadataException):
    net_type = "System.Management.Automation.ArgumentTransformationMetadataException"


class ValidationMetadataException(MetadataException):
    net_type = "System.Management.Automation.ValidationMetadataException"


class ActionPreferenceStopException(RuntimeException):
    net_type = "System.Management.Automation.ActionPreferenceStopException"
    default_id = "ActionPreferenceStop"
    default_category = ErrorCategory.OperationStopped


class PipelineStoppedException(RuntimeException):
    net_type = "System.Management.Automation.PipelineStoppedException"
    default_message = "The pipeline has been stopped."


class CmdletInvocationException(RuntimeException):
    net_type = "System.Management.Automation.CmdletInvocationException"


class ScriptCallDepthException(RuntimeException):
    net_type = "System.Management.Automation.ScriptCallDepthException"
    default_message = "The script failed due to call depth overflow."


class WriteErrorException(SystemException):
    net_type = "Microsoft.PowerShell.Commands.WriteErrorException"
    default_message = "The Write-Error cmdlet reported an error."


class WildcardPatternException(RuntimeException):
    net_type = "System.Management.Automation.WildcardPatternException"
    default_id = "RuntimeException"


class RemoteException(RuntimeException):
    net_type = "System.Management.Automation.RemoteException"


EXCEPTION_CLASSES: tuple[type[DotNetException], ...] = tuple(
    c for c in list(globals().values()) if isinstance(c, type) and issubclass(c, DotNetException)
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
        return {"ToString": lambda: self.message, "GetType": lambda: self.ps_type_names[0]}


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
    """InvocationInfo.PositionMessage: `At ...` line, the source line and the tildes under the extent."""
    if info is None or info.script_line_number <= 0:
        return ""
    where = info.script_name or script_path
    head = f"At {where}:{info.script_line_number} char:{info.offset_in_line}" if where else \
        f"At line:{info.script_line_number} char:{info.offset_in_line}"
    line = info.line.split("\n", 1)[0].rstrip("\r")
    start = max(info.offset_in_line - 1, 0)
    if info.end_line_number == info.script_line_number and info.end_offset_in_line > info.offset_in_line:
        end = info.end_offset_in_line - 1
    else:
        end = len(line)
    # Tabs become four spaces; positions move with them.
    start_shown = len(line[:start].replace("\t", "    "))
    end_shown = len(line[:end].replace("\t", "    "))
    shown = line.replace("\t", "    ")
    end_shown = max(end_shown, start_shown + 1)
    if len(shown) > _MAX_SHOWN_LINE:
        shown, start_shown, end_shown = _clip(shown, start_shown, end_shown)
    tildes = " " * start_shown + "~" * max(end_shown - start_shown, 1)
    return f"{head}\n+ {shown}\n+ {tildes}"


def _clip(line: str, start: int, end: int) -> tuple[str, int, int]:
    # Long lines are shown as a window around the error, marked with "... " / " ..." (PositionUtilities).
    window = _MAX_SHOWN_LINE
    end = min(end, start + window - 8)
    left = max(0, min(start - 8, len(line) - window))
    right = min(len(line), left + window)
    text = line[left:right]
    if left > 0:
        text = "... " + text
        start, end = start - left + 4, end - left + 4
    if right < len(line):
        text = text + " ..."
    return text, start, end


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
