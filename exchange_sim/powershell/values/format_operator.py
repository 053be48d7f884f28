"""The `-f` operator and `[string]::Format`: .NET composite formatting in the en-US culture (§5.4)."""

from __future__ import annotations

import datetime
import decimal
import enum
from typing import Any

from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.objects import Hashtable, PSObject, is_collection, type_names
from exchange_sim.powershell.values.text import format_date, format_number, timespan_text

_BAD_FORMAT = "Input string was not in a correct format."
_BAD_INDEX = "Index (zero based) must be greater than or equal to zero and less than the size of the argument list."


def _failure(message: str) -> errors.RuntimeException:
    # "Error formatting a string: {0}." — the .NET message already ends with a full stop, so two show (§5.4).
    return errors.RuntimeException(f"Error formatting a string: {message}.", errors.FormatException(message),
                                   error_id="FormatError", category=errors.ErrorCategory.InvalidOperation)


def culture_text(value: Any, spec: str = "") -> str:
    """One argument's text: `IFormattable.ToString(spec, en-US)`, else `ToString()`."""
    from exchange_sim.powershell.values.conversions import enum_text, to_string

    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, enum.Enum):
        if spec.upper() == "D":
            return str(int(value.value))
        if spec.upper() == "X":
            return f"{int(value.value):08X}"
        return enum_text(value)
    if isinstance(value, (int, float, decimal.Decimal)):
        return format_number(value, spec)
    if isinstance(value, datetime.datetime):
        return format_date(value, spec or "G")
    if isinstance(value, datetime.timedelta):
        return timespan_text(value, spec or "c")
    if isinstance(value, str):
        return str.__str__(value)
    if is_collection(value) or isinstance(value, (Hashtable, PSObject)):
        if isinstance(value, PSObject):
            return to_string(value)
        return (type_names(value) or ["System.Object[]"])[0]
    return to_string(value)


def format_operator(template: str, args: list[Any]) -> str:
    """`template -f args`: `{index[,alignment][:format]}`, `{{` and `}}` literal braces."""
    out: list[str] = []
    index = 0
    size = len(template)
    while index < size:
        ch = template[index]
        if ch == "}":
            if index + 1 < size and template[index + 1] == "}":
                out.append("}")
                index += 2
                continue
            raise _failure(_BAD_FORMAT)
        if ch != "{":
            out.append(ch)
            index += 1
            continue
        if index + 1 < size and template[index + 1] == "{":
            out.append("{")
            index += 2
            continue
        close = template.find("}", index)
        if close < 0:
            raise _failure(_BAD_FORMAT)
        item = template[index + 1:close]
        head, _, spec = item.partition(":")
        number_text, _, width_text = head.partition(",")
        if not number_text.strip().isdigit():
            raise _failure(_BAD_FORMAT)
        number = int(number_text.strip())
        if number >= len(args):
            raise _failure(_BAD_INDEX)
        try:
            width = int(width_text.strip()) if width_text.strip() else 0
        except ValueError:
            raise _failure(_BAD_FORMAT) from None
        try:
            text = culture_text(args[number], spec)
        except errors.FormatException as exc:
            raise _failure(exc.message) from None
        out.append(text.rjust(width) if width >= 0 else text.ljust(-width))
        index = close + 1
    return "".join(out)
