"""Members of the numeric types and of enums."""

from __future__ import annotations

import decimal
import enum
from typing import Any, Callable, Mapping

from exchange_sim.powershell.values.text import format_number


def _compare(a: Any, b: Any) -> int:
    if b is None:
        return 1
    return (a > b) - (a < b)


def number_methods(value: int | float | decimal.Decimal) -> Mapping[str, Callable[..., Any]]:
    return {
        "ToString": lambda fmt="", *a: format_number(value, "" if fmt is None else str(fmt)),
        "CompareTo": lambda other: _compare(value, other),
    }


def enum_methods(value: enum.Enum) -> Mapping[str, Callable[..., Any]]:
    from exchange_sim.powershell.values.conversions import convert_enum, enum_text

    def has_flag(flag: Any) -> bool:
        bits = int(convert_enum(flag, type(value)).value)
        return int(value.value) & bits == bits

    return {
        "ToString": lambda *a: enum_text(value),
        "HasFlag": has_flag,
        "CompareTo": lambda other: _compare(int(value.value), int(convert_enum(other, type(value)).value)),
        "value__": lambda: int(value.value),
    }
