"""Get-Content, Set-Content, Add-Content, Out-File, Tee-Object, Export-Csv and Import-Csv over the engine's
provider (the lab file system when the Windows layer is registered)."""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell.builtins import records, runtime
from exchange_sim.powershell.builtins.content_encoding import (
    ENCODING_NAMES,
    UnknownEncoding,
    decode,
    encode_lines,
    encoding_named,
    is_byte_encoding,
    split_lines,
)
from exchange_sim.powershell.builtins.conversion import TableGathering, csv_lines, objects_from_csv
from exchange_sim.powershell.builtins.csv_layout import parse_csv
from exchange_sim.powershell.builtins.declaring import MANAGEMENT, UTILITY, implementing, param, switch
from exchange_sim.powershell.builtins.formatting import console_width
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration
from exchange_sim.powershell.values import formatting as ps_format
from exchange_sim.powershell.values.conversions import to_string


def _paths(ctx: CmdletContext) -> list[str]:
    value = ctx.bound.get("LiteralPath", ctx.bound.get("Path", ctx.bound.get("FilePath")))
    if value is None:
        return []
    return [to_string(v) for v in value] if isinstance(value, (list, tuple)) else [to_string(value)]


def _encoding(ctx: CmdletContext, default: str) -> Any:
    try:
        return encoding_named(None if ctx.bound.get("Encoding") is None else str(ctx.bound["Encoding"]), default)
    except UnknownEncoding:
        records.throw(ctx, f"Cannot bind parameter 'Encoding'. Cannot convert value \"{ctx.bound['Encoding']}\" to "
                      "type \"Microsoft.PowerShell.Commands.FileSystemCmdletProviderEncoding\".",
                      "CannotConvertArgumentNoMessage", "InvalidArgument", None,
                      "System.Management.Automation.ParameterBindingException")
    return None


def _flatten(values: list[Any]) -> list[Any]:
    flat: list[Any] = []
    for value in values:
        if isinstance(value, (list, tuple, bytes, bytearray)):
            flat += list(value)
        else:
            flat.append(value)
    return flat


class GetContent(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        for path in _paths(ctx):
            data = runtime.read_file(ctx, path)
            if data is None:
                continue
            if is_byte_encoding(ctx.bound.get("Encoding")):
                self._write_items(ctx, list(data), raw=bool(ctx.bound.get("Raw")))
                continue
            text = decode(data, None if ctx.bound.get("Encoding") is None else _encoding(ctx, "Default"))
            if ctx.bound.get("Raw"):
                ctx.write_object(text)
                continue
            self._write_items(ctx, split_lines(text), raw=False)

    @staticmethod
    def _write_items(ctx: CmdletContext, items: list[Any], raw: bool) -> None:
        total = ctx.bound.get("TotalCount")
        if total is not None and int(total) >= 0:
            items = items[: int(total)]
        tail = ctx.bound.get("Tail")
        if tail is not None and int(tail) >= 0:
            items = items[len(items) - int(tail):] if int(tail) else []
        read_count = int(ctx.bound.get("ReadCount", 1))
        if raw or read_count <= 0:
            # -ReadCount 0 (and -Raw with bytes) sends the whole content as one array
            ctx.write_object(bytes(items) if items and isinstance(items[0], int) else items)
            return
        if read_count == 1:
            for item in items:
                ctx.write_object(item)
            return
        for start in range(0, len(items), read_count):
            ctx.write_object(items[start:start + read_count])


class _Writing(Cmdlet):
    append = False
    default_encoding = "Default"

    def begin(self, ctx: CmdletContext) -> None:
        self.values: list[Any] = []

    def process(self, ctx: CmdletContext) -> None:
        if "Value" in ctx.bound:
            value = ctx.bound["Value"]
            self.values += list(value) if isinstance(value, (list, tuple)) else [value]

    def end(self, ctx: CmdletContext) -> None:
        for path in _paths(ctx):
            if is_byte_encoding(ctx.bound.get("Encoding")):
                data = bytes(int(v) & 0xFF for v in _flatten(self.values) if v is not None)
            else:
                encoding = _encoding(ctx, self.default_encoding)
                lines = [to_string(v) for v in self.values if v is not None]
                exists = self.append and runtime.file_exists(ctx, path)
                data = encode_lines(lines, encoding, bool(ctx.bound.get("NoNewline")), with_bom=not exists)
            runtime.write_file(ctx, path, data, append=self.append)
            if ctx.bound.get("PassThru"):
                for value in self.values:
                    ctx.write_object(value)


class SetContent(_Writing):
    append = False


class AddContent(_Writing):
    append = True


class OutFile(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        self.items: list[Any] = []

    def process(self, ctx: CmdletContext) -> None:
        if "InputObject" in ctx.bound:
            self.items.append(ctx.bound["InputObject"])

    def end(self, ctx: CmdletContext) -> None:
        (path,) = _paths(ctx)[:1] or [""]
        append = bool(ctx.bound.get("Append"))
        if ctx.bound.get("NoClobber") and not append and runtime.file_exists(ctx, path):
            records.throw(ctx, f"The file '{path}' already exists.", "NoClobber", "ResourceExists", path,
                          "System.IO.IOException")
        width = int(ctx.bound.get("Width") or console_width(ctx))
        text = ps_format.format_default(self.items, runtime.views(ctx), width=width) if self.items else ""
        lines = split_lines(text)
        encoding = _encoding(ctx, "Unicode")
        exists = append and runtime.file_exists(ctx, path)
        data = encode_lines(lines, encoding, bool(ctx.bound.get("NoNewline")), with_bom=not exists)
        runtime.write_file(ctx, path, data, append=append)


class TeeObject(OutFile):
    """Each object goes on down the pipeline at once; the file (as Out-File writes it) or the variable gets
    them all when the input ends."""

    def process(self, ctx: CmdletContext) -> None:
        if "InputObject" in ctx.bound:
            self.items.append(ctx.bound["InputObject"])
            ctx.write_object(ctx.bound["InputObject"])

    def end(self, ctx: CmdletContext) -> None:
        if ctx.parameter_set_name == "Variable":
            # as Set-Variable fed by the pipeline: one object is kept as itself, several as an array
            ctx.set_variable(str(ctx.bound["Variable"]), self.items[0] if len(self.items) == 1 else list(self.items))
            return
        super().end(ctx)


class ExportCsv(TableGathering):
    def end(self, ctx: CmdletContext) -> None:
        names, rows = self.table(ctx)
        (path,) = _paths(ctx)[:1] or [""]
        append = bool(ctx.bound.get("Append")) and runtime.file_exists(ctx, path)
        lines = csv_lines(ctx, self.items, names, rows)
        if append:
            # appending continues the existing table: no type line, no header
            lines = [line for line in lines if not line.startswith("#TYPE")][1:]
        data = encode_lines(lines, _encoding(ctx, "Ascii"), with_bom=not append)
        runtime.write_file(ctx, path, data, append=append)


class ImportCsv(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        header = ctx.bound.get("Header")
        for path in _paths(ctx):
            data = runtime.read_file(ctx, path)
            if data is None:
                continue
            table = parse_csv(decode(data), str(ctx.bound.get("Delimiter") or ","),
                              None if header is None else [to_string(h) for h in header])
            for item in objects_from_csv(table):
                ctx.write_object(item)


_PATH_SETS = ("Path", "LiteralPath")


def _path_parameters(position_name: str = "Path") -> tuple[Any, ...]:
    return (
        param(position_name, "string[]", position=0, mandatory=True, by_name=True, sets=("Path",)),
        param("LiteralPath", "string[]", mandatory=True, by_name=True, sets=("LiteralPath",), aliases=("PSPath",)),
    )


_ENCODING = param("Encoding", "string", validate_set=ENCODING_NAMES)

DECLARATIONS = (
    CommandDeclaration(
        name="Get-Content",
        parameters=(
            *_path_parameters(),
            param("ReadCount", "long", by_name=True),
            param("TotalCount", "long", by_name=True, aliases=("First", "Head")),
            param("Tail", "int", by_name=True, aliases=("Last",)),
            switch("Raw"),
            _ENCODING,
            param("Delimiter", "string"),
            switch("Wait"),
            switch("Force"),
            param("Filter", "string"),
            param("Include", "string[]"),
            param("Exclude", "string[]"),
            param("Stream", "string"),
            param("Credential", "pscredential", by_name=True),
        ),
        implementation=GetContent,
        default_parameter_set="Path",
        synopsis="Gets the content of the item at the specified location.",
        aliases=("gc", "type", "cat"),
        module=MANAGEMENT,
        implementing_type=implementing("Get-Content"),
    ),
    CommandDeclaration(
        name="Set-Content",
        parameters=(
            *_path_parameters(),
            param("Value", "object[]", position=1, mandatory=True, pipeline=True, by_name=True, allow_null=True,
                  allow_empty_collection=True),
            _ENCODING,
            switch("NoNewline"),
            switch("PassThru"),
            switch("Force"),
            param("Stream", "string"),
            param("Credential", "pscredential", by_name=True),
        ),
        implementation=SetContent,
        default_parameter_set="Path",
        synopsis="Writes new content or replaces existing content in a file.",
        aliases=("sc",),
        module=MANAGEMENT,
        implementing_type=implementing("Set-Content"),
        supports_should_process=True,
    ),
    CommandDeclaration(
        name="Add-Content",
        parameters=(
            *_path_parameters(),
            param("Value", "object[]", position=1, mandatory=True, pipeline=True, by_name=True, allow_null=True,
                  allow_empty_collection=True),
            _ENCODING,
            switch("NoNewline"),
            switch("PassThru"),
            switch("Force"),
            param("Stream", "string"),
            param("Credential", "pscredential", by_name=True),
        ),
        implementation=AddContent,
        default_parameter_set="Path",
        synopsis="Adds content to the specified items, such as adding words to a file.",
        aliases=("ac",),
        module=MANAGEMENT,
        implementing_type=implementing("Add-Content"),
        supports_should_process=True,
    ),
    CommandDeclaration(
        name="Out-File",
        parameters=(
            param("FilePath", "string", position=0, mandatory=True, sets=("ByPath",), aliases=("Path",)),
            param("LiteralPath", "string", mandatory=True, sets=("ByLiteralPath",), aliases=("PSPath",)),
            param("Encoding", "string", position=1, validate_set=ENCODING_NAMES),
            switch("Append"),
            switch("Force"),
            switch("NoClobber", aliases=("NoOverwrite",)),
            param("Width", "int"),
            switch("NoNewline"),
            param("InputObject", "psobject", pipeline=True),
        ),
        implementation=OutFile,
        default_parameter_set="ByPath",
        synopsis="Sends output to a file.",
        module=UTILITY,
        implementing_type=implementing("Out-File"),
        supports_should_process=True,
    ),
    CommandDeclaration(
        name="Tee-Object",
        parameters=(
            param("InputObject", "psobject", pipeline=True),
            param("FilePath", "string", position=0, mandatory=True, sets=("File",), aliases=("Path",)),
            param("LiteralPath", "string", mandatory=True, sets=("LiteralFile",), aliases=("PSPath",)),
            switch("Append", sets=("File",)),
            param("Variable", "string", mandatory=True, sets=("Variable",)),
        ),
        implementation=TeeObject,
        default_parameter_set="File",
        synopsis="Saves command output in a file or variable and also sends it down the pipeline.",
        aliases=("tee",),
        module=UTILITY,
        implementing_type=implementing("Tee-Object"),
    ),
    CommandDeclaration(
        name="Export-Csv",
        parameters=(
            param("InputObject", "psobject", mandatory=True, pipeline=True),
            param("Path", "string", position=0),
            param("LiteralPath", "string", aliases=("PSPath",)),
            switch("Force"),
            switch("NoClobber", aliases=("NoOverwrite",)),
            _ENCODING,
            switch("Append"),
            param("Delimiter", "char", position=1, sets=("Delimiter",)),
            switch("UseCulture", mandatory=True, sets=("UseCulture",)),
            switch("NoTypeInformation", aliases=("NTI",)),
        ),
        implementation=ExportCsv,
        default_parameter_set="Delimiter",
        synopsis="Converts objects into a series of comma-separated (CSV) strings and saves the strings in a CSV file.",
        aliases=("epcsv",),
        module=UTILITY,
        implementing_type=implementing("Export-Csv"),
        supports_should_process=True,
    ),
    CommandDeclaration(
        name="Import-Csv",
        parameters=(
            param("Path", "string[]", position=0, pipeline=True, sets=("Delimiter", "UseCulture")),
            param("LiteralPath", "string[]", by_name=True, aliases=("PSPath",), sets=("Delimiter", "UseCulture")),
            param("Delimiter", "char", position=1, sets=("Delimiter",)),
            switch("UseCulture", mandatory=True, sets=("UseCulture",)),
            param("Header", "string[]"),
            _ENCODING,
        ),
        implementation=ImportCsv,
        default_parameter_set="Delimiter",
        synopsis="Creates table-like custom objects from the items in a CSV file.",
        aliases=("ipcsv",),
        module=UTILITY,
        implementing_type=implementing("Import-Csv"),
    ),
)
