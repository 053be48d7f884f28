from __future__ import annotations

import shutil
from collections.abc import Iterator
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
