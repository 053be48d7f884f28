"""Select-String in a real session: pipeline input settles the Object parameter set; MatchInfo's view."""

from __future__ import annotations

from builtins_session import run  # noqa: F401 - pytest fixture


def test_piped_text_binds_input_object_in_the_object_set_not_the_default_file_set(run) -> None:
    ran = run("'a1','b2','c1' | Select-String 1 | ForEach-Object { $_.Line }")
    assert ran.output == ["a1", "c1"]


def test_piped_match_info_prints_as_its_line(run) -> None:
    ran = run("'a1','b2' | Select-String b | Out-String")
    assert [line.strip() for line in ran.output[0].splitlines() if line.strip()] == ["b2"]
