"""System.Management.Automation.SwitchParameter: what a `[switch]` parameter's variable holds in a script."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Mapping


@dataclass(frozen=True)
class SwitchParameter:
    """Truthy when present; equal to $true/$false by presence; `.IsPresent` and `.ToBool()` as in .NET."""

    is_present: bool
    ps_type_names: ClassVar[tuple[str, ...]] = (
        "System.Management.Automation.SwitchParameter", "System.ValueType", "System.Object")

    def ps_properties(self) -> Mapping[str, Any]:
        return {"IsPresent": self.is_present}

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        return {"ToBool": lambda: self.is_present, "ToString": lambda: str(self)}

    def __bool__(self) -> bool:
        return self.is_present

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SwitchParameter):
            return self.is_present == other.is_present
        if isinstance(other, bool):
            return self.is_present == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.is_present)

    def __str__(self) -> str:
        return "True" if self.is_present else "False"
