"""`trap`, `data { }`, `[ref]`, typed variables, scopes (global/script/local/private) and the
`$foreach`/`$input` enumerators, run through a real session."""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell.host import BufferHost
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.session import RunOutcome, Session


def _run(text: str) -> tuple[RunOutcome, BufferHost]:
    host = BufferHost()
    return Session(EngineRegistry(), host).run(text), host


def _output(text: str) -> list[Any]:
    outcome, host = _run(text)
    assert not host.errors, host.errors
    return outcome.output


def test_trap_continue_resumes_after_the_failing_statement_without_display() -> None:
    outcome, host = _run('trap { "trapped: $_"; continue }\n1\nthrow "boom"\n2')
    assert outcome.output == [1, "trapped: boom", 2]
    assert not host.errors


def test_trap_without_keyword_displays_the_error_and_resumes() -> None:
    outcome, host = _run('trap { "seen" }\n[int]::Parse("x")\n"next"')
    assert outcome.output == ["seen", "next"]
    assert "Input string was not in a correct format." in "".join(host.errors)


def test_trap_covers_statements_before_it_and_an_error_below_ends_that_statement() -> None:
    script = ('foreach ($i in 1..3) { if ($i -eq 2) { throw "two" }; $i }\n'
              '"next"\ntrap { "t"; continue }')
    assert _output(script) == [1, "t", "next"]


def test_trap_in_a_loop_body_resumes_inside_the_loop() -> None:
    script = 'foreach ($i in 1..3) { trap { "t"; continue }; if ($i -eq 2) { throw "two" }; $i }'
    assert _output(script) == [1, "t", 2, 3]  # the failing statement of its list is the `if`


def test_typed_trap_handles_only_matching_exceptions() -> None:
    script = ('trap [System.FormatException] { "format"; continue }\n'
              'trap [System.DivideByZeroException] { "zero"; continue }\n'
              '[int]::Parse("x"); 1 / 0; "end"')
    assert _output(script) == ["format", "zero", "end"]


def test_trap_break_ends_its_scope_and_the_caller_trap_sees_the_error() -> None:
    script = ('function inner { trap { "inner"; break }; 1; throw "x"; 2 }\n'
              'trap { "outer $_"; continue }\ninner\n"after"')
    assert _output(script) == [1, "inner", "outer x", "after"]


def test_error_in_function_without_trap_ends_the_function_and_is_trapped_at_the_call() -> None:
    script = 'function f { "a"; throw "bad"; "b" }\ntrap { continue }\nf\n"after"'
    assert _output(script) == ["a", "after"]


def test_catch_inside_try_wins_over_an_outer_trap() -> None:
    assert _output('trap { "trap"; continue }\ntry { throw "x" } catch { "catch" }') == ["catch"]


def test_trapped_errors_are_recorded_in_error() -> None:
    assert _output('trap { continue }\nthrow "first"\n$Error[0].Exception.Message') == ["first"]


def test_data_section_assigns_its_output_to_the_named_variable() -> None:
    assert _output("data texts { @{ Greeting = 'hello' } }\n$texts.Greeting") == ["hello"]


def test_data_section_refuses_other_variables_and_runs_nothing() -> None:
    outcome, host = _run('data { "x"; $env:TEMP }')
    assert outcome.output == []
    assert "Variables that can be referenced include the following: $PSCulture" in "".join(host.errors)


def test_data_section_refuses_commands_not_supported() -> None:
    _, host = _run("data { Get-Date }")
    assert "The command 'Get-Date' is not allowed in restricted language mode or a Data section." in "".join(host.errors)


def test_ref_cast_assignment_boxes_the_value() -> None:
    assert _output("[ref]$r = 1\n$r.Value\n$r.GetType().FullName") == [1, "System.Management.Automation.PSReference"]


def test_ref_to_a_variable_writes_back_through_value() -> None:
    assert _output("$x = 1\n$r = [ref]$x\n$r.Value = 5\n$x") == [5]


def test_ref_parameter_lets_a_function_change_the_callers_variable() -> None:
    assert _output("function Set-It([ref]$target) { $target.Value = 'set' }\n$v = 'old'\nSet-It ([ref]$v)\n$v") == ["set"]


def test_typed_variable_keeps_converting_on_later_assignment() -> None:
    assert _output('[int]$n = "5"\n$n = "7"\n$n.GetType().Name\n$n + 1') == ["Int32", 8]


def test_typed_variable_refuses_a_value_it_cannot_convert() -> None:
    outcome, host = _run('[int]$n = 1\n$n = "abc"\n$n')
    assert outcome.output == [1]
    assert 'Cannot convert value "abc" to type "System.Int32"' in "".join(host.errors)


def test_function_assignment_stays_local_and_global_prefix_reaches_the_global_scope() -> None:
    assert _output("$x = 1\nfunction f { $x = 2; $global:g = 3; $x }\nf\n$x\n$g") == [2, 1, 3]


def test_private_variable_is_hidden_from_called_functions() -> None:
    script = 'function inner { "p=$p" }\nfunction outer { $private:p = 1; "own=$p"; inner }\nouter'
    assert _output(script) == ["own=1", "p="]


def test_local_prefix_reads_only_the_current_scope() -> None:
    assert _output('$x = 1\nfunction f { "[$local:x]" }\nf') == ["[]"]


def test_dot_sourced_script_block_runs_in_the_current_scope() -> None:
    assert _output("$x = 1\n. { $x = 2 }\n$x\n& { $x = 3 }\n$x") == [2, 2]


def test_foreach_variable_is_the_loop_enumerator() -> None:
    assert _output("foreach ($i in 1..5) { $i; if ($i -eq 2) { [void]$foreach.MoveNext() } }") == [1, 2, 4, 5]


def test_input_is_an_enumerator_in_a_simple_function() -> None:
    script = "function f { $input.MoveNext() | Out-Null; $input.Current; foreach ($i in $input) { $i * 10 } }\n1, 2, 3 | f"
    outcome, _ = _run(script)
    assert outcome.output == [1, 20, 30]


def test_switch_variable_lets_a_clause_consume_the_next_value() -> None:
    script = ('switch ("-name", "mail", "-flag", "other") { "-name" { [void]$switch.MoveNext(); '
              '"name=$($switch.Current)" } "-flag" { "flag" } default { "rest $_" } }')
    assert _output(script) == ["name=mail", "flag", "rest other"]


def test_script_level_myinvocation_names_the_script_file() -> None:
    outcome = Session(EngineRegistry(), BufferHost()).run(
        "$MyInvocation.MyCommand.Name\n$MyInvocation.MyCommand.Path", file="C:\\Scripts\\renew.ps1")
    assert outcome.output == ["renew.ps1", "C:\\Scripts\\renew.ps1"]


def test_function_defined_in_a_child_scope_is_gone_when_the_scope_ends() -> None:
    outcome, host = _run("& { function Get-Local { 'local' }; Get-Local }\n"
                         "function Get-Outer { function Get-Inner { 'inner' }; Get-Inner }\nGet-Outer\n"
                         "Get-Local\nGet-Inner\n'after'")
    assert outcome.output == ["local", "inner", "after"]
    errors = "".join(host.errors)
    assert "The term 'Get-Local' is not recognized" in errors and "The term 'Get-Inner' is not recognized" in errors


def test_function_global_prefix_defines_the_bare_name_in_the_global_scope() -> None:
    assert _output("& { function global:Get-Kept { 'kept' } }\nGet-Kept\n"
                   "function script:Get-Script { 'script' }\nGet-Script") == ["kept", "script"]


def test_function_sees_the_functions_of_its_callers_scopes() -> None:
    assert _output("function Use-Helper { Get-Helper }\n"
                   "& { function Get-Helper { 'from the caller' }; Use-Helper }") == ["from the caller"]
