from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from exchange_sim.lab import Lab


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
