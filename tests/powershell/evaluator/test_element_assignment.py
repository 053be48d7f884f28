"""Assignments to a member or an element (`$h.n = 1`, `$a[0] += 2`) change that object in place."""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell.host import BufferHost
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.session import Session


def _output(text: str) -> list[Any]:
    outcome = Session(EngineRegistry(), BufferHost()).run(text)
    assert not outcome.had_errors
    return outcome.output


def test_member_assignment_sets_hashtable_key() -> None:
    assert _output("$h = @{n = 1}; $h.n = 5; $h.n") == [5]


def test_compound_member_assignment_adds_to_current_value() -> None:
    assert _output("$h = @{n = 1}; $h.n += 2; $h.n") == [3]


def test_member_assignment_sets_custom_object_property() -> None:
    assert _output("$o = [pscustomobject]@{P = 1}; $o.P = 'x'; $o.P") == ["x"]


def test_index_assignment_replaces_array_element() -> None:
    assert _output("$a = 1, 2; $a[0] = 9; $a[1] *= 10; $a") == [9, 20]


def test_index_assignment_adds_hashtable_key() -> None:
    assert _output("$h = @{}; $h['k'] = 'v'; $h.k") == ["v"]


def test_member_assignment_on_null_is_property_not_found_error() -> None:
    host = BufferHost()
    outcome = Session(EngineRegistry(), host).run("$null.x = 1")
    assert outcome.had_errors and "The property 'x' cannot be found on this object." in "".join(host.errors)


def test_increment_of_member_and_element_changes_them_in_place() -> None:
    assert _output("$h = @{n = 1}; $h.n++; $a = 5, 6; --$a[1]; $h.n; $a[1]") == [2, 5]
