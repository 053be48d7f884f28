"""`$x[i]`: arrays (negative indexes count from the end, several indexes give several elements), strings
(-> Char), hashtables (keys), scalars (index 0 is the value itself); `$x[i] = v` for arrays and hashtables."""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.objects import Char, Hashtable, PSObject, get_method, is_collection


def _null_array() -> errors.RuntimeException:
    return errors.runtime_error("Cannot index into a null array.", "NullArray", errors.ErrorCategory.InvalidOperation)


def _position(index: Any) -> int | None:
    from exchange_sim.powershell.values.conversions import convert_to

    try:
        return int(convert_to(index, "System.Int32"))
    except (errors.RuntimeException, errors.DotNetException):
        return None


def _one(obj: Any, index: Any) -> tuple[bool, Any]:
    """(found, element) for a single index."""
    if isinstance(obj, Hashtable):
        return (index in obj), obj.get(index)
    if isinstance(obj, str):
        position = _position(index)
        if position is None:
            return False, None
        if position < 0:
            position += len(obj)
        return (True, Char(obj[position])) if 0 <= position < len(obj) else (False, None)
    if is_collection(obj):
        items = obj if isinstance(obj, (list, tuple, bytes, bytearray)) else list(obj)
        position = _position(index)
        if position is None:
            return False, None
        if position < 0:
            position += len(items)
        return (True, items[position]) if 0 <= position < len(items) else (False, None)
    getter = getattr(obj, "__getitem__", None)
    if getter is not None and not isinstance(obj, PSObject):
        try:
            return True, getter(index)
        except (IndexError, KeyError, TypeError, ValueError):
            return False, None
    item = get_method(obj, "get_Item") or get_method(obj, "Item")
    if item is not None and not isinstance(obj, PSObject):
        return True, item(index)
    # Any other value acts as a one-element array.
    position = _position(index)
    return (True, obj) if position in (0, -1) else (False, None)


def get_index(obj: Any, index: Any) -> Any:
    """`obj[index]`; a collection of indexes (`$a[0,2]`, `$a[1..3]`) yields the elements found."""
    if obj is None:
        raise _null_array()
    if is_collection(index) and not isinstance(obj, Hashtable):
        found = [_one(obj, i) for i in index]
        return [value for ok, value in found if ok]
    if is_collection(index) and isinstance(obj, Hashtable):
        return [obj.get(i) for i in index]
    return _one(obj, index)[1]


def set_index(obj: Any, index: Any, value: Any) -> None:
    """`obj[index] = value`."""
    if obj is None:
        raise _null_array()
    if isinstance(obj, Hashtable):
        obj[index] = value
        return
    if isinstance(obj, (list, bytearray)) or (is_collection(obj) and hasattr(obj, "__setitem__")):
        position = _position(index)
        size = len(obj)
        if position is not None and position < 0:
            position += size
        if position is None or not 0 <= position < size:
            raise errors.IndexOutOfRangeException()
        if isinstance(obj, bytearray):
            from exchange_sim.powershell.values.conversions import convert_to

            obj[position] = convert_to(value, "System.Byte")
        else:
            obj[position] = value
        return
    setter = get_method(obj, "set_Item")
    if setter is not None:
        setter(index, value)
        return
    from exchange_sim.powershell.values.objects import type_names

    raise errors.runtime_error(f"Unable to index into an object of type {(type_names(obj) or ['System.Object'])[0]}.",
                               "CannotIndex", errors.ErrorCategory.InvalidOperation)
