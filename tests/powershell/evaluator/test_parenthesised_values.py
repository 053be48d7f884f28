"""`( expression )` keeps the expression's value as it is; `( command )` collects what the command wrote."""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell.host import BufferHost
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.session import Session


def _output(text: str) -> list[Any]:
    outcome = Session(EngineRegistry(), BufferHost()).run(text)
    assert not outcome.had_errors
    return outcome.output


def test_split_of_one_piece_in_parentheses_indexes_the_piece_not_its_characters() -> None:
    # A report takes the CN out of a subject this way: ((($subject -split ",")[0]) -split "=")[1]
    assert _output('$subject = "CN=mail"; ((($subject -split ",")[0]) -split "=")[1]') == ["mail"]


def test_array_of_one_in_parentheses_stays_an_array() -> None:
    assert _output("(@('a')).Count; (,'b').GetType().FullName; (@('c'))[0]") == [1, "System.Object[]", "c"]


def test_command_output_of_one_object_in_parentheses_is_that_object() -> None:
    assert _output("function One { @('x') }; function Two { 'y'; 'z' }; (One).GetType().FullName; (Two).Count") == \
        ["System.String", 2]
