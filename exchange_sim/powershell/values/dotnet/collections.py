"""`System.Collections.Generic.List[T]`, `System.Collections.ArrayList` and `Dictionary[K,V]`."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, Mapping

from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.objects import Hashtable

Converter = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


class GenericList:
    """List[T] (elements converted to T on the way in) or ArrayList (`array_list=True`: Add returns the index,
    which leaks into output unless voided — §5.7)."""

    def __init__(self, items: Iterable[Any] = (), *, element_name: str = "System.Object",
                 convert: Converter = _identity, array_list: bool = False) -> None:
        self._convert = convert
        self.element_name = element_name
        self.array_list = array_list
        self.items: list[Any] = [convert(item) for item in items]

    @property
    def ps_type_names(self) -> tuple[str, ...]:
        if self.array_list:
            return ("System.Collections.ArrayList", "System.Object")
        return (f"System.Collections.Generic.List`1[[{self.element_name}]]", "System.Object")

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> Any:
        return self.items[index]

    def __setitem__(self, index: int, value: Any) -> None:
        self.items[index] = self._convert(value)

    def ps_properties(self) -> Mapping[str, Any]:
        return {"Capacity": max(4, len(self.items)), "Count": len(self.items), "IsReadOnly": False,
                "IsFixedSize": False, "IsSynchronized": False}

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        return {
            "Add": self.add, "AddRange": self.add_range, "Remove": self.remove, "RemoveAt": self.remove_at,
            "Contains": self.contains, "ToArray": lambda: list(self.items), "Insert": self.insert,
            "Clear": self.items.clear, "IndexOf": self.index_of, "Sort": self.sort, "Reverse": self.items.reverse,
            "GetEnumerator": lambda: iter(list(self.items)), "ToString": lambda: self.ps_type_names[0],
            "RemoveRange": self.remove_range, "GetRange": self.get_range,
        }

    def add(self, item: Any) -> int | None:
        self.items.append(self._convert(item))
        return len(self.items) - 1 if self.array_list else None

    def add_range(self, items: Any) -> None:
        if items is None:
            raise errors.ArgumentNullException("Value cannot be null.\r\nParameter name: collection")
        values = list(items) if isinstance(items, (list, tuple, GenericList)) else [items]
        self.items.extend(self._convert(v) for v in values)

    def _equal(self, a: Any, b: Any) -> bool:
        # .NET Equals: strings compare case-sensitively here, unlike PowerShell's -eq.
        if isinstance(a, str) or isinstance(b, str):
            return isinstance(a, str) and isinstance(b, str) and str(a) == str(b)
        return bool(a == b)

    def contains(self, item: Any) -> bool:
        return any(self._equal(existing, item) for existing in self.items)

    def index_of(self, item: Any) -> int:
        for index, existing in enumerate(self.items):
            if self._equal(existing, item):
                return index
        return -1

    def remove(self, item: Any) -> bool | None:
        index = self.index_of(item)
        if index >= 0:
            del self.items[index]
        if self.array_list:
            return None
        return index >= 0

    def remove_at(self, index: int) -> None:
        if not 0 <= int(index) < len(self.items):
            raise errors.ArgumentOutOfRangeException(
                "Index was out of range. Must be non-negative and less than the size of the collection.\r\n"
                "Parameter name: index")
        del self.items[int(index)]

    def remove_range(self, index: int, count: int) -> None:
        del self.items[int(index):int(index) + int(count)]

    def get_range(self, index: int, count: int) -> "GenericList":
        return GenericList(self.items[int(index):int(index) + int(count)], element_name=self.element_name,
                           convert=self._convert, array_list=self.array_list)

    def insert(self, index: int, item: Any) -> None:
        if not 0 <= int(index) <= len(self.items):
            raise errors.ArgumentOutOfRangeException(
                "Index must be within the bounds of the List.\r\nParameter name: index")
        self.items.insert(int(index), self._convert(item))

    def sort(self) -> None:
        from exchange_sim.powershell.values.operators import sort_key

        self.items.sort(key=sort_key)

    def __str__(self) -> str:
        return self.ps_type_names[0]

    def __repr__(self) -> str:
        return f"GenericList({self.items!r})"


class GenericDictionary(Hashtable):
    """Dictionary[K,V]; keys compare case-insensitively like our Hashtable (a simplification)."""

    def __init__(self, items: Any = None, *, type_label: str = "System.Collections.Generic.Dictionary`2") -> None:
        super().__init__(items)
        self.type_label = type_label

    @property
    def ps_type_names(self) -> tuple[str, ...]:
        return (self.type_label, "System.Object")
