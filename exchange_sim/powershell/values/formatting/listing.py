"""Format-List and the list shape of Out-Default (§9.3)."""

from __future__ import annotations

from typing import Any, Sequence

from exchange_sim.powershell.values.formatting.cells import cell_text, read


def _wrapped_value(text: str, room: int, indent: int) -> list[str]:
    lines: list[str] = []
    for part in text.replace("\r\n", "\n").split("\n"):
        if room <= 0:
            lines.append(part)
            continue
        while len(part) > room:
            lines.append(part[:room])
            part = part[room:]
        lines.append(part)
    first, *rest = lines or [""]
    return [first] + [" " * indent + line for line in rest]


def list_entry(obj: Any, entries: Sequence[tuple[str, Any]], width: int = 120) -> list[str]:
    """One object's `Label : value` lines, labels padded to the longest label of that object."""
    if not entries:
        return []
    label_width = max(len(label) for label, _ in entries)
    indent = label_width + 3
    room = width - 1 - indent
    lines: list[str] = []
    for label, getter in entries:
        try:
            value = read(obj, getter)
        except Exception:  # a failing calculated property shows an empty value, as Format-List does
            value = None
        text = cell_text(value, limit=4)
        wrapped = _wrapped_value(text, room, indent)
        lines.append(f"{label.ljust(label_width)} : {wrapped[0]}")
        lines.extend(wrapped[1:])
    return lines


def format_list(objects: Sequence[Any], entries_of: Any, width: int = 120) -> str:
    """Two empty lines, then each entry followed by one empty line, then two more (5.1 layout)."""
    if not objects:
        return ""
    out = "\n\n"
    for obj in objects:
        entries = entries_of(obj) if callable(entries_of) else entries_of
        out += "\n".join(list_entry(obj, entries, width)) + "\n\n"
    return out + "\n\n"
