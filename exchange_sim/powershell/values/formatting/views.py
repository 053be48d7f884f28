"""Registered views (what a format.ps1xml gives PowerShell) and the property specs of Format-Table/-List."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

from exchange_sim.powershell.values.objects import Hashtable

# A column or list entry reads an object either by property name or through a callable (a calculated
# property: the evaluator passes script blocks in as callables taking the object).
Getter = str | Callable[[Any], Any]


@dataclass(frozen=True)
class TableColumn:
    label: str
    property: Getter
    width: int | None = None
    alignment: str | None = None  # "left" | "right" | None (from the first value)
    format_string: str | None = None


@dataclass(frozen=True)
class TableGrouping:
    """A view's <GroupBy>: rows start a new table, under `header` (its `{}` the group's value), whenever
    the value changes, as `Get-ChildItem -Recurse` prints `    Directory: C:\\x` per folder."""

    value: Getter
    header: str  # the text before the table's column header, e.g. "\n   PSParentPath: {}\n\n"


@dataclass(frozen=True)
class TableView:
    type_name: str
    columns: tuple[TableColumn, ...]
    hide_headers: bool = False
    grouping: TableGrouping | None = None


@dataclass(frozen=True)
class ListView:
    type_name: str
    properties: tuple[str | tuple[str, Getter], ...]


View = TableView | ListView


@dataclass(frozen=True)
class PropertySpec:
    """One entry of `Format-Table a, @{n='X';e={...};width=10;alignment='right'}`."""

    label: str
    getter: Getter
    width: int | None = None
    alignment: str | None = None
    format_string: str | None = None


@dataclass
class ViewTable:
    """Views by type name; layers above register theirs (e.g. the ExchangeCertificate table)."""

    _views: dict[str, list[View]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # `$x.GetType()` as 5.1 shows it (DotNetTypes.format.ps1xml: booleans left-aligned, Name 40 wide).
        self.register(TableView("System.RuntimeType", (
            TableColumn("IsPublic", "IsPublic", 8, "left"), TableColumn("IsSerial", "IsSerial", 8, "left"),
            TableColumn("Name", "Name", 40), TableColumn("BaseType", "BaseType", None))))

    def register(self, view: View) -> None:
        self._views.setdefault(view.type_name.lower(), []).append(view)

    def find(self, type_names: Iterable[str], kind: type | None = None) -> View | None:
        """The first registered view for the object's most-derived type name that has one."""
        for name in type_names:
            for view in self._views.get(name.lower(), []):
                if kind is None or isinstance(view, kind):
                    return view
        return None


def property_specs(specs: Sequence[Any], invoke: Callable[[Any, Any], Any] | None = None) -> list[PropertySpec]:
    """Format-Table/-List `-Property` values: names or calculated-property hashtables."""
    out: list[PropertySpec] = []
    for spec in specs:
        if isinstance(spec, PropertySpec):
            out.append(spec)
        elif isinstance(spec, Hashtable):
            out.append(_calculated(spec, invoke))
        else:
            out.append(PropertySpec(str(spec), str(spec)))
    return out


def _entry(table: Hashtable, *names: str) -> Any:
    for key in table:
        lowered = str(key).lower()
        if any(lowered == n or (len(lowered) >= 1 and n.startswith(lowered)) for n in names):
            return table[key]
    return None


def _calculated(table: Hashtable, invoke: Callable[[Any, Any], Any] | None) -> PropertySpec:
    label = _entry(table, "name", "label")
    expression = _entry(table, "expression")
    width = _entry(table, "width")
    alignment = _entry(table, "alignment")
    format_string = _entry(table, "formatstring")
    getter: Getter
    if isinstance(expression, str):
        getter = expression
    elif callable(expression):
        getter = expression
    elif invoke is not None and expression is not None:
        block = expression
        getter = lambda obj: invoke(block, obj)  # noqa: E731 - a closure over the script block
    else:
        getter = str(label or "")
    if label is None:
        label = expression if isinstance(expression, str) else str(expression)
    return PropertySpec(str(label), getter, int(width) if width is not None else None,
                        str(alignment).lower() if alignment is not None else None,
                        str(format_string) if format_string is not None else None)
