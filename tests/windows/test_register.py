from __future__ import annotations

import pytest

from exchange_sim.lab import Lab

registry_module = pytest.importorskip("exchange_sim.powershell.registry", reason="EngineRegistry has not landed yet")


def test_register_makes_the_lab_types_and_machine_available(lab: Lab) -> None:
    from exchange_sim.windows import LabMachine, register

    registry = registry_module.EngineRegistry()
    register(registry, lab, "EXCH01")
    assert registry.types.resolve("Net.Dns").full_name == "System.Net.Dns"
    assert isinstance(registry.extensions["windows.machine"], LabMachine)
