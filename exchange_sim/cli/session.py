"""Builds the runspace the CLI commands use; the lead wires the lab and the Exchange cmdlets in here."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from exchange_sim.powershell.host import Host
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.session import Session


def open_session(host: Host, lab: Path | None = None, server: str | None = None,
                 mounts: Sequence[tuple[str, Path]] = ()) -> Session:
    """A session with the core cmdlets; `lab`, `server` and `mounts` are accepted for the lab wiring."""
    from exchange_sim.powershell import builtins

    registry = EngineRegistry().apply(builtins.register)
    return Session(registry, host)
