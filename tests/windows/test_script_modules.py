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


TOOLS = """
$script:calls = 0
$Shared = 'shared value'
function Get-Tool { $script:calls++; "tool via $(Get-Helper) $script:calls" }
function Get-Helper { 'helper' }
function Set-Tool { 'set' }
Export-ModuleMember -Function Get-T* -Variable Shared
"""

PLAIN = """
function Get-One { 'one' }
function Get-Two { 'two' }
$notExported = 5
"""


def _tools(tmp_path: Path) -> Path:
    folder = tmp_path / "tools"
    folder.mkdir()
    (folder / "Tools.psm1").write_text(TOOLS, encoding="utf-8")
    (folder / "Plain.psm1").write_text(PLAIN, encoding="utf-8")
    return folder


def test_function_not_exported_is_not_found_by_the_caller_but_module_functions_call_it(shell, tmp_path: Path) -> None:
    session = shell(mounts=[("C:\\Tools", _tools(tmp_path))])
    assert session.run("Import-Module C:\\Tools\\Tools.psm1\nGet-Tool\nGet-Helper\n'after'") == [
        "tool via helper 1", "after"]
    assert "The term 'Get-Helper' is not recognized as the name of a cmdlet" in session.errors
    assert "CommandNotFoundException" in session.errors
    assert session.run("Set-Tool") == [] and "'Set-Tool' is not recognized" in session.errors


def test_without_export_module_member_every_function_is_exported_and_no_variable(shell, tmp_path: Path) -> None:
    session = shell(mounts=[("C:\\Tools", _tools(tmp_path))])
    assert session.run("Import-Module C:\\Tools\\Plain.psm1\nGet-One\nGet-Two\n$null -eq $notExported") == [
        "one", "two", True]
    assert session.errors == ""


def test_exported_variable_reaches_the_caller_and_script_variables_stay_private(shell, tmp_path: Path) -> None:
    session = shell(mounts=[("C:\\Tools", _tools(tmp_path))])
    assert session.run("Import-Module C:\\Tools\\Tools.psm1\n$Shared\n$null -eq $calls\n$null -eq $script:calls") == [
        "shared value", True, True]


def test_get_command_module_lists_only_the_exported_functions(shell, tmp_path: Path) -> None:
    session = shell(mounts=[("C:\\Tools", _tools(tmp_path))])
    names = session.run("Import-Module C:\\Tools\\Tools.psm1\nImport-Module C:\\Tools\\Plain.psm1\n"
                        "Get-Command -Module Tools | ForEach-Object Name")
    assert names == ["Get-Tool"]
    assert session.run("(Get-Command Get-One).ModuleName") == ["Plain"]


def test_get_module_lists_imported_script_modules(shell, tmp_path: Path) -> None:
    session = shell(mounts=[("C:\\Tools", _tools(tmp_path))])
    found = session.run("Import-Module C:\\Tools\\Tools.psm1\nGet-Module Tools | "
                        "ForEach-Object { $_.Name, $_.ModuleType, ($_.ExportedCommands.Keys -join ',') }")
    assert found == ["Tools", "Script", "Get-Tool"]
    assert session.run("@(Get-Module -ListAvailable WebAdministration).Count") == [1]


def test_remove_module_removes_its_functions_and_a_second_remove_fails(shell, tmp_path: Path) -> None:
    session = shell(mounts=[("C:\\Tools", _tools(tmp_path))])
    session.run("Import-Module C:\\Tools\\Tools.psm1\nRemove-Module Tools")
    assert session.errors == ""
    assert session.run("Get-Tool") == [] and "'Get-Tool' is not recognized" in session.errors
    assert session.run("$null -eq $Shared\n@(Get-Module Tools).Count") == [True, 0]
    session.run("Remove-Module Tools")
    assert "No modules were removed. Verify that the specification of modules to remove is correct" in session.errors
    assert "Modules_NoModulesRemoved,Microsoft.PowerShell.Commands.RemoveModuleCommand" in session.errors


def test_import_module_again_keeps_the_module_unless_force_reloads_it(shell, tmp_path: Path) -> None:
    session = shell(mounts=[("C:\\Tools", _tools(tmp_path))])
    assert session.run("Import-Module C:\\Tools\\Tools.psm1\nGet-Tool\nImport-Module C:\\Tools\\Tools.psm1\n"
                       "Get-Tool\nImport-Module C:\\Tools\\Tools.psm1 -Force\nGet-Tool") == [
        "tool via helper 1", "tool via helper 2", "tool via helper 1"]


def test_module_private_function_wins_over_a_callers_function_of_that_name(shell, tmp_path: Path) -> None:
    session = shell(mounts=[("C:\\Tools", _tools(tmp_path))])
    assert session.run("function Get-Helper { 'caller' }\nImport-Module C:\\Tools\\Tools.psm1\nGet-Tool\n"
                       "Get-Helper") == ["tool via helper 1", "caller"]
