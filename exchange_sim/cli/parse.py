"""`exchange-sim parse FILE...`: check scripts for syntax errors the way PowerShell 5.1 reports them."""

from __future__ import annotations

import codecs
from pathlib import Path

import typer

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


def check_files(paths: list[Path]) -> tuple[str, bool]:
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
        else:
            all_ok = False
            lines.append(f"{path}:")
            lines.append(format_parse_errors(result.errors, str(path.resolve())).rstrip("\n"))
    return "\n".join(lines) + "\n", all_ok


def register(app: typer.Typer) -> None:
    @app.command("parse")
    def parse_command(
        files: list[Path] = typer.Argument(..., help="PowerShell scripts to check.", metavar="FILE..."),
    ) -> None:
        """Parse scripts and print PowerShell's syntax errors for each (or OK); exit 1 if any failed."""
        report, all_ok = check_files(files)
        typer.echo(report, nl=False)
        raise typer.Exit(0 if all_ok else 1)
