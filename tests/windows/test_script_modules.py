"""Import-Module of a script module in the lab's file system, and Export-ModuleMember."""

from __future__ import annotations

from pathlib import Path

MODULE = """
$script:greeting = 'hello'
function Get-Greeting { param([string]$Name) "$script:greeting $Name" }
function Get-Secret { 'internal' }
Export-ModuleMember -Function Get-Greeting
"""


def _module_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "modules"
    folder.mkdir()
    (folder / "Greeting.psm1").write_text(MODULE, encoding="utf-8")
    return folder


def test_import_module_by_path_makes_the_modules_functions_callable(shell, tmp_path: Path) -> None:
    session = shell(mounts=[("C:\\Modules", _module_folder(tmp_path))])
    assert session.run("Import-Module C:\\Modules\\Greeting.psm1\nGet-Greeting -Name lab") == ["hello lab"]
    assert session.errors == ""


def test_module_variables_stay_out_of_the_callers_scope(shell, tmp_path: Path) -> None:
    session = shell(mounts=[("C:\\Modules", _module_folder(tmp_path))])
    assert session.run("Import-Module C:\\Modules\\Greeting.psm1\n$null -eq $greeting") == [True]


def test_import_module_of_a_missing_file_is_module_not_found(shell) -> None:
    session = shell()
    assert session.run("Import-Module C:\\Modules\\Missing.psm1\n'after'") == ["after"]
    assert "Modules_ModuleNotFound" in session.errors


def test_import_module_of_a_shipped_module_by_name_is_accepted(shell) -> None:
    session = shell()
    session.run("Import-Module WebAdministration")
    assert session.errors == ""


def test_export_module_member_outside_a_module_is_refused(shell) -> None:
    session = shell()
    session.run("Export-ModuleMember -Function Get-Thing")
    assert "Modules_CanOnlyExecuteExportModuleMemberInsideAModule" in session.errors
