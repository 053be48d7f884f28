"""`exchange-sim parse FILE...` (run through typer's test runner, as a user would call it)."""

from __future__ import annotations

import codecs
from pathlib import Path

import typer
from typer.testing import CliRunner

from exchange_sim.cli.parse import read_script, register


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """exchange-sim"""

    register(app)
    return app


def test_parse_prints_ok_for_a_valid_script(tmp_path: Path) -> None:
    script = tmp_path / "good.ps1"
    script.write_text("Enable-ExchangeCertificate -Thumbprint $t -Services IIS,SMTP -Force\n", encoding="utf-8")
    result = CliRunner().invoke(_app(), ["parse", str(script)])
    assert result.exit_code == 0
    assert result.output == f"{script}: OK\n"


def test_parse_prints_powershells_errors_and_fails(tmp_path: Path) -> None:
    good = tmp_path / "good.ps1"
    good.write_text("Get-Date\n", encoding="utf-8")
    bad = tmp_path / "bad.ps1"
    bad.write_text('Write-Host "$server: done"\n', encoding="utf-8")
    result = CliRunner().invoke(_app(), ["parse", str(good), str(bad)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"{good}: OK"
    assert lines[1] == f"{bad}:"
    assert lines[2] == f"At {bad.resolve()}:1 char:13"
    assert lines[3] == '+ Write-Host "$server: done"'
    assert lines[4] == "+             ~~~~~~~~"
    assert lines[5].startswith("Variable reference is not valid.")
    assert lines[7] == "    + FullyQualifiedErrorId : InvalidVariableReferenceWithDrive"


def test_parse_reports_an_unreadable_file_without_a_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "missing.ps1"
    result = CliRunner().invoke(_app(), ["parse", str(missing)])
    assert result.exit_code == 1
    assert result.output.startswith(f"{missing}: cannot read the file")
    assert "Traceback" not in result.output


def test_scripts_are_decoded_as_windows_powershell_reads_them(tmp_path: Path) -> None:
    bom = tmp_path / "bom.ps1"
    bom.write_bytes(codecs.BOM_UTF8 + "Get-X \u2013Name a".encode("utf-8"))
    utf16 = tmp_path / "utf16.ps1"
    utf16.write_bytes(codecs.BOM_UTF16_LE + "Get-X \u2013Name a".encode("utf-16-le"))
    ansi = tmp_path / "ansi.ps1"
    ansi.write_bytes("Get-X \u2013Name a".encode("cp1252"))
    assert read_script(bom) == read_script(utf16) == read_script(ansi) == "Get-X \u2013Name a"


def test_parse_can_show_the_syntax_tree(tmp_path: Path) -> None:
    script = tmp_path / "tree.ps1"
    script.write_text("Enable-ExchangeCertificate -Services IIS,SMTP\n", encoding="utf-8")
    result = CliRunner().invoke(_app(), ["parse", "--ast", str(script)])
    assert result.exit_code == 0
    assert "CommandParameterAst (1:28) parameter_name='Services'" in result.output
    assert "ArrayLiteralAst (1:38)" in result.output
