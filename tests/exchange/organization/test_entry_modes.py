"""How scripts get the Exchange cmdlets: EMS (present from the start), --plain plus the snap-in,
RemoteExchange.ps1 + Connect-ExchangeServer, or New-PSSession + Import-PSSession to the lab server
the URI names (objects deserialised). End state: what the cmdlets then did to the lab."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from exchange_sim.lab import Lab

from .conftest import Runbook

EXE = Path(sys.executable).with_name("exchange-sim")


def test_plain_powershell_does_not_know_exchange_cmdlets(contoso_lab: Path) -> None:
    done = subprocess.run([str(EXE), "run", "--lab", str(contoso_lab), "--plain", "--command", "Get-ExchangeCertificate"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "The term 'Get-ExchangeCertificate' is not recognized as the name of a cmdlet" in done.stderr


def test_ems_start_has_the_cmdlets_and_the_loaders_are_harmless(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, """
        Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
        (Get-ExchangeServer).Name
        (Get-ExchangeCertificate).Count
    """)
    assert host.error_text == ""
    assert host.text.split() == ["EXCH01", "2"]


def test_the_snap_in_of_the_servers_version_loads_the_cmdlets(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, """
        if (-not (Get-PSSnapin -Name Microsoft.Exchange.Management.PowerShell.SnapIn -ErrorAction SilentlyContinue)) {
            Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
        }
        $cert = New-ExchangeCertificate -SubjectName "CN=mail.contoso.com" -DomainName mail.contoso.com -Services None
        $cert.GetType().FullName
        (Get-PSSnapin).Name
    """, plain=True)
    lines = host.text.split()
    assert lines[0] == "Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate"
    assert lines[1:] == ["Microsoft.PowerShell.Core", "Microsoft.Exchange.Management.PowerShell.SnapIn"]
    with Lab.open(contoso_lab) as lab:
        assert len(lab.store("EXCH01", "My").list()) == 3


def test_another_versions_snap_in_is_not_installed(mixed_lab: Path, runbook: Runbook) -> None:
    host = runbook(mixed_lab, """
        Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
        Add-PSSnapin Microsoft.Exchange.Management.PowerShell.E2010
        (Get-PSSnapin -Registered).Name
        Get-ExchangeServer EX2010 | ForEach-Object Name
    """, server="EX2010", plain=True)
    assert "The Windows PowerShell snap-in 'Microsoft.Exchange.Management.PowerShell.SnapIn' is not installed on " \
           "this computer." in host.error_text
    assert "AddPSSnapInRead,Microsoft.PowerShell.Commands.AddPSSnapinCommand" in host.error_text
    assert host.text.split() == ["Microsoft.Exchange.Management.PowerShell.E2010",
                                 "Microsoft.Exchange.Management.PowerShell.Setup",
                                 "Microsoft.Exchange.Management.PowerShell.Support", "EX2010"]


def test_adding_the_snap_in_twice_says_it_is_already_added(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\n" * 2, plain=True)
    assert "because it is already added" in host.error_text


def test_remote_exchange_script_and_connect_give_deserialised_objects(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, r"""
        . $env:ExchangeInstallPath\bin\RemoteExchange.ps1
        Connect-ExchangeServer -auto -ClearCache
        $c = Get-ExchangeCertificate | Where-Object { $_.Services -match 'IIS' }
        $c.PSObject.TypeNames[0]
        $c.Services.GetType().FullName
        (Get-ExchangeServer).AdminDisplayVersion.GetType().FullName
        Enable-ExchangeCertificate -Thumbprint $c.Thumbprint -Services POP -Force
    """, plain=True)
    assert host.error_text == ""
    # The script's banner and Connect-ExchangeServer's VERBOSE lines come first, as in the shell.
    assert host.text.split()[-3:] == ["Deserialized.Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate",
                                      "System.String", "System.String"]


def test_connect_exchange_server_is_unknown_until_remote_exchange_runs(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, "Connect-ExchangeServer -auto", plain=True)
    assert "The term 'Connect-ExchangeServer' is not recognized" in host.error_text


def test_imported_session_runs_on_the_server_the_uri_names(mixed_lab: Path, runbook: Runbook) -> None:
    host = runbook(mixed_lab, """
        $s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri http://ex2016.fabrikam.com/PowerShell/ -Authentication Kerberos
        Import-PSSession $s -AllowClobber -DisableNameChecking | Out-Null
        $new = New-ExchangeCertificate -SubjectName "CN=remote.fabrikam.com" -DomainName remote.fabrikam.com -Services None
        $new.PSObject.TypeNames[0]
        $new.Identity
        Remove-PSSession $s
        (Get-PSSession).Count
    """, server="EX2019", plain=True)
    assert host.error_text == ""
    assert host.text.split() == ["Deserialized.Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate",
                                 f"ex2016.fabrikam.com\\{host.text.split()[1].split(chr(92))[1]}", "0"]
    with Lab.open(mixed_lab) as lab:
        on = {server.name: [e.thumbprint for e in lab.store(server.name, "My").list()] for server in lab.servers()}
    thumbprint = host.text.split()[1].split("\\")[1]
    assert thumbprint in on["EX2016"] and thumbprint not in on["EX2019"]


def test_import_in_ems_without_allow_clobber_keeps_local_commands(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, """
        $s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri http://exch01.contoso.com/PowerShell/
        Import-PSSession $s | Out-Null
        (Get-ExchangeServer).PSObject.TypeNames[0]
    """)
    printed = [line for line in host.text.splitlines() if line and not line.startswith("WARNING")]
    assert printed == ["Microsoft.Exchange.Data.Directory.Management.ExchangeServer"]
    assert any("Proxy creation has been skipped" in warning for warning in host.warnings)
    assert any("unapproved verbs" in warning for warning in host.warnings)


def test_sessions_to_unknown_hosts_or_other_endpoints_fail_to_open(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, """
        $a = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri http://nosuch.contoso.com/PowerShell/
        $b = New-PSSession -ComputerName exch01.contoso.com
        $a -eq $null; $b -eq $null
    """, plain=True)
    assert host.text.split() == ["True", "True"]
    assert "NetworkPathNotFound,PSSessionOpenFailed" in host.error_text
    assert "Cannot find the Microsoft.PowerShell session configuration" in host.error_text


CONNECTED = r"""
. $env:ExchangeInstallPath\bin\RemoteExchange.ps1
Connect-ExchangeServer -auto
'--- connected ---'
"""


def _after_connecting(text: str) -> str:
    """The script's own output, after RemoteExchange.ps1's banner and the connection lines."""
    return text.split("--- connected ---\n", 1)[1]


def test_imported_cmdlets_terminating_error_arrives_non_terminating_so_bare_catch_misses_it(
        contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, CONNECTED + r"""
        try { Get-ExchangeCertificate -Thumbprint 00FF; 'after in try' } catch { 'caught' }
    """, plain=True)
    assert _after_connecting(host.text).strip() == "after in try"
    assert "A special Rpc error occurs on server EXCH01" in host.error_text


def test_imported_cmdlet_with_error_action_stop_is_caught_with_exchanges_record(
        contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, CONNECTED + r"""
        try { Get-ExchangeCertificate -Thumbprint 00FF -ErrorAction Stop; 'after in try' }
        catch { 'caught'; $_.FullyQualifiedErrorId }
    """, plain=True)
    lines = _after_connecting(host.text).split("\n")
    assert lines[0] == "caught" and lines[1].endswith(",Microsoft.Exchange.Management.SystemConfigurationTasks.GetExchangeCertificate")
    assert host.error_text == ""


def test_snap_in_cmdlets_terminating_error_is_caught_by_a_bare_catch(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, r"""
        Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
        try { Get-ExchangeCertificate -Thumbprint 00FF; 'after in try' } catch { 'caught' }
    """, plain=True)
    assert host.text.strip() == "caught"
def test_wildcard_snap_in_name_adds_every_registered_exchange_snap_in(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, """
        Add-PSSnapin *EXC*
        (Get-PSSnapin | Where-Object { $_.Name -like 'Microsoft.Exchange.*' }).Count
        (Get-ExchangeCertificate).Count
        Add-PSSnapin *EXC*
        Add-PSSnapin *NoSuchSnapIn*
    """, plain=True)
    assert host.error_text == ""  # a second wildcard add, or one that matches nothing, is quiet
    assert host.text.split() == ["3", "2"]
