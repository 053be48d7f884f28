"""DateTime.ParseExact with .NET custom format strings (invariant culture)."""

from __future__ import annotations

import datetime
import re
from typing import Any

from exchange_sim.powershell.values import errors

_TOKENS = re.compile(r"yyyy|yy|MMMM|MMM|MM|M|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|fffffff|ffffff|fff|ff|f|tt|t|zzz|K|"
                     r"'[^']*'|\"[^\"]*\"|\\.|.", re.DOTALL)
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]

_PIECES = {
    "yyyy": r"(?P<year>\d{4})", "yy": r"(?P<year2>\d{2})", "MMMM": r"(?P<monthname>[A-Za-z]+)",
    "MMM": r"(?P<monthabbr>[A-Za-z]{3})", "MM": r"(?P<month>\d{2})", "M": r"(?P<month>\d{1,2})",
    "dddd": r"[A-Za-z]+", "ddd": r"[A-Za-z]{3}", "dd": r"(?P<day>\d{2})", "d": r"(?P<day>\d{1,2})",
    "HH": r"(?P<hour>\d{2})", "H": r"(?P<hour>\d{1,2})", "hh": r"(?P<hour12>\d{2})", "h": r"(?P<hour12>\d{1,2})",
    "mm": r"(?P<minute>\d{2})", "m": r"(?P<minute>\d{1,2})", "ss": r"(?P<second>\d{2})", "s": r"(?P<second>\d{1,2})",
    "tt": r"(?P<ampm>[AaPp][Mm])", "t": r"(?P<ampm>[AaPp])", "zzz": r"(?P<offset>[+-]\d{2}:\d{2})",
    "K": r"(?P<kind>Z|[+-]\d{2}:\d{2})?",
}


def _pattern(fmt: str) -> str:
    out = ""
    for token in _TOKENS.findall(fmt):
        if token in _PIECES:
            out += _PIECES[token]
        elif token.startswith("f"):
            out += rf"(?P<fraction>\d{{{len(token)}}})"
        elif token[0] in "'\"" and len(token) >= 2:
            out += re.escape(token[1:-1])
        elif token[0] == "\\" and len(token) == 2:
            out += re.escape(token[1])
        else:
            out += re.escape(token)
    return out


def parse_exact(text: str, formats: Any) -> datetime.datetime:
    candidates = list(formats) if isinstance(formats, (list, tuple)) else [formats]
    for fmt in candidates:
        try:
            match = re.fullmatch(_pattern(str(fmt)), text.strip())
        except re.error:
            match = None
        if match is None:
            continue
        parts = {k: v for k, v in match.groupdict().items() if v is not None}
        year = int(parts["year"]) if "year" in parts else 2000 + int(parts["year2"]) if "year2" in parts else 1
        if "monthname" in parts or "monthabbr" in parts:
            name = (parts.get("monthname") or parts.get("monthabbr") or "").lower()
            month = next((i + 1 for i, m in enumerate(_MONTHS) if m.startswith(name) and len(name) >= 3), 0)
        else:
            month = int(parts.get("month", 1))
        hour = int(parts.get("hour", 0))
        if "hour12" in parts:
            hour = int(parts["hour12"]) % 12 + (12 if parts.get("ampm", "a").lower().startswith("p") else 0)
        fraction = parts.get("fraction", "")
        try:
            return datetime.datetime(year, month, int(parts.get("day", 1)), hour, int(parts.get("minute", 0)),
                                     int(parts.get("second", 0)), int((fraction + "000000")[:6]) if fraction else 0)
        except ValueError:
            continue
    raise errors.FormatException("String was not recognized as a valid DateTime.")
