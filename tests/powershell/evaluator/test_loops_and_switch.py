"""`for`, `do…while`, `do…until`, `switch` and the `++`/`--` steps they lean on."""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell.host import BufferHost
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.session import Session


def _output(text: str) -> list[Any]:
    outcome = Session(EngineRegistry(), BufferHost()).run(text)
    assert not outcome.had_errors
    return outcome.output


def test_for_loop_runs_initializer_condition_and_iterator() -> None:
    assert _output("for ($i = 0; $i -lt 3; $i++) { \"n$i\" }") == ["n0", "n1", "n2"]


def test_for_loop_without_condition_runs_until_break() -> None:
    assert _output("for ($i = 0; ; $i += 2) { if ($i -gt 4) { break }; $i }") == [0, 2, 4]


def test_do_while_runs_body_before_testing() -> None:
    assert _output("$n = 10; do { $n } while ($n -lt 3)") == [10]


def test_do_until_repeats_until_condition_is_true() -> None:
    assert _output("$n = 0; do { $n++; $n } until ($n -ge 3)") == [1, 2, 3]


def test_continue_with_label_goes_to_next_outer_iteration() -> None:
    script = (":outer for ($i = 0; $i -lt 2; $i++) { for ($j = 0; $j -lt 3; $j++) {"
              " if ($j -eq 1) { continue outer }; \"$i$j\" } }")
    assert _output(script) == ["00", "10"]


def test_break_with_label_leaves_the_outer_loop() -> None:
    script = ":outer do { foreach ($x in 1, 2, 3) { if ($x -eq 2) { break outer }; $x } } while ($true)"
    assert _output(script) == [1]


def test_postfix_step_statement_writes_nothing_but_parenthesised_writes_old_value() -> None:
    assert _output("$i = 5; $i++; ($i++); $i; --$i; $i") == [6, 7, 6]


def test_assigned_postfix_step_keeps_value_before_the_change() -> None:
    assert _output("$i = 5; $j = $i++; $j, $i") == [5, 6]


def test_switch_runs_every_matching_clause_for_each_value() -> None:
    script = "switch (1, 2, 3) { 1 { 'one' } { $_ -gt 1 } { \"big $_\" } 3 { 'three' } }"
    assert _output(script) == ["one", "big 2", "big 3", "three"]


def test_switch_default_runs_only_when_no_clause_matched() -> None:
    assert _output("switch ('a', 'b') { 'a' { 'A' } default { \"other $_\" } }") == ["A", "other b"]


def test_switch_is_case_insensitive_unless_case_sensitive() -> None:
    assert _output("switch ('x') { 'X' { 'hit' } }") == ["hit"]
    assert _output("switch -CaseSensitive ('x') { 'X' { 'hit' } default { 'miss' } }") == ["miss"]


def test_switch_regex_sets_matches() -> None:
    assert _output("switch -Regex ('abc123') { '(\\d+)' { $Matches[1] } }") == ["123"]


def test_switch_wildcard_matches_patterns() -> None:
    assert _output("switch -Wildcard ('server01') { 'serv*' { 'wild' } '*02' { 'no' } }") == ["wild"]


def test_break_in_switch_ends_the_switch() -> None:
    assert _output("switch (1, 2, 3) { 2 { 'two'; break } default { $_ } }") == [1, "two"]


def test_continue_in_switch_skips_to_next_value() -> None:
    assert _output("switch (1, 2) { { $true } { \"a$_\"; continue } { $true } { \"b$_\" } }") == ["a1", "a2"]


def test_switch_over_empty_array_runs_no_clause() -> None:
    assert _output("switch (@()) { default { 'never' } }") == []


def test_switch_restores_dollar_underscore() -> None:
    assert _output("$_ = 'before'; switch (1) { 1 { } }; $_") == ["before"]


def test_break_in_switch_inside_loop_leaves_only_the_switch() -> None:
    assert _output("foreach ($x in 1, 2) { switch ($x) { 1 { break } }; \"after $x\" }") == ["after 1", "after 2"]


def test_switch_file_is_a_clear_error_not_a_traceback() -> None:
    host = BufferHost()
    outcome = Session(EngineRegistry(), host).run("switch -File 'C:\\x.txt' { default { $_ } }")
    assert outcome.had_errors and "SwitchStatementAst" in "".join(host.errors)
