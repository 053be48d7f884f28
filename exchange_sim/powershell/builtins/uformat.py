"""Get-Date -UFormat: Unix `date` format specifiers as Windows PowerShell 5.1 renders them.

5.1 quirks kept on purpose: `%s` is the local wall-clock time in seconds since 1970 with a fraction
(it ignores the time zone), `%u` and `%w` are both .NET's DayOfWeek number (Sunday = 0), `%Z` is the
UTC offset in hours with a sign (`+00`), `%V` and `%U` are the day-of-year based week number.
"""

from __future__ import annotations

import datetime

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_EPOCH = datetime.datetime(1970, 1, 1)


def _dotnet_day_of_week(value: datetime.datetime) -> int:
    return (value.weekday() + 1) % 7


def _hour12(value: datetime.datetime) -> int:
    return value.hour % 12 or 12


def _unix_seconds(value: datetime.datetime) -> str:
    naive = value.replace(tzinfo=None)
    seconds = (naive - _EPOCH).total_seconds()
    return str(int(seconds)) if seconds.is_integer() else f"{seconds:.5f}".rstrip("0")


def _offset_hours(value: datetime.datetime) -> str:
    offset = value.utcoffset() if value.tzinfo else datetime.timedelta(0)
    hours = int((offset or datetime.timedelta(0)).total_seconds() // 3600)
    return f"{'+' if hours >= 0 else '-'}{abs(hours):02d}"


def _specifier(letter: str, v: datetime.datetime) -> str | None:
    table = {
        "a": lambda: _DAY_NAMES[v.weekday()][:3],
        "A": lambda: _DAY_NAMES[v.weekday()],
        "b": lambda: _MONTH_NAMES[v.month - 1][:3],
        "h": lambda: _MONTH_NAMES[v.month - 1][:3],
        "B": lambda: _MONTH_NAMES[v.month - 1],
        "c": lambda: f"{_DAY_NAMES[v.weekday()][:3]} {_MONTH_NAMES[v.month - 1][:3]} {v.day:02d} {v:%H:%M:%S} {v.year}",
        "C": lambda: f"{v.year // 100:02d}",
        "d": lambda: f"{v.day:02d}",
        "D": lambda: f"{v.month:02d}/{v.day:02d}/{v.year % 100:02d}",
        "e": lambda: f"{v.day:>2d}",
        "F": lambda: f"{v.year:04d}-{v.month:02d}-{v.day:02d}",
        "g": lambda: f"{v.year % 100:02d}",
        "G": lambda: str(v.year),
        "H": lambda: f"{v.hour:02d}",
        "I": lambda: f"{_hour12(v):02d}",
        "j": lambda: f"{v.timetuple().tm_yday:03d}",
        "k": lambda: f"{v.hour:>2d}",
        "l": lambda: f"{_hour12(v):>2d}",
        "m": lambda: f"{v.month:02d}",
        "M": lambda: f"{v.minute:02d}",
        "n": lambda: "\n",
        "p": lambda: "AM" if v.hour < 12 else "PM",
        "r": lambda: f"{_hour12(v):02d}:{v.minute:02d}:{v.second:02d} {'AM' if v.hour < 12 else 'PM'}",
        "R": lambda: f"{v.hour:02d}:{v.minute:02d}",
        "s": lambda: _unix_seconds(v),
        "S": lambda: f"{v.second:02d}",
        "t": lambda: "\t",
        "T": lambda: f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}",
        "u": lambda: str(_dotnet_day_of_week(v)),
        "U": lambda: str(v.timetuple().tm_yday // 7),
        "V": lambda: str(v.timetuple().tm_yday // 7 + 1),
        "w": lambda: str(_dotnet_day_of_week(v)),
        "W": lambda: str(v.timetuple().tm_yday // 7),
        "x": lambda: f"{v.month:02d}/{v.day:02d}/{v.year % 100:02d}",
        "X": lambda: f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}",
        "y": lambda: f"{v.year % 100:02d}",
        "Y": lambda: str(v.year),
        "Z": lambda: _offset_hours(v),
        "%": lambda: "%",
    }
    render = table.get(letter)
    return render() if render else None


def format_uformat(value: datetime.datetime, pattern: str) -> str:
    """Render `pattern`; an unknown `%x` is kept as the letter alone, as 5.1 does."""
    out: list[str] = []
    index = 0
    while index < len(pattern):
        ch = pattern[index]
        if ch == "%" and index + 1 < len(pattern):
            letter = pattern[index + 1]
            rendered = _specifier(letter, value)
            out.append(rendered if rendered is not None else letter)
            index += 2
        else:
            out.append(ch)
            index += 1
    return "".join(out)
