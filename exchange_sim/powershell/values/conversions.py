"""PowerShell's conversions (LanguagePrimitives, reference §5.1): truthiness, to string, to number, casts.

`convert_to(value, type_spec, types)` is the one entry point for casts, typed variables and parameter
binding; failures raise RuntimeException (wrapping PSInvalidCastException) with PowerShell's texts.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import math
import re
import uuid
from typing import Any, Iterable

from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.objects import (
    Char,
    Hashtable,
    PSObject,
    get_property,
    is_collection,
    set_property,
    type_names,
)
from exchange_sim.powershell.values.reference import PSReference
from exchange_sim.powershell.values.switch_parameter import SwitchParameter
from exchange_sim.powershell.values.typed_array import TypedArray
from exchange_sim.powershell.values.text import Single, date_text_invariant, number_text, timespan_text
from exchange_sim.powershell.values.types import PSType, TypeTable, builtin_type
from exchange_sim.powershell.values.date_parsing import parse_date, parse_timespan  # noqa: F401 - public here too
from exchange_sim.powershell.values.enum_conversion import convert_enum  # noqa: F401 - public here too

INTEGER_RANGES: dict[str, tuple[int, int, str]] = {
    "System.Int32": (-(2**31), 2**31 - 1, "Value was either too large or too small for an Int32."),
    "System.Int64": (-(2**63), 2**63 - 1, "Value was either too large or too small for an Int64."),
    "System.Int16": (-(2**15), 2**15 - 1, "Value was either too large or too small for an Int16."),
    "System.Byte": (0, 255, "Value was either too large or too small for an unsigned byte."),
    "System.SByte": (-128, 127, "Value was either too large or too small for a signed byte."),
    "System.UInt16": (0, 2**16 - 1, "Value was either too large or too small for a UInt16."),
    "System.UInt32": (0, 2**32 - 1, "Value was either too large or too small for a UInt32."),
    "System.UInt64": (0, 2**64 - 1, "Value was either too large or too small for a UInt64."),
    "System.Numerics.BigInteger": (-(2**4096), 2**4096, ""),
}
FLOAT_TYPES = ("System.Double", "System.Single", "System.Decimal")


# ----------------------------------------------------------------------------------------------------------
# Truthiness and text


def to_bool(value: Any) -> bool:
    """PowerShell truthiness (§5.1)."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, SwitchParameter):
        return value.is_present
    if isinstance(value, enum.Enum):
        return int(value.value) != 0
    if isinstance(value, (int, float, decimal.Decimal)) and not isinstance(value, bool):
        return value != 0
    if isinstance(value, Char):
        return True
    if isinstance(value, str):
        return value != ""
    if is_collection(value):
        items = list(value)
        if not items:
            return False
        if len(items) == 1:
            only = items[0]
            return True if is_collection(only) and list(only) else to_bool(only)
        return True
    switch = getattr(value, "is_present", None)
    if isinstance(switch, bool):
        return switch
    return True


def enum_text(value: enum.Enum) -> str:
    """An enum's ToString(): flags as `IMAP, POP, IIS, SMTP` (ascending), else the member name."""
    cls = type(value)
    number = int(value.value)
    members = [m for m in cls.__members__.values() if m.name == m._name_]  # aliases excluded
    exact = [m for m in members if int(m.value) == number]
    if exact:
        return exact[0].name
    if not isinstance(value, enum.Flag):
        return str(number)
    if number == 0:
        return "0"
    remaining = number
    chosen: list[enum.Enum] = []
    for member in sorted(members, key=lambda m: int(m.value), reverse=True):
        bits = int(member.value)
        if bits and remaining & bits == bits:
            chosen.append(member)
            remaining &= ~bits
    if remaining:
        return str(number)
    return ", ".join(m.name for m in sorted(chosen, key=lambda m: int(m.value)))


def _element_text(value: Any) -> str:
    # Inside a joined array, nested arrays print as their type name, not their elements (§5.1).
    if is_collection(value):
        return (type_names(value) or ["System.Object[]"])[0]
    return to_string(value)


def to_string(value: Any, ofs: str = " ") -> str:
    """`[string]$value` / `"$value"`: the invariant-culture text (§5.1)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, enum.Enum):
        return enum_text(value)
    if isinstance(value, (int, float, decimal.Decimal)):
        return number_text(value)
    if isinstance(value, datetime.datetime):
        return date_text_invariant(value)
    if isinstance(value, datetime.timedelta):
        return timespan_text(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, PSObject):
        parts = [f"{name}={_element_text(get_property(value, str(name)))}" for name in value.properties]
        return "@{" + "; ".join(parts) + "}"
    if isinstance(value, Hashtable):
        return str(value)
    if is_collection(value):
        return ofs.join(_element_text(item) for item in value)
    if isinstance(value, errors.DotNetException):
        return f"{value.net_type}: {value.message}"  # Exception.ToString() names the type (§5.1 "others")
    return str(value)


# ----------------------------------------------------------------------------------------------------------
# Numbers

_INT_TEXT = re.compile(r"[+-]?\d+")
_HEX_TEXT = re.compile(r"([+-]?)0x([0-9a-f]+)", re.IGNORECASE)
_REAL_TEXT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?", re.IGNORECASE)


def parse_number(text: str) -> int | float | None:
    """A string as PowerShell reads it for arithmetic and casts: whitespace ignored, blank = 0, `0x` hex,
    exponents; no suffixes, no grouping. None when it is not a number."""
    stripped = text.strip()
    if stripped == "":
        return 0
    if _INT_TEXT.fullmatch(stripped):
        return int(stripped)
    hex_match = _HEX_TEXT.fullmatch(stripped)
    if hex_match:
        number = int(hex_match.group(2), 16)
        # 0xFFFFFFFF is -1 as an Int32 literal in PowerShell; keep that reading.
        if len(hex_match.group(2)) <= 8 and number >= 2**31:
            number -= 2**32
        return -number if hex_match.group(1) == "-" else number
    if _REAL_TEXT.fullmatch(stripped):
        return float(stripped)
    lowered = stripped.lower()
    if lowered in ("infinity", "+infinity", "-infinity", "nan"):
        return float(lowered.replace("infinity", "inf"))
    return None


def _cast_failure(message: str, error_id: str, value: Any = None) -> errors.RuntimeException:
    inner = errors.PSInvalidCastException(message, error_id=error_id, target_object=value)
    return errors.RuntimeException(message, inner, error_id=error_id, category=errors.ErrorCategory.InvalidArgument)


def _type_label(value: Any) -> str:
    names = type_names(value)
    return names[0] if names else "System.Object"


def cannot_convert(value: Any, target: str, error_id: str = "ConvertToFinalInvalidCastException") -> errors.RuntimeException:
    """`Cannot convert the "{0}" value of type "{1}" to type "{2}".`"""
    if value is None:
        return _cast_failure(f'Cannot convert null to type "{target}".', "nullToObjectInvalidCast", value)
    shown = to_string(value) if not is_collection(value) else _type_label(value)
    return _cast_failure(f'Cannot convert the "{shown}" value of type "{_type_label(value)}" to type "{target}".',
                         error_id, value)


def cannot_convert_value(value: Any, target: str, reason: str, error_id: str) -> errors.RuntimeException:
    """`Cannot convert value "{0}" to type "{1}". Error: "{2}"`"""
    shown = to_string(value) if not is_collection(value) else _type_label(value)
    return _cast_failure(f'Cannot convert value "{shown}" to type "{target}". Error: "{reason}"', error_id, value)


def to_number(value: Any) -> int | float | decimal.Decimal:
    """The number an arithmetic operand stands for (strings parsed, $null 0, Booleans 0/1, chars' code)."""
    if value is None:
        return 0
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, enum.Enum):
        return int(value.value)
    if isinstance(value, (int, float, decimal.Decimal)):
        return value
    if isinstance(value, Char):
        return ord(value)
    if isinstance(value, str):
        number = parse_number(value)
        if number is None:
            raise cannot_convert_value(value, "System.Int32", "Input string was not in a correct format.",
                                       "InvalidCastFromStringToInteger")
        return number
    if isinstance(value, datetime.timedelta):
        raise cannot_convert(value, "System.Int32")
    raise cannot_convert(value, "System.Int32")


def round_half_even(value: float | decimal.Decimal) -> int:
    if isinstance(value, decimal.Decimal):
        return int(value.to_integral_value(rounding=decimal.ROUND_HALF_EVEN))
    return int(round(value))  # Python's round() is banker's rounding, like .NET's Convert


def _to_integer(value: Any, target: str) -> int:
    low, high, overflow = INTEGER_RANGES[target]
    if value is None:
        return 0
    if isinstance(value, bool):
        number: Any = int(value)
    elif isinstance(value, enum.Enum):
        number = int(value.value)
    elif isinstance(value, Char):
        number = ord(value)
    elif isinstance(value, str):
        parsed = parse_number(value)
        if parsed is None:
            raise cannot_convert_value(value, target, "Input string was not in a correct format.",
                                       "InvalidCastFromStringToInteger")
        number = parsed
    elif isinstance(value, (int, float, decimal.Decimal)):
        number = value
    else:
        raise cannot_convert(value, target)
    if isinstance(number, float):
        if math.isnan(number) or math.isinf(number):
            raise cannot_convert_value(value, target, overflow, "InvalidCastIConvertible")
        number = round_half_even(number)
    elif isinstance(number, decimal.Decimal):
        number = round_half_even(number)
    if not low <= number <= high:
        raise cannot_convert_value(value, target, overflow, "InvalidCastIConvertible")
    return int(number)


def _to_real(value: Any, target: str) -> float | decimal.Decimal:
    if value is None:
        number: Any = 0
    elif isinstance(value, bool):
        number = int(value)
    elif isinstance(value, enum.Enum):
        number = int(value.value)
    elif isinstance(value, Char):
        number = ord(value)
    elif isinstance(value, str):
        stripped = value.strip()
        if target == "System.Decimal" and re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?", stripped, re.I):
            return decimal.Decimal(stripped)
        parsed = parse_number(value)
        if parsed is None:
            raise cannot_convert_value(value, target, "Input string was not in a correct format.",
                                       "InvalidCastFromStringToDoubleOrSingle")
        number = parsed
    elif isinstance(value, (int, float, decimal.Decimal)):
        number = value
    else:
        raise cannot_convert(value, target)
    if target == "System.Decimal":
        if isinstance(number, float):
            return decimal.Decimal(repr(number)) if not math.isinf(number) else decimal.Decimal(number)
        return decimal.Decimal(number)
    if target == "System.Single":
        return Single(float(number))
    return float(number)


# ----------------------------------------------------------------------------------------------------------
# The cast


def _resolve(type_spec: str | PSType, types: TypeTable | None) -> tuple[PSType, TypeTable | None]:
    if types is not None:
        return types.resolve(type_spec), types
    if isinstance(type_spec, PSType):
        return type_spec, None
    found = builtin_type(type_spec)
    if found is not None:
        return found, None
    table = TypeTable()
    return table.resolve(type_spec), table


def convert_to(value: Any, type_spec: str | PSType, types: TypeTable | None = None) -> Any:
    """`[type_spec]value` (§5.1). Raises RuntimeException with PowerShell's conversion texts."""
    target, table = _resolve(type_spec, types)
    try:
        return _convert(value, target, table)
    except (ValueError, OverflowError, TypeError, ArithmeticError):
        # Out-of-range dates, huge numbers: PowerShell reports them as failed conversions.
        raise cannot_convert(value, target.full_name) from None


def _convert(value: Any, target: PSType, table: TypeTable | None) -> Any:
    name = target.full_name
    if target.element is not None:
        return _to_array(value, target, table)
    if name in ("System.Object", "System.Management.Automation.PSObject"):
        return value
    if name == "System.Void":
        return None
    if name == "System.String":
        return to_string(value)
    if name == "System.Boolean":
        return to_bool(value)
    if name == "System.Management.Automation.SwitchParameter":
        return to_bool(value)
    if name in INTEGER_RANGES:
        if is_collection(value):
            raise cannot_convert(value, name)
        return _to_integer(value, name)
    if name in FLOAT_TYPES:
        if is_collection(value):
            raise cannot_convert(value, name)
        return _to_real(value, name)
    if name == "System.Char":
        return _to_char(value)
    if name == "System.DateTime":
        return _to_datetime(value)
    if name == "System.TimeSpan":
        return _to_timespan(value)
    if name == "System.Guid":
        return _to_guid(value)
    if name == "System.Collections.Hashtable":
        if isinstance(value, Hashtable) and not value.ordered:
            return value
        if isinstance(value, dict) or isinstance(value, Hashtable):
            return Hashtable(list(value.items()))
        raise cannot_convert(value, name)
    if name == "System.Collections.Specialized.OrderedDictionary":
        if isinstance(value, Hashtable):
            return value if value.ordered else Hashtable(list(value.items()), ordered=True)
        raise cannot_convert(value, name)
    if name == "System.Management.Automation.PSCustomObject":
        if isinstance(value, Hashtable):
            return PSObject([(str(k), v) for k, v in value.items()])
        return value
    if name == "System.Array":
        if value is None:
            return None
        return list(value) if is_collection(value) else [value]
    if name == "System.Type":
        if isinstance(value, PSType):
            return value
        if isinstance(value, str):
            return (table or TypeTable()).resolve(value)
        raise cannot_convert(value, name)
    if name == "System.Management.Automation.PSReference":
        return value if isinstance(value, PSReference) else PSReference.holding(value)
    if name == "System.Management.Automation.ScriptBlock":
        if value is None or "System.Management.Automation.ScriptBlock" in type_names(value):
            return value
        raise cannot_convert(value, name)
    if target.generic_args:
        return _to_generic(value, target, table)
    if name == "System.Collections.ArrayList":
        from exchange_sim.powershell.values.dotnet.collections import GenericList

        items = [] if value is None else (list(value) if is_collection(value) else [value])
        return GenericList(items, array_list=True)
    cls = target.py_class
    if cls is not None and isinstance(cls, type) and issubclass(cls, enum.Enum):
        return convert_enum(value, cls)
    if value is None:
        return None
    if name.lower() in (n.lower() for n in type_names(value)):
        return value
    if cls is not None and isinstance(value, cls):
        return value
    if cls is not None:
        return _construct(value, target, cls)
    raise cannot_convert(value, name)


def _construct(value: Any, target: PSType, cls: type) -> Any:
    # Last resorts: `[T]@{P=...}` = parameterless constructor + property sets, then a one-argument constructor.
    if isinstance(value, Hashtable):
        try:
            instance = cls()
        except Exception:
            instance = None
        if instance is not None:
            for key, item in value.items():
                try:
                    set_property(instance, str(key), item)
                except errors.RuntimeException:
                    raise _cast_failure(
                        f'Cannot create object of type "{target.full_name}". The {key} property was not found for '
                        f'the {target.full_name} object.', "ObjectCreationError", value) from None
            return instance
    parse = getattr(cls, "ps_parse", None)
    try:
        if parse is not None and isinstance(value, str):
            return parse(value)
        return cls(value)
    except errors.DotNetException as exc:
        raise cannot_convert_value(value, target.full_name, exc.message, "InvalidCastConstructorException") from exc
    except (TypeError, ValueError):
        raise cannot_convert(value, target.full_name) from None


def _to_char(value: Any) -> Char:
    if isinstance(value, Char):
        return value
    if isinstance(value, str):
        if len(value) != 1:
            raise cannot_convert_value(value, "System.Char", "String must be exactly one character long.",
                                       "InvalidCastParseTargetInvocation")
        return Char(value)
    if isinstance(value, (int, float, decimal.Decimal)) and not isinstance(value, bool):
        return Char(_to_integer(value, "System.UInt16"))
    if value is None:
        return Char(0)
    raise cannot_convert(value, "System.Char")


def _to_datetime(value: Any) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        parsed = parse_date(value)
        if parsed is None:
            raise cannot_convert_value(value, "System.DateTime", "String was not recognized as a valid DateTime.",
                                       "InvalidCastParseTargetInvocation")
        return parsed
    if isinstance(value, int) and not isinstance(value, bool):
        return datetime.datetime(1, 1, 1) + datetime.timedelta(microseconds=value // 10)
    if value is None:
        return datetime.datetime(1, 1, 1)
    raise cannot_convert(value, "System.DateTime")


def _to_timespan(value: Any) -> datetime.timedelta:
    if isinstance(value, datetime.timedelta):
        return value
    if isinstance(value, str):
        parsed = parse_timespan(value)
        if parsed is None:
            raise cannot_convert_value(value, "System.TimeSpan", "String was not recognized as a valid TimeSpan.",
                                       "InvalidCastParseTargetInvocation")
        return parsed
    if isinstance(value, int) and not isinstance(value, bool):
        return datetime.timedelta(microseconds=value // 10)
    if value is None:
        return datetime.timedelta(0)
    raise cannot_convert(value, "System.TimeSpan")


def _to_guid(value: Any) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, str):
        try:
            return uuid.UUID(value.strip())
        except ValueError:
            raise cannot_convert_value(
                value, "System.Guid",
                "Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).",
                "InvalidCastParseTargetInvocation") from None
    raise cannot_convert(value, "System.Guid")


def _items(value: Any) -> list[Any]:
    if isinstance(value, (bytes, bytearray)):
        return list(value)
    return list(value)


def _to_array(value: Any, target: PSType, table: TypeTable | None) -> Any:
    element = target.element
    assert element is not None
    if value is None:
        return None
    if is_collection(value):
        items: Iterable[Any] = _items(value)
    elif isinstance(value, str) and element.full_name == "System.Char":
        items = [Char(c) for c in value]
    else:
        items = [value]
    try:
        converted = [_convert(item, element, table) for item in items]
    except errors.RuntimeException:
        if is_collection(value):
            raise
        raise cannot_convert(value, target.full_name) from None
    if element.full_name == "System.Byte":
        return bytearray(converted)
    if element.full_name in ("System.Object", "System.Management.Automation.PSObject"):
        return converted
    return TypedArray(converted, element.full_name)


def _to_generic(value: Any, target: PSType, table: TypeTable | None) -> Any:
    from exchange_sim.powershell.values.dotnet.collections import GenericDictionary, GenericList

    if target.generic_base == "System.Collections.Generic.Dictionary":
        if value is None:
            return GenericDictionary(type_label=target.full_name)
        if isinstance(value, Hashtable):
            key_type, value_type = target.generic_args
            return GenericDictionary([(_convert(k, key_type, table), _convert(v, value_type, table))
                                      for k, v in value.items()], type_label=target.full_name)
        raise cannot_convert(value, target.full_name)
    element = target.generic_args[0]
    if isinstance(value, GenericList) and value.element_name == element.full_name:
        return value
    items = [] if value is None else (_items(value) if is_collection(value) else [value])
    return GenericList(items, element_name=element.full_name, convert=lambda v: _convert(v, element, table))


def new_generic_list(target: PSType, table: TypeTable | None) -> Any:
    """`[List[T]]::new()` / `New-Object 'System.Collections.Generic.List[T]'`."""
    return _to_generic(None, target, table)


def convert_bool_parameter(value: Any) -> bool:
    """A `[bool]` parameter accepts only Booleans and numbers (§5.1), unlike the `[bool]` cast."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, decimal.Decimal)):
        return value != 0
    if is_collection(value) and len(list(value)) == 1:
        return convert_bool_parameter(list(value)[0])
    shown = _type_label(value) if value is not None else "null"
    raise _cast_failure(
        f'Cannot convert value "{shown}" to type "System.Boolean". Boolean parameters accept only Boolean values '
        "and numbers, such as $True, $False, 1 or 0.", "ConvertToFinalInvalidCastException", value)
