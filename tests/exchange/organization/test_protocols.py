"""Get/Set-PopSettings and -ImapSettings (Services follows X509CertificateName, §3),
Get/Set-TransportService and -TransportServer (InternalTransportCertificateThumbprint), hybrid."""
from __future__ import annotations

from pathlib import Path

from exchange_sim.lab import Lab

from .conftest import Runbook


def test_services_follow_the_imap_and_pop_certificate_name(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, """
        $cert = New-ExchangeCertificate -SubjectName "CN=mail.contoso.com" -DomainName mail.contoso.com -Services None
        Set-ImapSettings -X509CertificateName mail.contoso.com
        Set-PopSettings -Server EXCH01 -X509CertificateName mail.contoso.com
        (Get-ImapSettings).X509CertificateName
        (Get-PopSettings -Server EXCH01).X509CertificateName
        (Get-ExchangeCertificate $cert.Thumbprint).Services.ToString()
        (Get-ExchangeCertificate | Where-Object { $_.Subject -eq 'CN=EXCH01' }).ServicesStringForm
    """)
    printed = [line for line in host.text.splitlines() if line and not line.startswith("WARNING")]
    assert printed == ["mail.contoso.com", "mail.contoso.com", "IMAP, POP", "...WS.."]
    assert any("Changes to IMAP4 settings will only take effect after all Microsoft Exchange IMAP4 services are "
               "restarted on server EXCH01." in warning for warning in host.warnings)
    with Lab.open(contoso_lab) as lab:
        config = lab.config("EXCH01")
        assert (config.imap_certificate_name, config.pop_certificate_name) == ("mail.contoso.com",) * 2


def test_internal_transport_certificate_moves_with_set_transport_service(contoso_lab: Path, runbook: Runbook) -> None:
    with Lab.open(contoso_lab) as lab:
        setup = lab.config("EXCH01").internal_transport_thumbprint
    host = runbook(contoso_lab, """
        $cert = New-ExchangeCertificate -SubjectName "CN=smtp.contoso.com" -DomainName smtp.contoso.com -Services None
        $old = (Get-TransportService EXCH01).InternalTransportCertificateThumbprint
        Set-TransportService EXCH01 -InternalTransportCertificateThumbprint $cert.Thumbprint
        (Get-TransportService).InternalTransportCertificateThumbprint -eq $cert.Thumbprint
        Remove-ExchangeCertificate $old -Confirm:$false
        @(Get-ExchangeCertificate | Where-Object { $_.Thumbprint -eq $old }).Count -eq 0
    """)
    assert host.text.split() == ["True", "True"]
    with Lab.open(contoso_lab) as lab:
        current = lab.config("EXCH01").internal_transport_thumbprint
        # Once transport names another certificate, the setup one is no longer protected.
        assert current != setup and lab.store("EXCH01", "My").get(current) is not None
        assert lab.store("EXCH01", "My").get(setup) is None


def test_transport_thumbprint_must_name_a_certificate_of_the_server(contoso_lab: Path, runbook: Runbook) -> None:
    with Lab.open(contoso_lab) as lab:
        before = lab.config("EXCH01").internal_transport_thumbprint
    host = runbook(contoso_lab, "Set-TransportService EXCH01 -InternalTransportCertificateThumbprint "
                                "0123456789ABCDEF0123456789ABCDEF01234567")
    assert "wasn't found on server exch01.contoso.com" in host.error_text
    with Lab.open(contoso_lab) as lab:
        assert lab.config("EXCH01").internal_transport_thumbprint == before


def test_transport_server_is_the_old_name_and_warns_from_2016(mixed_lab: Path, runbook: Runbook) -> None:
    host = runbook(mixed_lab, "(Get-TransportServer).Name", server="EX2019")
    assert [line for line in host.text.splitlines() if line and not line.startswith("WARNING")] == \
        ["EX2010", "EX2016", "EX2019"]
    assert any("Use the Get-TransportService cmdlet instead" in warning for warning in host.warnings)
    old = runbook(mixed_lab, "Get-TransportService", server="EX2010")
    assert "The term 'Get-TransportService' is not recognized" in old.error_text


def test_hybrid_tls_certificate_name_is_set_in_the_lab(mixed_lab: Path, runbook: Runbook) -> None:
    host = runbook(mixed_lab, """
        $c = Get-ExchangeCertificate | Where-Object { $_.Subject -eq 'CN=EX2019' }
        Set-HybridConfiguration -TlsCertificateName "<I>$($c.Issuer)<S>$($c.Subject)"
        (Get-HybridConfiguration).TlsCertificateName
    """, server="EX2019")
    assert host.text.split() == ["<I>CN=EX2019<S>CN=EX2019"]
    with Lab.open(mixed_lab) as lab:
        hybrid = lab.hybrid_configuration()
    assert hybrid is not None and hybrid.tls_certificate_name == "<I>CN=EX2019<S>CN=EX2019"
    assert hybrid.on_premises_smart_host == "mail.fabrikam.com"


def test_hybrid_configuration_is_missing_where_the_wizard_never_ran(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, "Get-HybridConfiguration; Set-HybridConfiguration -OnPremisesSmartHost x.contoso.com")
    assert host.text.strip() == ""
    assert "object 'Hybrid Configuration' couldn't be found" in host.error_text
    with Lab.open(contoso_lab) as lab:
        assert lab.hybrid_configuration() is None
