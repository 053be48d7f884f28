"""`exchange-sim parse FILE...`: check scripts for syntax errors the way PowerShell 5.1 reports them."""

from __future__ import annotations

import codecs
import enum
from dataclasses import fields
from pathlib import Path

import typer

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.parse_errors import format_parse_errors
from exchange_sim.powershell.parser import parse


def read_script(path: Path) -> str:
    """Script text as Windows PowerShell reads it: a BOM decides; without one, UTF-8 if the bytes
    are valid UTF-8, else the Windows ANSI code page (1252)."""
    data = path.read_bytes()
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def describe_tree(node: A.Ast, indent: str = "") -> list[str]:
    """The syntax tree as indented lines: `NodeType (line:col) field=value ...`, children below."""
    scalars: list[str] = []
    children: list[tuple[str, object]] = []
    for f in fields(node):
        if f.name == "extent":
            continue
        value = getattr(node, f.name)
        if isinstance(value, A.Ast) or (isinstance(value, tuple) and any(_holds_nodes(v) for v in value)):
            children.append((f.name, value))
        elif value not in (None, (), "", False) and f.name != "body_text":
            scalars.append(f"{f.name}={_scalar(value)}")
    position = f"({node.extent.start_line}:{node.extent.start_column})"
    lines = [" ".join([f"{indent}{type(node).__name__}", position, *scalars])]
    for name, value in children:
        lines.append(f"{indent}  .{name}")
        for item in value if isinstance(value, tuple) else (value,):
            for child in item if isinstance(item, tuple) else (item,):
                if isinstance(child, A.Ast):
                    lines.extend(describe_tree(child, indent + "    "))
                else:
                    lines.append(f"{indent}    {_scalar(child)}")
    return lines


def _holds_nodes(value: object) -> bool:
    return isinstance(value, A.Ast) or (isinstance(value, tuple) and any(_holds_nodes(v) for v in value))


def _scalar(value: object) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, A.ScriptRequirements):
        return repr(value.raw)
    return repr(value)


def check_files(paths: list[Path], show_tree: bool = False) -> tuple[str, bool]:
    """The report for `paths` and whether every file parsed."""
    lines: list[str] = []
    all_ok = True
    for path in paths:
        try:
            text = read_script(path)
        except OSError as exc:
            lines.append(f"{path}: cannot read the file: {exc.strerror or exc}")
            all_ok = False
            continue
        result = parse(text, str(path))
        if result.ok:
            lines.append(f"{path}: OK")
            if show_tree and result.ast is not None:
                lines.extend(describe_tree(result.ast, "  "))
        else:
            all_ok = False
            lines.append(f"{path}:")
            lines.append(format_parse_errors(result.errors, str(path.resolve())).rstrip("\n"))
    return "\n".join(lines) + "\n", all_ok


def register(app: typer.Typer) -> None:
    @app.command("parse")
    def parse_command(
        files: list[Path] = typer.Argument(..., help="PowerShell scripts to check.", metavar="FILE..."),
        ast: bool = typer.Option(False, "--ast", help="Also print the syntax tree of each script that parses."),
    ) -> None:
        """Parse scripts and print PowerShell's syntax errors for each (or OK); exit 1 if any failed."""
        report, all_ok = check_files(files, show_tree=ast)
        typer.echo(report, nl=False)
        raise typer.Exit(0 if all_ok else 1)
