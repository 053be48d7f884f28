"""ConvertTo-Json text as Windows PowerShell 5.1 writes it.

5.1 serialises with JavaScriptSerializer (which escapes `'`, `<`, `>`, `&` as `\\u0027`…, writes dates as
`"\\/Date(ms)\\/"` and enums as numbers) and then re-indents: a nested value's lines are indented four
spaces past the column of its opening bracket, the closing bracket sits under the opening one, and a
name is followed by `":  "` (two spaces). An empty array or object keeps an empty line inside.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import math
from dataclasses import dataclass
from typing import Any, Callable, Sequence

# A node of the tree to write: ("object", [(name, node)…]) | ("array", [node…]) | ("scalar", json text).
JsonNode = tuple[str, Any]

_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "'": "\\u0027",
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
}

_EPOCH = datetime.datetime(1970, 1, 1)


def json_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def json_number(value: int | float | decimal.Decimal) -> str:
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            # JavaScriptSerializer writes these as strings
            return json_string("NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity"))
        return repr(value) if not value.is_integer() or abs(value) >= 1e15 else str(int(value))
    return str(value)


def json_date(value: datetime.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    milliseconds = int((value - _EPOCH) / datetime.timedelta(milliseconds=1))
    return '"\\/Date(' + str(milliseconds) + ')\\/"'


@dataclass(frozen=True)
class ObjectReader:
    """How the serialiser sees PowerShell values it does not know natively.

    `members(value)` returns the (name, value) pairs of an object or mapping, or None for a scalar;
    `items(value)` returns the elements of a collection, or None; `text(value)` is `ToString()`.
    """

    members: Callable[[Any], "Sequence[tuple[str, Any]] | None"]
    items: Callable[[Any], "Sequence[Any] | None"]
    text: Callable[[Any], str]


def to_node(value: Any, depth: int, reader: ObjectReader) -> JsonNode:
    """The tree for `value`; below `depth` levels objects become their string form (5.1 `-Depth`)."""
    if value is None:
        return ("scalar", "null")
    if isinstance(value, bool):
        return ("scalar", "true" if value else "false")
    if isinstance(value, enum.Enum):
        return ("scalar", str(int(value.value)))
    if isinstance(value, (int, float, decimal.Decimal)):
        return ("scalar", json_number(value))
    if isinstance(value, str):
        return ("scalar", json_string(value))
    if isinstance(value, datetime.datetime):
        return ("scalar", json_date(value))
    items = reader.items(value)
    if items is not None:
        if depth < 0:
            return ("scalar", json_string(reader.text(value)))
        return ("array", [to_node(item, depth - 1, reader) for item in items])
    members = reader.members(value)
    if members is None:
        return ("scalar", json_string(reader.text(value)))
    if depth < 0:
        return ("scalar", json_string(reader.text(value)))
    return ("object", [(name, to_node(member, depth - 1, reader)) for name, member in members])


def render_compressed(node: JsonNode) -> str:
    kind, payload = node
    if kind == "scalar":
        return str(payload)
    if kind == "array":
        return "[" + ",".join(render_compressed(n) for n in payload) + "]"
    return "{" + ",".join(json_string(name) + ":" + render_compressed(n) for name, n in payload) + "}"


def render_indented(node: JsonNode, column: int = 0) -> str:
    """5.1's layout; `column` is where the opening bracket of this node sits on its line."""
    kind, payload = node
    if kind == "scalar":
        return str(payload)
    inner = " " * (column + 4)
    open_, close = ("[", "]") if kind == "array" else ("{", "}")
    if not payload:
        return f"{open_}\n\n{' ' * column}{close}"
    lines: list[str] = []
    for index, entry in enumerate(payload):
        comma = "," if index < len(payload) - 1 else ""
        if kind == "array":
            lines.append(inner + render_indented(entry, column + 4) + comma)
        else:
            name, child = entry
            prefix = json_string(name) + ":  "
            lines.append(inner + prefix + render_indented(child, column + 4 + len(prefix)) + comma)
    return open_ + "\n" + "\n".join(lines) + "\n" + " " * column + close


def to_json(value: Any, reader: ObjectReader, depth: int = 2, compress: bool = False) -> str:
    node = to_node(value, depth, reader)
    return render_compressed(node) if compress else render_indented(node)
