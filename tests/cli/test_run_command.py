"""`exchange-sim run` as a real subprocess: output on stdout, errors on stderr, PowerShell's exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXE = Path(sys.executable).with_name("exchange-sim")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXE), "run", *args], capture_output=True, text=True, check=False)


def test_command_prints_its_result() -> None:
    result = _run("--command", "1+1")
    assert result.returncode == 0
    assert result.stdout.strip() == "2"


def test_command_with_error_exits_1_and_prints_on_stderr() -> None:
    result = _run("--command", "Get-NoSuchThing")
    assert result.returncode == 1
    assert "The term 'Get-NoSuchThing' is not recognized" in result.stderr
    assert result.stdout == ""


def test_parse_error_in_file_gives_exit_1(tmp_path: Path) -> None:
    script = tmp_path / "broken.ps1"
    script.write_text("(1 + \n", encoding="utf-8")
    result = _run(str(script))
    assert result.returncode == 1
    assert result.stderr


def test_missing_file_is_reported_without_traceback(tmp_path: Path) -> None:
    result = _run(str(tmp_path / "absent.ps1"))
    assert result.returncode == 1
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_script_arguments_bind_to_param_block(tmp_path: Path) -> None:
    script = tmp_path / "greet.ps1"
    script.write_text("param([string]$Name = 'nobody', [int]$Times = 1)\n\"$Name x $Times\"\nexit $Times\n",
                      encoding="utf-8")
    assert _run(str(script)).stdout.strip() == "nobody x 1"
    result = _run(str(script), "-Times", "3", "web01")
    assert result.stdout.strip() == "web01 x 3"
    assert result.returncode == 3


def test_command_exit_code_follows_the_last_statement() -> None:
    assert _run("--command", "Get-NoSuchThing; 'fine'").returncode == 0
