"""Engine values as PSRP objects, and PSRP parameter values back as plain Python (reference/remoting.md §10).

The engine's values follow the adapter protocol of the engine contract (`ps_type_names`, `ps_properties()`,
`str()` as ToString; enums are IntEnum/IntFlag with `ps_type_name`). Real .NET properties travel as adapted
properties (`<Props>`), PSCustomObject note properties as extended ones (`<MS>`).
"""

from __future__ import annotations

import datetime
import decimal
import enum
import threading
import uuid
from typing import Any, Mapping

from psrpcore.types import (
    PSDateTime,
    PSEnumBase,
    PSFlagBase,
    PSGuid,
    PSNoteProperty,
    PSObject,
    PSSecureString,
    PSType,
    PSUri,
    PSVersion,
)
from psrpcore.types._enum import PSEnumMeta

from exchange_sim.powershell.values.objects import ScriptProperty

# .NET types PowerShell's serialiser writes as primitive elements (<URI>, <Version>), never as property bags;
# pypsrp cannot read a Uri sent as an object (it skips its properties and their type-name references).
_PRIMITIVES = {"System.Uri": PSUri, "System.Version": PSVersion}
_ENUM_TYPE_NAMES = ["System.Enum", "System.ValueType", "System.Object"]


class RemoteObjects:
    """Converts values for one service; remembers the PSRP enum class made for each engine enum class."""

    def __init__(self) -> None:
        self._enums: dict[type, type] = {}
        self._lock = threading.Lock()

    def to_remote(self, value: Any, depth: int = 0) -> Any:
        if depth > 16:  # PowerShell's serialiser also stops descending; cycles must not hang a pipeline
            return str(value)
        if value is None or isinstance(value, (bool, str, bytes, float, decimal.Decimal)):
            return bytes(value) if isinstance(value, bytearray) else value
        if isinstance(value, enum.Enum):
            return self._enum(value)
        if isinstance(value, int):
            return value
        if isinstance(value, bytearray):
            return bytes(value)
        if isinstance(value, datetime.datetime):
            moment = value if value.tzinfo else value.replace(tzinfo=datetime.timezone.utc)
            return PSDateTime(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second,
                              moment.microsecond, tzinfo=moment.tzinfo)
        if isinstance(value, datetime.timedelta):
            return value
        if isinstance(value, uuid.UUID):
            return PSGuid(str(value))
        names = getattr(value, "ps_type_names", None)
        if names and names[0] in _PRIMITIVES:
            return _PRIMITIVES[names[0]](str(value))
        properties = getattr(value, "ps_properties", None)
        if names is not None and callable(properties):
            return self._adapted(value, list(names), properties(), depth)
        if isinstance(value, Mapping):
            return {str(self.to_remote(k, depth + 1)): self.to_remote(v, depth + 1) for k, v in value.items()}
        if isinstance(value, (list, tuple, set, frozenset)):
            return [self.to_remote(item, depth + 1) for item in value]
        note_properties = getattr(value, "properties", None)
        type_names = getattr(value, "type_names", None)
        if isinstance(note_properties, Mapping) and type_names is not None:
            return self._custom(value, list(type_names), note_properties, depth)
        return str(value)

    def _adapted(self, value: Any, type_names: list[str], properties: Mapping[str, Any], depth: int) -> PSObject:
        remote = PSObject()
        if type_names[-1:] != ["System.Object"]:
            type_names.append("System.Object")
        remote.PSObject.type_names = type_names
        for name, item in properties.items():
            item = item.getter(value) if isinstance(item, ScriptProperty) else item
            remote.PSObject.adapted_properties.append(PSNoteProperty(name, self.to_remote(item, depth + 1)))
        remote.PSObject.to_string = str(value)
        return remote

    def _custom(self, value: Any, type_names: list[str], properties: Mapping[str, Any], depth: int) -> PSObject:
        remote = PSObject()
        remote.PSObject.type_names = type_names or ["System.Management.Automation.PSCustomObject", "System.Object"]
        for name, item in properties.items():
            item = item.getter(value) if isinstance(item, ScriptProperty) else item
            remote.PSObject.extended_properties.append(PSNoteProperty(str(name), self.to_remote(item, depth + 1)))
        remote.PSObject.to_string = str(value)
        return remote

    def _enum(self, value: enum.Enum) -> Any:
        type_name = getattr(type(value), "ps_type_name", None)
        if type_name is None:
            return str(value)
        with self._lock:
            remote_class = self._enums.get(type(value))
            if remote_class is None:
                remote_class = _remote_enum(type(value), type_name)
                self._enums[type(value)] = remote_class
        return remote_class(int(value.value))


def _remote_enum(engine_class: type, type_name: str) -> type:
    """A psrpcore enum class mirroring an engine enum, so the client gets the .NET type name and ToString.

    psrpcore writes a flags value 0 as "None" only when the member is called `none` (§10 note).
    """
    is_flag = issubclass(engine_class, enum.Flag)
    base = PSFlagBase if is_flag else PSEnumBase
    namespace = PSEnumMeta.__prepare__(engine_class.__name__, (base,))
    has_zero = False
    for member in engine_class:  # type: ignore[attr-defined]
        name = "none" if member.value == 0 else member.name
        has_zero = has_zero or member.value == 0
        if name:
            namespace[name] = int(member.value)
    if is_flag and not has_zero:
        namespace["none"] = 0
    remote_class = PSEnumMeta(engine_class.__name__, (base,), namespace)
    return PSType([type_name])(remote_class)


def from_remote(value: Any) -> Any:
    """A parameter value as the client sent it, in plain Python: SecureStrings stay PSSecureString (the
    engine bridge decides how its SecureString is made), enums and PS primitives become Python values."""
    if isinstance(value, PSSecureString):
        return value
    if isinstance(value, enum.Enum):
        return int(value.value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, PSDateTime):
        return datetime.datetime(value.year, value.month, value.day, value.hour, value.minute, value.second,
                                 value.microsecond, tzinfo=value.tzinfo)
    if isinstance(value, bytes):
        return bytes(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dict):
        return {from_remote(k): from_remote(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [from_remote(item) for item in value]
    return value
