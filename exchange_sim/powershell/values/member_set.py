"""The intrinsic `.PSObject` member set (`$o.PSObject.Properties`, `.TypeNames`, `.BaseObject`) and
`.PSTypeNames`, which every value has in PowerShell."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Mapping

from exchange_sim.powershell.values.objects import PSObject, get_property, property_names, set_property, type_names


@dataclass(frozen=True)
class PSPropertyInfo:
    """One entry of `$o.PSObject.Properties` (a note property of a PSCustomObject, else an adapted one)."""

    owner: Any
    name: str
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.PSNoteProperty",
                                                "System.Management.Automation.PSPropertyInfo",
                                                "System.Management.Automation.PSMemberInfo", "System.Object")

    def ps_properties(self) -> Mapping[str, Any]:
        value = get_property(self.owner, self.name)
        kind = "NoteProperty" if isinstance(self.owner, PSObject) else "Property"
        names = type_names(value)
        return {"MemberType": kind, "IsSettable": True, "IsGettable": True, "Value": value,
                "TypeNameOfValue": names[0] if names else "System.Object", "Name": self.name, "IsInstance": True}

    def ps_set_property(self, name: str, value: Any) -> None:
        if name.lower() == "value":
            set_property(self.owner, self.name, value)

    def __str__(self) -> str:
        names = type_names(get_property(self.owner, self.name))
        short = names[0].rsplit(".", 1)[-1] if names else "Object"
        return f"{short} {self.name}={get_property(self.owner, self.name)}"


@dataclass(frozen=True)
class PSMemberSet:
    owner: Any
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.PSObject", "System.Object")

    def properties(self) -> list[PSPropertyInfo]:
        return [PSPropertyInfo(self.owner, name) for name in property_names(self.owner)]

    def ps_properties(self) -> Mapping[str, Any]:
        return {"BaseObject": self.owner, "Members": self.properties(), "Properties": self.properties(),
                "Methods": [], "ImmediateBaseObject": self.owner, "TypeNames": type_names(self.owner)}

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        return {"Copy": self._copy, "ToString": lambda: str(self.owner)}

    def _copy(self) -> Any:
        if isinstance(self.owner, PSObject):
            return PSObject(list(self.owner.properties.items()), list(self.owner.type_names))
        return self.owner

    def __str__(self) -> str:
        return str(self.owner)


def intrinsic_member(obj: Any, name: str) -> tuple[bool, Any]:
    lowered = name.lower()
    if lowered == "psobject":
        return True, PSMemberSet(obj)
    if lowered == "pstypenames":
        return True, obj.type_names if isinstance(obj, PSObject) else type_names(obj)
    return False, None
