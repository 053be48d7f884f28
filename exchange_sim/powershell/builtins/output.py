"""Write-Host, Write-Output, Write-Error, Write-Warning, Write-Verbose, Write-Debug, Write-Information
and Write-Progress."""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell.builtins.declaring import UTILITY, implementing, param, switch
from exchange_sim.powershell.commands import (
    Cmdlet,
    CmdletContext,
    CommandDeclaration,
    ParameterDeclaration,
    ParameterSetEntry,
)
from exchange_sim.powershell.values.conversions import to_string
from exchange_sim.powershell.values.errors import ErrorCategory, ErrorRecord, WriteErrorException

_COLORS = ("Black", "DarkBlue", "DarkGreen", "DarkCyan", "DarkRed", "DarkMagenta", "DarkYellow", "Gray",
           "DarkGray", "Blue", "Green", "Cyan", "Red", "Magenta", "Yellow", "White")
_CATEGORIES = ("NotSpecified", "OpenError", "CloseError", "DeviceError", "DeadlockDetected", "InvalidArgument",
               "InvalidData", "InvalidOperation", "InvalidResult", "InvalidType", "MetadataError", "NotImplemented",
               "NotInstalled", "ObjectNotFound", "OperationStopped", "OperationTimeout", "SyntaxError", "ParserError",
               "PermissionDenied", "ResourceBusy", "ResourceExists", "ResourceUnavailable", "ReadError", "WriteError",
               "FromStdErr", "SecurityError", "ProtocolError", "ConnectionError", "AuthenticationError",
               "LimitsExceeded", "QuotaExceeded", "NotEnabled")
WRITE_ERROR_EXCEPTION = "Microsoft.PowerShell.Commands.WriteErrorException"


def _host_text(value: Any, separator: str) -> str:
    # Write-Host joins the elements of a collection with -Separator (one level deep, as 5.1 does)
    if isinstance(value, (list, tuple)):
        return separator.join(_host_text(v, separator) for v in value)
    return "" if value is None else to_string(value)


class WriteHost(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        separator = str(ctx.bound.get("Separator", " "))
        value = ctx.bound.get("Object")
        text = _host_text(value, separator) if "Object" in ctx.bound else ""
        write = getattr(ctx, "write_host_colored", None)
        colors = (ctx.bound.get("ForegroundColor"), ctx.bound.get("BackgroundColor"))
        if callable(write) and any(colors):
            write(text, newline=not ctx.bound.get("NoNewline"), foreground=colors[0], background=colors[1])
        else:
            ctx.write_host(text, newline=not ctx.bound.get("NoNewline"))


class WriteOutput(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        if "InputObject" not in ctx.bound:
            return
        ctx.write_object(ctx.bound["InputObject"], enumerate_collection=not ctx.bound.get("NoEnumerate"))


class WriteError(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        if ctx.parameter_set_name == "ErrorRecord":
            ctx.write_error(ctx.bound["ErrorRecord"])
            return
        message = ctx.bound.get("Message")
        exception = ctx.bound.get("Exception")
        text = "" if message is None else to_string(message)
        if exception is None:
            exception = WriteErrorException(text)
        category = ErrorCategory[str(ctx.bound.get("Category", "NotSpecified"))]
        error_id = str(ctx.bound.get("ErrorId") or WRITE_ERROR_EXCEPTION)
        # The FQID suffix names the caller (script or function), which only the engine knows: the record
        # carries the bare id and the engine completes it with the invocation.
        record = ErrorRecord(
            exception,
            error_id,
            category,
            ctx.bound.get("TargetObject"),
            activity=str(ctx.bound.get("CategoryActivity", "Write-Error")),
            reason=ctx.bound.get("CategoryReason"),
            target_name=ctx.bound.get("CategoryTargetName"),
            target_type=ctx.bound.get("CategoryTargetType"),
        )
        if ctx.bound.get("Exception") is not None and text or "RecommendedAction" in ctx.bound:
            record = record.with_details(text or str(exception), str(ctx.bound.get("RecommendedAction") or ""))
        ctx.write_error(record)


class WriteStream(Cmdlet):
    """Write-Warning / -Verbose / -Debug: the context applies -Verbose, -Debug and the preferences."""

    stream = "warning"

    def process(self, ctx: CmdletContext) -> None:
        text = to_string(ctx.bound.get("Message"))
        getattr(ctx, f"write_{self.stream}")(text)


class WriteWarning(WriteStream):
    stream = "warning"


class WriteVerbose(WriteStream):
    stream = "verbose"


class WriteDebug(WriteStream):
    stream = "debug"


class WriteInformation(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        write = getattr(ctx, "write_information", None)
        if callable(write):
            write(ctx.bound.get("MessageData"), tuple(ctx.bound.get("Tags") or ()))


class WriteProgress(Cmdlet):
    """Progress records are not shown by a non-interactive host; accepted and dropped."""


def _message_command(name: str, implementation: type[Cmdlet], synopsis: str) -> CommandDeclaration:
    return CommandDeclaration(
        name=name,
        parameters=(param("Message", "string", position=0, mandatory=True, pipeline=True, aliases=("Msg",),
                          allow_empty_string=True),),
        implementation=implementation,
        synopsis=synopsis,
        module=UTILITY,
        implementing_type=implementing(name),
    )


_ERROR_SETS = ("NoException", "WithException", "ErrorRecord")
_CATEGORY_SETS = ("NoException", "WithException")

DECLARATIONS = (
    CommandDeclaration(
        name="Write-Host",
        parameters=(
            param("Object", "object", position=0, pipeline=True, remaining=True, aliases=("Msg", "Message")),
            switch("NoNewline"),
            param("Separator", "object"),
            param("ForegroundColor", "string", validate_set=_COLORS),
            param("BackgroundColor", "string", validate_set=_COLORS),
        ),
        implementation=WriteHost,
        synopsis="Writes customized output to a host.",
        module=UTILITY,
        implementing_type=implementing("Write-Host"),
    ),
    CommandDeclaration(
        name="Write-Output",
        parameters=(
            param("InputObject", "psobject[]", position=0, mandatory=True, pipeline=True, remaining=True,
                  allow_null=True, allow_empty_collection=True),
            switch("NoEnumerate"),
        ),
        implementation=WriteOutput,
        synopsis="Sends the specified objects to the next command in the pipeline.",
        aliases=("echo", "write"),
        module=UTILITY,
        implementing_type=implementing("Write-Output"),
    ),
    CommandDeclaration(
        name="Write-Error",
        parameters=(
            param("Exception", "exception", mandatory=True, sets=("WithException",)),
            ParameterDeclaration(
                "Message",
                "string",
                (ParameterSetEntry("NoException", mandatory=True, position=0, value_from_pipeline=True),
                 ParameterSetEntry("WithException")),
                aliases=("Msg",),
                allow_null=True,
                allow_empty_string=True,
            ),
            param("ErrorRecord", "errorrecord", mandatory=True, sets=("ErrorRecord",)),
            param("Category", "string", sets=_CATEGORY_SETS, validate_set=_CATEGORIES),
            param("ErrorId", "string", sets=_CATEGORY_SETS),
            param("TargetObject", "object", sets=_CATEGORY_SETS),
            param("RecommendedAction", "string", sets=_ERROR_SETS),
            param("CategoryActivity", "string", sets=_ERROR_SETS, aliases=("Activity",)),
            param("CategoryReason", "string", sets=_ERROR_SETS, aliases=("Reason",)),
            param("CategoryTargetName", "string", sets=_ERROR_SETS, aliases=("TargetName",)),
            param("CategoryTargetType", "string", sets=_ERROR_SETS, aliases=("TargetType",)),
        ),
        implementation=WriteError,
        default_parameter_set="NoException",
        synopsis="Writes an object to the error stream.",
        module=UTILITY,
        implementing_type=implementing("Write-Error"),
    ),
    _message_command("Write-Warning", WriteWarning, "Writes a warning message."),
    _message_command("Write-Verbose", WriteVerbose, "Writes text to the verbose message stream."),
    _message_command("Write-Debug", WriteDebug, "Writes a debug message to the console."),
    CommandDeclaration(
        name="Write-Information",
        parameters=(
            param("MessageData", "object", position=0, mandatory=True, aliases=("Msg",)),
            param("Tags", "string[]", position=1),
        ),
        implementation=WriteInformation,
        synopsis="Specifies how Windows PowerShell handles information stream data for a command.",
        module=UTILITY,
        implementing_type=implementing("Write-Information"),
    ),
    CommandDeclaration(
        name="Write-Progress",
        parameters=(
            param("Activity", "string", position=0, mandatory=True),
            param("Status", "string", position=1),
            param("Id", "int", position=2),
            param("PercentComplete", "int"),
            param("SecondsRemaining", "int"),
            param("CurrentOperation", "string"),
            param("ParentId", "int"),
            switch("Completed"),
            param("SourceId", "int"),
        ),
        implementation=WriteProgress,
        synopsis="Displays a progress bar within a Windows PowerShell command window.",
        module=UTILITY,
        implementing_type=implementing("Write-Progress"),
    ),
)
