"""Get-PSDrive, Get-PSProvider and the Env:, Variable: and Function: drives of a lab session, run as
`exchange-sim run` runs a script."""
from __future__ import annotations

from pathlib import Path

import pytest

from exchange_sim.cli.session import open_session
from exchange_sim.lab import Lab
from exchange_sim.powershell.host import BufferHost


@pytest.fixture(scope="module")
def lab_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("drives") / "lab"
    Lab.create(path, "contoso").close()
    return path


def _run(lab_path: Path, script: str) -> BufferHost:
    host = BufferHost()
    open_session(host, lab=lab_path).run(script)
    return host


def test_get_psdrive_lists_every_drive_with_its_provider_and_root(lab_path: Path) -> None:
    host = _run(lab_path, "Get-PSDrive")
    lines = [line.rstrip() for line in host.text.splitlines() if line.strip()]
    assert lines[0].split() == ["Name", "Used", "(GB)", "Free", "(GB)", "Provider", "Root", "CurrentLocation"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:]}
    assert list(rows) == ["C", "Cert", "Env", "Function", "IIS", "Variable"]
    assert rows["C"] == ["FileSystem", "C:\\", "Users\\Administrator"]
    assert rows["Cert"] == ["Certificate", "\\"]
    assert rows["Env"] == ["Environment"]


def test_get_psdrive_filters_by_provider_and_reports_an_unknown_drive(lab_path: Path) -> None:
    host = _run(lab_path, "(Get-PSDrive -PSProvider Certificate).Name\n(Get-PSDrive C).Provider.Name\nGet-PSDrive Q")
    assert host.text.split() == ["Cert", "FileSystem"]
    assert "Cannot find drive. A drive with the name 'Q' does not exist." in host.error_text
    assert "GetDriveNoMatchingDrive,Microsoft.PowerShell.Commands.GetPSDriveCommand" in host.error_text


def test_get_psprovider_names_each_provider_and_its_drives(lab_path: Path) -> None:
    host = _run(lab_path, "Get-PSProvider | ForEach-Object { $_.Name + '=' + ($_.Drives -join ',') }")
    assert host.text.split() == ["Environment=Env", "FileSystem=C", "Function=Function", "Variable=Variable",
                                 "Certificate=Cert", "WebAdministration=IIS"]


def test_env_drive_lists_and_tests_the_servers_environment(lab_path: Path) -> None:
    host = _run(lab_path, r"""
        Test-Path Env:ExchangeInstallPath
        Test-Path Env:NoSuchVariable
        (Get-Item Env:ExchangeInstallPath).Value
        (Get-ChildItem Env: | Where-Object Name -eq 'COMPUTERNAME').Value
        $env:RUNBOOK_STAGE = 'two'
        (Get-ChildItem Env:RUNBOOK*).Value
        Remove-Item Env:RUNBOOK_STAGE
        $env:RUNBOOK_STAGE -eq $null
    """)
    assert host.error_text == ""
    assert host.text.split() == ["True", "False", "C:\\Program", "Files\\Microsoft\\Exchange", "Server\\V15\\",
                                 "EXCH01", "two", "True"]


def test_variable_drive_gets_the_variables_the_scope_sees(lab_path: Path) -> None:
    host = _run(lab_path, r"""
        $thumbprint = 'AB12'
        (Get-Item Variable:thumbprint).Value
        Test-Path Variable:nosuch
        function Show { (Get-Item Variable:thumbprint).Value; $local = 1; Test-Path Variable:local }
        Show
        Test-Path Variable:local
    """)
    assert host.error_text == ""
    assert host.text.split() == ["AB12", "False", "AB12", "True", "False"]


def test_function_drive_lists_the_functions_the_script_defined(lab_path: Path) -> None:
    host = _run(lab_path, r"""
        function Update-Binding { }
        Test-Path Function:Update-Binding
        (Get-ChildItem Function: | Where-Object Name -eq 'Update-Binding').CommandType
        Get-Item Function:Nope
    """)
    assert host.text.split() == ["True", "Function"]
    assert "Cannot find path 'Function:\\Nope' because it does not exist." in host.error_text
