"""ConvertTo-Json / ConvertFrom-Json, ConvertTo-Csv / ConvertFrom-Csv and ConvertTo-Html."""

from __future__ import annotations

import json
from typing import Any, Sequence

from exchange_sim.powershell.builtins import records
from exchange_sim.powershell.builtins.csv_layout import CsvTable, header_line, parse_csv, record_line, type_line
from exchange_sim.powershell.builtins.declaring import UTILITY, implementing, param, switch
from exchange_sim.powershell.builtins.html_layout import HtmlRequest, html_lines
from exchange_sim.powershell.builtins.json_layout import ObjectReader, to_json
from exchange_sim.powershell.builtins.properties import (
    as_list,
    SELECT_KEYS,
    PropertySpecError,
    evaluate,
    expand_names,
    parse_specs,
    read_property,
)
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration
from exchange_sim.powershell.values.conversions import to_string
from exchange_sim.powershell.values.objects import Hashtable, PSObject, is_collection, property_names, type_names

_SCALARS = (str, int, float, bool)


def _members(value: Any) -> Sequence[tuple[str, Any]] | None:
    if isinstance(value, Hashtable) or isinstance(value, dict):
        return [(str(k), v) for k, v in value.items()]
    names = property_names(value)
    if not names and not isinstance(value, PSObject):
        return None
    return [(name, read_property(value, name)) for name in names]


READER = ObjectReader(
    members=_members,
    items=lambda v: list(v) if is_collection(v) else None,
    text=to_string,
)


def _cell(value: Any) -> str | None:
    return None if value is None else to_string(value)


class ConvertToJson(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        self.items: list[Any] = []

    def process(self, ctx: CmdletContext) -> None:
        if "InputObject" in ctx.bound:
            self.items.append(ctx.bound["InputObject"])

    def end(self, ctx: CmdletContext) -> None:
        if not self.items:
            return
        value: Any = self.items[0] if len(self.items) == 1 else self.items
        depth = int(ctx.bound.get("Depth", 2))
        ctx.write_object(to_json(value, READER, depth=depth, compress=bool(ctx.bound.get("Compress"))))


def objects_from_json(value: Any) -> Any:
    """Parsed JSON as ConvertFrom-Json gives it: objects become PSCustomObjects, arrays lists."""
    if isinstance(value, dict):
        result = PSObject()
        for key, item in value.items():
            result.add_property(str(key), objects_from_json(item))
        return result
    if isinstance(value, list):
        return [objects_from_json(v) for v in value]
    return value


class ConvertFromJson(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        self.parts: list[str] = []

    def process(self, ctx: CmdletContext) -> None:
        self.parts.append(to_string(ctx.bound.get("InputObject")))

    def end(self, ctx: CmdletContext) -> None:
        text = "\n".join(self.parts)
        try:
            parsed = json.loads(text, parse_int=int, parse_float=float)
        except json.JSONDecodeError as error:
            records.throw(ctx, f"Invalid JSON primitive: {text[error.pos:error.pos + 20].split()[0] if text[error.pos:].strip() else ''}.",
                          "System.ArgumentException", "NotSpecified", text, "System.ArgumentException")
            return
        # 5.1 writes a JSON array as one object (it is not unrolled into the pipeline)
        ctx.write_object(objects_from_json(parsed))


class TableGathering(Cmdlet):
    """Collects objects and the column names of the first one (as the CSV and HTML writers do)."""

    def begin(self, ctx: CmdletContext) -> None:
        self.items: list[Any] = []
        try:
            self.specs = parse_specs(as_list(ctx.bound.get("Property")), SELECT_KEYS)
        except PropertySpecError as error:
            records.throw(ctx, str(error), error.error_id, "InvalidArgument", net_type="System.NotSupportedException")

    def process(self, ctx: CmdletContext) -> None:
        if "InputObject" in ctx.bound and ctx.bound["InputObject"] is not None:
            self.items.append(ctx.bound["InputObject"])

    def table(self, ctx: CmdletContext) -> tuple[list[str], list[list[str | None]]]:
        if not self.items:
            return [], []
        specs = expand_names(self.specs, self.items[0]) if self.specs else None
        if specs is None:
            names = property_names(self.items[0]) if not isinstance(self.items[0], _SCALARS) else []
            if isinstance(self.items[0], str):
                names = ["Length"]
            rows = [[_cell(read_property(item, n)) for n in names] for item in self.items]
            return names, rows
        names = [s.name for s in specs]
        rows = [[_cell(evaluate(ctx, s, item)) for s in specs] for item in self.items]
        return names, rows


def csv_lines(ctx: CmdletContext, items: list[Any], names: list[str], rows: list[list[str | None]]) -> list[str]:
    delimiter = str(ctx.bound.get("Delimiter") or ",")
    if ctx.bound.get("UseCulture"):
        delimiter = ","
    lines: list[str] = []
    if items and not ctx.bound.get("NoTypeInformation"):
        first = (type_names(items[0]) or ["System.Object"])[0]
        lines.append(type_line(first))
    if items:
        lines.append(header_line(names, delimiter))
    lines += [record_line(row, delimiter) for row in rows]
    return lines


class ConvertToCsv(TableGathering):
    def end(self, ctx: CmdletContext) -> None:
        names, rows = self.table(ctx)
        for line in csv_lines(ctx, self.items, names, rows):
            ctx.write_object(line)


def objects_from_csv(table: CsvTable) -> list[PSObject]:
    type_name = f"CSV:{table.type_name}" if table.type_name else None
    created = []
    for row in table.records:
        item = PSObject()
        for name, value in zip(table.header, row):
            item.add_property(name, value)
        if type_name:
            item.type_names.insert(0, type_name)
        created.append(item)
    return created


class ConvertFromCsv(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        self.lines: list[str] = []

    def process(self, ctx: CmdletContext) -> None:
        value = ctx.bound.get("InputObject")
        self.lines += [to_string(v) for v in value] if isinstance(value, (list, tuple)) else [to_string(value)]

    def end(self, ctx: CmdletContext) -> None:
        header = [str(h) for h in as_list(ctx.bound.get("Header"))] or None
        table = parse_csv("\n".join(self.lines), str(ctx.bound.get("Delimiter") or ","), header)
        for item in objects_from_csv(table):
            ctx.write_object(item)


class ConvertToHtml(TableGathering):
    def end(self, ctx: CmdletContext) -> None:
        names, rows = self.table(ctx)
        request = HtmlRequest(
            names=tuple(names),
            rows=tuple(tuple("" if c is None else c for c in row) for row in rows),
            title=str(ctx.bound.get("Title") or "HTML TABLE"),
            head=_lines(ctx.bound.get("Head")),
            body=_lines(ctx.bound.get("Body")),
            pre_content=_lines(ctx.bound.get("PreContent")),
            post_content=_lines(ctx.bound.get("PostContent")),
            fragment=bool(ctx.bound.get("Fragment")),
            as_list=str(ctx.bound.get("As") or "Table").lower() == "list",
            css_uri=None if ctx.bound.get("CssUri") is None else to_string(ctx.bound.get("CssUri")),
        )
        for line in html_lines(request):
            ctx.write_object(line)


def _lines(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(to_string(v) for v in value) if isinstance(value, (list, tuple)) else (to_string(value),)



_CSV_SETS = ("Delimiter", "UseCulture")

DECLARATIONS = (
    CommandDeclaration(
        name="ConvertTo-Json",
        parameters=(param("InputObject", "object", position=0, mandatory=True, pipeline=True, allow_null=True),
                    param("Depth", "int"), switch("Compress")),
        implementation=ConvertToJson,
        synopsis="Converts an object to a JSON-formatted string.",
        module=UTILITY,
        implementing_type=implementing("ConvertTo-Json"),
    ),
    CommandDeclaration(
        name="ConvertFrom-Json",
        parameters=(param("InputObject", "string", position=0, mandatory=True, pipeline=True,
                          allow_empty_string=True),),
        implementation=ConvertFromJson,
        synopsis="Converts a JSON-formatted string to a custom object.",
        module=UTILITY,
        implementing_type=implementing("ConvertFrom-Json"),
    ),
    CommandDeclaration(
        name="ConvertTo-Csv",
        parameters=(
            param("InputObject", "psobject", position=0, mandatory=True, pipeline=True, sets=_CSV_SETS),
            param("Delimiter", "char", position=1, sets=("Delimiter",)),
            switch("UseCulture", mandatory=True, sets=("UseCulture",)),
            switch("NoTypeInformation", sets=_CSV_SETS, aliases=("NTI",)),
        ),
        implementation=ConvertToCsv,
        default_parameter_set="Delimiter",
        synopsis="Converts objects into a series of comma-separated value (CSV) variable-length strings.",
        module=UTILITY,
        implementing_type=implementing("ConvertTo-Csv"),
    ),
    CommandDeclaration(
        name="ConvertFrom-Csv",
        parameters=(
            param("InputObject", "psobject[]", position=0, mandatory=True, pipeline=True, sets=_CSV_SETS),
            param("Delimiter", "char", position=1, sets=("Delimiter",)),
            switch("UseCulture", mandatory=True, sets=("UseCulture",)),
            param("Header", "string[]", sets=_CSV_SETS),
        ),
        implementation=ConvertFromCsv,
        default_parameter_set="Delimiter",
        synopsis="Converts object properties in comma-separated value (CSV) format into CSV versions of the original objects.",
        module=UTILITY,
        implementing_type=implementing("ConvertFrom-Csv"),
    ),
    CommandDeclaration(
        name="ConvertTo-Html",
        parameters=(
            param("InputObject", "psobject", pipeline=True),
            param("Property", "object[]", position=0),
            param("Body", "string[]", position=3, sets=("Page",)),
            param("Head", "string[]", position=1, sets=("Page",)),
            param("Title", "string", position=2, sets=("Page",)),
            param("As", "string", validate_set=("Table", "List")),
            param("CssUri", "uri", sets=("Page",), aliases=("cu", "uri")),
            switch("Fragment", mandatory=True, sets=("Fragment",)),
            param("PostContent", "string[]"),
            param("PreContent", "string[]"),
        ),
        implementation=ConvertToHtml,
        default_parameter_set="Page",
        synopsis="Converts Microsoft .NET Framework objects into HTML that can be displayed in a Web browser.",
        module=UTILITY,
        implementing_type=implementing("ConvertTo-Html"),
    ),
)
