"""The enumerators PowerShell exposes as `$input`, `$foreach` and `$switch`.

Scripts move them by hand (`$foreach.MoveNext()` skips the loop's next element, `$switch.MoveNext()`
reads the value after the current one); written to the pipeline an enumerator yields what is left.
"""

from __future__ import annotations

from typing import Any, ClassVar, Iterable, Iterator, Mapping


class PSEnumerator:
    ps_type_names: ClassVar[tuple[str, ...]] = (
        "System.Collections.ArrayList+ArrayListEnumeratorSimple", "System.Object")

    def __init__(self, items: Iterable[Any]) -> None:
        self._items = list(items)
        self._position = -1

    def move_next(self) -> bool:
        if self._position < len(self._items):
            self._position += 1
        return self._position < len(self._items)

    @property
    def current(self) -> Any:
        if 0 <= self._position < len(self._items):
            return self._items[self._position]
        from exchange_sim.powershell.values import errors

        raise errors.InvalidOperationException(
            "Enumeration has either not started or has already finished.")

    def reset(self) -> None:
        self._position = -1

    def remaining(self) -> Iterator[Any]:
        while self.move_next():
            yield self.current

    def ps_enumerate(self) -> Iterator[Any]:
        return self.remaining()

    def ps_properties(self) -> Mapping[str, Any]:
        in_range = 0 <= self._position < len(self._items)
        return {"Current": self._items[self._position] if in_range else None}

    def ps_methods(self) -> Mapping[str, Any]:
        return {"MoveNext": self.move_next, "Reset": self.reset}

    def __str__(self) -> str:
        return self.ps_type_names[0]
