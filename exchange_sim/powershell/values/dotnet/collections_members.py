"""Members of arrays and hashtables, and the intrinsic `.Where({})` / `.ForEach({})` every value has."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Mapping

from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.objects import DotNetHost, Hashtable, is_collection


@dataclass(frozen=True)
class DictionaryEntry:
    """What enumerating a hashtable yields (`$h.GetEnumerator()`); `Name` is PowerShell's alias for Key."""

    key: Any
    value: Any
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Collections.DictionaryEntry", "System.ValueType",
                                                "System.Object")

    def ps_properties(self) -> Mapping[str, Any]:
        return {"Name": self.key, "Key": self.key, "Value": self.value}

    def __str__(self) -> str:
        return "System.Collections.DictionaryEntry"


def _remove(table: Hashtable, key: Any) -> None:
    if key is None:
        raise errors.ArgumentNullException("Key cannot be null.\r\nParameter name: key")
    if key in table:
        del table[key]


def hashtable_methods(table: Hashtable) -> Mapping[str, Callable[..., Any]]:
    def contains_value(value: Any) -> bool:
        return any(v == value and type(v) is type(value) for v in table.values())

    def item(key: Any) -> Any:
        return table.get(key)

    return {
        "ContainsKey": lambda k: k is not None and k in table,
        "Contains": lambda k: k is not None and k in table,
        "ContainsValue": contains_value,
        "Add": table.add,
        "Remove": lambda k: _remove(table, k),
        "Clear": table.clear,
        "GetEnumerator": lambda: [DictionaryEntry(k, v) for k, v in table.items()],
        "Clone": table.copy,
        "Item": item,
        "get_Item": item,
        "set_Item": lambda k, v: table.__setitem__(k, v),
        "CopyTo": lambda target, index: None,
    }


def _array_equal(a: Any, b: Any) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and str(a) == str(b)
    return bool(a == b)


def array_methods(items: Any) -> Mapping[str, Callable[..., Any]]:
    def get_value(index: Any) -> Any:
        try:
            return items[int(index)]
        except IndexError:
            raise errors.IndexOutOfRangeException() from None

    def set_value(value: Any, index: Any) -> None:
        try:
            items[int(index)] = value
        except IndexError:
            raise errors.IndexOutOfRangeException() from None

    return {
        "Contains": lambda v: any(_array_equal(i, v) for i in items),
        "IndexOf": lambda v: next((n for n, i in enumerate(items) if _array_equal(i, v)), -1),
        "Clone": lambda: type(items)(items) if not isinstance(items, tuple) else list(items),
        "GetValue": get_value,
        "SetValue": set_value,
        "GetLength": lambda dimension=0: len(items),
        "GetEnumerator": lambda: iter(list(items)),
        "GetUpperBound": lambda dimension=0: len(items) - 1,
        "GetLowerBound": lambda dimension=0: 0,
    }


def _as_items(value: Any) -> list[Any]:
    if value is None:
        return []
    if is_collection(value):
        return list(value)
    return [value]


def intrinsic_methods(value: Any, host: DotNetHost | None) -> Mapping[str, Callable[..., Any]]:
    """`.Where({...}[, mode[, count]])` and `.ForEach({...} | 'Property' | [type])`: they need the evaluator to
    run the script block, reached through `host.invoke`."""

    def where(block: Any, mode: Any = "Default", count: Any = 0) -> list[Any]:
        from exchange_sim.powershell.values.conversions import to_bool

        if host is None:
            raise errors.NotSupportedException("Where() needs a running session.")
        chosen = str(mode).lower()
        limit = int(count or 0)
        items = _as_items(value)
        kept: list[Any] = []
        matched = [to_bool(_single(host.invoke(block, item, [item]))) for item in items] if chosen != "split" \
            else []
        if chosen in ("default", "first", "last"):
            kept = [item for item, ok in zip(items, matched) if ok]
            if chosen == "first":
                kept = kept[: limit or 1]
            elif chosen == "last":
                kept = kept[-(limit or 1):]
            elif limit:
                kept = kept[:limit]
            return kept
        if chosen == "skipuntil":
            for index, ok in enumerate(matched):
                if ok:
                    return items[index:]
            return []
        if chosen == "until":
            for index, ok in enumerate(matched):
                if ok:
                    return items[:index]
            return items
        if chosen == "split":
            yes: list[Any] = []
            no: list[Any] = []
            for item in items:
                (yes if to_bool(_single(host.invoke(block, item, [item]))) else no).append(item)
            return [yes, no]
        raise errors.ArgumentException(f"Cannot convert value \"{mode}\" to type "
                                       "\"System.Management.Automation.WhereOperatorSelectionMode\".")

    def for_each(action: Any, *args: Any) -> list[Any]:
        from exchange_sim.powershell.values.conversions import convert_to
        from exchange_sim.powershell.values.objects import call_method, get_property
        from exchange_sim.powershell.values.types import PSType

        results: list[Any] = []
        for item in _as_items(value):
            if isinstance(action, str):
                if args:
                    outcome = call_method(item, action, list(args), host)
                    results.extend(_as_items(outcome) if is_collection(outcome) else [outcome])
                else:
                    results.append(get_property(item, action))
            elif isinstance(action, PSType):
                results.append(convert_to(item, action))
            else:
                if host is None:
                    raise errors.NotSupportedException("ForEach() needs a running session.")
                results.extend(host.invoke(action, item, list(args)))
        return results

    return {"Where": where, "ForEach": for_each}


def _single(results: list[Any]) -> Any:
    return results[0] if len(results) == 1 else results
