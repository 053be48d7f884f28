"""Get-ExchangeCertificate: declaration (§4.1) and the simulated target's audited lookup."""
from __future__ import annotations

from pathlib import Path

import pytest

from exchange_sim.exchange import register
from exchange_sim.exchange.get_certificate import GET_EXCHANGE_CERTIFICATE
from exchange_sim.lab.organization import Lab
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.targets.failures import CertificateFailure
from exchange_sim.targets.simulated import SimulatedTarget


@pytest.fixture(scope="module")
def contoso(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    return Lab.create(Path(tmp_path_factory.mktemp("contoso-get-cmdlet")) / "lab", "contoso")


def test_bare_value_binds_to_thumbprint_not_identity() -> None:
    thumbprint = GET_EXCHANGE_CERTIFICATE.parameters[0]
    assert thumbprint.name == "Thumbprint" and thumbprint.in_set("Thumbprint").position == 0
    assert GET_EXCHANGE_CERTIFICATE.default_parameter_set == "Thumbprint"


def test_identity_is_gated_to_2013_and_later() -> None:
    identity = next(p for p in GET_EXCHANGE_CERTIFICATE.parameters if p.name == "Identity")
    assert identity.versions is not None and "2010" not in identity.versions and "2013" in identity.versions


def test_register_adds_get_exchange_certificate_to_the_command_table() -> None:
    registry = EngineRegistry()
    register(registry)
    assert registry.commands.resolve("get-exchangecertificate") is GET_EXCHANGE_CERTIFICATE


def test_spaced_mmc_thumbprint_finds_the_certificate_and_the_call_is_audited(contoso: Lab) -> None:
    target = SimulatedTarget(contoso, contoso.servers()[0].name)
    first = target.get(None, (), {})[0]
    spaced = " ".join(first.thumbprint[i:i + 2] for i in range(0, 40, 2)).lower()
    found = target.get(spaced, (), {"Thumbprint": spaced})
    assert [c.thumbprint for c in found] == [first.thumbprint]
    assert contoso.audit.records(limit=1)[0].outcome == "Completed"


def test_failed_lookup_is_audited_as_failed(contoso: Lab) -> None:
    target = SimulatedTarget(contoso, contoso.servers()[0].name)
    with pytest.raises(CertificateFailure):
        target.get("AB" * 20, (), {"Thumbprint": "AB" * 20})
    assert contoso.audit.records(limit=1)[0].outcome == "Failed"


def test_select_first_one_stops_the_listing_after_the_first_certificate(lab_shell) -> None:
    shell = lab_shell("contoso")
    everything = shell.run("Get-ExchangeCertificate")
    first = shell.run("Get-ExchangeCertificate | Select-Object -First 1")
    assert len(everything) > 1 and len(first) == 1
    assert first[0].thumbprint == everything[0].thumbprint
    assert shell.run("(Get-ExchangeCertificate | select -First 1 | ForEach-Object { $_.Thumbprint })") == [
        everything[0].thumbprint]
