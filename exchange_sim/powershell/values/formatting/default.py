"""Choosing a shape: Out-Default's rules (§9.1) and the Format-Table / Format-List entry points."""

from __future__ import annotations

import datetime
import decimal
import enum
import uuid
from typing import Any, Callable, Iterable, Sequence

from exchange_sim.powershell.values.formatting import listing
from exchange_sim.powershell.values.formatting.table import (
    Column,
    TableLayout,
    columns_of_specs,
    columns_of_view,
    layout,
    render_rows,
)
from exchange_sim.powershell.values.formatting.views import (ListView, TableGrouping, TableView, ViewTable,
                                                            property_specs)
from exchange_sim.powershell.values.objects import (
    Char,
    Hashtable,
    enumerate_for_pipeline,
    property_names,
    type_names,
)

Invoke = Callable[[Any, Any], Any]

_TIMESPAN_LIST = ("Days", "Hours", "Minutes", "Seconds", "Milliseconds", "Ticks", "TotalDays", "TotalHours",
                  "TotalMinutes", "TotalSeconds", "TotalMilliseconds")


def _is_scalar(value: Any) -> bool:
    from exchange_sim.powershell.values.dotnet.security import SecureString

    if isinstance(value, (str, bool, int, float, decimal.Decimal, Char, enum.Enum, SecureString)):
        return True
    if isinstance(value, (datetime.datetime, datetime.timedelta, uuid.UUID, Hashtable)):
        return False
    if isinstance(value, BaseException):
        return False
    return not property_names(value)


def _scalar_line(value: Any) -> str:
    from exchange_sim.powershell.values.conversions import to_string

    if isinstance(value, (str, bool, int, float, decimal.Decimal, enum.Enum)):
        return to_string(value)
    return str(value)


def display_properties(obj: Any) -> list[str]:
    """The default display property set if the type declares one (`ps_default_display`), else all."""
    declared = getattr(obj, "ps_default_display", None)
    if declared:
        return list(declared)
    if isinstance(obj, uuid.UUID):
        return ["Guid"]
    return property_names(obj)


def _read_guid(obj: Any) -> Any:
    return str(obj)


def _default_columns(obj: Any) -> list[Column]:
    if isinstance(obj, uuid.UUID):
        return [Column("Guid", _read_guid, None, None)]
    return [Column(name, name, None, None) for name in display_properties(obj)]


def _view_columns(view: TableView, width: int) -> list[Column]:
    # Columns a view leaves without a width share what the fixed ones leave of the line (hashtables: Name 30,
    # Value the rest — §9.4).
    columns = columns_of_view(view)
    free = [i for i, c in enumerate(columns) if c.width is None]
    if not free:
        return columns
    line = width - 1
    fixed = sum(c.width or 0 for c in columns) + len(columns) - 1
    spare = max(line - fixed, len(free))
    share, extra = divmod(spare, len(free))
    out = []
    for index, column in enumerate(columns):
        if column.width is None:
            given = share + (extra if index == free[-1] else 0)
            out.append(Column(column.label, column.getter, max(given, 1), column.alignment, column.format_string))
        else:
            out.append(column)
    return out


_HASHTABLE_VIEW = TableView("System.Collections.DictionaryEntry", ())


def _entries(obj: Hashtable) -> list[Any]:
    from exchange_sim.powershell.values.dotnet.collections_members import DictionaryEntry

    return [DictionaryEntry(k, v) for k, v in obj.items()]


def _hashtable_columns(width: int) -> list[Column]:
    from exchange_sim.powershell.values.formatting.views import TableColumn

    view = TableView("System.Collections.DictionaryEntry",
                     (TableColumn("Name", "Name", 30), TableColumn("Value", "Value", None)))
    return _view_columns(view, width)


def _list_entries(obj: Any, views: ViewTable | None) -> list[tuple[str, Any]]:
    if isinstance(obj, datetime.timedelta):
        return [(name, name) for name in _TIMESPAN_LIST]
    view = views.find(type_names(obj), ListView) if views is not None else None
    if isinstance(view, ListView):
        return [(p, p) if isinstance(p, str) else (p[0], p[1]) for p in view.properties]
    return [(name, name) for name in display_properties(obj)]


def _is_property_based(obj: Any, views: ViewTable | None) -> bool:
    if isinstance(obj, (datetime.timedelta, BaseException)):
        return False
    return views is None or views.find(type_names(obj)) is None


def _flatten(objects: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for obj in objects:
        items = enumerate_for_pipeline(obj)
        if items is None:
            out.append(obj)
        else:
            out.extend(items)
    return out


class _Group:
    """The open table of an Out-Default run: the first non-scalar object fixed its columns."""

    def __init__(self, key: str, columns: list[Column], registered: bool, grouping: TableGrouping | None) -> None:
        self.key = key
        self.columns = columns
        self.registered = registered
        self.grouping = grouping
        self.current: str | None = None  # the value of the group being printed
        self.members: list[Any] = []
        self.table: TableLayout | None = None


def _table_key(obj: Any, views: ViewTable | None, width: int) -> tuple[str, list[Column], bool] | None:
    """(group key, columns, registered?) when the object prints as a table row, else None (list)."""
    if isinstance(obj, datetime.timedelta):
        return None
    from exchange_sim.powershell.values.dotnet.collections_members import DictionaryEntry

    if isinstance(obj, DictionaryEntry):
        return ("System.Collections.DictionaryEntry", _hashtable_columns(width), True)
    names = type_names(obj)
    view = views.find(names) if views is not None else None
    if isinstance(view, TableView):
        return (view.type_name.lower(), _view_columns(view, width), True)
    if isinstance(view, ListView):
        return None
    columns = _default_columns(obj)
    if len(columns) <= 4:
        return ("", columns, False)
    return None


def format_default(objects: Iterable[Any], views: ViewTable | None = None, width: int = 120) -> str:
    """What Out-Default prints for a stream of output objects (one Out-Default run = one whole script's output)."""
    run = OutDefault(views, width)
    return run.feed(objects) + run.close()


class OutDefault:
    """One Out-Default run fed as the script writes (statement by statement), so host text written
    between statements lands between their outputs. The first non-scalar object fixes the table (or
    list) for the rest of the run; the columns are measured over the objects of the batch that
    opened the table, as PowerShell measures them over the first objects it sees."""

    def __init__(self, views: ViewTable | None = None, width: int = 120) -> None:
        self.views = views
        self.width = width
        self.group: _Group | None = None
        self.fixed_by_property_view = False
        # When the first object is drawn as a property-based list, later objects reuse its entries (§9.1 rule 5).
        self.first_list: list[tuple[str, Any]] | None = None
        self.decided = False
        self.table_open = False
        self.list_open = False

    def feed(self, objects: Iterable[Any]) -> str:
        from exchange_sim.powershell.values.errors import ErrorRecord

        items = []
        for obj in _flatten(objects):
            if isinstance(obj, Hashtable):
                items.extend(_entries(obj))
            elif obj is not None:
                items.append(obj)
        # First pass: which objects join the table, so its columns can be measured over all of them.
        plan: list[tuple[str, Any]] = []
        for obj in items:
            if isinstance(obj, ErrorRecord):
                plan.append(("error", obj))
            elif isinstance(obj, datetime.datetime):
                plan.append(("date", obj))
            elif _is_scalar(obj):
                plan.append(("scalar", obj))
            else:
                plan.append(self._place(obj))
        group = self.group
        if group is not None and group.table is None:
            group.table = layout(group.members, group.columns, self.width)
        return "".join(self._render(kind, obj) for kind, obj in plan)

    def _place(self, obj: Any) -> tuple[str, Any]:
        key = _table_key(obj, self.views, self.width)
        if self.first_list is not None:
            return ("fixed_list", obj)
        if self.group is None:
            if key is None:
                if not self.decided and _is_property_based(obj, self.views):
                    self.first_list = _list_entries(obj, self.views)
                    self.decided = True
                    return ("fixed_list", obj)
                self.decided = True
                return ("list", obj)
            view = self.views.find(type_names(obj)) if self.views is not None and key[2] else None
            self.group = _Group(key[0], key[1], key[2], view.grouping if isinstance(view, TableView) else None)
            self.fixed_by_property_view = not key[2]
            self.decided = True
        if self.fixed_by_property_view or (key is not None and key[0] == self.group.key):
            if self.group.table is None:
                self.group.members.append(obj)
            return ("row", obj)
        return ("list", obj)

    def _render(self, kind: str, obj: Any) -> str:
        from exchange_sim.powershell.values.errors import format_error_record
        from exchange_sim.powershell.values.text import date_text_console

        out: list[str] = []
        if kind == "scalar":
            return _scalar_line(obj) + "\n"
        if kind in ("list", "fixed_list"):
            # Consecutive list entries form one list: two empty lines before, one after each, two at the end.
            if self.table_open:
                out.append("\n\n")
                self.table_open = False
            if not self.list_open:
                out.append("\n\n")
                self.list_open = True
            entries = (self.first_list or []) if kind == "fixed_list" else _list_entries(obj, self.views)
            out.append("\n".join(listing.list_entry(obj, entries, self.width)) + "\n\n")
            return "".join(out)
        if self.list_open:
            out.append("\n\n")
            self.list_open = False
        if kind == "row":
            table = self.group.table if self.group is not None else None
            assert table is not None
            grouping = self.group.grouping if self.group is not None else None
            value = None if grouping is None else _group_value(obj, grouping)
            if grouping is not None and (not self.table_open or value != self.group.current):
                self.group.current = value
                out.append(grouping.header.format(value) + "\n".join(table.header()) + "\n")
                self.table_open = True
            elif not self.table_open:
                out.append("\n" + "\n".join(table.header()) + "\n")
                self.table_open = True
            out.append("\n".join(render_rows([obj], table)) + "\n")
            return "".join(out)
        if self.table_open:
            out.append("\n\n")
            self.table_open = False
        if kind == "error":
            out.append(format_error_record(obj, width=self.width))
        elif kind == "date":
            out.append("\n" + date_text_console(obj) + "\n\n\n")
        return "".join(out)

    def prints_at_once(self, obj: Any) -> bool:
        """True for a value printed on a line of its own (no table or list to measure first)."""
        return obj is None or _is_scalar(obj) and not isinstance(obj, Hashtable)

    def close(self) -> str:
        """The blank lines that end an open table or list when the run ends."""
        ending = "\n\n" if self.table_open or self.list_open else ""
        self.table_open = self.list_open = False
        return ending


def _group_value(obj: Any, grouping: TableGrouping) -> str:
    from exchange_sim.powershell.values.conversions import to_string
    from exchange_sim.powershell.values.objects import get_property

    value = grouping.value(obj) if callable(grouping.value) else get_property(obj, grouping.value)
    return "" if value is None else to_string(value)


def _expand_names(specs: Sequence[Any], sample: Any) -> list[Any]:
    from exchange_sim.powershell.values.patterns import has_wildcards, wildcard_match

    names = property_names(sample) if sample is not None else []
    out: list[Any] = []
    for spec in specs:
        if isinstance(spec, str) and has_wildcards(spec):
            out.extend(n for n in names if wildcard_match(spec, n))
        else:
            out.append(spec)
    return out


def format_table(objects: Iterable[Any], properties: Sequence[Any] | None = None, *,
                 views: ViewTable | None = None, width: int = 120, auto_size: bool = False, wrap: bool = False,
                 hide_headers: bool = False, invoke: Invoke | None = None) -> str:
    """`Format-Table [-Property ...] [-AutoSize] [-Wrap] [-HideTableHeaders]` rendered to text."""
    items = [o for o in _flatten(objects) if o is not None]
    expanded: list[Any] = []
    for obj in items:
        expanded.extend(_entries(obj) if isinstance(obj, Hashtable) else [obj])
    if not expanded:
        return ""
    first = expanded[0]
    if properties:
        columns = columns_of_specs(property_specs(_expand_names(list(properties), first), invoke))
    else:
        key = None if isinstance(first, datetime.timedelta) else _table_key(first, views, width)
        if key is not None:
            columns = key[1]
            if auto_size:
                columns = [Column(c.label, c.getter, None, c.alignment, c.format_string) for c in columns]
        else:
            names = _TIMESPAN_LIST if isinstance(first, datetime.timedelta) else display_properties(first)
            columns = [Column(n, n, None, None) for n in names]
    table = layout(expanded, columns, width)
    lines = [] if hide_headers else table.header()
    lines.extend(render_rows(expanded, table, wrap))
    return "\n" + "\n".join(lines) + "\n\n\n"


def format_list(objects: Iterable[Any], properties: Sequence[Any] | Callable[[Any], Any] | None = None,
                width: int = 120, *, views: ViewTable | None = None, invoke: Invoke | None = None) -> str:
    """`Format-List [-Property ...]` (`*` = every property) rendered to text.

    `properties` may also be a function giving each object's `(label, getter)` entries."""
    if callable(properties):
        return listing.format_list([o for o in _flatten(objects) if o is not None], properties, width)
    items = [o for o in _flatten(objects) if o is not None]
    expanded: list[Any] = []
    for obj in items:
        expanded.extend(_entries(obj) if isinstance(obj, Hashtable) else [obj])
    if not expanded:
        return ""

    def entries_of(obj: Any) -> list[tuple[str, Any]]:
        if properties:
            specs = property_specs(_expand_names(list(properties), obj), invoke)
            return [(s.label, s.getter) for s in specs]
        return _list_entries(obj, views)

    return listing.format_list(expanded, entries_of, width)


def scalar_text(value: Any) -> str:
    """A lone scalar's line (no blank lines around it)."""
    return _scalar_line(value)


__all__ = ["format_default", "format_table", "format_list", "display_properties", "scalar_text"]
