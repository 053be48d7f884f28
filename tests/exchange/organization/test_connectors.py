"""Get/Set-SendConnector and Get/Set-ReceiveConnector: TlsCertificateName in `<I>issuer<S>subject`
form, stored in the lab and read by Remove-ExchangeCertificate's refusal."""
from __future__ import annotations

from pathlib import Path

from exchange_sim.lab import Lab

from .conftest import Runbook

NEW_CERTIFICATE = """
$cert = New-ExchangeCertificate -SubjectName "CN=mail.contoso.com" -DomainName mail.contoso.com -Services None
$name = "<I>$($cert.Issuer)<S>$($cert.Subject)"
"""


def test_tls_certificate_name_is_stored_and_blocks_removal_until_cleared(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, NEW_CERTIFICATE + """
        Set-SendConnector -Identity Internet -TlsCertificateName $name -RequireTLS $true
        (Get-SendConnector Internet).TlsCertificateName
        try { Remove-ExchangeCertificate -Thumbprint $cert.Thumbprint -Confirm:$false -ErrorAction Stop }
        catch { "refused: " + $_.Exception.Message }
        Set-SendConnector Internet -TlsCertificateName $null
        Remove-ExchangeCertificate -Thumbprint $cert.Thumbprint -Confirm:$false
        "removed"
    """)
    lines = host.text.splitlines()
    assert lines[0] == "<I>CN=mail.contoso.com<S>CN=mail.contoso.com"
    assert lines[1].startswith("refused: ") and "tagged with following Send Connectors" in lines[1] \
        and "Internet" in lines[1]
    assert lines[2] == "removed"
    with Lab.open(contoso_lab) as lab:
        internet = next(c for c in lab.send_connectors() if c.name == "Internet")
        assert internet.tls_certificate_name is None and internet.require_tls
        assert not [e for e in lab.store("EXCH01", "My").list() if "mail.contoso.com" in e.friendly_name + str(e.request_subject)]


def test_connector_objects_pipe_into_set(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, NEW_CERTIFICATE + """
        Get-SendConnector | Set-SendConnector -TlsCertificateName $name
        Get-ReceiveConnector | Where-Object { $_.Name -like 'Default Frontend*' } | Set-ReceiveConnector -TlsCertificateName $name
        (Get-ReceiveConnector -Server EXCH01 | Where-Object TlsCertificateName).Identity
    """)
    assert host.error_text == ""
    assert host.text.split("\n")[0] == "EXCH01\\Default Frontend EXCH01"
    with Lab.open(contoso_lab) as lab:
        named = {c.name: c.tls_certificate_name for c in lab.receive_connectors("EXCH01")}
        assert named["Default Frontend EXCH01"] == "<I>CN=mail.contoso.com<S>CN=mail.contoso.com"
        assert named["Default EXCH01"] is None
        assert lab.send_connectors()[0].tls_certificate_name == "<I>CN=mail.contoso.com<S>CN=mail.contoso.com"


def test_a_name_without_issuer_and_subject_is_rejected_and_changes_nothing(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, "Set-SendConnector Internet -TlsCertificateName mail.contoso.com")
    assert "Cannot process argument transformation on parameter 'TlsCertificateName'" in host.error_text
    assert "Microsoft.Exchange.Data.SmtpX509Identifier" in host.error_text
    with Lab.open(contoso_lab) as lab:
        assert lab.send_connectors()[0].tls_certificate_name is None


def test_unknown_connector_fails_as_not_found(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, "Set-SendConnector Nowhere -RequireTLS $true")
    assert "object 'Nowhere' couldn't be found" in host.error_text
    with Lab.open(contoso_lab) as lab:
        assert lab.audit.records(limit=1)[0].outcome == "Failed"


def test_receive_connectors_default_to_the_local_server(mixed_lab: Path, runbook: Runbook) -> None:
    host = runbook(mixed_lab, "(Get-ReceiveConnector).Identity; '--'; (Get-ReceiveConnector -Server EX2010).Name",
                   server="EX2016")
    local, other = host.text.split("--\n")
    assert all(line.startswith("EX2016\\") for line in local.splitlines())
    assert other.split("\n")[:2] == ["Default EX2010", "Client EX2010"]
