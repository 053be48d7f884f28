"""How one value looks inside a table cell or a list entry (§9.4)."""

from __future__ import annotations

import datetime
import decimal
import enum
from typing import Any, Callable

from exchange_sim.powershell.values.objects import Char, Hashtable, PSObject, get_property, is_collection

ENUMERATION_LIMIT = 4  # $FormatEnumerationLimit


def read(obj: Any, getter: str | Callable[[Any], Any]) -> Any:
    if callable(getter):
        return getter(obj)
    return get_property(obj, getter)


def is_right_aligned(value: Any) -> bool:
    return isinstance(value, (int, float, decimal.Decimal, bool, Char)) and not isinstance(value, enum.Enum)


def item_text(value: Any) -> str:
    """An element's ToString() inside `{a, b}` (a nested collection shows its type name)."""
    from exchange_sim.powershell.values.conversions import to_string
    from exchange_sim.powershell.values.objects import type_names

    if value is None:
        return "$null"
    if is_collection(value):
        return (type_names(value) or ["System.Object[]"])[0]
    if isinstance(value, datetime.datetime):
        from exchange_sim.powershell.values.text import date_text_culture

        return date_text_culture(value)
    if isinstance(value, Hashtable):
        return str(value)
    return to_string(value)


def cell_text(value: Any, format_string: str | None = None, limit: int = ENUMERATION_LIMIT) -> str:
    from exchange_sim.powershell.values.conversions import to_string
    from exchange_sim.powershell.values.format_operator import culture_text
    from exchange_sim.powershell.values.text import date_text_culture

    if value is None:
        return ""
    if format_string:
        return culture_text(value, format_string)
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, datetime.datetime):
        return date_text_culture(value)
    if isinstance(value, Hashtable):
        return _braced([str(k) for k in value.keys()], limit)
    if isinstance(value, PSObject):
        return to_string(value)
    if is_collection(value):
        return _braced([item_text(v) for v in value], limit)
    return to_string(value) if not hasattr(value, "ps_properties") else str(value)


def _braced(items: list[str], limit: int) -> str:
    shown = items[:limit]
    more = "..." if len(items) > limit else ""
    return "{" + ", ".join(shown) + more + "}"
