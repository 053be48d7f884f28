"""Errors escalated by Stop are script-terminating (powershell-language.md §errors): the run ends, exit 1."""

from __future__ import annotations

from exchange_sim.powershell import builtins
from exchange_sim.powershell.host import BufferHost
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.session import Session


def _run(script: str) -> tuple[list[object], int, str]:
    host = BufferHost()
    session = Session(EngineRegistry().apply(builtins.register), host)
    outcome = session.run(script)
    return outcome.output, outcome.exit_code, host.error_text


def test_error_action_preference_stop_ends_the_script_at_the_first_error() -> None:
    output, code, errors = _run("$ErrorActionPreference = 'Stop'\nWrite-Error 'first'\n'after'")
    assert output == []
    assert code == 1
    assert errors.startswith("first")


def test_error_action_stop_on_a_command_ends_the_script_outside_try() -> None:
    output, code, _ = _run("Write-Error 'x' -ErrorAction Stop\n'after'")
    assert (output, code) == ([], 1)


def test_error_action_stop_inside_a_function_unwinds_through_the_caller() -> None:
    output, code, _ = _run("function f { Write-Error 'inner' -ErrorAction Stop; 'not' }\nf\n'after'")
    assert (output, code) == ([], 1)


def test_stop_preference_escalates_statement_terminating_errors() -> None:
    output, code, _ = _run("$ErrorActionPreference = 'Stop'\n[int]::Parse('x')\n'after'")
    assert (output, code) == ([], 1)


def test_statement_terminating_error_without_stop_lets_the_script_go_on() -> None:
    output, code, _ = _run("[int]::Parse('x')\n'after'")
    assert output == ["after"]
    assert code == 0


def test_stop_error_is_still_caught_by_try_catch() -> None:
    output, code, _ = _run("$ErrorActionPreference = 'Stop'\ntry { Write-Error 'x'; 'no' } catch { \"caught $_\" }\n'after'")
    assert output == ["caught x", "after"]
    assert code == 0
