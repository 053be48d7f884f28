"""Invariant-culture DateTime.Parse and TimeSpan.Parse for the text shapes scripts write."""

from __future__ import annotations

import datetime
import re


_DATE_FORMATS = (
    "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y",
    "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y",
    "%b %d, %Y", "%A, %B %d, %Y", "%A, %B %d, %Y %I:%M:%S %p", "%B %d, %Y %I:%M:%S %p", "%m/%d/%y",
    "%H:%M:%S", "%H:%M",
)


def parse_date(text: str, today: datetime.date | None = None) -> datetime.datetime | None:
    """Invariant-culture DateTime.Parse for the shapes scripts write (`03/04/2026` is March 4)."""
    stripped = re.sub(r"\s+", " ", text.strip())
    zulu = stripped.endswith("Z")
    candidate = stripped[:-1] if zulu else stripped
    offset_match = re.fullmatch(r"(.*T[\d:.]+)([+-]\d\d:?\d\d)", candidate)
    tz: datetime.tzinfo | None = datetime.timezone.utc if zulu else None
    if offset_match:
        candidate = offset_match.group(1)
        sign = -1 if offset_match.group(2).startswith("-") else 1
        digits = offset_match.group(2)[1:].replace(":", "")
        tz = datetime.timezone(sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    candidate = re.sub(r"(\.\d{6})\d+", r"\1", candidate)
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.datetime.strptime(candidate, fmt)
        except ValueError:
            continue
        if fmt in ("%H:%M:%S", "%H:%M"):
            base = today or datetime.date.today()
            parsed = parsed.replace(year=base.year, month=base.month, day=base.day)
        if tz is not None:
            # DateTime.Parse turns zoned text into local time; the lab's local time is UTC-free naive time, so
            # keep the wall-clock of the given zone converted to UTC.
            parsed = parsed.replace(tzinfo=tz).astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return parsed
    return None


def parse_timespan(text: str) -> datetime.timedelta | None:
    match = re.fullmatch(r"\s*(-)?(?:(\d+)\.)?(\d+):(\d+)(?::(\d+)(?:\.(\d{1,7}))?)?\s*", text)
    if match:
        sign, days, hours, minutes, seconds, fraction = match.groups()
        span = datetime.timedelta(days=int(days or 0), hours=int(hours), minutes=int(minutes),
                                  seconds=int(seconds or 0), microseconds=int((fraction or "0").ljust(7, "0")) // 10)
        return -span if sign else span
    day_only = re.fullmatch(r"\s*(-)?(\d+)\s*", text)
    if day_only:
        span = datetime.timedelta(days=int(day_only.group(2)))
        return -span if day_only.group(1) else span
    return None
