"""Instance members of the built-in value types (the .NET members PowerShell shows for str, int, list ...).

Dispatch is by Python type; each family lives in its own module (`strings`, `dates`, `collections`).
"""

from __future__ import annotations

import datetime
import decimal
import enum
import uuid
from typing import Any, Callable, Mapping

from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.objects import Char, DotNetHost, Hashtable, PSObject, is_collection, type_names

Members = Mapping[str, Callable[..., Any]]


def _lookup(mapping: Mapping[str, Any], name: str) -> tuple[bool, Any]:
    lowered = name.lower()
    for key, value in mapping.items():
        if key.lower() == lowered:
            return True, value
    return False, None


def _properties(obj: Any) -> Mapping[str, Callable[[], Any]]:
    from exchange_sim.powershell.values.dotnet import dates, strings

    if isinstance(obj, str):
        return strings.string_properties(obj)
    if isinstance(obj, datetime.datetime):
        return dates.date_properties(obj)
    if isinstance(obj, datetime.timedelta):
        return dates.timespan_properties(obj)
    if isinstance(obj, Hashtable):
        return {"IsReadOnly": lambda: False, "IsFixedSize": lambda: False, "IsSynchronized": lambda: False,
                "Keys": lambda: list(obj.keys()), "Values": lambda: list(obj.values()),
                "SyncRoot": lambda: obj, "Count": lambda: len(obj)}
    if isinstance(obj, (list, tuple, bytes, bytearray)):
        return {"Length": lambda: len(obj), "LongLength": lambda: len(obj), "Rank": lambda: 1,
                "SyncRoot": lambda: obj, "IsReadOnly": lambda: False, "IsFixedSize": lambda: True,
                "IsSynchronized": lambda: False, "Count": lambda: len(obj)}
    if isinstance(obj, enum.Enum):
        return {"value__": lambda: int(obj.value)}
    if isinstance(obj, uuid.UUID):
        return {}
    return {}


def instance_property(obj: Any, name: str, host: DotNetHost | None = None) -> tuple[bool, Any]:
    found, getter = _lookup(_properties(obj), name)
    if found:
        return True, getter()
    return False, None


def instance_property_names(obj: Any) -> list[str]:
    return [n for n in _properties(obj) if n not in ("SyncRoot",)]


def set_instance_property(obj: Any, name: str, value: Any) -> bool:
    return False


def _universal(obj: Any) -> dict[str, Callable[..., Any]]:
    from exchange_sim.powershell.values.conversions import to_string
    from exchange_sim.powershell.values.types import TypeTable

    def get_type() -> Any:
        return TypeTable().type_of(obj)

    def equals(other: Any) -> bool:
        if isinstance(obj, str) or isinstance(other, str):
            return isinstance(other, str) and isinstance(obj, str) and str(obj) == str(other)
        return type(obj) is type(other) and obj == other if not isinstance(obj, Hashtable) else obj is other

    def text(*args: Any) -> str:
        # .NET ToString(): arrays name their type; a PSCustomObject's is empty in 5.1 (§5.1).
        if is_collection(obj):
            return type_names(obj)[0]
        if isinstance(obj, PSObject):
            return ""
        return to_string(obj)

    return {"ToString": text, "GetType": get_type, "Equals": equals,
            "GetHashCode": lambda: hash(obj) & 0x7FFFFFFF if not isinstance(obj, (list, Hashtable)) else id(obj)}


def _methods(obj: Any, host: DotNetHost | None) -> dict[str, Callable[..., Any]]:
    from exchange_sim.powershell.values.dotnet import dates, numbers, strings
    from exchange_sim.powershell.values.dotnet import collections_members as coll

    methods = _universal(obj)
    if isinstance(obj, str):
        methods.update(strings.string_methods(obj))
    elif isinstance(obj, bool):
        pass
    elif isinstance(obj, enum.Enum):
        methods.update(numbers.enum_methods(obj))
    elif isinstance(obj, (int, float, decimal.Decimal)):
        methods.update(numbers.number_methods(obj))
    elif isinstance(obj, datetime.datetime):
        methods.update(dates.date_methods(obj))
    elif isinstance(obj, datetime.timedelta):
        methods.update(dates.timespan_methods(obj))
    elif isinstance(obj, uuid.UUID):
        methods["ToString"] = lambda fmt="D": _guid_text(obj, str(fmt))
    elif isinstance(obj, Hashtable):
        methods.update(coll.hashtable_methods(obj))
    elif isinstance(obj, (list, tuple, bytes, bytearray)):
        methods.update(coll.array_methods(obj))
    if is_collection(obj) or obj is not None:
        methods.update(coll.intrinsic_methods(obj, host))
    return methods


def _guid_text(value: uuid.UUID, fmt: str) -> str:
    if fmt in ("", "D", "d"):
        return str(value)
    if fmt in ("N", "n"):
        return value.hex
    if fmt in ("B", "b"):
        return "{" + str(value) + "}"
    if fmt in ("P", "p"):
        return "(" + str(value) + ")"
    raise errors.FormatException(
        'Format String can be only "D", "d", "N", "n", "P", "p", "B", "b", "X" or "x".')


def instance_method(obj: Any, name: str, host: DotNetHost | None = None) -> Callable[..., Any] | None:
    found, method = _lookup(_methods(obj, host), name)
    return method if found else None


def describe(obj: Any) -> str:
    return (type_names(obj) or ["System.Object"])[0]


__all__ = ["instance_property", "instance_property_names", "instance_method", "set_instance_property", "Char"]
