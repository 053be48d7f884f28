from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from exchange_sim.cli.session import open_session
from exchange_sim.lab import Lab
from exchange_sim.powershell.host import BufferHost
from exchange_sim.powershell.session import Session


@pytest.fixture(scope="session")
def pristine_lab_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pristine") / "lab"
    Lab.create(path, "contoso").close()
    return path


@pytest.fixture
def lab(pristine_lab_dir: Path, tmp_path: Path) -> Iterator[Lab]:
    # A copy per test: tests write files and change stores.
    target = tmp_path / "lab"
    shutil.copytree(pristine_lab_dir, target)
    opened = Lab.open(target)
    yield opened
    opened.close()


@dataclass
class Shell:
    """A session on the lab's first server as `exchange-sim run` opens it; `run` keeps its location."""

    session: Session
    host: BufferHost

    def run(self, text: str) -> list[Any]:
        self.host.output.clear()
        self.host.errors.clear()
        return list(self.session.run(text).output)

    @property
    def errors(self) -> str:
        return self.host.error_text


@pytest.fixture
def shell(lab: Lab) -> Callable[..., Shell]:
    def open_shell(mounts: Sequence[tuple[str, Path]] = (), answers: Sequence[str] = ()) -> Shell:
        host = BufferHost(answers=list(answers))
        return Shell(open_session(host, lab=lab.path, mounts=mounts), host)

    return open_shell


@dataclass(frozen=True)
class RunbookResult:
    exit_code: int
    stdout: str
    stderr: str


RunRunbook = Callable[..., RunbookResult]


@pytest.fixture
def run_runbook(lab: Lab, tmp_path: Path) -> RunRunbook:
    """Runs a script file on the test's lab exactly as `exchange-sim run --lab DIR FILE` does."""
    from typer.testing import CliRunner

    from exchange_sim.cli.app import build_app

    def run(text: str, *options: str) -> RunbookResult:
        script = tmp_path / "runbook.ps1"
        script.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(build_app(), ["run", "--lab", str(lab.path), *options, str(script)])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return RunbookResult(result.exit_code, result.stdout, result.stderr)

    return run
