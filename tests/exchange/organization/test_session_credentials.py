"""New-PSSession -Credential to the Exchange endpoint: the lab's users (`exchange-sim lab user add`) decide
who may connect, and their role group decides which cmdlets Import-PSSession brings, as RBAC does."""
from __future__ import annotations

from pathlib import Path

from exchange_sim.lab import Lab, LabUser

from .conftest import Runbook

_CONNECT = r"""
$password = ConvertTo-SecureString '{password}' -AsPlainText -Force
$cred = New-Object System.Management.Automation.PSCredential('CONTOSO\{user}', $password)
$s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri http://exch01.contoso.com/PowerShell/ -Credential $cred
"""


def _add_user(lab_path: Path, name: str, password: str, role: str) -> None:
    with Lab.open(lab_path) as lab:
        lab.set_user(LabUser(name, "CONTOSO", password, role))


def test_a_wrong_password_is_access_denied_and_opens_no_session(contoso_lab: Path, runbook: Runbook) -> None:
    _add_user(contoso_lab, "deploy", "Rotate!2026", "Organization Management")
    host = runbook(contoso_lab, _CONNECT.format(user="deploy", password="guess") + "$null -eq $s\n(Get-PSSession).Count",
                   plain=True)
    assert host.text.split() == ["True", "0"]
    assert ("[exch01.contoso.com] Connecting to remote server exch01.contoso.com failed with the following error "
            "message : Access is denied.") in host.error_text
    assert "PSRemotingTransportException" in host.error_text
    assert "AccessDenied,PSSessionOpenFailed" in host.error_text


def test_an_unknown_user_is_access_denied(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, _CONNECT.format(user="nobody", password="x") + "$null -eq $s", plain=True)
    assert host.text.split() == ["True"]
    assert "Access is denied." in host.error_text


def test_an_organization_manager_gets_every_cmdlet_and_changes_the_lab(contoso_lab: Path, runbook: Runbook) -> None:
    _add_user(contoso_lab, "deploy", "Rotate!2026", "Organization Management")
    host = runbook(contoso_lab, _CONNECT.format(user="deploy", password="Rotate!2026") + r"""
        Import-PSSession $s -DisableNameChecking | Out-Null
        $new = New-ExchangeCertificate -SubjectName 'CN=rotated.contoso.com' -DomainName rotated.contoso.com -Services None
        $new.Thumbprint
    """, plain=True)
    assert host.error_text == ""
    thumbprint = host.text.split()[-1]
    with Lab.open(contoso_lab) as lab:
        assert thumbprint in [entry.thumbprint for entry in lab.store("EXCH01", "My").list()]


def test_a_view_only_user_gets_only_the_get_cmdlets(contoso_lab: Path, runbook: Runbook) -> None:
    _add_user(contoso_lab, "auditor", "Audit!2026", "View-Only Organization Management")
    host = runbook(contoso_lab, _CONNECT.format(user="auditor", password="Audit!2026") + r"""
        $module = Import-PSSession $s -DisableNameChecking
        $module.ExportedCommands.Keys -contains 'Get-ExchangeCertificate'
        $module.ExportedCommands.Keys -contains 'Remove-ExchangeCertificate'
        (Get-ExchangeCertificate | Select-Object -First 1).PSObject.TypeNames[0]
        Get-ExchangeCertificate | Remove-ExchangeCertificate -Confirm:$false
    """, plain=True)
    assert host.text.split() == ["True", "False",
                                 "Deserialized.Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate"]
    assert "The term 'Remove-ExchangeCertificate' is not recognized" in host.error_text
    with Lab.open(contoso_lab) as lab:
        assert len(lab.store("EXCH01", "My").list()) == 2
