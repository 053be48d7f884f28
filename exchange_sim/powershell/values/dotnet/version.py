"""System.Version: `[version]'15.2.1118.7'`, compared part by part; unset parts are -1 as in .NET."""

from __future__ import annotations

from dataclasses import dataclass
from functools import total_ordering
from typing import Any, ClassVar, Mapping

from exchange_sim.powershell.values import errors


@total_ordering
@dataclass(frozen=True)
class Version:
    major: int
    minor: int = 0
    build: int = -1
    revision: int = -1
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Version", "System.Object")

    @classmethod
    def ps_parse(cls, text: str) -> "Version":
        parts = text.strip().split(".")
        if not 2 <= len(parts) <= 4 or not all(p.isdigit() for p in parts):
            raise errors.ArgumentException("Version string portion was too short or too long.")
        numbers = [int(p) for p in parts] + [-1] * (4 - len(parts))
        return cls(*numbers)

    def ps_properties(self) -> Mapping[str, Any]:
        return {"Major": self.major, "Minor": self.minor, "Build": self.build, "Revision": self.revision,
                "MajorRevision": -1 if self.revision < 0 else self.revision >> 16,
                "MinorRevision": -1 if self.revision < 0 else self.revision & 0xFFFF}

    def _key(self) -> tuple[int, int, int, int]:
        return (self.major, self.minor, self.build, self.revision)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        return ".".join(str(p) for p in self._key() if p >= 0)
