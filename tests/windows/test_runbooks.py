"""Whole runbooks in the styles of the census (§7), written for these tests and run as
`exchange-sim run` runs them; the end state checked is the lab's: bindings, service events, the
outbox and the transcript."""

from __future__ import annotations

from exchange_sim.lab import Lab

_RENEWAL = r"""
param([string]$Domain = 'mail.contoso.com', [string]$Services = 'IIS,IMAP,SMTP')
Start-Transcript -Path C:\Logs\renewal.log
$ErrorActionPreference = 'Stop'
try {
    $old = (Get-WebBinding -Name 'Default Web Site' -Protocol https).certificateHash
    $new = New-ExchangeCertificate -SubjectName "cn=$Domain" -DomainName $Domain -PrivateKeyExportable $true -Services None
    Enable-ExchangeCertificate -Thumbprint $new.Thumbprint -Services $Services -Force
    Restart-Service MSExchangeTransport
    Start-Service MSExchangeIMAP4
    iisreset /noforce | Out-Null
    $bound = (Get-WebBinding -Name 'Default Web Site' -Protocol https).certificateHash
    if ($bound -ne $new.Thumbprint) { throw "IIS still serves $bound" }
    Write-Host "Replaced $old with $($new.Thumbprint)"
    $body = Get-ExchangeCertificate | Select-Object Thumbprint, Services, NotAfter | ConvertTo-Html -Fragment | Out-String
    Send-MailMessage -To ops@contoso.com -From exch01@contoso.com -Subject "Renewed $Domain" -Body $body -BodyAsHtml -SmtpServer localhost
} catch {
    Send-MailMessage -To ops@contoso.com -From exch01@contoso.com -Subject 'Renewal FAILED' -Body $_.Exception.Message -SmtpServer localhost
} finally {
    Stop-Transcript
}
"""


def test_renewal_with_restarts_and_mail_reaches_the_servers_end_state(run_runbook, lab: Lab) -> None:
    lab.filesystem("EXCH01").resolve("C:\\Logs").mkdir()
    done = run_runbook(_RENEWAL)
    assert done.exit_code == 0 and done.stderr == "", done.stderr
    new = next(b.thumbprint for b in lab.config("EXCH01").iis_bindings() if b.site_id == 1)
    events = {event.kind: event for event in lab.events.records()}
    assert events["ServiceRestarted"].details["thumbprint"] == new  # transport took the new certificate
    assert events["ServiceStarted"].details == {"service": "MSExchangeIMAP4", "protocol": "IMAP", "thumbprint": new,
                                                "previous_thumbprint": None}
    assert events["IisReset"].details["thumbprint"] == new
    (mail,) = lab.outbox.messages()
    assert mail.subject == "Renewed mail.contoso.com" and f"<td>{new}</td><td>IMAP, IIS, SMTP</td>" in mail.body
    transcript = lab.filesystem("EXCH01").read_bytes("C:\\Logs\\renewal.log").decode("utf-8")
    assert f"with {new}" in transcript and "Windows PowerShell transcript end" in transcript


def test_renewal_failure_is_mailed_and_changes_no_binding(run_runbook, lab: Lab) -> None:
    lab.filesystem("EXCH01").resolve("C:\\Logs").mkdir()
    before = lab.config("EXCH01").iis_bindings()
    done = run_runbook(_RENEWAL.replace("-Services $Services -Force", "-Services NoSuchService -Force"))
    assert done.exit_code == 0
    (mail,) = lab.outbox.messages()
    assert mail.subject == "Renewal FAILED" and "NoSuchService" in mail.body
    assert lab.config("EXCH01").iis_bindings() == before
    assert [event.kind for event in lab.events.records()] == ["MailQueued"]


_AUTH_ROTATION = r"""
$principal = New-Object System.Security.Principal.WindowsPrincipal([System.Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)) { throw 'Run as administrator' }
$auth = New-ExchangeCertificate -KeySize 2048 -PrivateKeyExportable $true -SubjectName 'cn=Microsoft Exchange Server Auth Certificate' -FriendlyName 'Microsoft Exchange Server Auth Certificate' -DomainName @() -Services SMTP
Set-AuthConfig -NewCertificateThumbprint $auth.Thumbprint -NewCertificateEffectiveDate (Get-Date) -Force
Set-AuthConfig -PublishCertificate
Set-AuthConfig -ClearPreviousCertificate
'MSExchangeOWAAppPool', 'MSExchangeECPAppPool' | ForEach-Object { Restart-WebAppPool -Name $_ }
$auth.Thumbprint
"""


def test_auth_certificate_rotation_publishes_and_recycles_owa_and_ecp(run_runbook, lab: Lab) -> None:
    done = run_runbook(_AUTH_ROTATION, "--answer", "N")  # No to replacing the default SMTP certificate
    assert done.exit_code == 0, done.stderr
    thumbprint = done.stdout.split()[-1]
    assert lab.auth_config().current_thumbprint == thumbprint
    assert [(e.kind, e.details["pool"]) for e in lab.events.records()] == [
        ("AppPoolRestarted", "MSExchangeOWAAppPool"), ("AppPoolRestarted", "MSExchangeECPAppPool")]
