"""What a PowerShell object is in Python, and the one way every part of the engine reads its members.

Values are plain Python values (see the engine contract) plus `Char`, `Hashtable` and `PSObject` defined
here. Any other class becomes a PowerShell object through the adapter protocol: `ps_type_names`,
`ps_properties()`, optional `ps_methods()`, `__str__` as ToString. Built-in Python types (str, int,
datetime, list ...) get their .NET members from `values.dotnet`.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import uuid
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Mapping, MutableMapping, Protocol

from exchange_sim.powershell.values import errors


class Char(str):
    """[char]: a one-character string that PowerShell treats as a number in arithmetic on the right."""

    def __new__(cls, value: str | int) -> "Char":
        text = chr(value) if isinstance(value, int) else value
        if len(text) != 1:
            raise errors.PSInvalidCastException(
                f'Cannot convert value "{text}" to type "System.Char". Error: "String must be exactly one '
                f'character long."', error_id="InvalidCastParseTargetInvocation")
        return super().__new__(cls, text)


def _key(key: Any) -> Any:
    # Hashtables compare string keys case-insensitively (5.1 uses CurrentCultureIgnoreCase); other keys by
    # value and type, so 1 and $true stay distinct as in .NET.
    if isinstance(key, str):
        return ("s", key.lower())
    return (type(key).__name__, key)


class Hashtable(MutableMapping[Any, Any]):
    """[hashtable] / [ordered]: case-insensitive keys, insertion order kept (PowerShell literals keep it)."""

    def __init__(self, items: Mapping[Any, Any] | Iterable[tuple[Any, Any]] | None = None, *,
                 ordered: bool = False) -> None:
        self._items: dict[Any, tuple[Any, Any]] = {}
        self.ordered: bool = ordered
        if items is not None:
            pairs = items.items() if isinstance(items, Mapping) else items
            for k, v in pairs:
                self[k] = v

    @property
    def ps_type_names(self) -> tuple[str, ...]:
        if self.ordered:
            return ("System.Collections.Specialized.OrderedDictionary", "System.Object")
        return ("System.Collections.Hashtable", "System.Object")

    def __getitem__(self, key: Any) -> Any:
        return self._items[_key(key)][1]

    def get(self, key: Any, default: Any = None) -> Any:
        entry = self._items.get(_key(key))
        return default if entry is None else entry[1]

    def __setitem__(self, key: Any, value: Any) -> None:
        if key is None:
            raise errors.ArgumentNullException("Key cannot be null.\r\nParameter name: key")
        k = _key(key)
        existing = self._items.get(k)
        self._items[k] = (existing[0] if existing else key, value)

    def __delitem__(self, key: Any) -> None:
        del self._items[_key(key)]

    def __contains__(self, key: object) -> bool:
        return _key(key) in self._items

    def __iter__(self) -> Iterator[Any]:
        return (original for original, _ in list(self._items.values()))

    def __len__(self) -> int:
        return len(self._items)

    def add(self, key: Any, value: Any) -> None:
        """Hashtable.Add: a duplicate key is an error (.NET's text)."""
        if key in self:
            existing = self._items[_key(key)][0]
            raise errors.ArgumentException(
                f"Item has already been added. Key in dictionary: '{existing}'  Key being added: '{key}'")
        self[key] = value

    def original_key(self, key: Any) -> Any:
        return self._items[_key(key)][0]

    def copy(self) -> "Hashtable":
        return Hashtable(list(self.items()), ordered=self.ordered)

    def __eq__(self, other: object) -> bool:
        return self is other  # .NET reference equality

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"Hashtable({dict(self.items())!r}, ordered={self.ordered})"

    def __str__(self) -> str:
        return self.ps_type_names[0]


PSCUSTOMOBJECT = "System.Management.Automation.PSCustomObject"


@dataclass(frozen=True)
class ScriptProperty:
    """A property whose value is computed on read (Add-Member ScriptProperty, calculated members)."""

    getter: Callable[[Any], Any]
    setter: Callable[[Any, Any], None] | None = None


class PSObject:
    """[pscustomobject]: ordered, case-insensitive note properties and a list of type names."""

    def __init__(self, properties: Mapping[str, Any] | Iterable[tuple[str, Any]] | None = None,
                 type_names: Iterable[str] | None = None) -> None:
        self.properties: Hashtable = Hashtable(properties, ordered=True)
        self.type_names: list[str] = list(type_names) if type_names is not None else [PSCUSTOMOBJECT, "System.Object"]

    def add_property(self, name: str, value: Any) -> None:
        self.properties[name] = value

    def __str__(self) -> str:
        return ""  # 5.1: a PSCustomObject's ToString() is empty; "$o" renders @{...} (conversions.to_string)

    def __repr__(self) -> str:
        return f"PSObject({dict(self.properties.items())!r})"


# ----------------------------------------------------------------------------------------------------------
# Type names


def _int_type(value: int) -> str:
    if -(2**31) <= value < 2**31:
        return "System.Int32"
    if -(2**63) <= value < 2**63:
        return "System.Int64"
    return "System.Numerics.BigInteger"


_VALUE_TYPE = ("System.ValueType", "System.Object")


def type_names(obj: Any) -> list[str]:
    """The object's .NET type names, most-derived first (what views and `-is` look at)."""
    if obj is None:
        return []
    if isinstance(obj, PSObject):
        return list(obj.type_names)
    names = getattr(obj, "ps_type_names", None)
    if names is not None and not isinstance(obj, type):
        return list(names)
    if isinstance(obj, bool):
        return ["System.Boolean", *_VALUE_TYPE]
    if isinstance(obj, enum.Enum):
        name = getattr(type(obj), "ps_type_name", type(obj).__name__)
        return [name, "System.Enum", *_VALUE_TYPE]
    if isinstance(obj, int):
        marker = getattr(type(obj), "ps_type_name", None)
        return [marker or _int_type(obj), *_VALUE_TYPE]
    if isinstance(obj, float):
        return [getattr(type(obj), "ps_type_name", "System.Double"), *_VALUE_TYPE]
    if isinstance(obj, decimal.Decimal):
        return ["System.Decimal", *_VALUE_TYPE]
    if isinstance(obj, Char):
        return ["System.Char", *_VALUE_TYPE]
    if isinstance(obj, str):
        return ["System.String", "System.Object"]
    if isinstance(obj, datetime.datetime):
        return ["System.DateTime", *_VALUE_TYPE]
    if isinstance(obj, datetime.timedelta):
        return ["System.TimeSpan", *_VALUE_TYPE]
    if isinstance(obj, uuid.UUID):
        return ["System.Guid", *_VALUE_TYPE]
    if isinstance(obj, (bytes, bytearray)):
        return ["System.Byte[]", "System.Array", "System.Object"]
    if isinstance(obj, (list, tuple)):
        return ["System.Object[]", "System.Array", "System.Object"]
    if isinstance(obj, Mapping):
        return ["System.Collections.Hashtable", "System.Object"]
    if isinstance(obj, BaseException):
        return [errors.net_type_of(obj), "System.Exception", "System.Object"]
    return [f"System.{type(obj).__name__}", "System.Object"]


# ----------------------------------------------------------------------------------------------------------
# Members


class DotNetHost(Protocol):
    """What some .NET members need from the session (clock, machine, files, calling script blocks).

    Required: `now()` (the lab clock; `[datetime]::Now`), `invoke(block, dollar_under, args) -> list`
    (`.Where({})`, `.ForEach({})`). Optional, looked up with getattr so a host may leave them out:
    `machine_name()`, `user_name()`, `user_domain()`, `current_directory()`, `temp_path()`,
    `environment_variable(name)`, `read_file_bytes(path)`, `write_file_bytes(path, data)`,
    `file_exists(path)` (`[IO.File]`, `[Environment]`, `[IO.Path]::GetTempPath()`).
    """

    def now(self) -> datetime.datetime: ...
    def invoke(self, script_block: Any, dollar_under: Any, args: list[Any]) -> list[Any]: ...


def _adapter_properties(obj: Any) -> Mapping[str, Any] | None:
    getter = getattr(obj, "ps_properties", None)
    if getter is None or isinstance(obj, type) or not callable(getter):
        return None
    return getter()


def _find(mapping: Mapping[str, Any], name: str) -> tuple[bool, Any]:
    lowered = name.lower()
    for key, value in mapping.items():
        if str(key).lower() == lowered:
            return True, value
    return False, None


def _read(obj: Any, value: Any) -> Any:
    return value.getter(obj) if isinstance(value, ScriptProperty) else value


def is_collection(value: Any) -> bool:
    """What PowerShell enumerates: arrays and lists (not strings, not dictionaries)."""
    from exchange_sim.powershell.values.dotnet.collections import GenericList

    return isinstance(value, (list, tuple, bytes, bytearray, GenericList))


def find_property(obj: Any, name: str, host: DotNetHost | None = None) -> tuple[bool, Any]:
    """(found, value) for `obj.name` without member enumeration."""
    if obj is None:
        return False, None
    if isinstance(obj, PSObject):
        found, value = _find(obj.properties, name)
        return (True, _read(obj, value)) if found else (False, None)
    if isinstance(obj, Hashtable):
        if name in obj:
            return True, obj[name]
    single = getattr(obj, "ps_get_property", None)
    if single is not None and callable(single) and not isinstance(obj, type):
        # Optional fast path for adapters whose full property set is costly: (found, value) for one name.
        found, value = single(name)
        if found:
            return True, _read(obj, value)
    props = _adapter_properties(obj)
    if props is not None:
        found, value = _find(props, name)
        if found:
            return True, _read(obj, value)
    from exchange_sim.powershell.values.dotnet.members import instance_property

    return instance_property(obj, name, host)


def get_property(obj: Any, name: str, host: DotNetHost | None = None) -> Any:
    """`$obj.Name` as PowerShell reads it (§5.8): own member, else member enumeration, else $null."""
    if obj is None:
        return 0 if name.lower() in ("count", "length") else None
    found, value = find_property(obj, name, host)
    if found:
        return value
    from exchange_sim.powershell.values.member_set import intrinsic_member

    found, value = intrinsic_member(obj, name)
    if found:
        return value
    if is_collection(obj):
        collected: list[Any] = []
        for item in obj:
            ok, item_value = find_property(item, name, host)
            if not ok:
                continue
            if is_collection(item_value):
                collected.extend(item_value)
            else:
                collected.append(item_value)
        if not collected:
            return None
        return collected[0] if len(collected) == 1 else collected
    if name.lower() in ("count", "length"):
        return 1  # intrinsic members of any scalar
    return None


def has_property(obj: Any, name: str) -> bool:
    return find_property(obj, name)[0]


def set_property(obj: Any, name: str, value: Any) -> None:
    """`$obj.Name = value`. Hashtables set keys; PSObjects set (not add) note properties."""
    if isinstance(obj, Hashtable):
        obj[name] = value
        return
    if isinstance(obj, PSObject):
        found = any(str(k).lower() == name.lower() for k in obj.properties)
        if found:
            current = obj.properties[name]
            if isinstance(current, ScriptProperty):
                if current.setter is None:
                    raise errors.runtime_error(
                        f'"{name}" is a ReadOnly property.', "PropertyAssignmentException")
                current.setter(obj, value)
                return
            obj.properties[name] = value
            return
    else:
        setter = getattr(obj, "ps_set_property", None)
        if setter is not None and not isinstance(obj, type):
            setter(name, value)
            return
        from exchange_sim.powershell.values.dotnet.members import set_instance_property

        if set_instance_property(obj, name, value):
            return
    raise errors.runtime_error(
        f"The property '{name}' cannot be found on this object. Verify that the property exists and can be set.",
        "PropertyNotFound", errors.ErrorCategory.InvalidOperation)


def property_names(obj: Any) -> list[str]:
    """Property names in display order (Select-Object *, Format-List *, ByPropertyName)."""
    if obj is None:
        return []
    if isinstance(obj, PSObject):
        return [str(k) for k in obj.properties]
    props = _adapter_properties(obj)
    if props is not None:
        return list(props)
    from exchange_sim.powershell.values.dotnet.members import instance_property_names

    return instance_property_names(obj)


def get_method(obj: Any, name: str, host: DotNetHost | None = None) -> Callable[..., Any] | None:
    """The bound method `obj.name(...)`; None when the object has none (the caller raises MethodNotFound).

    A collection that lacks the method calls it on each element (§5.8 member enumeration).
    """
    if obj is None:
        return None
    getter = getattr(obj, "ps_methods", None)
    if getter is not None and callable(getter) and not isinstance(obj, type):
        found, method = _find(getter(), name)
        if found:
            return method
    from exchange_sim.powershell.values.dotnet.members import instance_method

    method = instance_method(obj, name, host)
    if method is not None:
        return method
    if is_collection(obj):
        items = list(obj)
        bound = [get_method(item, name, host) for item in items]
        if items and all(m is not None for m in bound):
            def each(*args: Any) -> Any:
                results: list[Any] = []
                for m in bound:
                    assert m is not None
                    result = m(*args)
                    if result is not None:
                        results.append(result)
                if not results:
                    return None
                return results[0] if len(results) == 1 else results
            return each
    return None


def method_not_found(obj: Any, name: str) -> errors.RuntimeException:
    """PowerShell's error for a missing method (MethodNotFound, §8)."""
    if obj is None:
        return errors.runtime_error("You cannot call a method on a null-valued expression.", "InvokeMethodOnNull")
    type_name = (type_names(obj) or ["System.Object"])[0]
    return errors.runtime_error(
        f"Method invocation failed because [{type_name}] does not contain a method named '{name}'.",
        "MethodNotFound")


def call_method(obj: Any, name: str, args: list[Any], host: DotNetHost | None = None) -> Any:
    """`obj.name(args)` with PowerShell's errors: InvokeMethodOnNull, MethodNotFound, and .NET exceptions
    wrapped as `Exception calling "Name" with "N" argument(s): "..."` (MethodInvocationException)."""
    if obj is None:
        raise method_not_found(None, name)
    method = get_method(obj, name, host)
    if method is None:
        raise method_not_found(obj, name)
    return invoke_method(method, name, args)


def invoke_method(method: Callable[..., Any], name: str, args: list[Any]) -> Any:
    """Call a .NET member (instance or static) and turn every failure into PowerShell's method errors:
    `Exception calling "Name" with "N" argument(s): "..."` or `Cannot find an overload ...`."""
    try:
        return method(*args)
    except errors.MethodException:
        raise
    except errors.RuntimeException as exc:
        if exc.error_id in ("MethodCountCouldNotFindBest", "MethodNotFound", "InvokeMethodOnNull"):
            raise
        raise _invocation_failure(name, args, exc) from exc
    except errors.DotNetException as exc:
        raise _invocation_failure(name, args, exc) from exc
    except TypeError as exc:
        # Python signature mismatch = no .NET overload with that many arguments.
        raise errors.MethodException(
            f'Cannot find an overload for "{name}" and the argument count: "{len(args)}".',
            error_id="MethodCountCouldNotFindBest", category=errors.ErrorCategory.NotSpecified) from exc
    except (ValueError, OverflowError) as exc:
        raise _invocation_failure(name, args, errors.FormatException()) from exc
    except (IndexError, KeyError) as exc:
        raise _invocation_failure(name, args, errors.ArgumentOutOfRangeException(
            "Index was out of range. Must be non-negative and less than the size of the collection.")) from exc


def _invocation_failure(name: str, args: list[Any], exc: errors.DotNetException) -> errors.MethodInvocationException:
    inner_id = errors.net_type_of(exc).rsplit(".", 1)[-1]
    return errors.MethodInvocationException(
        f'Exception calling "{name}" with "{len(args)}" argument(s): "{exc.message}"', exc,
        error_id=inner_id, category=errors.ErrorCategory.NotSpecified)


def enumerate_for_pipeline(value: Any) -> Iterator[Any] | None:
    """The elements PowerShell unrolls when `value` is written to the pipeline, or None for a scalar.

    Lists, tuples, generators, byte arrays and generic lists unroll; strings, hashtables and
    PSObjects do not (§5.7).
    """
    if value is None or isinstance(value, (str, Mapping, PSObject)):
        return None
    if is_collection(value):
        return iter(list(value))
    if isinstance(value, Iterator):
        return value
    enumerate_hook = getattr(value, "ps_enumerate", None)
    if enumerate_hook is not None and callable(enumerate_hook):
        return iter(enumerate_hook())
    return None
