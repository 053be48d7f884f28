"""Enable-ExchangeCertificate: declaration and the target's prompt facts and audited call."""
from __future__ import annotations

from pathlib import Path

from exchange_sim.exchange import register
from exchange_sim.exchange.enable_certificate import ENABLE_EXCHANGE_CERTIFICATE
from exchange_sim.lab.organization import Lab
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.targets.enable import EnableChoices
from exchange_sim.targets.services import AllowedServices
from exchange_sim.targets.simulated import SimulatedTarget


def test_services_parameter_converts_to_the_allowed_services_enum() -> None:
    services = next(p for p in ENABLE_EXCHANGE_CERTIFICATE.parameters if p.name == "Services")
    registry = EngineRegistry()
    register(registry)
    assert registry.types.resolve(services.type_name).py_class is AllowedServices
    assert registry.commands.resolve("Enable-ExchangeCertificate") is ENABLE_EXCHANGE_CERTIFICATE


def test_smtp_on_another_certificate_would_replace_the_internal_transport_certificate(tmp_path: Path) -> None:
    lab = Lab.create(tmp_path / "lab", "contoso")
    server = lab.servers()[0].name
    target = SimulatedTarget(lab, server)
    with lab.transaction():
        transport = str(lab.config(server).internal_transport_thumbprint).upper()
        other = next(str(e.thumbprint).upper() for e in lab.store(server, "My").list() if str(e.thumbprint).upper() != transport)
    replaced, _ = target.prompts_for_enable(other)
    assert replaced == transport
    target.enable(other, AllowedServices.SMTP, EnableChoices(replace_internal_transport=True, require_ssl=True), {})
    with lab.transaction():
        assert str(lab.config(server).internal_transport_thumbprint).upper() == other
    assert lab.audit.records(limit=1)[0].outcome == "Completed"
