"""A .NET array of one element type: what `[string[]]$a = 1` or `[int[]]"1"` gives.

It behaves as any list in the engine; it only tells `GetType()`, `-is` and the views its real type
(`System.String[]`), which runbooks print and test. Anything that builds a new array from it (`+`,
slicing, pipelines) gives a plain `Object[]`, as PowerShell does.
"""

from __future__ import annotations

from typing import Any, Iterable


class TypedArray(list):  # type: ignore[type-arg]
    def __init__(self, items: Iterable[Any], element_type: str) -> None:
        super().__init__(items)
        self.element_type = element_type

    @property
    def ps_type_names(self) -> tuple[str, ...]:
        return (f"{self.element_type}[]", "System.Array", "System.Object")
