"""A `{ … }` value: its syntax tree; the session that runs it decides scopes and `$_`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from exchange_sim.powershell import ast as A


@dataclass(frozen=True)
class ScriptBlock:
    ast: A.ScriptBlockAst

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.ScriptBlock", "System.Object")

    def ps_properties(self) -> dict[str, object]:
        return {"File": self.ast.extent.file, "IsFilter": False}

    def __str__(self) -> str:  # ToString() is the text between the braces
        return self.ast.body_text
