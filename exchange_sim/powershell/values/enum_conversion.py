"""Conversion to enums (§5.1): names (case-sensitive first), numbers, comma lists, arrays for [Flags],
wildcards; PowerShell's error texts for unknown names, undefined values and commas on non-flags enums."""

from __future__ import annotations

import decimal
import enum
from typing import Any

from exchange_sim.powershell.values.objects import is_collection


def parse_number(text: str) -> Any:
    # conversions imports this module, so its helpers are looked up at call time.
    from exchange_sim.powershell.values.conversions import parse_number as parse

    return parse(text)


def to_string(value: Any) -> str:
    from exchange_sim.powershell.values.conversions import to_string as text

    return text(value)


def round_half_even(value: Any) -> int:
    from exchange_sim.powershell.values.conversions import round_half_even as rounding

    return rounding(value)


def _cast_failure(message: str, error_id: str, value: Any = None) -> Exception:
    from exchange_sim.powershell.values.conversions import _cast_failure as failure

    return failure(message, error_id, value)


def cannot_convert(value: Any, target: str) -> Exception:
    from exchange_sim.powershell.values.conversions import cannot_convert as failure

    return failure(value, target)




def _enum_members(cls: type[enum.Enum]) -> list[enum.Enum]:
    return [m for m in cls.__members__.values() if m.name == m._name_]


def _enum_type_name(cls: type[enum.Enum]) -> str:
    return getattr(cls, "ps_type_name", cls.__name__)


def _enum_names_text(cls: type[enum.Enum]) -> str:
    return ", ".join(m.name for m in _enum_members(cls))


def _enum_piece(cls: type[enum.Enum], piece: str, original: str) -> int:
    name = piece.strip()
    members = _enum_members(cls)
    for member in members:
        if member.name == name:
            return int(member.value)
    for member in members:
        if member.name.lower() == name.lower():
            return int(member.value)
    number = parse_number(name) if name else None
    if isinstance(number, int):
        return number
    if any(ch in name for ch in "*?["):
        from exchange_sim.powershell.values.patterns import wildcard_match

        matched = [int(m.value) for m in members if wildcard_match(name, m.name)]
        if matched and (issubclass(cls, enum.Flag) or len(matched) == 1):
            total = 0
            for bits in matched:
                total |= bits
            return total
    raise _cast_failure(
        f'Cannot convert value "{original}" to type "{_enum_type_name(cls)}". Error: "Unable to match the identifier '
        f'name {name} to a valid enumerator name. Specify one of the following enumerator names and try again: '
        f'{_enum_names_text(cls)}"', "InvalidCastFromStringToEnum", original)


def convert_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    """A value to the enum `cls` (names, numbers, comma lists, arrays for flags, wildcards; §5.1)."""
    type_name = _enum_type_name(cls)
    is_flags = issubclass(cls, enum.Flag)
    if isinstance(value, cls):
        return value
    if value is None:
        raise _cast_failure(f'Cannot convert null to type "{type_name}".', "nullToObjectInvalidCast")
    if is_collection(value):
        items = list(value)
        if is_flags:
            return convert_enum(",".join(to_string(i) for i in items), cls)
        if len(items) == 1:
            return convert_enum(items[0], cls)
        raise cannot_convert(value, type_name)
    if isinstance(value, enum.Enum):
        value = int(value.value)
    if isinstance(value, str):
        pieces = value.split(",")
        if len(pieces) > 1 and not is_flags:
            raise _cast_failure(f'Cannot convert value "{value}" to type "{type_name}" because no commas are allowed '
                                "for this enumeration.", "InvalidCastEnumCommaAndNoFlags", value)
        total = 0
        for piece in pieces:
            total |= _enum_piece(cls, piece, value)
        return _enum_from_int(cls, total, value)
    if isinstance(value, (int, float, decimal.Decimal)) and not isinstance(value, bool):
        return _enum_from_int(cls, round_half_even(value) if not isinstance(value, int) else value, value)
    raise cannot_convert(value, type_name)


def _enum_from_int(cls: type[enum.Enum], number: int, original: Any) -> enum.Enum:
    members = _enum_members(cls)
    if issubclass(cls, enum.Flag):
        defined = 0
        for member in members:
            defined |= int(member.value)
        if number & ~defined == 0:
            return cls(number)
    else:
        for member in members:
            if int(member.value) == number:
                return member
    names = ",".join(m.name for m in members)
    raise _cast_failure(
        f'Cannot convert value "{to_string(original)}" to type "{_enum_type_name(cls)}" due to enumeration values that '
        f'are not valid. Specify one of the following enumeration values and try again. The possible enumeration '
        f'values are "{names}".', "InvalidCastEnumValueNotDefined", original)


class DotNetFlags(enum.IntFlag):
    """Base for a [Flags] .NET enum: `str()` is .NET's text (`IMAP, POP, IIS, SMTP`; `None` for 0 when a
    member named None exists). Subclasses set `ps_type_name` after the class body (an Enum would make a
    class attribute a member); a member for .NET's `None` is spelled `none` and renamed with
    `Cls.none._name_ = "None"`."""

    def __str__(self) -> str:
        from exchange_sim.powershell.values.conversions import enum_text

        return enum_text(self)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


class DotNetEnum(enum.IntEnum):
    """Base for a plain .NET enum: `str()` is the member name."""

    def __str__(self) -> str:
        return self.name

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)
