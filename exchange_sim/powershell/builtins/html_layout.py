"""ConvertTo-Html lines as Windows PowerShell 5.1 writes them: one output string per line, an XHTML 1.0
Strict document around one table (`<colgroup>` of empty `<col/>`s, a header row, one row per object),
or just the table with `-Fragment`; `-As List` writes one two-column table per object.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Sequence

DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"  '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">'
)


def encode(text: str) -> str:
    return html.escape(text, quote=True).replace("&#x27;", "&#39;")


@dataclass(frozen=True)
class HtmlRequest:
    names: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str = "HTML TABLE"
    head: tuple[str, ...] | None = None
    body: tuple[str, ...] | None = None
    pre_content: tuple[str, ...] | None = None
    post_content: tuple[str, ...] | None = None
    fragment: bool = False
    as_list: bool = False
    css_uri: str | None = None


def _table_lines(names: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["<table>"]
    if names and rows:
        lines.append("<colgroup>" + "<col/>" * len(names) + "</colgroup>")
        lines.append("<tr>" + "".join(f"<th>{encode(n)}</th>" for n in names) + "</tr>")
        for row in rows:
            lines.append("<tr>" + "".join(f"<td>{encode(c)}</td>" for c in row) + "</tr>")
    lines.append("</table>")
    return lines


def _list_lines(names: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines: list[str] = []
    for row in rows:
        lines.append("<table>")
        for name, cell in zip(names, row):
            lines.append(f"<tr><td>{encode(name)}:</td><td>{encode(cell)}</td></tr>")
        lines.append("</table>")
    return lines or ["<table>", "</table>"]


def html_lines(request: HtmlRequest) -> list[str]:
    lines: list[str] = []
    if not request.fragment:
        lines += [DOCTYPE, '<html xmlns="http://www.w3.org/1999/xhtml">', "<head>"]
        if request.head is not None:
            lines += list(request.head)
        else:
            lines.append(f"<title>{encode(request.title)}</title>")
        if request.css_uri:
            lines.append(f'<link rel="stylesheet" type="text/css" href="{request.css_uri}" />')
        lines.append("</head><body>")
        if request.body is not None:
            lines += list(request.body)
    if request.pre_content is not None:
        lines += list(request.pre_content)
    if request.as_list:
        lines += _list_lines(request.names, request.rows)
    else:
        lines += _table_lines(request.names, request.rows)
    if request.post_content is not None:
        lines += list(request.post_content)
    if not request.fragment:
        lines.append("</body></html>")
    return lines
