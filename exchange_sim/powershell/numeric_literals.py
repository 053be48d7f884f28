"""Numeric literals of Windows PowerShell 5.1 (reference §2.4): the value and the .NET type a literal
gets — int32 if it fits, else int64, decimal, double; hex as a bit pattern; `d`/`l` suffixes;
`kb mb gb tb pb` multipliers.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

DASHES = "-\u2013\u2014\u2015"
_MULTIPLIERS = {"k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4, "p": 1024**5}
_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)
_DECIMAL_MAX = Decimal("79228162514264337593543950335")
_NUMBER_TEXT = re.compile(
    r"([+\u2013\u2014\u2015-]?)(?:0[xX]([0-9a-fA-F]+)|((?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+\u2013\u2014\u2015-]?\d+)?))"
    r"([dDlL])?(?:([kKmMgGtTpP])[bB])?"
)


def scan_number(text: str) -> tuple[object, str] | None:
    """A whole string read as a PowerShell number, as the runtime does when it converts text to a
    number (`[int]"0x10"`, `"1kb" * 1`): surrounding blanks ignored, an optional sign, the literal
    forms of §2.4; an empty string is 0. None when the text is not a number literal."""
    stripped = text.strip()
    if not stripped:
        return 0, "System.Int32"
    m = _NUMBER_TEXT.fullmatch(stripped)
    if m is None:
        return None
    sign, hex_digits, decimal_text, suffix, multiplier = m.groups()
    negative = sign not in ("", "+")
    if decimal_text is not None and negative:
        decimal_text = "-" + decimal_text
    typed = number_value(hex_digits, decimal_text, suffix, multiplier)
    if typed is None or hex_digits is None or not negative:
        return typed
    value, type_name = typed
    return fit_integer(-value, type_name) if isinstance(value, int) else typed  # type: ignore[operator]


def number_value(hex_digits: str | None, decimal_text: str | None, suffix: str | None,
                 multiplier: str | None) -> tuple[object, str] | None:
    """Value and .NET type name of a 5.1 numeric literal (§2.4), or None if it is not representable."""
    mult = _MULTIPLIERS[multiplier.lower()] if multiplier else 1
    suffix = (suffix or "").lower()
    if hex_digits is not None:
        if not hex_digits:
            return None
        raw = int(hex_digits, 16)
        if suffix == "l":
            if len(hex_digits) > 16:
                return None
            value = raw - 2**64 if raw >= 2**63 else raw
            return fit_integer(value * mult, "System.Int64")
        if len(hex_digits) <= 8:
            value, kind = (raw - 2**32 if raw >= 2**31 else raw), "System.Int32"
        elif len(hex_digits) <= 16:
            value, kind = (raw - 2**64 if raw >= 2**63 else raw), "System.Int64"
        else:
            return None
        return fit_integer(value * mult, kind)
    assert decimal_text is not None
    text = decimal_text
    for dash in DASHES[1:]:
        text = text.replace(dash, "-")
    real = "." in text or "e" in text.lower()
    if suffix == "d":
        try:
            return Decimal(text) * mult, "System.Decimal"
        except InvalidOperation:
            return None
    if real:
        number = float(text)
        if suffix == "l":
            rounded = round(number) * mult
            return (rounded, "System.Int64") if _INT64[0] <= rounded <= _INT64[1] else None
        return number * mult, "System.Double"
    raw = int(text)
    if suffix == "l":
        value = raw * mult
        return (value, "System.Int64") if _INT64[0] <= raw <= _INT64[1] and _INT64[0] <= value <= _INT64[1] else None
    if _INT32[0] <= raw <= _INT32[1]:
        kind = "System.Int32"
    elif _INT64[0] <= raw <= _INT64[1]:
        kind = "System.Int64"
    elif raw <= _DECIMAL_MAX:
        kind = "System.Decimal"
    else:
        return float(text) * mult, "System.Double"
    return fit_integer(raw * mult, kind)


def fit_integer(value: int, kind: str) -> tuple[object, str]:
    """The smallest of int32/int64/decimal/double at least as wide as `kind` that holds `value`."""
    order = ("System.Int32", "System.Int64", "System.Decimal")
    rank = order.index(kind)
    if rank == 0 and _INT32[0] <= value <= _INT32[1]:
        return value, "System.Int32"
    if rank <= 1 and _INT64[0] <= value <= _INT64[1]:
        return value, "System.Int64"
    if abs(value) <= _DECIMAL_MAX:
        return Decimal(value), "System.Decimal"
    return float(value), "System.Double"
