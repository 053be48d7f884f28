"""Labs for the organisation cmdlets' runbooks: made once per test session, copied per test."""
from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from exchange_sim.cli.session import open_session
from exchange_sim.lab import Lab
from exchange_sim.powershell.host import BufferHost

MIXED = Path(__file__).with_name("mixed.toml")


@pytest.fixture(scope="session")
def mixed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("organization") / "mixed"
    Lab.create(path, MIXED).close()
    return path


@pytest.fixture(scope="session")
def contoso_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("organization") / "contoso"
    Lab.create(path, "contoso").close()
    return path


@pytest.fixture
def mixed_lab(mixed_template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "mixed"
    shutil.copytree(mixed_template, copy)
    return copy


@pytest.fixture
def contoso_lab(contoso_template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "contoso"
    shutil.copytree(contoso_template, copy)
    return copy


Runbook = Callable[..., BufferHost]


@pytest.fixture
def runbook() -> Runbook:
    """Runs a script as `exchange-sim run` does (EMS session on a lab server); returns what it printed."""

    def run(lab: Path, script: str, server: str | None = None, answers: tuple[str, ...] = (),
            plain: bool = False) -> BufferHost:
        host = BufferHost(answers=answers)
        session = open_session(host, lab=lab, server=server, plain=plain)
        session.run(script)
        return host

    return run
