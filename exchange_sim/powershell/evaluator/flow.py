"""How control leaves blocks early (exit, throw, return, break/continue) and what travels with it.

Each jump carries `partial`: what the blocks it left had written and not yet handed on (blocks that
capture their output collect it; blocks of a pipeline's commands stream and carry nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.values import errors


class Flow(Exception):
    """Control leaving blocks early; `partial` is what those blocks had already written to the pipeline."""

    partial: list[Any]

    def carry(self, written: list[Any]) -> "Flow":
        self.partial = written + getattr(self, "partial", [])
        return self


class Exit(Flow):
    """`exit N`: ends the script with that code."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class ScriptTerminating(Flow):
    """`throw` outside try/catch: the whole script stops."""

    def __init__(self, exception: BaseException) -> None:
        super().__init__(str(exception))
        self.exception = exception


def thrown(value: Any) -> BaseException:
    if isinstance(value, BaseException):
        return value
    if isinstance(value, errors.ErrorRecord):
        return value.exception
    message = "ScriptHalted" if value is None else str(value)
    return errors.RuntimeException(message, error_id=message, category=errors.ErrorCategory.OperationStopped,
                                   target_object=value)


def single(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else (values or None)


class Return(Flow):
    """`return [value]`: leaves the function or script block."""


@dataclass(frozen=True)
class NamedArgument:
    """`-Name value` given to a script or function, before its param() block is known."""

    name: str
    value: Any


class Caught(ScriptTerminating):
    """A statement-terminating error on its way to the enclosing try."""


class LoopJump(Flow):
    """A `break`/`continue` travelling up to the loop it names (or the innermost one)."""

    def __init__(self, label: Any = None) -> None:
        super().__init__(label)
        self.label = label

    def matches(self, loop_label: str | None) -> bool:
        return self.label is None or (loop_label is not None and str(self.label).lower() == loop_label.lower())


class Break(LoopJump):
    """`break [label]`: leaves the innermost loop, or the one with that label."""


class Continue(LoopJump):
    """`continue [label]`: next iteration of the innermost loop, or the one with that label."""


def record_of(exc: BaseException) -> errors.ErrorRecord:
    record = getattr(exc, "error_record", None)
    return record if isinstance(record, errors.ErrorRecord) else errors.record_for(exc)


def locate(raised: BaseException, extent: Any) -> None:
    """Place the error `raised` carries (itself, or the exception a `ScriptTerminating` wraps) at
    `extent`, unless a deeper statement, command or expression placed it already."""
    exc = raised.exception if isinstance(raised, ScriptTerminating) else raised
    record = record_of(exc)
    placed = record.placed(extent)
    if placed is not record or getattr(exc, "error_record", None) is None:
        exc.error_record = placed  # type: ignore[attr-defined]


def binding_position(element: A.CommandBaseAst, raised: BaseException) -> A.Extent | None:
    """The extent of the `-Name` a parameter binding error is about (an unknown or ambiguous
    parameter), where PowerShell underlines it; None for other errors."""
    name = getattr(raised, "parameter_text", None)
    if not isinstance(raised, errors.ParameterBindingException) or not name or not isinstance(element, A.CommandAst):
        return None
    return next((item.extent for item in element.command_elements if isinstance(item, A.CommandParameterAst)
                 and item.parameter_name.lower() == str(name).lower()), None)
