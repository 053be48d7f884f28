"""New-ExchangeCertificate: declaration and the audited target call returning the new certificate."""
from __future__ import annotations

from pathlib import Path

from exchange_sim.exchange import register
from exchange_sim.exchange.new_certificate import NEW_EXCHANGE_CERTIFICATE
from exchange_sim.lab.organization import Lab
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.targets.new import NewCertificateRequest
from exchange_sim.targets.simulated import SimulatedTarget


def test_self_signed_certificate_is_the_default_set() -> None:
    registry = EngineRegistry()
    register(registry)
    assert registry.commands.resolve("New-ExchangeCertificate") is NEW_EXCHANGE_CERTIFICATE
    assert NEW_EXCHANGE_CERTIFICATE.default_parameter_set == "Certificate"


def test_new_self_signed_certificate_carrying_the_pop_imap_name_shows_imap_pop(tmp_path: Path) -> None:
    lab = Lab.create(tmp_path / "lab", "contoso")
    server = lab.servers()[0]
    _, made = SimulatedTarget(lab, server.name).new(NewCertificateRequest(None, (server.fqdn,), False), {})
    assert made.is_self_signed and str(made.status) == "Valid"
    assert made.ps_properties()["ServicesStringForm"].startswith("IP")
    assert lab.audit.records(limit=1)[0].command == "New-ExchangeCertificate"
