"""A real session (parser, evaluator, values layer) with the core cmdlets registered.

The session tests are skipped while the evaluator's `session`/`host`/`registry` modules are absent
from the tree, and run for real as soon as they land.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import pytest


@dataclass
class Ran:
    output: list[Any]
    host: Any
    outcome: Any


@pytest.fixture
def run() -> Callable[..., Ran]:
    session_module = pytest.importorskip("exchange_sim.powershell.session")
    host_module = pytest.importorskip("exchange_sim.powershell.host")
    registry_module = pytest.importorskip("exchange_sim.powershell.registry")
    from exchange_sim.powershell.builtins import register

    def run_script(text: str, answers: list[str] | None = None) -> Ran:
        registry = registry_module.EngineRegistry()
        register(registry)
        host = host_module.BufferHost(answers=list(answers or []))
        session = session_module.Session(registry, host)
        outcome = session.run(text)
        return Ran(list(outcome.output), host, outcome)

    return run_script
