"""Property specifications shared by Select-Object, Sort-Object, Group-Object, Measure-Object and the
Format cmdlets: plain names (with wildcards), and calculated properties written as hashtables
(`@{n='Days'; e={…}}`, `Name`/`Label`/`Expression`, any unambiguous key prefix)."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

from exchange_sim.powershell.builtins import runtime
from exchange_sim.powershell.commands import CmdletContext
from exchange_sim.powershell.values.objects import get_property, property_names


class PropertySpecError(ValueError):
    """A calculated property hashtable PowerShell would reject; the message is PowerShell's."""

    def __init__(self, message: str, error_id: str) -> None:
        super().__init__(message)
        self.error_id = error_id


@dataclass(frozen=True)
class PropertySpec:
    """One entry of a `-Property` list: a name pattern or a calculated property."""

    name: str
    expression: Any = None  # a script block, a property name, or None for a plain name
    is_wildcard: bool = False
    options: tuple[tuple[str, Any], ...] = ()  # extra keys: width, alignment, formatstring, ascending…

    def option(self, key: str, default: Any = None) -> Any:
        for name, value in self.options:
            if name == key:
                return value
        return default


def _key_for(key: str, allowed: Iterable[str]) -> str | None:
    wanted = key.lower()
    matches = [a for a in allowed if a.lower().startswith(wanted)]
    exact = [a for a in allowed if a.lower() == wanted]
    if exact:
        return exact[0]
    return matches[0] if len(matches) == 1 else None


def _hashtable_items(value: Any) -> list[tuple[str, Any]] | None:
    if isinstance(value, Mapping):
        return [(str(k), v) for k, v in value.items()]
    items = getattr(value, "items", None)
    if callable(items) and type(value).__name__ in ("Hashtable", "OrderedDictionary"):
        return [(str(k), v) for k, v in items()]
    return None


# Key names each cmdlet accepts in a calculated property (PowerShell's per-command key sets).
SELECT_KEYS = ("Name", "Label", "Expression")
SORT_KEYS = ("Expression", "Ascending", "Descending")
FORMAT_TABLE_KEYS = ("Name", "Label", "Expression", "FormatString", "Width", "Alignment")
FORMAT_LIST_KEYS = ("Name", "Label", "Expression", "FormatString")


def parse_specs(entries: Iterable[Any], allowed_keys: tuple[str, ...]) -> list[PropertySpec]:
    specs: list[PropertySpec] = []
    for entry in entries:
        items = _hashtable_items(entry)
        if items is None:
            if runtime.is_scriptblock(entry):
                specs.append(PropertySpec(str(entry).strip(), entry))
                continue
            text = str(entry)
            specs.append(PropertySpec(text, None, any(c in text for c in "*?[")))
            continue
        specs.append(_calculated(items, allowed_keys))
    return specs


def _calculated(items: list[tuple[str, Any]], allowed_keys: tuple[str, ...]) -> PropertySpec:
    name: str | None = None
    expression: Any = None
    options: list[tuple[str, Any]] = []
    for key, value in items:
        canonical = _key_for(key, allowed_keys)
        if canonical is None:
            raise PropertySpecError(f'The "{key}" key is not valid.', "DictionaryKeyIllegal")
        if canonical in ("Name", "Label"):
            if name is not None:
                raise PropertySpecError(
                    f'The "{key}" key has already been specified.', "DictionaryKeySpecifiedMoreThanOnce"
                )
            name = str(value)
        elif canonical == "Expression":
            expression = value
        else:
            options.append((canonical.lower(), value))
    if expression is None and "Expression" in allowed_keys and "Ascending" not in allowed_keys:
        raise PropertySpecError('The "Expression" key is missing.', "DictionaryKeyMandatoryEntry")
    if name is None:
        name = str(expression).strip() if expression is not None else ""
    return PropertySpec(name, expression, False, tuple(options))


def as_list(value: Any) -> list[Any]:
    """A parameter value as a list: $null -> empty, a scalar -> one element, arrays as they are."""
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def read_property(target: Any, name: str) -> Any:
    try:
        return get_property(target, name)
    except Exception:  # a missing property reads as $null outside strict mode
        return None


def evaluate(ctx: CmdletContext, spec: PropertySpec, target: Any) -> Any:
    """The spec's value for `target`: a script block runs with `$_`; a string names a property."""
    if spec.expression is None:
        return read_property(target, spec.name)
    if runtime.is_scriptblock(spec.expression):
        output = runtime.run_scriptblock(ctx, spec.expression, dollar_under=target)
        if not output:
            return None
        return output[0] if len(output) == 1 else output
    return read_property(target, str(spec.expression))


def expand_names(specs: list[PropertySpec], target: Any) -> list[PropertySpec]:
    """Wildcard names replaced by the target's matching property names, in the target's order."""
    expanded: list[PropertySpec] = []
    seen: set[str] = set()
    names = None
    for spec in specs:
        if spec.is_wildcard:
            names = names if names is not None else list(property_names(target))
            for name in names:
                if fnmatch.fnmatchcase(name.lower(), spec.name.lower()) and name.lower() not in seen:
                    seen.add(name.lower())
                    expanded.append(PropertySpec(name))
        elif spec.name.lower() not in seen or spec.expression is not None:
            seen.add(spec.name.lower())
            expanded.append(spec)
    return expanded


Evaluator = Callable[[PropertySpec, Any], Any]
