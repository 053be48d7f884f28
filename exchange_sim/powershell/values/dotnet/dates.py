"""Members of System.DateTime and System.TimeSpan."""

from __future__ import annotations

import calendar
import datetime
import enum
from typing import Any, Callable, Mapping

from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.text import date_ticks, format_date, timedelta_ticks, timespan_text


class DayOfWeek(enum.IntEnum):
    Sunday = 0
    Monday = 1
    Tuesday = 2
    Wednesday = 3
    Thursday = 4
    Friday = 5
    Saturday = 6


DayOfWeek.ps_type_name = "System.DayOfWeek"  # type: ignore[attr-defined]  # set after creation: an Enum would make it a member


class DateTimeKind(enum.IntEnum):
    Unspecified = 0
    Utc = 1
    Local = 2


DateTimeKind.ps_type_name = "System.DateTimeKind"  # type: ignore[attr-defined]  # set after creation: an Enum would make it a member


MIN_DATE = datetime.datetime(1, 1, 1)
MAX_DATE = datetime.datetime(9999, 12, 31, 23, 59, 59, 999999)


def _number(value: Any) -> float:
    from exchange_sim.powershell.values.conversions import to_number

    return float(to_number(value))


def _shift(value: datetime.datetime, delta: datetime.timedelta) -> datetime.datetime:
    try:
        return value + delta
    except OverflowError:
        raise errors.ArgumentOutOfRangeException(
            "The added or subtracted value results in an un-representable DateTime.\r\nParameter name: value") from None


def _milliseconds(amount: float, scale: float) -> datetime.timedelta:
    # .NET rounds Add{Days,Hours,...} to the nearest millisecond.
    millis = int(amount * scale + (0.5 if amount >= 0 else -0.5))
    return datetime.timedelta(milliseconds=millis)


def add_months(value: datetime.datetime, months: Any) -> datetime.datetime:
    count = int(_number(months))
    total = value.year * 12 + value.month - 1 + count
    year, month = divmod(total, 12)
    if not 1 <= year <= 9999:
        raise errors.ArgumentOutOfRangeException(
            "The added or subtracted value results in an un-representable DateTime.\r\nParameter name: months")
    day = min(value.day, calendar.monthrange(year, month + 1)[1])
    return value.replace(year=year, month=month + 1, day=day)


def kind_of(value: datetime.datetime) -> DateTimeKind:
    if value.tzinfo is not None and value.utcoffset() == datetime.timedelta(0):
        return DateTimeKind.Utc
    return DateTimeKind.Local


def _subtract(value: datetime.datetime, other: Any) -> Any:
    if isinstance(other, datetime.datetime):
        return value.replace(tzinfo=None) - other.replace(tzinfo=None)
    if isinstance(other, datetime.timedelta):
        return _shift(value, -other)
    raise errors.ArgumentException("Object must be of type DateTime.")


def _compare(a: Any, b: Any) -> int:
    if b is None:
        return 1
    left = date_ticks(a) if isinstance(a, datetime.datetime) else timedelta_ticks(a)
    right = date_ticks(b) if isinstance(b, datetime.datetime) else timedelta_ticks(b) \
        if isinstance(b, datetime.timedelta) else None
    if right is None:
        raise errors.ArgumentException("Object must be of type " +
                                       ("DateTime." if isinstance(a, datetime.datetime) else "TimeSpan."))
    return (left > right) - (left < right)


def date_methods(value: datetime.datetime) -> Mapping[str, Callable[..., Any]]:
    return {
        "AddDays": lambda n: _shift(value, _milliseconds(_number(n), 86_400_000)),
        "AddHours": lambda n: _shift(value, _milliseconds(_number(n), 3_600_000)),
        "AddMinutes": lambda n: _shift(value, _milliseconds(_number(n), 60_000)),
        "AddSeconds": lambda n: _shift(value, _milliseconds(_number(n), 1000)),
        "AddMilliseconds": lambda n: _shift(value, _milliseconds(_number(n), 1)),
        "AddTicks": lambda n: _shift(value, datetime.timedelta(microseconds=int(_number(n)) // 10)),
        "AddMonths": lambda n: add_months(value, n),
        "AddYears": lambda n: add_months(value, int(_number(n)) * 12),
        "Add": lambda span: _shift(value, span),
        "Subtract": lambda other: _subtract(value, other),
        # The lab keeps local time as naive wall-clock time on a UTC machine: local and universal coincide.
        "ToUniversalTime": lambda: value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        if value.tzinfo else value,
        "ToLocalTime": lambda: value.replace(tzinfo=None),
        "ToShortDateString": lambda: format_date(value, "d"),
        "ToLongDateString": lambda: format_date(value, "D"),
        "ToShortTimeString": lambda: format_date(value, "t"),
        "ToLongTimeString": lambda: format_date(value, "T"),
        "ToString": lambda fmt="G", *a: format_date(value, "G" if fmt is None else str(fmt)),
        "ToFileTime": lambda: date_ticks(value) - date_ticks(datetime.datetime(1601, 1, 1)),
        "ToFileTimeUtc": lambda: date_ticks(value) - date_ticks(datetime.datetime(1601, 1, 1)),
        "CompareTo": lambda other: _compare(value, other),
        "IsDaylightSavingTime": lambda: False,
        "ToOADate": lambda: (value.replace(tzinfo=None) - datetime.datetime(1899, 12, 30)).total_seconds() / 86400,
        "GetDateTimeFormats": lambda *a: [format_date(value, f) for f in ("d", "D", "f", "F", "g", "G")],
    }


def date_properties(value: datetime.datetime) -> Mapping[str, Callable[[], Any]]:
    return {
        "DateTime": lambda: format_date(value, "dddd, MMMM d, yyyy h:mm:ss tt"),
        "Date": lambda: value.replace(hour=0, minute=0, second=0, microsecond=0),
        "Day": lambda: value.day,
        "DayOfWeek": lambda: DayOfWeek((value.weekday() + 1) % 7),
        "DayOfYear": lambda: value.timetuple().tm_yday,
        "Hour": lambda: value.hour,
        "Kind": lambda: kind_of(value),
        "Millisecond": lambda: value.microsecond // 1000,
        "Minute": lambda: value.minute,
        "Month": lambda: value.month,
        "Second": lambda: value.second,
        "Ticks": lambda: date_ticks(value),
        "TimeOfDay": lambda: datetime.timedelta(hours=value.hour, minutes=value.minute, seconds=value.second,
                                                microseconds=value.microsecond),
        "Year": lambda: value.year,
    }


def _parts(value: datetime.timedelta) -> tuple[int, int, int, int, int, int]:
    ticks = timedelta_ticks(value)
    sign = -1 if ticks < 0 else 1
    rest = abs(ticks)
    days, rest = divmod(rest, 864_000_000_000)
    hours, rest = divmod(rest, 36_000_000_000)
    minutes, rest = divmod(rest, 600_000_000)
    seconds, rest = divmod(rest, 10_000_000)
    millis = rest // 10_000
    return sign, days, hours, minutes, seconds, millis


def timespan_properties(value: datetime.timedelta) -> Mapping[str, Callable[[], Any]]:
    sign, days, hours, minutes, seconds, millis = _parts(value)
    ticks = timedelta_ticks(value)
    return {
        "Days": lambda: sign * days,
        "Hours": lambda: sign * hours,
        "Minutes": lambda: sign * minutes,
        "Seconds": lambda: sign * seconds,
        "Milliseconds": lambda: sign * millis,
        "Ticks": lambda: ticks,
        "TotalDays": lambda: ticks / 864_000_000_000,
        "TotalHours": lambda: ticks / 36_000_000_000,
        "TotalMinutes": lambda: ticks / 600_000_000,
        "TotalSeconds": lambda: ticks / 10_000_000,
        "TotalMilliseconds": lambda: ticks / 10_000,
    }


def timespan_methods(value: datetime.timedelta) -> Mapping[str, Callable[..., Any]]:
    return {
        "Add": lambda other: value + other,
        "Subtract": lambda other: value - other,
        "Negate": lambda: -value,
        "Duration": lambda: abs(value),
        "ToString": lambda fmt="c", *a: timespan_text(value, "c" if fmt in (None, "") else str(fmt)),
        "CompareTo": lambda other: _compare(value, other),
    }
