"""The Exchange Management Shell's start-up script as a file of each lab server: RemoteExchange.ps1
(2010+: Connect-ExchangeServer over implicit remoting) and 2007's Exchange.ps1 (the Admin snap-in)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from exchange_sim.lab import Lab

RunRunbook = Any  # the conftest fixture: runs a script file as `exchange-sim run --lab DIR FILE`

SCRIPT = r"$env:ExchangeInstallPath\bin\RemoteExchange.ps1"


def test_remote_exchange_script_is_a_file_scripts_can_read(run_runbook: RunRunbook) -> None:
    result = run_runbook(f"""
        Test-Path "{SCRIPT}"
        (Get-Content "{SCRIPT}") -match '^function Connect-ExchangeServer' | Measure-Object | ForEach-Object Count
        (Get-Item "{SCRIPT}").Length -gt 1000
    """)
    assert result.stderr == ""
    assert result.stdout.split() == ["True", "1", "True"]


def test_dot_sourcing_defines_connect_exchange_server_as_a_function_and_prints_the_banner(
        run_runbook: RunRunbook) -> None:
    result = run_runbook(f"""
        . "{SCRIPT}"
        (Get-Command Connect-ExchangeServer).CommandType
        Test-Path Function:Connect-ExchangeServer
    """, "--plain")
    assert result.stderr == ""
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    assert lines[0] == "Welcome to the Exchange Management Shell!"
    assert "Only Exchange cmdlets: Get-ExCommand" in lines
    assert lines[-2:] == ["Function", "True"]


def test_connect_exchange_server_auto_opens_a_session_to_this_servers_powershell_endpoint(
        run_runbook: RunRunbook) -> None:
    result = run_runbook(f"""
        . "{SCRIPT}"
        Connect-ExchangeServer -auto -ClientApplication:ManagementShell
        $s = Get-PSSession
        '{{0}}|{{1}}|{{2}}' -f $s.ComputerName, $s.ConfigurationName, $s.State
        (Get-ExchangeServer).PSObject.TypeNames[0]
    """, "--plain")
    assert result.stderr == ""
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert "VERBOSE: Connecting to exch01.contoso.com." in lines
    assert "VERBOSE: Connected to exch01.contoso.com." in lines
    assert lines[-2:] == ["exch01.contoso.com|Microsoft.Exchange|Opened",
                          "Deserialized.Microsoft.Exchange.Data.Directory.Management.ExchangeServer"]


def test_connect_exchange_server_to_an_unknown_server_fails_as_new_pssession_does(run_runbook: RunRunbook) -> None:
    result = run_runbook(f". \"{SCRIPT}\"\nConnect-ExchangeServer nosuch.contoso.com\n(Get-PSSession).Count", "--plain")
    assert "Connecting to remote server nosuch.contoso.com failed" in result.stderr
    assert result.stdout.split()[-1] == "0"


def test_an_edited_script_is_what_the_server_keeps(lab: Lab, run_runbook: RunRunbook) -> None:
    run_runbook(f"Set-Content -Path \"{SCRIPT}\" -Value \"'edited by the admin'\"")
    result = run_runbook(f". \"{SCRIPT}\"")
    assert result.stdout.split() == ["edited", "by", "the", "admin"]


def test_exchange_2007_shell_script_loads_the_admin_snap_in(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from exchange_sim.cli.app import build_app

    lab_path = tmp_path / "lab2007"
    Lab.create(lab_path, "entrust-2007").close()
    script = tmp_path / "ems.ps1"
    script.write_text(". \"$env:ExchangeInstallPath\\bin\\Exchange.ps1\"\n"
                      "(Get-PSSnapin Microsoft.Exchange.Management.PowerShell.Admin).Name\n"
                      "(Get-Command Get-ExchangeCertificate).CommandType\n"
                      "Test-Path \"$env:ExchangeInstallPath\\bin\\RemoteExchange.ps1\"\n", encoding="utf-8")
    result = CliRunner().invoke(build_app(), ["run", "--lab", str(lab_path), "--plain", str(script)])
    assert result.stderr == ""
    assert result.stdout.split()[-3:] == ["Microsoft.Exchange.Management.PowerShell.Admin", "Cmdlet", "False"]
