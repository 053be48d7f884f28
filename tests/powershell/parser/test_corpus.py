"""The corpora: every construct parses; every broken script fails where PowerShell says it fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from exchange_sim.cli.parse import read_script
from exchange_sim.powershell.parser import parse

CORPUS = Path(__file__).parent / "corpus"
GOOD = sorted((CORPUS / "good").glob("*.ps1"))
BAD = sorted((CORPUS / "bad").glob("*.ps1"))
RUNBOOKS = sorted((CORPUS / "runbooks").glob("*.ps1"))


def test_corpus_has_one_script_per_construct() -> None:
    assert len(GOOD) >= 60
    assert len(BAD) >= 20
    assert len(RUNBOOKS) >= 4


@pytest.mark.parametrize("script", GOOD + RUNBOOKS, ids=lambda p: p.stem)
def test_valid_script_parses_without_errors(script: Path) -> None:
    result = parse(read_script(script), str(script))
    assert result.errors == ()
    assert result.ast is not None


@pytest.mark.parametrize("script", BAD, ids=lambda p: p.stem)
def test_broken_script_reports_powershells_first_error(script: Path) -> None:
    expected = script.with_suffix(".expected").read_text(encoding="utf-8").strip()
    result = parse(read_script(script), str(script))
    assert result.ast is None
    assert result.errors, "a broken script must not parse"
    assert str(result.errors[0]) == expected
