"""powershell.exe's redirected error/warning/verbose streams: one `#< CLIXML` marker line, then serialised
strings, one `<S S="Error">` per console line (reference/remoting.md §8.3)."""

from __future__ import annotations

import re
from typing import Iterable
from xml.sax.saxutils import escape

MARKER = "#< CLIXML\r\n"
_NAMESPACE = "http://schemas.microsoft.com/powershell/2004/04"
# Characters CLIXML writes as _xHHHH_: control characters (CR and LF included) and anything XML cannot hold.
_NEEDS_ESCAPE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# A literal "_x" followed by four hex digits and "_" would read back as an escape; its underscore is escaped.
_LOOKS_ESCAPED = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def escape_string(text: str) -> str:
    text = _LOOKS_ESCAPED.sub("_x005F_", text)
    text = _NEEDS_ESCAPE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return escape(text)


def stream_document(records: Iterable[tuple[str, str]]) -> str:
    """`records` are (stream, console text) pairs; stream is Error, warning, verbose, debug or information.

    An error record's console view is followed by a line holding one blank, as powershell.exe writes it.
    """
    parts = [MARKER, f'<Objs Version="1.1.0.1" xmlns="{_NAMESPACE}">']
    for stream, text in records:
        lines = text.replace("\r\n", "\n").rstrip("\n").split("\n")
        if stream == "Error":
            lines.append(" ")
        for line in lines:
            parts.append(f'<S S="{stream}">{escape_string(line + chr(13) + chr(10))}</S>')
    parts.append("</Objs>")
    return "".join(parts)
