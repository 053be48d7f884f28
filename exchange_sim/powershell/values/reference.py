"""`[ref]`: System.Management.Automation.PSReference, a box whose `.Value` reads and writes its target.

`[ref]$x` points at the variable itself (writing `.Value` changes `$x` in the scope that holds it);
`[ref]5` or `[ref]$h.Name` box a value.
"""

from __future__ import annotations

from typing import Any, Callable, ClassVar, Mapping


class PSReference:
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.PSReference", "System.Object")

    def __init__(self, read: Callable[[], Any], write: Callable[[Any], None]) -> None:
        self._read = read
        self._write = write

    @classmethod
    def holding(cls, value: Any) -> "PSReference":
        box = [value]
        return cls(lambda: box[0], lambda new: box.__setitem__(0, new))

    @property
    def value(self) -> Any:
        return self._read()

    def ps_properties(self) -> Mapping[str, Any]:
        return {"Value": self._read()}

    def ps_set_property(self, name: str, value: Any) -> None:
        if name.lower() != "value":
            from exchange_sim.powershell.values import errors

            raise errors.runtime_error(
                f"The property '{name}' cannot be found on this object. Verify that the property exists and can "
                "be set.", "PropertyNotFound", errors.ErrorCategory.InvalidOperation)
        self._write(value)

    def __str__(self) -> str:
        return "System.Management.Automation.PSReference"
