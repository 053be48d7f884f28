"""CSV text as Windows PowerShell 5.1 writes and reads it (ConvertTo/ConvertFrom-Csv, Export/Import-Csv).

Writing: an optional `#TYPE <first type name>` line, a header of quoted names, then every non-null value
quoted with `"` doubled; a `$null` value leaves the field empty (no quotes).
Reading: `#TYPE` is remembered, the first record is the header, quoted fields may hold the delimiter,
doubled quotes and line breaks; missing trailing fields read as `$null`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence


def quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def type_line(type_name: str) -> str:
    return "#TYPE " + type_name


def header_line(names: Sequence[str], delimiter: str = ",") -> str:
    return delimiter.join(quote(n) for n in names)


def record_line(cells: Sequence[str | None], delimiter: str = ",") -> str:
    return delimiter.join("" if c is None else quote(c) for c in cells)


@dataclass(frozen=True)
class CsvTable:
    """What a CSV text holds: the `#TYPE` name (if any), the header and the records."""

    type_name: str | None
    header: tuple[str, ...]
    records: tuple[tuple[str | None, ...], ...]


def _split_records(text: str, delimiter: str) -> list[list[str]]:
    records: list[list[str]] = []
    field: list[str] = []
    record: list[str] = []
    in_quotes = False
    was_quoted = False
    index = 0
    length = len(text)
    while index < length:
        ch = text[index]
        if in_quotes:
            if ch == '"':
                if index + 1 < length and text[index + 1] == '"':
                    field.append('"')
                    index += 1
                else:
                    in_quotes = False
            else:
                field.append(ch)
        elif ch == '"' and not field:
            in_quotes = was_quoted = True
        elif ch == delimiter:
            record.append("".join(field))
            field, was_quoted = [], False
        elif ch in "\r\n":
            if ch == "\r" and index + 1 < length and text[index + 1] == "\n":
                index += 1
            record.append("".join(field))
            if record != [""] or was_quoted:
                records.append(record)
            field, record, was_quoted = [], [], False
        else:
            field.append(ch)
        index += 1
    if field or record or was_quoted:
        record.append("".join(field))
        records.append(record)
    return records


def _unique_header(names: Iterable[str]) -> tuple[str, ...]:
    # Import-Csv names blank header fields H1, H2… by position (5.1 behaviour for empty names)
    return tuple(name if name else f"H{i + 1}" for i, name in enumerate(names))


def parse_csv(text: str, delimiter: str = ",", header: Sequence[str] | None = None) -> CsvTable:
    lines = text.split("\n")
    type_name: str | None = None
    skipped = 0
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("#TYPE"):
            type_name = stripped[5:].strip() or None
            skipped += 1
            continue
        if stripped.startswith("#"):
            skipped += 1
            continue
        break
    body = "\n".join(lines[skipped:])
    records = _split_records(body, delimiter)
    if header is None:
        if not records:
            return CsvTable(type_name, (), ())
        names, rows = _unique_header(records[0]), records[1:]
    else:
        names, rows = tuple(header), records
    padded = tuple(tuple(row[i] if i < len(row) else None for i in range(len(names))) for row in rows)
    return CsvTable(type_name, names, padded)
