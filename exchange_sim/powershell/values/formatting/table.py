"""Format-Table and the table shape of Out-Default (§9.2)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from exchange_sim.powershell.values.formatting.cells import cell_text, is_right_aligned, read
from exchange_sim.powershell.values.formatting.views import PropertySpec, TableView


@dataclass(frozen=True)
class Column:
    label: str
    getter: Any
    width: int | None
    alignment: str | None
    format_string: str | None = None


def columns_of_view(view: TableView) -> list[Column]:
    return [Column(c.label, c.property, c.width, c.alignment, c.format_string) for c in view.columns]


def columns_of_specs(specs: Sequence[PropertySpec]) -> list[Column]:
    return [Column(s.label, s.getter, s.width, s.alignment, s.format_string) for s in specs]


def _first_line(text: str) -> str:
    return text.replace("\r\n", "\n").split("\n", 1)[0]


def _fit(text: str, width: int, right: bool) -> str:
    # 5.1 cuts over-long cells with three ASCII dots; right-aligned columns keep the tail.
    if len(text) <= width:
        return text.rjust(width) if right else text.ljust(width)
    if width <= 3:
        return text[:width] if not right else text[-width:]
    return ("..." + text[-(width - 3):]) if right else (text[: width - 3] + "...")


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for part in text.replace("\r\n", "\n").split("\n"):
        while len(part) > width:
            lines.append(part[:width])
            part = part[width:]
        lines.append(part)
    return lines or [""]


@dataclass(frozen=True)
class TableLayout:
    """Columns with their final widths and alignments; rows are rendered against it."""

    columns: tuple[Column, ...]
    widths: tuple[int, ...]
    right: tuple[bool, ...]

    def header(self) -> list[str]:
        labels = [(c.label.rjust(w) if r else c.label.ljust(w))[:w] if len(c.label) <= w else _fit(c.label, w, False)
                  for c, w, r in zip(self.columns, self.widths, self.right)]
        dashes = [("-" * min(len(c.label), w)).rjust(w) if r else ("-" * min(len(c.label), w)).ljust(w)
                  for c, w, r in zip(self.columns, self.widths, self.right)]
        return [" ".join(labels), " ".join(dashes)]

    def row(self, texts: Sequence[str], wrap: bool = False) -> list[str]:
        if not wrap:
            return [" ".join(_fit(_first_line(t), w, r) for t, w, r in zip(texts, self.widths, self.right))]
        pieces = [_wrap(t, w) for t, w in zip(texts, self.widths)]
        height = max(len(p) for p in pieces)
        lines = []
        for index in range(height):
            cells = [(p[index] if index < len(p) else "") for p in pieces]
            lines.append(" ".join(c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, self.widths, self.right)))
        return lines


def cell_texts(obj: Any, columns: Sequence[Column]) -> list[str]:
    return [cell_text(_safe_read(obj, c.getter), c.format_string) for c in columns]


def _safe_read(obj: Any, getter: Any) -> Any:
    try:
        return read(obj, getter)
    except Exception:  # a failing calculated property shows an empty cell, as Format-Table does
        return None


def layout(objects: Sequence[Any], columns: Sequence[Column], width: int = 120) -> TableLayout:
    """Measure: column width = max(label, cells) unless the view fixed it; fit the line (§9.2)."""
    line_width = width - 1
    texts = [cell_texts(obj, columns) for obj in objects]
    first = objects[0] if objects else None
    widths: list[int] = []
    right: list[bool] = []
    for index, column in enumerate(columns):
        if column.width is not None:
            widths.append(column.width)
        else:
            longest = max((len(_first_line(row[index])) for row in texts), default=0)
            widths.append(max(len(column.label), longest, 1))
        if column.alignment in ("left", "right"):
            right.append(column.alignment == "right")
        else:
            right.append(first is not None and is_right_aligned(_safe_read(first, column.getter)))
    kept = list(columns)
    while kept:
        total = sum(widths) + len(widths) - 1
        if total <= line_width:
            break
        spare = line_width - (total - widths[-1])
        if spare >= 1:
            widths[-1] = spare
            break
        kept.pop()
        widths.pop()
        right.pop()
    return TableLayout(tuple(kept), tuple(widths), tuple(right))


def render_rows(objects: Sequence[Any], table: TableLayout, wrap: bool = False) -> list[str]:
    lines: list[str] = []
    for obj in objects:
        lines.extend(table.row(cell_texts(obj, table.columns), wrap))
    return lines


def format_table(objects: Sequence[Any], columns: Sequence[Column], width: int = 120, *, wrap: bool = False,
                 hide_headers: bool = False) -> str:
    """A whole table: empty line, header, dashes, rows, two empty lines."""
    if not objects:
        return ""
    table = layout(objects, columns, width)
    lines = [] if hide_headers else table.header()
    lines.extend(render_rows(objects, table, wrap))
    return "\n" + "\n".join(lines) + "\n\n\n"
