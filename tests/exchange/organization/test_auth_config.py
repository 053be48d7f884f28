"""Get/Set-AuthConfig: the Auth-certificate rotation runbooks perform, checked in the lab's state."""
from __future__ import annotations

from pathlib import Path

import pytest

from exchange_sim.lab import Lab

from .conftest import Runbook

ROTATION = """
$new = New-ExchangeCertificate -KeySize 2048 -PrivateKeyExportable $true `
    -SubjectName "cn=Microsoft Exchange Server Auth Certificate" `
    -FriendlyName "Microsoft Exchange Server Auth Certificate" -DomainName @()
Set-AuthConfig -NewCertificateThumbprint $new.Thumbprint -NewCertificateEffectiveDate (Get-Date) -Force
$before = Get-AuthConfig
Set-AuthConfig -PublishCertificate
Set-AuthConfig -ClearPreviousCertificate
$after = Get-AuthConfig
"next=" + ($before.NextCertificateThumbprint -eq $new.Thumbprint)
"current=" + ($after.CurrentCertificateThumbprint -eq $new.Thumbprint)
"previous=[" + $after.PreviousCertificateThumbprint + "]"
"""


def test_rotation_makes_the_new_certificate_current_and_clears_the_previous(contoso_lab: Path, runbook: Runbook) -> None:
    with Lab.open(contoso_lab) as lab:
        old = lab.auth_config().current_thumbprint
        transport = lab.config("EXCH01").internal_transport_thumbprint
    # "N": keep the setup certificate as the default SMTP certificate, as the recipe says.
    host = runbook(contoso_lab, ROTATION, answers=("N",))
    assert host.error_text == ""
    assert host.text.split() == ["next=True", "current=True", "previous=[]"]
    with Lab.open(contoso_lab) as lab:
        config = lab.auth_config()
        assert config.current_thumbprint not in (None, old)
        assert config.previous_thumbprint is None and config.next_thumbprint is None
        assert lab.store("EXCH01", "My").get(config.current_thumbprint) is not None
        assert lab.config("EXCH01").internal_transport_thumbprint == transport
        assert sorted(r.command for r in lab.audit.records(limit=3)) == ["Get-AuthConfig", "Set-AuthConfig",
                                                                          "Set-AuthConfig"]


def test_publishing_keeps_the_old_current_as_previous(contoso_lab: Path, runbook: Runbook) -> None:
    with Lab.open(contoso_lab) as lab:
        old = lab.auth_config().current_thumbprint
    host = runbook(contoso_lab, ROTATION.split("Set-AuthConfig -ClearPreviousCertificate")[0], answers=("N",))
    assert host.error_text == ""
    with Lab.open(contoso_lab) as lab:
        assert lab.auth_config().previous_thumbprint == old


def test_effective_date_within_48_hours_asks_and_no_changes_nothing(contoso_lab: Path, runbook: Runbook) -> None:
    with Lab.open(contoso_lab) as lab:
        before = lab.auth_config()
        thumbprint = lab.config("EXCH01").internal_transport_thumbprint
    host = runbook(contoso_lab, f"Set-AuthConfig -NewCertificateThumbprint {thumbprint} "
                                "-NewCertificateEffectiveDate (Get-Date).AddHours(1)", answers=("N",))
    assert any("less than 48 hours" in prompt for prompt in host.prompts)
    with Lab.open(contoso_lab) as lab:
        assert lab.auth_config() == before


def test_effective_date_two_days_ahead_needs_no_confirmation(contoso_lab: Path, runbook: Runbook) -> None:
    with Lab.open(contoso_lab) as lab:
        thumbprint = lab.config("EXCH01").internal_transport_thumbprint
        now = lab.clock.now()
    host = runbook(contoso_lab, f"Set-AuthConfig -NewCertificateThumbprint {thumbprint.lower()} "
                                "-NewCertificateEffectiveDate (Get-Date).AddDays(3)")
    assert host.prompts == [] and host.error_text == ""
    with Lab.open(contoso_lab) as lab:
        config = lab.auth_config()
    assert config.next_thumbprint == thumbprint
    assert config.next_effective_date is not None and (config.next_effective_date.date() - now.date()).days == 3


def test_unknown_thumbprint_fails_and_leaves_the_configuration(contoso_lab: Path, runbook: Runbook) -> None:
    with Lab.open(contoso_lab) as lab:
        before = lab.auth_config()
    host = runbook(contoso_lab, "Set-AuthConfig -CertificateThumbprint 0123456789ABCDEF0123456789ABCDEF01234567; 'next'")
    assert "0123456789ABCDEF0123456789ABCDEF01234567 wasn't found on server exch01.contoso.com" in host.error_text
    with Lab.open(contoso_lab) as lab:
        assert lab.auth_config() == before
        assert lab.audit.records(limit=1)[0].outcome == "Failed"


def test_publish_without_a_next_certificate_is_refused(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, "Set-AuthConfig -PublishCertificate")
    assert "The next certificate isn't configured" in host.error_text


def test_whatif_changes_nothing(contoso_lab: Path, runbook: Runbook) -> None:
    with Lab.open(contoso_lab) as lab:
        before = lab.auth_config()
        thumbprint = lab.config("EXCH01").internal_transport_thumbprint
    runbook(contoso_lab, f"Set-AuthConfig -CertificateThumbprint {thumbprint} -WhatIf")
    with Lab.open(contoso_lab) as lab:
        assert lab.auth_config() == before
