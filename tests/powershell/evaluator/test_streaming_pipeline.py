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
def test_terminating_error_in_a_later_stage_stops_the_earlier_ones() -> None:
    script = ("function Numbers { foreach ($n in 1..3) { Write-Host \"made $n\"; $n } }\n"
              "try { Numbers | ForEach-Object { if ($_ -eq 2) { throw 'two is too many' }; Write-Host \"used $_\" } }\n"
              "catch { Write-Host \"caught $_\" }")
    _, lines, _ = _run(script)
    assert lines == ["made 1", "used 1", "made 2", "caught two is too many"]


def test_statement_terminating_error_downstream_is_not_an_error_of_the_upstream_statement() -> None:
    # The upstream function's own statements would go on after an error of theirs; one from downstream
    # ends the whole pipeline statement, and the script goes on with the next statement.
    script = ("function Targets { Write-Host 'one'; [pscustomobject]@{A = 1}; Write-Host 'two'; 5\n"
              "  Write-Host 'three'; [pscustomobject]@{A = 3} }\n"
              "Targets | Add-Member -NotePropertyName B -NotePropertyValue 2 -PassThru | ForEach-Object { $_.B }\n"
              "Write-Host 'next statement'")
    output, lines, error = _run(script)
    assert lines == ["one", "2", "two", "next statement"]
    assert output == [2]
    assert error.count("Cannot add a member") == 1


def test_select_first_returns_at_once_from_a_billion_element_range() -> None:
    output, _, _ = _run("1..1e9 | Select-Object -First 2")
    assert output == [1, 2]


def test_select_first_stops_a_generator_function_with_an_endless_loop() -> None:
    script = "function Count-Up { $i = 0; while ($true) { $i++; Write-Host \"made $i\"; $i } }\nCount-Up | select -First 3"
    output, lines, _ = _run(script)
    assert output == [1, 2, 3]
    assert lines == ["made 1", "1", "made 2", "2", "made 3", "3"]


def test_select_first_stops_an_endless_foreach_object_block() -> None:
    output, _, _ = _run("$n = 0\n1 | ForEach-Object { while ($true) { $n++; $n * 10 } } | Select-Object -First 2")
    assert output == [10, 20]


def test_select_first_skips_the_end_blocks_upstream_and_runs_those_downstream() -> None:
    script = TRACED + "1..5 | Trace-First | Select-Object -First 1 | Trace-Second"
    _, lines, _ = _run(script)
    assert lines == ["begin 1", "begin 2", "process 1 1", "process 2 1", "end 2"]


def test_select_first_zero_writes_nothing_and_stops_at_once() -> None:
    output, _, _ = _run("1..1e9 | Select-Object -First 0")
    assert output == []


def test_foreach_object_hands_on_each_object_before_its_block_goes_on() -> None:
    _, lines, _ = _run("1..2 | ForEach-Object { 'a'; Write-Host \"between $_\"; 'b' } | ForEach-Object { Write-Host \"got $_\" }")
    assert lines == ["got a", "between 1", "got b", "got a", "between 2", "got b"]


def test_statements_of_a_function_stream_while_captures_inside_it_still_collect() -> None:
    script = ("function Make { $list = foreach ($n in 1..2) { Write-Host \"listing $n\"; $n }\n"
              "  Write-Host \"listed $($list.Count)\"; if ($true) { 'x'; Write-Host 'after x' }; $(Write-Host 'sub'; 'y') }\n"
              "Make | ForEach-Object { Write-Host \"got $_\" }")
    _, lines, _ = _run(script)
    assert lines == ["listing 1", "listing 2", "listed 2", "got x", "after x", "sub", "got y"]


class ConsoleOrder(BufferHost):
    """A BufferHost that also keeps the order in which output and error text reached the console."""

    def __init__(self) -> None:
        super().__init__()
        self.order: list[str] = []

    def write_output(self, text: str) -> None:
        super().write_output(text)
        self.order.extend(line for line in text.splitlines() if line.strip())

    def write_error(self, text: str) -> None:
        super().write_error(text)
        self.order.append("error: " + text.splitlines()[0])


def test_console_shows_each_value_between_the_non_terminating_errors_written_around_it() -> None:
    host = ConsoleOrder()
    Session(EngineRegistry().apply(builtins.register), host).run(
        "1..2 | ForEach-Object { $_; Write-Error \"failed $_\" }")
    assert [line if not line.startswith("error") else "error" for line in host.order] == ["1", "error", "2", "error"]
    assert "failed 1" in host.errors[0] and "failed 2" in host.errors[1]


def test_pipeline_variable_holds_the_object_its_command_wrote_for_later_commands() -> None:
    output, _, _ = _run("1..3 | ForEach-Object -PipelineVariable doubled { $_ * 2 } | ForEach-Object { \"$doubled/$_\" }")
    assert output == ["2/2", "4/4", "6/6"]


def test_pipeline_variable_of_an_advanced_function_is_seen_downstream() -> None:
    script = ("function Get-Thing { [CmdletBinding()] param() 'a'; 'b' }\n"
              "Get-Thing -PipelineVariable thing | ForEach-Object { \"$thing-$_\" }")
    output, _, _ = _run(script)
    assert output == ["a-a", "b-b"]


def test_out_variable_grows_while_the_pipeline_runs_and_keeps_everything_after() -> None:
    script = "1..3 | ForEach-Object -OutVariable seen { $_ } | ForEach-Object { $seen.Count }\n$seen -join ','"
    output, _, _ = _run(script)
    assert output == [1, 2, 3, "1,2,3"]


def test_tee_object_hands_each_object_on_and_fills_the_variable_at_the_end() -> None:
    script = "1..3 | Tee-Object -Variable teed | ForEach-Object { Write-Host \"teed $(@($teed).Count)\"; $_ + 10 }\n$teed"
    output, lines, _ = _run(script)
    assert output == [11, 12, 13, 1, 2, 3]
    assert lines[:2] == ["teed 0", "11"]


def test_script_block_invoked_with_ampersand_runs_begin_process_end_on_pipeline_input() -> None:
    output, _, _ = _run("1..3 | & { begin { 'b' } process { \"p$_\" } end { 'e' } }")
    assert output == ["b", "p1", "p2", "p3", "e"]


def test_script_block_without_process_block_sees_all_input_in_dollar_input() -> None:
    output, _, _ = _run("1..3 | & { @($input) -join ',' }")
    assert output == ["1,2,3"]


def test_script_block_invoked_with_ampersand_binds_its_param_block() -> None:
    output, _, _ = _run("$sb = { param($Name, [int]$Count = 2) \"$Name x $Count\" }\n& $sb -Name a\n& $sb b 3")
    assert output == ["a x 2", "b x 3"]
