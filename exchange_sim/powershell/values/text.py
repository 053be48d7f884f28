"""Numbers, dates and time spans as .NET Framework writes them (invariant and en-US cultures).

`number_text` / `date_text_invariant` / `date_text_culture` / `timespan_text` are the default ToString
forms (§5.5, §5.6); `format_number(value, spec)` and `format_date(value, spec)` apply a .NET format
string (`N2`, `X4`, `0.00`, `yyyy-MM-dd`, `G` ...), used by `-f` and `.ToString("fmt")`.
"""

from __future__ import annotations

import datetime
import decimal
import math
import re

from exchange_sim.powershell.values import errors

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


class Single(float):
    """[float]/[single]: prints with 7 significant digits."""

    ps_type_name = "System.Single"


def double_text(value: float, digits: int = 15) -> str:
    # .NET Framework's Double.ToString() is "G15", not round-trip (§5.5).
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        sign = "-" if exponent.startswith("-") else "+"
        return f"{mantissa}E{sign}{exponent.lstrip('+-').rjust(2, '0')}"
    return text


def _round_trip(value: float) -> str:
    # "R": the shortest text that reads back as the same double, in .NET's exponent style.
    if math.isnan(value) or math.isinf(value):
        return double_text(value)
    text = repr(value)
    if "e" in text:
        mantissa, exponent = text.split("e")
        sign = "-" if exponent.startswith("-") else "+"
        return f"{mantissa.removesuffix('.0')}E{sign}{exponent.lstrip('+-').rjust(2, '0')}"
    return text.removesuffix(".0") if text != "-0.0" else "0"


def decimal_text(value: decimal.Decimal) -> str:
    text = format(value, "f")
    return "0" if text in ("-0", "") else text


def number_text(value: int | float | decimal.Decimal) -> str:
    """The invariant ToString() of a number (also what en-US gives)."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, Single):
        return double_text(float(value), 7)
    if isinstance(value, float):
        return double_text(value)
    if isinstance(value, decimal.Decimal):
        return decimal_text(value)
    return str(int(value))


def date_text_invariant(value: datetime.datetime) -> str:
    """`"$d"`, `[string]$d`: invariant culture `MM/dd/yyyy HH:mm:ss`."""
    return (f"{value.month:02d}/{value.day:02d}/{value.year:04d} "
            f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}")


def date_text_culture(value: datetime.datetime) -> str:
    """`$d.ToString()`, table cells, `"{0}" -f $d`: en-US `M/d/yyyy h:mm:ss tt`."""
    return format_date(value, "G")


def date_text_console(value: datetime.datetime) -> str:
    """How Out-Default shows a lone DateTime: `Saturday, November 28, 2026 3:04:05 PM`."""
    return format_date(value, "dddd, MMMM d, yyyy h:mm:ss tt")


def timespan_text(value: datetime.timedelta, spec: str = "c") -> str:
    ticks = timedelta_ticks(value)
    sign = "-" if ticks < 0 else ""
    ticks = abs(ticks)
    days, rest = divmod(ticks, 864_000_000_000)
    hours, rest = divmod(rest, 36_000_000_000)
    minutes, rest = divmod(rest, 600_000_000)
    seconds, fraction = divmod(rest, 10_000_000)
    if spec in ("g", "G") and spec == "g":
        text = f"{sign}{days}:" if days else sign
        text += f"{hours}:{minutes:02d}:{seconds:02d}"
        if fraction:
            text += "." + f"{fraction:07d}".rstrip("0")
        return text
    if spec == "G":
        text = f"{sign}{days}:{hours:02d}:{minutes:02d}:{seconds:02d}.{fraction:07d}"
        return text
    text = f"{sign}{days}." if days else sign
    text += f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    if fraction:
        text += f".{fraction:07d}"
    return text


def timedelta_ticks(value: datetime.timedelta) -> int:
    return (value.days * 86_400 + value.seconds) * 10_000_000 + value.microseconds * 10


def date_ticks(value: datetime.datetime) -> int:
    naive = value.replace(tzinfo=None)
    return timedelta_ticks(naive - datetime.datetime(1, 1, 1))


# ----------------------------------------------------------------------------------------------------------
# Numeric format strings


def _format_error() -> errors.FormatException:
    return errors.FormatException("Format specifier was invalid.")


def _as_decimal(value: int | float | decimal.Decimal) -> decimal.Decimal:
    if isinstance(value, float):
        # .NET Framework formats doubles from their 15-significant-digit form, then rounds half away from zero.
        return decimal.Decimal(f"{value:.15g}") if value != 0 else decimal.Decimal(0)
    return decimal.Decimal(value)


def _round(value: decimal.Decimal, places: int) -> decimal.Decimal:
    return value.quantize(decimal.Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP)


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return ",".join(parts)


def _fixed(value: decimal.Decimal, places: int, grouped: bool) -> str:
    rounded = _round(abs(value), places)
    text = format(rounded, "f")
    whole, _, fraction = text.partition(".")
    if grouped:
        whole = _group(whole)
    body = whole + ("." + fraction if places > 0 else "")
    negative = value < 0 and rounded != 0
    return ("-" if negative else "") + body


def format_number(value: int | float | decimal.Decimal, spec: str) -> str:
    """`value.ToString(spec)` for a number, en-US culture."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if spec == "":
        return number_text(value)
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return number_text(value)
    match = re.fullmatch(r"([A-Za-z])(\d{0,2})", spec)
    if match is None:
        return _custom_number(value, spec)
    letter, digits = match.group(1), match.group(2)
    precision = int(digits) if digits else None
    upper = letter.upper()
    is_integer = isinstance(value, int)
    if upper == "D":
        if not is_integer:
            raise _format_error()
        text = str(abs(int(value))).rjust(precision or 1, "0")
        return ("-" if int(value) < 0 else "") + text
    if upper == "X":
        if not is_integer:
            raise _format_error()
        number = int(value)
        if number < 0:
            number &= 0xFFFFFFFF if number >= -(2**31) else 0xFFFFFFFFFFFFFFFF
        text = format(number, "X" if letter == "X" else "x")
        return text.rjust(precision or 1, "0")
    if upper == "N":
        return _fixed(_as_decimal(value), 2 if precision is None else precision, True)
    if upper == "F":
        return _fixed(_as_decimal(value), 2 if precision is None else precision, False)
    if upper == "P":
        return _fixed(_as_decimal(value) * 100, 2 if precision is None else precision, True) + " %"
    if upper == "C":
        amount = _fixed(abs(_as_decimal(value)), 2 if precision is None else precision, True)
        return f"(${amount})" if _as_decimal(value) < 0 and amount.strip("0.,") else f"${amount}"
    if upper == "E":
        places = 6 if precision is None else precision
        text = f"{_as_decimal(value):.{places}E}"
        mantissa, exponent = text.split("E")
        sign = "-" if exponent.startswith("-") else "+"
        out = f"{mantissa}{letter}{sign}{exponent.lstrip('+-').rjust(3, '0')}"
        return out
    if upper == "G":
        return double_text(float(value), precision) if precision else number_text(value)
    if upper == "R":
        return _round_trip(value) if isinstance(value, float) else number_text(value)
    raise _format_error()


def _custom_number(value: int | float | decimal.Decimal, spec: str) -> str:
    # Custom numeric format: 0 and # placeholders, one '.', ',' grouping, '%' scaling, quoted literals.
    sections = _split_sections(spec)
    number = _as_decimal(value)
    section = sections[0]
    if number < 0 and len(sections) > 1 and sections[1]:
        section = sections[1]
        number = -number
    elif number == 0 and len(sections) > 2:
        section = sections[2]
    if "%" in _unquoted(section):
        number *= 100
    pattern = _unquoted(section)
    integer_part, _, fraction_part = pattern.partition(".")
    places = sum(1 for ch in fraction_part if ch in "0#")
    min_places = len(fraction_part.rstrip("#")) - fraction_part.rstrip("#").count(",") if fraction_part else 0
    min_places = sum(1 for ch in fraction_part[: len(fraction_part.rstrip("#"))] if ch == "0")
    grouped = "," in integer_part.rstrip(",") and any(ch in "0#" for ch in integer_part)
    rounded = _round(abs(number), places)
    whole, _, fraction = format(rounded, "f").partition(".")
    fraction = fraction[:places]
    while len(fraction) > min_places and fraction.endswith("0"):
        fraction = fraction[:-1]
    min_int = len(re.sub(r"[^0]", "", integer_part.lstrip("#,").lstrip("#")))
    if integer_part.find("0") >= 0:
        min_int = len(integer_part) - integer_part.find("0") - integer_part[integer_part.find("0"):].count(",")
    whole = whole.lstrip("0")
    whole = whole.rjust(min_int, "0")
    if grouped and whole:
        whole = _group(whole)
    digits = whole + ("." + fraction if fraction else "")
    negative = number < 0 and section is sections[0] and (rounded != 0)
    out = _place(section, digits)
    return ("-" if negative else "") + out


def _split_sections(spec: str) -> list[str]:
    sections, current, quote = [], "", ""
    for ch in spec:
        if quote:
            current += ch
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
            current += ch
        elif ch == ";":
            sections.append(current)
            current = ""
        else:
            current += ch
    sections.append(current)
    return sections


def _unquoted(section: str) -> str:
    return re.sub(r"'[^']*'|\"[^\"]*\"|\\.", "", section)


def _place(section: str, digits: str) -> str:
    # Literal text before and after the digit placeholders is kept; the placeholders become the digits.
    out, placed, index, quote = "", False, 0, ""
    while index < len(section):
        ch = section[index]
        if quote:
            if ch == quote:
                quote = ""
            else:
                out += ch
        elif ch in "'\"":
            quote = ch
        elif ch == "\\" and index + 1 < len(section):
            index += 1
            out += section[index]
        elif ch in "0#.,":
            if not placed:
                out += digits
                placed = True
        else:
            out += ch
        index += 1
    return out


# ----------------------------------------------------------------------------------------------------------
# Date format strings (en-US)

_STANDARD_DATE = {
    "d": "M/d/yyyy", "D": "dddd, MMMM d, yyyy", "f": "dddd, MMMM d, yyyy h:mm tt",
    "F": "dddd, MMMM d, yyyy h:mm:ss tt", "g": "M/d/yyyy h:mm tt", "G": "M/d/yyyy h:mm:ss tt",
    "m": "MMMM d", "M": "MMMM d", "t": "h:mm tt", "T": "h:mm:ss tt", "y": "MMMM yyyy", "Y": "MMMM yyyy",
    "s": "yyyy'-'MM'-'dd'T'HH':'mm':'ss", "u": "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
    "o": "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK", "O": "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
    "r": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'", "R": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
}

_DATE_TOKEN = re.compile(r"d{1,4}|M{1,4}|y{1,5}|h{1,2}|H{1,2}|m{1,2}|s{1,2}|f{1,7}|F{1,7}|t{1,2}|z{1,3}|K|g{1,2}|"
                         r"'[^']*'|\"[^\"]*\"|\\.|%.|.", re.DOTALL)


def format_date(value: datetime.datetime, spec: str) -> str:
    """`$d.ToString(spec)` in en-US."""
    if spec == "":
        spec = "G"
    if len(spec) == 1:
        if spec not in _STANDARD_DATE:
            raise errors.FormatException("Input string was not in a correct format.")
        spec = _STANDARD_DATE[spec]
    out: list[str] = []
    for token in _DATE_TOKEN.findall(spec):
        out.append(_date_token(value, token))
    return "".join(out)


def _date_token(value: datetime.datetime, token: str) -> str:
    lead = token[0]
    size = len(token)
    if lead == "%" and size == 2:
        return _date_token(value, token[1])
    if lead in "'\"" and size >= 2:
        return token[1:-1]
    if lead == "\\" and size == 2:
        return token[1]
    if lead == "d" and token == "d" * size:
        return (str(value.day), f"{value.day:02d}", _DAY_NAMES[value.weekday()][:3], _DAY_NAMES[value.weekday()])[size - 1]
    if lead == "M" and token == "M" * size:
        return (str(value.month), f"{value.month:02d}", _MONTH_NAMES[value.month - 1][:3],
                _MONTH_NAMES[value.month - 1])[size - 1]
    if lead == "y" and token == "y" * size:
        if size == 1:
            return str(value.year % 100)
        if size == 2:
            return f"{value.year % 100:02d}"
        return str(value.year).rjust(size, "0")
    if lead == "h" and token == "h" * size:
        hour = value.hour % 12 or 12
        return str(hour) if size == 1 else f"{hour:02d}"
    if lead == "H" and token == "H" * size:
        return str(value.hour) if size == 1 else f"{value.hour:02d}"
    if lead == "m" and token == "m" * size:
        return str(value.minute) if size == 1 else f"{value.minute:02d}"
    if lead == "s" and token == "s" * size:
        return str(value.second) if size == 1 else f"{value.second:02d}"
    if lead in "fF" and token == lead * size:
        digits = f"{value.microsecond:06d}0"[:size]
        return digits.rstrip("0") if lead == "F" else digits
    if lead == "t" and token == "t" * size:
        marker = "AM" if value.hour < 12 else "PM"
        return marker[:size]
    if lead == "z" and token == "z" * size:
        # Naive values are the lab's local time, which the lab keeps at offset zero.
        offset = value.utcoffset() if value.tzinfo else datetime.timedelta(0)
        minutes = int((offset or datetime.timedelta()).total_seconds() // 60)
        sign = "-" if minutes < 0 else "+"
        hours, mins = divmod(abs(minutes), 60)
        return (f"{sign}{hours}", f"{sign}{hours:02d}", f"{sign}{hours:02d}:{mins:02d}")[size - 1]
    if token == "K":
        if value.tzinfo is None:
            return ""
        offset = value.utcoffset() or datetime.timedelta()
        if offset == datetime.timedelta():
            return "Z"
        minutes = int(offset.total_seconds() // 60)
        sign = "-" if minutes < 0 else "+"
        hours, mins = divmod(abs(minutes), 60)
        return f"{sign}{hours:02d}:{mins:02d}"
    if lead == "g":
        return "A.D."
    return token


def day_name(value: datetime.datetime) -> str:
    return _DAY_NAMES[value.weekday()]


def month_name(month: int) -> str:
    return _MONTH_NAMES[month - 1]
