"""`exchange-sim run FILE` / `--command`: an error a statement raises is printed with PowerShell's
position block (`At <where>:<line> char:<column>`, the line, the tildes under the failing part),
reference powershell-language.md §6.6."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXE = Path(sys.executable).parent / "exchange-sim"


def _run_script(tmp_path: Path, text: str) -> str:
    """The error output of `text` run as C:\\Runbooks\\errors.ps1 (the script's folder in the lab)."""
    folder = tmp_path / "ops"
    folder.mkdir()
    (folder / "errors.ps1").write_text(text, encoding="utf-8")
    env = dict(os.environ, EXCHANGE_SIM_LAB=str(tmp_path / "lab"))
    done = subprocess.run([str(EXE), "run", str(folder / "errors.ps1")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    return done.stderr


def test_parameter_binding_error_underlines_the_unknown_parameter(tmp_path: Path) -> None:
    shown = _run_script(tmp_path, "'first'\nGet-ChildItem -Bogus 1\n")
    assert shown.splitlines()[:6] == [
        "Get-ChildItem : A parameter cannot be found that matches parameter name 'Bogus'.",
        "At C:\\Runbooks\\errors.ps1:2 char:15",
        "+ Get-ChildItem -Bogus 1",
        "+               ~~~~~~",
        "    + CategoryInfo          : InvalidArgument: (:) [Get-ChildItem], ParameterBindingException",
        "    + FullyQualifiedErrorId : NamedParameterNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand",
    ]


def test_command_not_found_names_the_command_and_underlines_it(tmp_path: Path) -> None:
    shown = _run_script(tmp_path, "\n\n  Get-Nope -Name x\n")
    assert shown.splitlines()[:5] == [
        "Get-Nope : The term 'Get-Nope' is not recognized as the name of a cmdlet, function, script file, or "
        "operable program. Check the spelling of the name, or if a path was included, verify that the path is "
        "correct and try again.",
        "At C:\\Runbooks\\errors.ps1:3 char:3",
        "+   Get-Nope -Name x",
        "+   ~~~~~~~~~~~~~~~~",
        "    + CategoryInfo          : ObjectNotFound: (Get-Nope:String) [], CommandNotFoundException",
    ]


def test_method_on_null_underlines_the_call_not_the_whole_statement(tmp_path: Path) -> None:
    shown = _run_script(tmp_path, "$cert = $null\n$thumb = $cert.GetCertHashString()\n")
    assert shown.splitlines()[:5] == [
        "You cannot call a method on a null-valued expression.",
        "At C:\\Runbooks\\errors.ps1:2 char:10",
        "+ $thumb = $cert.GetCertHashString()",
        "+          ~~~~~~~~~~~~~~~~~~~~~~~~~",
        "    + CategoryInfo          : InvalidOperation: (:) [], RuntimeException",
    ]


def test_throw_inside_a_function_points_at_the_throw_statement(tmp_path: Path) -> None:
    shown = _run_script(tmp_path, "function Stop-Renewal {\n\tthrow \"Certificate not found\"\n}\nStop-Renewal\n")
    assert shown.splitlines()[:6] == [
        "Certificate not found",
        "At C:\\Runbooks\\errors.ps1:2 char:2",
        "+     throw \"Certificate not found\"",
        "+     ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
        "    + CategoryInfo          : OperationStopped: (Certificate not found:String) [], RuntimeException",
        "    + FullyQualifiedErrorId : Certificate not found",
    ]


def test_a_cmdlet_error_keeps_its_place_in_error_and_command_text_says_at_line(tmp_path: Path) -> None:
    env = dict(os.environ, EXCHANGE_SIM_LAB=str(tmp_path / "lab"))
    done = subprocess.run([str(EXE), "run", "--command", "'x'; Get-Item C:\\nope; $Error[0].InvocationInfo.OffsetInLine"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.stderr.splitlines()[:4] == [
        "Get-Item : Cannot find path 'C:\\nope' because it does not exist.",
        "At line:1 char:6",
        "+ 'x'; Get-Item C:\\nope; $Error[0].InvocationInfo.OffsetInLine",
        "+      ~~~~~~~~~~~~~~~~",
    ]
    assert done.stdout.split() == ["x", "6"]
