"""A real session (parser, evaluator, values layer) with the core cmdlets registered, for the evaluator tests."""

from __future__ import annotations

from exchange_sim.powershell.builtins import register
from exchange_sim.powershell.host import BufferHost
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.session import RunOutcome, Session


def run_core(text: str, answers: list[str] | None = None) -> tuple[RunOutcome, BufferHost]:
    """Runs `text` in a fresh session; the outcome and the host (its output, errors and prompts)."""
    registry = EngineRegistry()
    register(registry)
    host = BufferHost(answers=list(answers or []))
    return Session(registry, host).run(text), host
