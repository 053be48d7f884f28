"""System.Text.StringBuilder: Append returns the builder itself (which leaks into output unless voided)."""

from __future__ import annotations

from typing import Any, Callable, ClassVar, Mapping


class StringBuilder:
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Text.StringBuilder", "System.Object")

    def __init__(self, initial: Any = "") -> None:
        self.parts: list[str] = [] if initial in (None, "") or isinstance(initial, int) else [str(initial)]

    def _text(self) -> str:
        return "".join(self.parts)

    def append(self, value: Any = None) -> "StringBuilder":
        from exchange_sim.powershell.values.conversions import to_string

        self.parts.append(to_string(value))
        return self

    def append_line(self, value: Any = None) -> "StringBuilder":
        from exchange_sim.powershell.values.conversions import to_string

        self.parts.append(to_string(value) + "\r\n")
        return self

    def append_format(self, template: str, *args: Any) -> "StringBuilder":
        from exchange_sim.powershell.values.format_operator import format_operator

        self.parts.append(format_operator(template, list(args)))
        return self

    def clear(self) -> "StringBuilder":
        self.parts = []
        return self

    def ps_properties(self) -> Mapping[str, Any]:
        text = self._text()
        return {"Capacity": max(16, len(text)), "MaxCapacity": 2147483647, "Length": len(text)}

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        return {"Append": self.append, "AppendLine": self.append_line, "AppendFormat": self.append_format,
                "Clear": self.clear, "ToString": self._text,
                "Insert": lambda i, v: self._insert(int(i), str(v)), "Replace": self._replace}

    def _insert(self, index: int, value: str) -> "StringBuilder":
        text = self._text()
        self.parts = [text[:index] + value + text[index:]]
        return self

    def _replace(self, old: str, new: str) -> "StringBuilder":
        self.parts = [self._text().replace(str(old), str(new))]
        return self

    def __str__(self) -> str:
        return self._text()
