"""What a command downstream in a pipeline receives: nothing from upstream means its process block never runs."""

from __future__ import annotations

from exchange_sim.powershell import builtins
from exchange_sim.powershell.host import BufferHost
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.session import Session

RECEIVER = "function Take { param([Parameter(Mandatory, ValueFromPipeline)]$Value) process { \"took $Value\" } }\n"


def _run(script: str) -> tuple[list[object], str]:
    host = BufferHost()
    outcome = Session(EngineRegistry().apply(builtins.register), host).run(script)
    return outcome.output, host.error_text


def test_empty_upstream_runs_no_process_block_of_foreach_object() -> None:
    assert _run("@() | ForEach-Object { 'x' }") == ([], "")


def test_empty_upstream_does_not_report_a_missing_mandatory_pipeline_parameter() -> None:
    assert _run(RECEIVER + "@() | Take\n'after'") == (["after"], "")


def test_upstream_command_that_writes_nothing_runs_no_process_block() -> None:
    assert _run(RECEIVER + "Get-ChildItem Variable:NoSuchThing* -ErrorAction SilentlyContinue | Take") == ([], "")


def test_null_variable_sends_one_null_object_down_the_pipeline() -> None:
    output, _ = _run("$null | ForEach-Object { 'one' }")
    assert output == ["one"]


def test_empty_parenthesised_pipeline_sends_nothing() -> None:
    output, _ = _run("(@() | Where-Object { $_ }) | ForEach-Object { 'none' }")
    assert output == []


def test_first_command_without_input_still_runs_its_process_block_once() -> None:
    output, _ = _run("function P { process { 'p' } }\nP")
    assert output == ["p"]
