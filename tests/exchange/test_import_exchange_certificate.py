"""Import-ExchangeCertificate: declaration and a PFX moved to a second lab server keeps its thumbprint."""
from __future__ import annotations

from pathlib import Path

from exchange_sim.exchange import register
from exchange_sim.exchange.import_certificate import IMPORT_EXCHANGE_CERTIFICATE
from exchange_sim.lab.organization import Lab
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.targets.simulated import SimulatedTarget


def test_file_data_is_the_default_set_and_takes_pipeline_input() -> None:
    file_data = next(p for p in IMPORT_EXCHANGE_CERTIFICATE.parameters if p.name == "FileData")
    assert IMPORT_EXCHANGE_CERTIFICATE.default_parameter_set == "FileData"
    assert file_data.in_set("FileData").value_from_pipeline


def test_import_is_registered() -> None:
    registry = EngineRegistry()
    register(registry)
    assert registry.commands.resolve("Import-ExchangeCertificate") is IMPORT_EXCHANGE_CERTIFICATE


def test_pfx_restored_on_another_lab_has_the_same_thumbprint_and_a_private_key(tmp_path: Path) -> None:
    source = Lab.create(tmp_path / "source", "contoso")
    destination = Lab.create(tmp_path / "destination", "contoso")
    server = source.servers()[0].name
    with source.transaction():
        entry = next(e for e in source.store(server, "My").list() if e.has_private_key and e.exportable)
    thumbprint = str(entry.thumbprint).upper()
    pfx = SimulatedTarget(source, server).export(thumbprint, "P@ssw0rd", {}).data
    with destination.transaction():
        destination.store(destination.servers()[0].name, "My").remove(thumbprint)
    imported = SimulatedTarget(destination, destination.servers()[0].name).import_(pfx, "P@ssw0rd", False, None, {})
    assert imported.thumbprint == thumbprint
    assert imported.has_private_key and not imported.private_key_exportable
