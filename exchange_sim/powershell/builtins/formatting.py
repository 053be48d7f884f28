"""Format-Table, Format-List, Out-String, Out-Null, Out-Default and Out-Host.

The values layer renders (tables, lists, the default view); these cmdlets gather their input, pass the
property selection through, and write the text: Format-* and Out-String -Stream write one string per
line, so whatever prints them later (Out-Default, Out-File) prints exactly the rendered lines.
"""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell.builtins import records, runtime
from exchange_sim.powershell.builtins.declaring import CORE, UTILITY, implementing, param, switch
from exchange_sim.powershell.builtins.properties import (
    FORMAT_LIST_KEYS,
    FORMAT_TABLE_KEYS,
    PropertySpec,
    PropertySpecError,
    evaluate,
    parse_specs,
)
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration
from exchange_sim.powershell.values import formatting as ps_format

DEFAULT_WIDTH = 120


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _width(ctx: CmdletContext) -> int:
    width = getattr(ctx, "console_width", None)
    return int(width) if isinstance(width, int) else DEFAULT_WIDTH


def _columns(ctx: CmdletContext, specs: list[PropertySpec]) -> list[Any] | None:
    """Column specifications in the values layer's terms (a name, or a label with a callable)."""
    if not specs:
        return None
    columns: list[Any] = []
    for spec in specs:
        if spec.expression is None and not spec.options:
            columns.append(spec.name)
            continue
        columns.append(ps_format.ColumnSpec(
            label=spec.name,
            value=(lambda target, s=spec: evaluate(ctx, s, target)),
            width=spec.option("width"),
            alignment=spec.option("alignment"),
            format_string=spec.option("formatstring"),
        ))
    return columns


class _Gathering(Cmdlet):
    """Collects its pipeline input (and -InputObject) for rendering in `end`."""

    keys: tuple[str, ...] = FORMAT_TABLE_KEYS

    def begin(self, ctx: CmdletContext) -> None:
        self.items: list[Any] = []
        try:
            self.specs = parse_specs(_as_list(ctx.bound.get("Property")), self.keys)
        except PropertySpecError as error:
            records.throw(ctx, str(error), error.error_id, "InvalidArgument", net_type="System.NotSupportedException")

    def process(self, ctx: CmdletContext) -> None:
        if "InputObject" in ctx.bound and ctx.bound["InputObject"] is not None:
            self.items.append(ctx.bound["InputObject"])

    @staticmethod
    def _write_lines(ctx: CmdletContext, text: str) -> None:
        for line in text.split("\n"):
            ctx.write_object(line)


class FormatTable(_Gathering):
    keys = FORMAT_TABLE_KEYS

    def end(self, ctx: CmdletContext) -> None:
        if not self.items:
            return
        text = ps_format.format_table(
            self.items,
            properties=_columns(ctx, self.specs),
            views=runtime.views(ctx),
            width=_width(ctx),
            autosize=bool(ctx.bound.get("AutoSize")),
            wrap=bool(ctx.bound.get("Wrap")),
            hide_headers=bool(ctx.bound.get("HideTableHeaders")),
        )
        self._write_lines(ctx, text.rstrip("\n") + "\n\n" if text.endswith("\n\n") else text)


class FormatList(_Gathering):
    keys = FORMAT_LIST_KEYS

    def end(self, ctx: CmdletContext) -> None:
        if not self.items:
            return
        text = ps_format.format_list(
            self.items,
            properties=_columns(ctx, self.specs),
            views=runtime.views(ctx),
            width=_width(ctx),
        )
        self._write_lines(ctx, text)


class OutString(_Gathering):
    def begin(self, ctx: CmdletContext) -> None:
        self.items = []
        self.specs = []

    def process(self, ctx: CmdletContext) -> None:
        if "InputObject" in ctx.bound:
            self.items.append(ctx.bound["InputObject"])

    def end(self, ctx: CmdletContext) -> None:
        width = int(ctx.bound.get("Width") or _width(ctx))
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
        text = ps_format.format_default(self.items, runtime.views(ctx), width=_width(ctx))
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
