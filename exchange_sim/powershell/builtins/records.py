"""ErrorRecords the core cmdlets write, built in one place with PowerShell's ids, categories and texts."""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell.commands import CmdletContext
from exchange_sim.powershell.values.errors import ErrorCategory, ErrorRecord, RuntimeException, exception_class


def exception_of(net_type: str, message: str) -> BaseException:
    """An exception of the .NET type `net_type` (the values layer's class; RuntimeException otherwise)."""
    cls = exception_class(net_type) or RuntimeException
    return cls(message)


def record(
    ctx: CmdletContext,
    message: str,
    error_id: str,
    category: str,
    target: Any = None,
    net_type: str = "System.Management.Automation.RuntimeException",
    exception: BaseException | None = None,
) -> ErrorRecord:
    """A record as the running cmdlet writes it: FQID `<error_id>,<implementing type>`, activity its name."""
    raw = ErrorRecord(
        exception if exception is not None else exception_of(net_type, message),
        error_id,
        ErrorCategory[category],
        target,
    )
    return raw.with_command(ctx.command.name, ctx.command.implementing_type or ctx.command.name)


def write(ctx: CmdletContext, message: str, error_id: str, category: str, target: Any = None,
          net_type: str = "System.Management.Automation.RuntimeException") -> None:
    ctx.write_error(record(ctx, message, error_id, category, target, net_type))


def throw(ctx: CmdletContext, message: str, error_id: str, category: str, target: Any = None,
          net_type: str = "System.Management.Automation.RuntimeException") -> None:
    ctx.throw_terminating_error(record(ctx, message, error_id, category, target, net_type))


def throw_exception(ctx: CmdletContext, exception: BaseException, error_id: str, category: str,
                    target: Any = None) -> None:
    """ThrowTerminatingError with an exception the cmdlet made (its own .NET type and message)."""
    ctx.throw_terminating_error(record(ctx, str(exception), error_id, category, target, exception=exception))
