"""Format-Table, Format-List, Out-String, Out-Null, Out-Default and Out-Host.

The values layer renders (tables, lists, the default view); these cmdlets gather their input, pass the
property selection through, and write the text: Format-* and Out-String -Stream write one string per
line, so whatever prints them later (Out-Default, Out-File) prints exactly the rendered lines.
"""

from __future__ import annotations

import datetime
import decimal
from dataclasses import replace
from typing import Any

from exchange_sim.powershell.builtins import records, runtime
from exchange_sim.powershell.builtins.declaring import CORE, UTILITY, implementing, param, switch
from exchange_sim.powershell.builtins.properties import (
    as_list,
    FORMAT_LIST_KEYS,
    FORMAT_TABLE_KEYS,
    PropertySpec,
    PropertySpecError,
    evaluate,
    expand_names,
    parse_specs,
)
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration
from exchange_sim.powershell.values import formatting as ps_format
from exchange_sim.powershell.values.conversions import to_string
from exchange_sim.powershell.values.dotnet.collections_members import DictionaryEntry
from exchange_sim.powershell.values.formatting import ListView, TableView, format_list
from exchange_sim.powershell.values.formatting import PropertySpec as ViewSpec
from exchange_sim.powershell.values.formatting.table import columns_of_specs, columns_of_view, format_table
from exchange_sim.powershell.values.objects import Hashtable, property_names, type_names

DEFAULT_WIDTH = 120



def console_width(ctx: CmdletContext) -> int:
    """The host's line width (120 unless the engine says otherwise), as Out-Default and Out-File use it."""
    width = getattr(ctx, "console_width", None)
    return int(width) if isinstance(width, int) else DEFAULT_WIDTH


def _spec(ctx: CmdletContext, spec: PropertySpec) -> ViewSpec:
    """One of our property specs as the values layer's column/entry spec."""
    if spec.expression is None and not spec.options:
        return ViewSpec(spec.name, spec.name)
    width = spec.option("width")
    alignment = spec.option("alignment")
    format_string = spec.option("formatstring")
    return ViewSpec(
        spec.name,
        (lambda target, s=spec: evaluate(ctx, s, target)),
        None if width is None else int(width),
        None if alignment is None else str(alignment).lower(),
        None if format_string is None else str(format_string),
    )


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float, decimal.Decimal, bool, datetime.datetime)) or not property_names(value)


def _expand_entries(items: list[Any]) -> list[Any]:
    # a hashtable is shown as its entries (the Name/Value table of §9.4)
    expanded: list[Any] = []
    for item in items:
        if isinstance(item, Hashtable):
            expanded += [DictionaryEntry(item.original_key(k), v) for k, v in item.items()]
        else:
            expanded.append(item)
    return expanded


class _Gathering(Cmdlet):
    """Collects its pipeline input (and -InputObject) for rendering in `end`."""

    keys: tuple[str, ...] = FORMAT_TABLE_KEYS

    def begin(self, ctx: CmdletContext) -> None:
        self.items: list[Any] = []
        try:
            self.specs = parse_specs(as_list(ctx.bound.get("Property")), self.keys)
        except PropertySpecError as error:
            records.throw(ctx, str(error), error.error_id, "InvalidArgument", net_type="System.NotSupportedException")

    def process(self, ctx: CmdletContext) -> None:
        if "InputObject" in ctx.bound and ctx.bound["InputObject"] is not None:
            self.items.append(ctx.bound["InputObject"])

    @staticmethod
    def _write_lines(ctx: CmdletContext, text: str) -> None:
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for line in lines:
            ctx.write_object(line)


class FormatTable(_Gathering):
    keys = FORMAT_TABLE_KEYS

    def end(self, ctx: CmdletContext) -> None:
        items = _expand_entries(self.items)
        if not items:
            return
        if not self.specs and _is_scalar(items[0]):
            for item in items:
                ctx.write_object(to_string(item))
            return
        columns = self._columns(ctx, items[0])
        if ctx.bound.get("AutoSize"):
            columns = [replace(c, width=None) for c in columns]
        text = format_table(items, columns, console_width(ctx), wrap=bool(ctx.bound.get("Wrap")),
                            hide_headers=bool(ctx.bound.get("HideTableHeaders")))
        self._write_lines(ctx, text)

    def _columns(self, ctx: CmdletContext, first: Any) -> list[Any]:
        if self.specs:
            return columns_of_specs([_spec(ctx, s) for s in expand_names(self.specs, first)])
        views = runtime.views(ctx)
        view = views.find(type_names(first), TableView) if views is not None else None
        if view is not None:
            return columns_of_view(view)
        return columns_of_specs([ViewSpec(n, n) for n in property_names(first)])


class FormatList(_Gathering):
    keys = FORMAT_LIST_KEYS

    def end(self, ctx: CmdletContext) -> None:
        items = _expand_entries(self.items)
        if not items:
            return
        views = runtime.views(ctx)

        def entries_of(target: Any) -> list[tuple[str, Any]]:
            if self.specs:
                return [(s.label, s.getter) for s in (_spec(ctx, p) for p in expand_names(self.specs, target))]
            view = views.find(type_names(target), ListView) if views is not None else None
            if view is not None:
                return [(e, e) if isinstance(e, str) else (e[0], e[1]) for e in view.properties]
            return [(n, n) for n in property_names(target)]

        self._write_lines(ctx, format_list(items, entries_of, console_width(ctx)))


class OutString(_Gathering):
    def begin(self, ctx: CmdletContext) -> None:
        self.items = []
        self.specs = []

    def process(self, ctx: CmdletContext) -> None:
        if "InputObject" in ctx.bound:
            self.items.append(ctx.bound["InputObject"])

    def end(self, ctx: CmdletContext) -> None:
        width = int(ctx.bound.get("Width") or console_width(ctx))
        text = ps_format.format_default(self.items, runtime.views(ctx), width=width)
        if ctx.bound.get("Stream"):
            lines = text.split("\n")
            if lines and lines[-1] == "":
                lines.pop()
            for line in lines:
                ctx.write_object(line)
        else:
            ctx.write_object(text)


class OutNull(Cmdlet):
    """Discards its input."""


class OutDefault(OutString):
    def end(self, ctx: CmdletContext) -> None:
        if not self.items:
            return
        text = ps_format.format_default(self.items, runtime.views(ctx), width=console_width(ctx))
        ctx.write_host(text.rstrip("\n") if text.endswith("\n") else text)


class OutHost(OutDefault):
    """Out-Host: the same rendering straight to the host."""


DECLARATIONS = (
    CommandDeclaration(
        name="Format-Table",
        parameters=(
            switch("AutoSize"),
            switch("HideTableHeaders"),
            switch("Wrap"),
            param("Property", "object[]", position=0),
            param("GroupBy", "object"),
            param("View", "string"),
            switch("ShowError"),
            switch("DisplayError"),
            switch("Force"),
            param("Expand", "string", validate_set=("CoreOnly", "EnumOnly", "Both")),
            param("InputObject", "psobject", pipeline=True),
        ),
        implementation=FormatTable,
        synopsis="Formats the output as a table.",
        aliases=("ft",),
        module=UTILITY,
        implementing_type=implementing("Format-Table"),
    ),
    CommandDeclaration(
        name="Format-List",
        parameters=(
            param("Property", "object[]", position=0),
            param("GroupBy", "object"),
            param("View", "string"),
            switch("ShowError"),
            switch("DisplayError"),
            switch("Force"),
            param("Expand", "string", validate_set=("CoreOnly", "EnumOnly", "Both")),
            param("InputObject", "psobject", pipeline=True),
        ),
        implementation=FormatList,
        synopsis="Formats the output as a list of properties in which each property appears on a new line.",
        aliases=("fl",),
        module=UTILITY,
        implementing_type=implementing("Format-List"),
    ),
    CommandDeclaration(
        name="Out-String",
        parameters=(switch("Stream"), param("Width", "int"), param("InputObject", "psobject", pipeline=True)),
        implementation=OutString,
        synopsis="Sends objects to the host as a series of strings.",
        module=UTILITY,
        implementing_type=implementing("Out-String"),
    ),
    CommandDeclaration(
        name="Out-Null",
        parameters=(param("InputObject", "psobject", pipeline=True),),
        implementation=OutNull,
        synopsis="Deletes output instead of sending it down the pipeline.",
        module=CORE,
        implementing_type=implementing("Out-Null"),
    ),
    CommandDeclaration(
        name="Out-Default",
        parameters=(switch("Transcript"), param("InputObject", "psobject", pipeline=True)),
        implementation=OutDefault,
        synopsis="Sends the output to the default formatter and to the default output cmdlet.",
        module=CORE,
        implementing_type=implementing("Out-Default"),
    ),
    CommandDeclaration(
        name="Out-Host",
        parameters=(switch("Paging"), param("InputObject", "psobject", pipeline=True)),
        implementation=OutHost,
        synopsis="Sends output to the command line.",
        aliases=("oh",),
        module=CORE,
        implementing_type=implementing("Out-Host"),
    ),
)
