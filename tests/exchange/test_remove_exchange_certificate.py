"""Remove-ExchangeCertificate: ConfirmImpact High declaration and a refused removal changes nothing."""
from __future__ import annotations

from pathlib import Path

import pytest

from exchange_sim.exchange import register
from exchange_sim.exchange.remove_certificate import REMOVE_EXCHANGE_CERTIFICATE
from exchange_sim.lab.organization import Lab
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.targets.failures import CertificateFailure
from exchange_sim.targets.simulated import SimulatedTarget


def test_remove_prompts_by_default_with_confirm_impact_high() -> None:
    assert REMOVE_EXCHANGE_CERTIFICATE.supports_should_process
    assert REMOVE_EXCHANGE_CERTIFICATE.confirm_impact == "High"


def test_remove_is_registered() -> None:
    registry = EngineRegistry()
    register(registry)
    assert registry.commands.resolve("Remove-ExchangeCertificate") is REMOVE_EXCHANGE_CERTIFICATE


def test_refused_removal_leaves_the_lab_database_as_it_was(tmp_path: Path) -> None:
    lab = Lab.create(tmp_path / "lab", "contoso")
    server = lab.servers()[0]
    target = SimulatedTarget(lab, server.name)
    with lab.transaction():
        transport = str(lab.config(server.name).internal_transport_thumbprint)
        before = [e.thumbprint for e in lab.store(server.name, "My").list()]
    with pytest.raises(CertificateFailure):
        target.remove(transport, {"Thumbprint": transport})
    with lab.transaction():
        assert [e.thumbprint for e in lab.store(server.name, "My").list()] == before
    assert lab.audit.records(limit=1)[0].outcome == "Failed"
