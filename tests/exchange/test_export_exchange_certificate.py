"""Export-ExchangeCertificate: version-gated file parameters and the audited target call."""
from __future__ import annotations

from pathlib import Path

from exchange_sim.exchange import register
from exchange_sim.exchange.export_certificate import EXPORT_EXCHANGE_CERTIFICATE
from exchange_sim.lab.organization import Lab
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.targets.simulated import SimulatedTarget


def parameter(name: str):
    return next(p for p in EXPORT_EXCHANGE_CERTIFICATE.parameters if p.name == name)


def test_path_exists_only_in_2007_and_file_name_not_in_se() -> None:
    assert parameter("Path").versions == ("2007",)
    assert "SE" not in (parameter("FileName").versions or ())


def test_export_is_registered() -> None:
    registry = EngineRegistry()
    register(registry)
    assert registry.commands.resolve("export-exchangecertificate") is EXPORT_EXCHANGE_CERTIFICATE


def test_export_through_the_target_is_audited_without_the_password(tmp_path: Path) -> None:
    lab = Lab.create(tmp_path / "lab", "contoso")
    server = lab.servers()[0]
    with lab.transaction():
        exportable = [e for e in lab.store(server.name, "My").list() if e.has_private_key and e.exportable]
    thumbprint = str(exportable[0].thumbprint)
    exported = SimulatedTarget(lab, server.name).export(thumbprint, "Secret-Pw1", {"Thumbprint": thumbprint, "Password": "********"})
    assert exported.data[:1] == b"\x30"
    record = lab.audit.records(limit=1)[0]
    assert record.outcome == "Completed" and "Secret-Pw1" not in str(record)
