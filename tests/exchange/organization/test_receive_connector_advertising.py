"""Set-ReceiveConnector -AdvertiseClientSettings: what an ACME hook does after naming the client
connector's TLS certificate, so Outlook on the web shows POP/IMAP users the SMTP settings."""
from __future__ import annotations

from pathlib import Path

from exchange_sim.lab import Lab

from .conftest import Runbook

_HOOK = """
$new = New-ExchangeCertificate -SubjectName 'CN=mail.contoso.com' -DomainName mail.contoso.com -Services None
Enable-ExchangeCertificate -Thumbprint $new.Thumbprint -Services SMTP -Force
$name = "<I>$($new.Issuer)<S>$($new.Subject)"
Get-ReceiveConnector -Identity "EXCH01\\Client Frontend*" | Set-ReceiveConnector -TlsCertificateName $name
Get-ReceiveConnector -Identity "EXCH01\\Client Frontend*" | Set-ReceiveConnector -AdvertiseClientSettings $true
Get-ReceiveConnector | ForEach-Object { "$($_.Name)=$($_.AdvertiseClientSettings)" }
"""


def test_client_connector_is_advertised_and_the_others_stay_unadvertised(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, _HOOK)
    assert host.error_text == ""
    shown = dict(line.rsplit("=", 1) for line in host.text.splitlines() if "=" in line)
    assert shown.pop("Client Frontend EXCH01") == "True"
    assert set(shown.values()) == {"False"} and len(shown) == 4
    with Lab.open(contoso_lab) as lab:
        client = next(c for c in lab.receive_connectors("EXCH01") if c.name.startswith("Client Frontend"))
        assert client.advertise_client_settings is True
        assert client.tls_certificate_name == "<I>CN=mail.contoso.com<S>CN=mail.contoso.com"


def test_exchange_2007_has_no_advertise_client_settings(tmp_path: Path, runbook: Runbook) -> None:
    lab = tmp_path / "entrust"
    Lab.create(lab, "entrust-2007").close()
    host = runbook(lab, "Get-ReceiveConnector | Select-Object -First 1 | Set-ReceiveConnector -AdvertiseClientSettings $true")
    assert "A parameter cannot be found that matches parameter name 'AdvertiseClientSettings'." in host.error_text
