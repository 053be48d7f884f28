"""Sort-Object and Group-Object, with PowerShell's ordering of mixed values: `$null` first, numbers by
value, dates and time spans by time, strings by culture (case-insensitive unless -CaseSensitive),
and anything without a natural order by its string form."""

from __future__ import annotations

import datetime
import decimal
import enum
import functools
from typing import Any, Callable, ClassVar, Mapping

from exchange_sim.powershell.builtins import records
from exchange_sim.powershell.builtins.declaring import UTILITY, implementing, param, switch
from exchange_sim.powershell.builtins.properties import (
    as_list,
    SELECT_KEYS,
    SORT_KEYS,
    PropertySpec,
    PropertySpecError,
    evaluate,
    parse_specs,
)
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration
from exchange_sim.powershell.values.conversions import to_string
from exchange_sim.powershell.values.errors import RuntimeException
from exchange_sim.powershell.values.objects import Hashtable
from exchange_sim.powershell.values.operators import order

_ORDERED = (str, bool, int, float, decimal.Decimal, enum.Enum, datetime.datetime, datetime.timedelta)


def compare_values(a: Any, b: Any, case_sensitive: bool = False) -> int:
    """Sort-Object's comparer: the values layer's ordering (right side converted to the left's type),
    and the string forms when the two do not compare."""
    if a is None or b is None:
        return 0 if a is b else (-1 if a is None else 1)
    if isinstance(a, _ORDERED):
        try:
            return order(a, b, case_sensitive)
        except RuntimeException:
            pass
    return order(to_string(a), to_string(b), case_sensitive)


def _key_compare(case_sensitive: bool, descending: list[bool]) -> Callable[[Any, Any], int]:
    def compare(x: tuple[list[Any], Any], y: tuple[list[Any], Any]) -> int:
        for index, (a, b) in enumerate(zip(x[0], y[0])):
            result = compare_values(a, b, case_sensitive)
            if result:
                return -result if descending[index] else result
        return 0

    return compare


def sort_items(items: list[Any], keys: list[list[Any]], descending: list[bool], case_sensitive: bool = False,
               unique: bool = False) -> list[Any]:
    """Sort-Object: a stable sort on the key lists; -Unique keeps the first of each run of equal keys."""
    keyed = sorted(zip(keys, items), key=functools.cmp_to_key(_key_compare(case_sensitive, descending)))
    if unique:
        same = _key_compare(case_sensitive, [False] * len(descending))
        kept: list[tuple[list[Any], Any]] = []
        for entry in keyed:
            if not kept or same(kept[-1], entry) != 0:
                kept.append(entry)
        keyed = kept
    return [item for _, item in keyed]


class SortObject(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        self.items: list[Any] = []
        try:
            self.specs = parse_specs(as_list(ctx.bound.get("Property")), SORT_KEYS)
        except PropertySpecError as error:
            records.throw(ctx, str(error), error.error_id, "InvalidArgument", net_type="System.NotSupportedException")

    def process(self, ctx: CmdletContext) -> None:
        if "InputObject" in ctx.bound:
            self.items.append(ctx.bound["InputObject"])

    def end(self, ctx: CmdletContext) -> None:
        default_descending = bool(ctx.bound.get("Descending"))
        specs = self.specs or [PropertySpec("", None)]
        descending = [self._descending(spec, default_descending) for spec in specs]
        keys = [[self._key(ctx, spec, item) for spec in specs] for item in self.items]
        for item in sort_items(self.items, keys, descending, bool(ctx.bound.get("CaseSensitive")),
                               bool(ctx.bound.get("Unique"))):
            ctx.write_object(item)

    @staticmethod
    def _descending(spec: PropertySpec, default: bool) -> bool:
        if spec.option("descending") is not None:
            return bool(spec.option("descending"))
        if spec.option("ascending") is not None:
            return not bool(spec.option("ascending"))
        return default

    @staticmethod
    def _key(ctx: CmdletContext, spec: PropertySpec, item: Any) -> Any:
        if not spec.name and spec.expression is None:
            return item
        return evaluate(ctx, spec, item)


class GroupInfo:
    """Microsoft.PowerShell.Commands.GroupInfo: one group of Group-Object's output."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("Microsoft.PowerShell.Commands.GroupInfo", "System.Object")

    def __init__(self, name: str, values: list[Any]) -> None:
        self.name = name
        self.values = values
        self.group: list[Any] = []
        self.no_element = False

    def ps_properties(self) -> Mapping[str, Any]:
        if self.no_element:  # GroupInfoNoElement: the members are not kept
            return {"Values": list(self.values), "Count": len(self.group), "Name": self.name}
        return {"Values": list(self.values), "Count": len(self.group), "Group": list(self.group), "Name": self.name}

    def __str__(self) -> str:
        return "Microsoft.PowerShell.Commands.GroupInfo"


def group_items(items: list[Any], keys: list[list[Any]], case_sensitive: bool = False) -> list[GroupInfo]:
    """Group-Object's groups, in order of first appearance (5.1 does not sort them); the name is the key
    values' text joined by ", "."""
    groups: dict[tuple[str, ...], GroupInfo] = {}
    for item, values in zip(items, keys):
        texts = tuple(to_string(v) if v is not None else "" for v in values)
        key = texts if case_sensitive else tuple(t.lower() for t in texts)
        group = groups.get(key)
        if group is None:
            group = groups[key] = GroupInfo(", ".join(texts), values)
        group.group.append(item)
    return list(groups.values())


class GroupObject(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        self.items: list[Any] = []
        self.keys: list[list[Any]] = []
        try:
            self.specs = parse_specs(as_list(ctx.bound.get("Property")), SELECT_KEYS[2:])
        except PropertySpecError as error:
            records.throw(ctx, str(error), error.error_id, "InvalidArgument", net_type="System.NotSupportedException")

    def process(self, ctx: CmdletContext) -> None:
        if "InputObject" not in ctx.bound:
            return
        item = ctx.bound["InputObject"]
        self.items.append(item)
        self.keys.append([evaluate(ctx, spec, item) for spec in self.specs] if self.specs else [item])

    def end(self, ctx: CmdletContext) -> None:
        groups = group_items(self.items, self.keys, bool(ctx.bound.get("CaseSensitive")))
        if ctx.bound.get("AsHashTable"):
            table = Hashtable()
            for group in groups:
                key = group.name if ctx.bound.get("AsString") or len(group.values) != 1 else group.values[0]
                table[key] = group.group
            ctx.write_object(table)
            return
        for group in groups:
            group.no_element = bool(ctx.bound.get("NoElement"))
            ctx.write_object(group)


def _compare_lists(a: list[Any], b: list[Any], case_sensitive: bool) -> int:
    for x, y in zip(a, b):
        result = compare_values(x, y, case_sensitive)
        if result:
            return result
    return 0



DECLARATIONS = (
    CommandDeclaration(
        name="Sort-Object",
        parameters=(
            param("Property", "object[]", position=0),
            switch("Descending"),
            switch("Unique"),
            param("InputObject", "psobject", pipeline=True),
            param("Culture", "string"),
            switch("CaseSensitive"),
        ),
        implementation=SortObject,
        synopsis="Sorts objects by property values.",
        aliases=("sort",),
        module=UTILITY,
        implementing_type=implementing("Sort-Object"),
    ),
    CommandDeclaration(
        name="Group-Object",
        parameters=(
            switch("NoElement"),
            switch("AsHashTable", aliases=("AHT",)),
            switch("AsString"),
            param("InputObject", "psobject", pipeline=True),
            param("Property", "object[]", position=0),
            param("Culture", "string"),
            switch("CaseSensitive"),
        ),
        implementation=GroupObject,
        synopsis="Groups objects that contain the same value for specified properties.",
        aliases=("group",),
        module=UTILITY,
        implementing_type=implementing("Group-Object"),
    ),
)
