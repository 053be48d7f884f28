"""The .NET exception hierarchy as Python exceptions, and PowerShell's ErrorCategory.

Each class's `net_type` is the .NET full name and Python inheritance mirrors .NET's, so `catch [T]` is an
`isinstance` test along the class's ancestry (see `errors.exception_matches`).
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, ClassVar, Mapping

if TYPE_CHECKING:
    from exchange_sim.powershell.values.errors import ErrorRecord


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
        from exchange_sim.powershell.values.errors import record_for

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
