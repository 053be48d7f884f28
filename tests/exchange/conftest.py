"""A lab shell for the cmdlet tests: a copy of a fixture lab (made once per session) and the session
`exchange-sim run` would open on one of its servers."""
from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from exchange_sim.cli.session import open_session
from exchange_sim.lab import Lab
from exchange_sim.powershell.host import BufferHost
from exchange_sim.powershell.session import Session


@dataclass
class LabShell:
    lab: Lab
    session: Session
    host: BufferHost

    def run(self, text: str) -> list[Any]:
        """The objects the text outputs (errors go to host.errors)."""
        return list(self.session.run(text).output)

    @property
    def errors(self) -> str:
        return self.host.error_text

    def on(self, server: str, answers: tuple[str, ...] = ()) -> LabShell:
        """A second shell on another server of the same lab."""
        host = BufferHost(answers=answers)
        return LabShell(self.lab, open_session(host, lab=self.lab, server=server), host)


@pytest.fixture(scope="session")
def lab_templates(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    made: dict[str, Path] = {}

    def template(fixture: str) -> Path:
        if fixture not in made:
            path = tmp_path_factory.mktemp("exchange-templates") / fixture
            Lab.create(path, fixture=fixture).close()
            made[fixture] = path
        return made[fixture]

    return template


@pytest.fixture
def lab_shell(lab_templates: Callable[[str], Path], tmp_path: Path) -> Iterator[Callable[..., LabShell]]:
    """`lab_shell("contoso")` or `lab_shell("entrust-2007", server="MAIL2", answers=["Y"])`."""
    opened: list[Lab] = []

    def shell(fixture: str = "contoso", server: str | None = None, answers: tuple[str, ...] = ()) -> LabShell:
        path = tmp_path / f"{fixture}-{len(opened)}"
        if not path.exists():
            shutil.copytree(lab_templates(fixture), path)
        lab = Lab.open(path)
        opened.append(lab)
        host = BufferHost(answers=answers)
        return LabShell(lab, open_session(host, lab=lab, server=server), host)

    yield shell
    for lab in opened:
        lab.close()
