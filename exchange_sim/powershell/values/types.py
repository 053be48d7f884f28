"""Type literals: `[int]`, `[System.String]`, `[Text.Encoding]`, `[List[string]]`, `[byte[]]` -> `PSType`.

A `TypeTable` belongs to one session (layers above register their types into it). It resolves names the
way PowerShell does: accelerators, full names, names without the leading `System.`, generics and arrays;
anything else is `Unable to find type [X].` (TypeNotFound).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any, ClassVar, Mapping

from exchange_sim.powershell.values import errors


@dataclass(frozen=True)
class PSType:
    """A resolved .NET type (what `[T]` evaluates to, and what `GetType()` returns)."""

    full_name: str
    py_class: type | None = None
    element: "PSType | None" = None
    generic_args: tuple["PSType", ...] = ()
    base_name: str | None = None

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.RuntimeType", "System.Reflection.TypeInfo", "System.Type",
                                                "System.Reflection.MemberInfo", "System.Object")

    @property
    def name(self) -> str:
        if self.element is not None:
            return self.element.name + "[]"
        if self.generic_args:
            return self.generic_base.rsplit(".", 1)[-1] + f"`{len(self.generic_args)}"
        return self.full_name.rsplit(".", 1)[-1]

    @property
    def generic_base(self) -> str:
        return self.base_name or self.full_name.split("[", 1)[0]

    @property
    def is_array(self) -> bool:
        return self.element is not None

    @property
    def is_enum(self) -> bool:
        return isinstance(self.py_class, type) and issubclass(self.py_class, enum.Enum)

    def ps_properties(self) -> Mapping[str, Any]:
        namespace = self.generic_base.rsplit(".", 1)[0] if "." in self.generic_base else ""
        return {
            "IsPublic": True,
            "IsSerial": True,
            "Name": self.name,
            "BaseType": _BASE_TYPES.get(self.full_name, "System.Array" if self.is_array else "System.Object"),
            "FullName": self.full_name,
            "Namespace": namespace,
            "IsArray": self.is_array,
            "IsEnum": self.is_enum,
            "IsValueType": self.full_name in _VALUE_TYPES or self.is_enum,
            "IsGenericType": bool(self.generic_args),
            "GenericTypeArguments": list(self.generic_args),
        }

    def ps_methods(self) -> Mapping[str, Any]:
        return {"ToString": lambda: self.full_name, "GetEnumNames": self._enum_names,
                "GetEnumValues": self._enum_values, "GetType": lambda: self}

    def _enum_names(self) -> list[str]:
        return [m.name for m in self.py_class] if self.is_enum and self.py_class else []  # type: ignore[union-attr]

    def _enum_values(self) -> list[Any]:
        return list(self.py_class) if self.is_enum and self.py_class else []  # type: ignore[call-overload]

    def __str__(self) -> str:
        return self.full_name


_VALUE_TYPES = frozenset({
    "System.Int32", "System.Int64", "System.Int16", "System.Byte", "System.SByte", "System.UInt16", "System.UInt32",
    "System.UInt64", "System.Boolean", "System.Char", "System.Double", "System.Single", "System.Decimal",
    "System.DateTime", "System.TimeSpan", "System.Guid", "System.Management.Automation.SwitchParameter",
})
_BASE_TYPES = {name: "System.ValueType" for name in _VALUE_TYPES}

# (full name, accelerators) of the types the engine itself knows; Python classes are attached lazily in
# `TypeTable.__post_init__` so this module stays free of imports from the rest of the package.
_BUILTIN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("System.Int32", ("int", "int32")),
    ("System.Int64", ("long", "int64")),
    ("System.Int16", ("short", "int16")),
    ("System.Byte", ("byte",)),
    ("System.SByte", ("sbyte",)),
    ("System.UInt16", ("ushort", "uint16")),
    ("System.UInt32", ("uint", "uint32")),
    ("System.UInt64", ("ulong", "uint64")),
    ("System.Boolean", ("bool", "boolean")),
    ("System.Char", ("char",)),
    ("System.String", ("string",)),
    ("System.Double", ("double",)),
    ("System.Single", ("float", "single")),
    ("System.Decimal", ("decimal",)),
    ("System.Numerics.BigInteger", ("bigint",)),
    ("System.DateTime", ("datetime",)),
    ("System.TimeSpan", ("timespan",)),
    ("System.Guid", ("guid",)),
    ("System.Version", ("version",)),
    ("System.Uri", ("uri",)),
    ("System.Text.RegularExpressions.Regex", ("regex",)),
    ("System.Text.RegularExpressions.Match", ()),
    ("System.Text.RegularExpressions.RegexOptions", ()),
    ("System.StringSplitOptions", ()),
    ("System.Xml.XmlDocument", ("xml",)),
    ("System.Collections.Hashtable", ("hashtable",)),
    ("System.Collections.Specialized.OrderedDictionary", ("ordered",)),
    ("System.Collections.ArrayList", ()),
    ("System.Collections.IDictionary", ()),
    ("System.Collections.IEnumerable", ()),
    ("System.Collections.ICollection", ()),
    ("System.Collections.IList", ()),
    ("System.Array", ("array",)),
    ("System.Object", ("object",)),
    ("System.ValueType", ()),
    ("System.Enum", ()),
    ("System.Management.Automation.PSObject", ("psobject",)),
    ("System.Management.Automation.PSCustomObject", ("pscustomobject",)),
    ("System.Management.Automation.PSReference", ("ref",)),
    ("System.Management.Automation.ScriptBlock", ("scriptblock",)),
    ("System.Management.Automation.SwitchParameter", ("switch",)),
    ("System.Management.Automation.PSCredential", ("pscredential",)),
    ("System.Management.Automation.ErrorRecord", ()),
    ("System.Management.Automation.ErrorCategory", ()),
    ("System.Management.Automation.ActionPreference", ()),
    ("System.Type", ("type",)),
    ("System.Void", ("void",)),
    ("System.Security.SecureString", ("securestring",)),
    ("System.Net.IPAddress", ("ipaddress",)),
    ("System.Net.NetworkCredential", ()),
    ("System.Text.Encoding", ()),
    ("System.Text.StringBuilder", ()),
    ("System.Convert", ()),
    ("System.Math", ()),
    ("System.BitConverter", ()),
    ("System.Environment", ()),
    ("System.IO.Path", ()),
    ("System.IO.File", ()),
    ("System.Runtime.InteropServices.Marshal", ()),
    ("System.DayOfWeek", ()),
    ("System.DateTimeKind", ()),
)

_GENERICS: dict[str, str] = {
    "list": "System.Collections.Generic.List",
    "dictionary": "System.Collections.Generic.Dictionary",
    "hashset": "System.Collections.Generic.HashSet",
    "queue": "System.Collections.Generic.Queue",
    "stack": "System.Collections.Generic.Stack",
}


def _split_top_level(text: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current = ""
    for ch in text:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p.strip() for p in parts]


def type_not_found(name: str) -> errors.RuntimeException:
    return errors.RuntimeException(
        f"Unable to find type [{name}].", error_id="TypeNotFound", category=errors.ErrorCategory.InvalidOperation,
        target_object=_TypeName(name))


@dataclass(frozen=True)
class _TypeName:
    # The target of TypeNotFound prints as "(X:TypeName)" in CategoryInfo (§8).
    text: str
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.Language.TypeName", "System.Object")

    def ps_properties(self) -> Mapping[str, Any]:
        return {"Name": self.text, "FullName": self.text}

    def __str__(self) -> str:
        return self.text


@dataclass
class TypeTable:
    """Type names known to one session. Layers above add theirs with `register`."""

    _types: dict[str, PSType] = field(default_factory=dict)
    _aliases: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        specs, aliases = _builtin_tables()
        for key, spec in specs.items():
            self._types.setdefault(key, spec)
        for alias, key in aliases.items():
            self._aliases.setdefault(alias, key)

    def register(self, cls: type | None, full_name: str, aliases: tuple[str, ...] = ()) -> PSType:
        """Make `[full_name]` (and each alias) resolve to `cls` (an enum, an adapter class, a value class)."""
        spec = PSType(full_name, cls)
        self._types[full_name.lower()] = spec
        for alias in aliases:
            self._aliases[alias.lower()] = full_name.lower()
        return spec

    def register_enum(self, cls: type[enum.Enum]) -> PSType:
        return self.register(cls, getattr(cls, "ps_type_name", cls.__name__))

    def names(self) -> list[str]:
        return sorted(spec.full_name for spec in self._types.values())

    def resolve(self, text: str | PSType) -> PSType:
        """`[text]` -> its type, or PowerShell's TypeNotFound error."""
        if isinstance(text, PSType):
            return text
        found = self.resolve_optional(text)
        if found is None:
            raise type_not_found(text.strip().removeprefix("[").removesuffix("]") if text.strip() else text)
        return found

    def resolve_optional(self, text: str | PSType) -> PSType | None:
        if isinstance(text, PSType):
            return text
        name = text.strip()
        if name.startswith("[") and name.endswith("]") and not name.endswith("[]"):
            name = name[1:-1].strip()
        if not name:
            return None
        if name.endswith("]"):
            return self._resolve_bracketed(name)
        return self._lookup(name)

    def _lookup(self, name: str) -> PSType | None:
        lowered = name.lower().replace("`", "")
        if lowered in self._aliases:
            return self._types[self._aliases[lowered]]
        if lowered in self._types:
            return self._types[lowered]
        if "system." + lowered in self._types:
            return self._types["system." + lowered]
        base = lowered.split("`", 1)[0]
        if base in _GENERICS or base.startswith(("system.collections.generic.", "collections.generic.")):
            return None
        return None

    def _resolve_bracketed(self, name: str) -> PSType | None:
        open_at = _matching_open(name)
        if open_at <= 0:
            return None
        head, inner = name[:open_at].strip(), name[open_at + 1:-1]
        if inner.strip() == "" or set(inner.strip()) <= {","}:
            element = self.resolve_optional(head)
            if element is None:
                return None
            return self.array_of(element)
        args = [self.resolve_optional(part) for part in _split_top_level(inner)]
        if any(a is None for a in args):
            return None
        return self._generic(head, tuple(a for a in args if a is not None))

    def array_of(self, element: PSType) -> PSType:
        from exchange_sim.powershell.values.dotnet.classes import array_class

        return PSType(element.full_name + "[]", array_class(element.full_name), element=element)

    def _generic(self, head: str, args: tuple[PSType, ...]) -> PSType | None:
        lowered = head.lower().split("`", 1)[0]
        short = lowered.rsplit(".", 1)[-1]
        if short not in _GENERICS:
            return None
        if "." in lowered and lowered not in (_GENERICS[short].lower(), "collections.generic." + short):
            return None
        base = _GENERICS[short]
        from exchange_sim.powershell.values.dotnet.classes import generic_class

        cls = generic_class(base)
        if cls is None:
            return None
        full = f"{base}[{','.join(a.full_name for a in args)}]"
        return PSType(full, cls, generic_args=args, base_name=base)

    def type_of(self, value: Any) -> PSType:
        """`$value.GetType()`."""
        from exchange_sim.powershell.values.objects import type_names

        names = type_names(value)
        name = names[0] if names else "System.Object"
        found = self._types.get(name.lower())
        return found if found is not None else PSType(name, type(value))


@lru_cache(maxsize=1)
def _builtin_tables() -> tuple[Mapping[str, PSType], Mapping[str, str]]:
    """The engine's own types, built once (read-only mappings; every TypeTable starts from a copy)."""
    from exchange_sim.powershell.values import objects
    from exchange_sim.powershell.values.dotnet import classes

    specs: dict[str, PSType] = {}
    aliases: dict[str, str] = {}
    for full_name, accelerators in _BUILTIN:
        specs[full_name.lower()] = PSType(full_name)
        for alias in accelerators:
            aliases[alias] = full_name.lower()
    attached: list[tuple[type, str]] = list((cls, name) for name, cls in classes.builtin_classes().items())
    attached += [(objects.Hashtable, "System.Collections.Hashtable"),
                 (objects.PSObject, "System.Management.Automation.PSCustomObject"),
                 (errors.ErrorRecord, "System.Management.Automation.ErrorRecord"),
                 (errors.ErrorCategory, "System.Management.Automation.ErrorCategory")]
    attached += [(exc, exc.net_type) for exc in errors.EXCEPTION_CLASSES]
    for cls, full_name in attached:
        specs[full_name.lower()] = PSType(full_name, cls)
    return MappingProxyType(specs), MappingProxyType(aliases)


def builtin_type(name: str) -> PSType | None:
    """A built-in type by full name or accelerator, without a session's TypeTable (fast path for casts)."""
    specs, aliases = _builtin_tables()
    lowered = name.lower()
    return specs.get(aliases.get(lowered, lowered))


def _matching_open(name: str) -> int:
    depth = 0
    for index in range(len(name) - 1, -1, -1):
        ch = name[index]
        if ch == "]":
            depth += 1
        elif ch == "[":
            depth -= 1
            if depth == 0:
                return index
    return -1
