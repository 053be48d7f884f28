"""Whole runbooks in the styles real ones use (runbook-features §7), run unchanged on a lab and
checked by the state they leave: the hybrid variant of an ACME install hook over implicit
remoting, an ACME hook that finds the snap-in, and a report across servers."""
from __future__ import annotations

from pathlib import Path

from exchange_sim.lab import Lab

from .conftest import Runbook

HYBRID_HOOK = r"""
param([string]$NewCertThumbprint = $null, [string]$ExchangeServices = 'IIS,SMTP')
$ServerFQDN = ([System.Net.Dns]::GetHostByName(($env:computerName))).Hostname
$Session = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri "http://$ServerFQDN/PowerShell/"
Import-PSSession $Session -DisableNameChecking | Out-Null
if (-not (Get-Command Enable-ExchangeCertificate -ErrorAction SilentlyContinue)) { throw 'no Exchange' }
$old = Get-ExchangeCertificate | Where-Object { $_.Services -match 'IIS' } | Select-Object -First 1
$new = New-ExchangeCertificate -SubjectName "CN=mail.fabrikam.com" -DomainName mail.fabrikam.com -Services None
try {
    Enable-ExchangeCertificate -Services $ExchangeServices -Thumbprint $new.Thumbprint -Force -ErrorAction Stop
    $TLSCert = Get-ExchangeCertificate -Thumbprint $new.Thumbprint
    $TLSCertName = "<I>$($TLSCert.Issuer)<S>$($TLSCert.Subject)"
    Get-SendConnector '*Outbound to Office 365*' | Set-SendConnector -TlsCertificateName $TLSCertName
    Get-ReceiveConnector "*Default Frontend $(hostname)*" | Set-ReceiveConnector -TlsCertificateName $TLSCertName
    Set-HybridConfiguration -TlsCertificateName $TLSCertName
    Write-Host "Certificate set"
} catch {
    Write-Error "Error occurred when applying certificate to Exchange"
    throw
}
Remove-PSSession $Session
"""


def test_hybrid_install_hook_names_the_new_certificate_everywhere(mixed_lab: Path, runbook: Runbook) -> None:
    with Lab.open(mixed_lab) as lab:
        setup = lab.config("EX2019").internal_transport_thumbprint
    host = runbook(mixed_lab, HYBRID_HOOK, server="EX2019", plain=True)
    assert host.error_text == "", host.error_text
    with Lab.open(mixed_lab) as lab:
        wanted = "<I>CN=mail.fabrikam.com<S>CN=mail.fabrikam.com"
        connectors = {c.name: c.tls_certificate_name for c in lab.send_connectors()}
        assert connectors == {"Internet": None, "Outbound to Office 365": wanted}
        receive = {c.name: c.tls_certificate_name for c in lab.receive_connectors("EX2019")}
        assert receive["Default Frontend EX2019"] == wanted
        assert [name for name, value in receive.items() if value] == ["Default Frontend EX2019"]
        assert all(c.tls_certificate_name is None for c in lab.receive_connectors("EX2016"))
        hybrid = lab.hybrid_configuration()
        assert hybrid is not None and hybrid.tls_certificate_name == wanted
        # IIS and SMTP (forced) moved to the new certificate on the server the session was bound to.
        bound = lab.config("EX2019").iis_bindings()[0].thumbprint
        assert bound != setup and bound == lab.config("EX2019").internal_transport_thumbprint
        assert lab.config("EX2016").internal_transport_thumbprint != bound


SNAPIN_HOOK = r"""
Get-PSSnapin -Registered |
    Where-Object { $_.Name -match "Microsoft.Exchange.Management.PowerShell" -and ($_.Name -match "Admin" -or $_.Name -match "E2010" -or $_.Name -match "SnapIn") } |
    Add-PSSnapin -ErrorAction SilentlyContinue -PassThru | Write-Host
if ($null -eq (Get-Command "Enable-ExchangeCertificate" -ErrorAction SilentlyContinue)) { Write-Error "not installed"; return }
$cert = New-ExchangeCertificate -SubjectName "CN=mail.entrust.com" -DomainName mail.entrust.com -Services None
Enable-ExchangeCertificate -Services IIS -Thumbprint $cert.Thumbprint -Force
"""


def test_snap_in_discovery_hook_works_on_2007_and_2019(tmp_path: Path, mixed_lab: Path, runbook: Runbook) -> None:
    modern = runbook(mixed_lab, SNAPIN_HOOK, server="EX2019", plain=True)
    assert modern.error_text == ""
    entrust = tmp_path / "entrust"
    Lab.create(entrust, "entrust-2007").close()
    old = runbook(entrust, SNAPIN_HOOK, server="MAIL1", plain=True)
    assert old.error_text == ""
    for lab_path, server in ((mixed_lab, "EX2019"), (entrust, "MAIL1")):
        with Lab.open(lab_path) as lab:
            # IIS moved off setup's certificate (still the internal transport one) to the hook's.
            bound = lab.config(server).iis_bindings()[0].thumbprint
            assert bound is not None and bound != lab.config(server).internal_transport_thumbprint


REPORT = r"""
$rows = foreach ($server in Get-ExchangeServer | Where-Object { $_.IsE14OrLater }) {
    foreach ($cert in Get-ExchangeCertificate -Server $server.Name) {
        [pscustomobject]@{ Server = $server.Name; Version = "$($server.AdminDisplayVersion)"; Thumbprint = $cert.Thumbprint;
                           Services = $cert.ServicesStringForm; Days = ($cert.NotAfter - (Get-Date)).Days }
    }
}
$rows | ForEach-Object { "{0}|{1}|{2}" -f $_.Server, $_.Version, $_.Services }
"""


def test_report_across_servers_reads_each_servers_store(mixed_lab: Path, runbook: Runbook) -> None:
    host = runbook(mixed_lab, REPORT, server="EX2019")
    assert host.error_text == ""
    lines = host.text.splitlines()
    servers = {line.split("|")[0] for line in lines}
    assert servers == {"EX2010", "EX2016", "EX2019"}
    assert "EX2010|Version 14.3 (Build 123.4)|IP.WS.." in lines
    with Lab.open(mixed_lab) as lab:
        audited = {(r.server, r.command) for r in lab.audit.records(limit=10)}
    assert ("EX2019", "Get-ExchangeServer") in audited
