"""Labs shared by the lab tests: created once per session (RSA key generation is slow)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from exchange_sim.lab import Lab


@pytest.fixture(scope="session")
def contoso_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("templates") / "contoso"
    Lab.create(path, fixture="contoso").close()
    return path


@pytest.fixture(scope="session")
def entrust_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("templates") / "entrust"
    Lab.create(path, fixture="entrust-2007").close()
    return path


@pytest.fixture(scope="session")
def contoso(contoso_template: Path) -> Iterator[Lab]:
    """Read-only tests share this lab; tests that change a lab use `contoso_copy`."""
    lab = Lab.open(contoso_template)
    yield lab
    lab.close()


@pytest.fixture(scope="session")
def entrust(entrust_template: Path) -> Iterator[Lab]:
    lab = Lab.open(entrust_template)
    yield lab
    lab.close()


@pytest.fixture
def contoso_copy(contoso_template: Path, tmp_path: Path) -> Iterator[Lab]:
    path = tmp_path / "lab"
    shutil.copytree(contoso_template, path)
    lab = Lab.open(path)
    yield lab
    lab.close()
