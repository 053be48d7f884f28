"""The pipeline streams as PowerShell's does: each object goes through all later commands before the
next one is produced; begin blocks run first, end blocks once the input is exhausted."""

from __future__ import annotations

from exchange_sim.powershell import builtins
from exchange_sim.powershell.host import BufferHost
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.session import Session

TRACED = """
function Trace-First { begin { Write-Host 'begin 1' } process { Write-Host "process 1 $_"; $_ } end { Write-Host 'end 1'; 'from end 1' } }
function Trace-Second { begin { Write-Host 'begin 2' } process { Write-Host "process 2 $_" } end { Write-Host 'end 2' } }
"""


def _run(script: str) -> tuple[list[object], list[str], str]:
    host = BufferHost()
    outcome = Session(EngineRegistry().apply(builtins.register), host).run(script)
    lines = [line for line in host.text.splitlines() if line.strip()]
    return outcome.output, lines, host.error_text


def test_foreach_object_stages_interleave_one_object_at_a_time() -> None:
    _, lines, _ = _run('1..3 | ForEach-Object { Write-Host "A$_"; $_ } | ForEach-Object { Write-Host "B$_" }')
    assert lines == ["A1", "B1", "A2", "B2", "A3", "B3"]


def test_functions_run_all_begins_then_each_object_through_both_then_ends_left_to_right() -> None:
    _, lines, _ = _run(TRACED + "'a', 'b' | Trace-First | Trace-Second")
    assert lines == ["begin 1", "begin 2", "process 1 a", "process 2 a", "process 1 b", "process 2 b",
                     "end 1", "process 2 from end 1", "end 2"]


def test_object_written_in_a_begin_block_waits_for_the_next_command_to_begin() -> None:
    script = TRACED + "function Early { begin { Write-Host 'early begin'; 'x' } }\nEarly | Trace-Second"
    _, lines, _ = _run(script)
    assert lines == ["early begin", "begin 2", "process 2 x", "end 2"]


def test_simple_function_sees_all_its_input_in_dollar_input_at_the_end() -> None:
    script = ("function Count-Input { Write-Host 'counting'; @($input).Count }\n"
              "1..4 | ForEach-Object { Write-Host \"sent $_\"; $_ } | Count-Input")
    output, lines, _ = _run(script)
    assert (output, lines) == ([4], ["sent 1", "sent 2", "sent 3", "sent 4", "counting", "4"])


def test_downstream_script_block_assigns_in_the_callers_scope_while_a_function_writes() -> None:
    script = "function Numbers { 1; 2; 3 }\n$sum = 0\nNumbers | ForEach-Object { $sum += $_ }\n$sum"
    output, _, _ = _run(script)
    assert output == [6]
