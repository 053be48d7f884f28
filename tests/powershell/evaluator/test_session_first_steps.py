"""A session runs expressions and pipelines of declared cmdlets, printing what is not captured."""

from __future__ import annotations

from exchange_sim.powershell.commands import (
    Cmdlet,
    CommandDeclaration,
    ParameterDeclaration,
    ParameterSetEntry,
)
from exchange_sim.powershell.host import BufferHost
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.session import CommandCall, Session


class _Greet(Cmdlet):
    def process(self, ctx) -> None:  # type: ignore[no-untyped-def]
        name = ctx.bound["Name"]
        ctx.write_object(f"HELLO {name}" if ctx.bound.get("Loud") else f"hello {name}")


GREET = CommandDeclaration(
    "Get-Greeting",
    (
        ParameterDeclaration("Name", "string", (ParameterSetEntry(mandatory=True, position=0),)),
        ParameterDeclaration("Loud", "switch"),
        ParameterDeclaration("Count", "int"),
    ),
    _Greet,
)


def _session() -> tuple[Session, BufferHost]:
    registry = EngineRegistry()
    registry.commands.register(GREET)
    host = BufferHost()
    return Session(registry, host), host


def test_arithmetic_is_printed() -> None:
    session, host = _session()
    outcome = session.run("1+1")
    assert outcome.output == [2] and outcome.exit_code == 0
    assert host.text.strip() == "2"


def test_arrays_unroll_into_pipeline() -> None:
    session, _ = _session()
    assert session.run("1,2,3").output == [1, 2, 3]


def test_dollar_null_assignment_discards_output() -> None:
    session, host = _session()
    outcome = session.run("$null = 5\n$null")
    assert outcome.output == [] and host.text == ""


def test_variable_assignment_then_use() -> None:
    session, _ = _session()
    assert session.run("$x = 4\n$x * 2").output == [8]


def test_positional_and_switch_arguments_bind() -> None:
    session, _ = _session()
    assert session.run("Get-Greeting world -Loud").output == ["HELLO world"]
    assert session.run("Get-Greeting -Name world -Loud:$false").output == ["hello world"]


def test_positional_parameter_not_found_names_the_argument() -> None:
    session, host = _session()
    outcome = session.run("Get-Greeting a ?SubjectName")
    assert outcome.had_errors
    assert "A positional parameter cannot be found that accepts argument '?SubjectName'." in host.error_text


def test_missing_mandatory_fails_when_non_interactive() -> None:
    session, host = _session()
    session.run("Get-Greeting -Loud")
    assert "Cannot process command because of one or more missing mandatory parameters: Name." in host.error_text


def test_unknown_command_is_reported_not_raised() -> None:
    session, host = _session()
    outcome = session.run("Get-Nothing")
    assert outcome.had_errors
    assert "The term 'Get-Nothing' is not recognized" in host.error_text


def test_parse_error_gives_exit_1_and_runs_nothing() -> None:
    session, host = _session()
    outcome = session.run("Get-Greeting x\n(1 + ")
    assert outcome.exit_code == 1 and outcome.output == []
    assert host.error_text


def test_structured_call_binds_like_a_script() -> None:
    session, _ = _session()
    outcome = session.invoke([CommandCall("Get-Greeting", [("Name", "psrp")])])
    assert outcome.output == ["hello psrp"]


class _Echo(Cmdlet):
    def process(self, ctx) -> None:  # type: ignore[no-untyped-def]
        ctx.write_object(f"{ctx.bound.get('Name')}:{ctx.bound.get('Count')}")


ECHO = CommandDeclaration(
    "Show-Item",
    (
        ParameterDeclaration("Name", "string", (ParameterSetEntry(mandatory=True, value_from_pipeline_by_property_name=True),)),
        ParameterDeclaration("Count", "int", (ParameterSetEntry(value_from_pipeline_by_property_name=True),)),
    ),
    _Echo,
)

TAKE = CommandDeclaration(
    "Use-Number",
    (ParameterDeclaration("Value", "int", (ParameterSetEntry(mandatory=True, value_from_pipeline=True),)),),
    _Echo,
)


def test_pipeline_binds_by_property_name() -> None:
    session, _ = _session()
    session.registry.commands.register(ECHO)
    outcome = session.run("Get-Greeting x | Show-Item")
    # A string has only Length, so nothing binds: reported, not dropped silently.
    assert outcome.had_errors
    structured = session.invoke([CommandCall("Show-Item")], input=[_Named("web", 2)])
    assert structured.output == ["web:2"]


def test_pipeline_binds_by_value_once_per_object() -> None:
    session, _ = _session()
    session.registry.commands.register(TAKE)

    class _Value(Cmdlet):
        def process(self, ctx) -> None:  # type: ignore[no-untyped-def]
            ctx.write_object(ctx.bound["Value"] * 10)

    session.registry.commands.register(CommandDeclaration("Use-Number", TAKE.parameters, _Value))
    assert session.run("1,'2',3 | Use-Number").output == [10, 20, 30]


class _Named:
    ps_type_names = ("Lab.Named", "System.Object")

    def __init__(self, name: str, count: int) -> None:
        self._name, self._count = name, count

    def ps_properties(self) -> dict[str, object]:
        return {"Name": self._name, "Count": self._count}


def test_exit_code_of_run_file_is_exit_n() -> None:
    session, _ = _session()
    outcome = session.run("1\nexit 7\n2")
    assert outcome.exit_code == 7 and outcome.output == [1]


def test_terminating_error_gives_exit_1() -> None:
    session, host = _session()
    outcome = session.run("1\nthrow 'stop here'\n2")
    assert outcome.exit_code == 1 and outcome.output == [1]
    assert host.error_text.startswith("stop here")
    assert "FullyQualifiedErrorId : stop here" in host.error_text


def test_statement_terminating_error_lets_the_script_go_on() -> None:
    session, _ = _session()
    outcome = session.run("1/0\n'after'")
    assert outcome.output == ["after"] and outcome.had_errors and outcome.exit_code == 0


def test_if_elseif_else_picks_the_first_true_clause() -> None:
    session, _ = _session()
    assert session.run("$n = 2\nif ($n -eq 1) { 'one' } elseif ($n -eq 2) { 'two' } else { 'many' }").output == ["two"]
    assert session.run("if ($false) { 'x' } else { 'else' }").output == ["else"]


def test_double_quoted_string_expands_variables_and_subexpressions() -> None:
    session, _ = _session()
    assert session.run('$n = 3\n"n=$n twice=$($n * 2)"').output == ["n=3 twice=6"]


def test_pscustomobject_cast_binds_by_property_name() -> None:
    session, _ = _session()
    session.registry.commands.register(ECHO)
    outcome = session.run("[pscustomobject]@{Name='a'; Count='3'} | Show-Item")
    assert outcome.output == ["a:3"]


def test_member_access_reads_a_property() -> None:
    session, _ = _session()
    assert session.run("$h = @{Key = 'v'}\n$h.key\n'abc'.Length").output == ["v", 3]


def test_core_cmdlets_run_script_blocks_with_dollar_under() -> None:
    from exchange_sim.powershell import builtins

    registry = EngineRegistry().apply(builtins.register)
    session = Session(registry, BufferHost())
    assert session.run("1,2,3,4 | Where-Object { $_ -gt 2 }").output == [3, 4]
    assert session.run("1,2 | ForEach-Object { $_ * 10 }").output == [10, 20]
    assert session.run("$_ = 'kept'\n5 | ForEach-Object { $_ }\n$_").output == [5, "kept"]


def test_foreach_with_break_and_continue() -> None:
    session, _ = _session()
    script = "foreach ($i in 1,2,3,4,5) { if ($i -eq 2) { continue }; if ($i -eq 4) { break }; $i }"
    assert session.run(script).output == [1, 3]


def test_labeled_break_leaves_the_outer_loop() -> None:
    session, _ = _session()
    script = ":outer foreach ($a in 1,2) { foreach ($b in 1,2) { if ($b -eq 2) { break outer }; \"$a$b\" } }"
    assert session.run(script).output == ["11"]


def test_typed_catch_matches_by_inheritance_and_finally_runs() -> None:
    session, _ = _session()
    script = (
        "try { 1/0 } catch [System.InvalidOperationException] { 'wrong' } "
        "catch [System.Management.Automation.RuntimeException] { 'caught: ' + $_.Exception.Message } "
        "finally { 'finally' }"
    )
    assert session.run(script).output == ["caught: Attempted to divide by zero.", "finally"]


def test_throw_is_caught_and_the_script_goes_on() -> None:
    session, _ = _session()
    outcome = session.run("try { throw 'oops' } catch { \"got $_\" }\n'next'")
    assert outcome.output == ["got oops", "next"] and outcome.exit_code == 0


def test_uncaught_type_rethrows_past_the_catch() -> None:
    session, host = _session()
    outcome = session.run("try { throw 'x' } catch [System.IO.FileNotFoundException] { 'no' }\n'next'")
    assert outcome.exit_code == 1 and outcome.output == []


def test_output_before_an_error_in_try_is_kept() -> None:
    session, _ = _session()
    assert session.run("try { 'a'; 1/0; 'never' } catch { 'b' }").output == ["a", "b"]


def test_statement_error_in_a_block_outside_try_continues_the_block() -> None:
    session, _ = _session()
    outcome = session.run("if ($true) { 1/0; 'after' }")
    assert outcome.output == ["after"] and outcome.had_errors


def test_function_binds_named_and_positional_and_returns() -> None:
    session, _ = _session()
    script = (
        "function Add-Two { param([int]$A, [int]$B = 10) return $A + $B; 'never' }\n"
        "Add-Two 1 2\nAdd-Two -B 5 -A 1\nAdd-Two 3"
    )
    assert session.run(script).output == [3, 6, 13]


def test_simple_function_puts_extra_args_in_dollar_args() -> None:
    session, _ = _session()
    assert session.run("function f { $args.Count }\nf a b c").output == [3]


def test_function_variables_do_not_leak_to_the_caller() -> None:
    session, _ = _session()
    assert session.run("$x = 1\nfunction g { $x = 2; $x }\ng\n$x").output == [2, 1]


def test_return_at_script_level_ends_the_script_normally() -> None:
    session, _ = _session()
    outcome = session.run("'a'\nreturn 'b'\n'c'")
    assert outcome.output == ["a", "b"] and outcome.exit_code == 0


def _core() -> tuple[Session, BufferHost]:
    from exchange_sim.powershell import builtins

    host = BufferHost()
    return Session(EngineRegistry().apply(builtins.register), host), host


def test_non_terminating_error_does_not_enter_catch_without_stop() -> None:
    session, host = _core()
    outcome = session.run("try { Write-Error 'soft'; 'after' } catch { 'caught' }")
    assert outcome.output == ["after"]
    assert "soft" in host.error_text


def test_error_action_stop_makes_write_error_catchable() -> None:
    session, _ = _core()
    assert session.run("try { Write-Error 'hard' -ErrorAction Stop; 'no' } catch { \"caught $_\" }").output == [
        "caught hard"]


def test_silently_continue_hides_the_error_but_records_it() -> None:
    session, host = _core()
    outcome = session.run("Write-Error 'quiet' -ea SilentlyContinue -ErrorVariable +ev\n$ev.Count\n$Error.Count")
    assert outcome.output == [1, 1] and host.error_text == ""


def test_error_action_preference_stop_applies_without_parameter() -> None:
    session, _ = _core()
    script = "$ErrorActionPreference = 'Stop'\ntry { Write-Error 'pref'; 'no' } catch { 'caught' }"
    assert session.run(script).output == ["caught"]


def test_methods_indexes_and_static_members() -> None:
    session, _ = _session()
    script = "'abc'.ToUpper()\n(1,2,3)[-1]\n[math]::Max(2, 5)\n[int]::MaxValue"
    assert session.run(script).output == ["ABC", 3, 5, 2147483647]


def test_method_on_null_is_a_clear_error() -> None:
    session, host = _session()
    outcome = session.run("$nothing.Trim()")
    assert outcome.had_errors
    assert "You cannot call a method on a null-valued expression." in host.error_text


def test_compound_assignment_adds_to_arrays_and_numbers() -> None:
    session, _ = _session()
    assert session.run("$n = 1\n$n += 2\n$n\n$list = @()\n$list += 'a'\n$list += 'b'\n$list.Count").output == [3, 2]


def test_script_scope_write_from_function_survives_the_call() -> None:
    session, _ = _session()
    script = "$count = 0\nfunction bump { $script:count += 1 }\nbump\nbump\n$count"
    assert session.run(script).output == [2]


def test_match_sets_dollar_matches() -> None:
    session, _ = _session()
    assert session.run("'CN=web01' -match 'CN=(?<host>\\w+)'\n$Matches.host").output == [True, "web01"]


def test_redirect_to_null_discards_output_and_hides_errors() -> None:
    session, host = _core()
    outcome = session.run("'gone' > $null\nWrite-Error 'hidden' 2>$null\n$Error.Count")
    assert outcome.output == [1] and host.error_text == ""


def test_splatting_hashtable_binds_named() -> None:
    session, _ = _session()
    script = "$p = @{ Name = 'splat'; Loud = $true }\nGet-Greeting @p"
    assert session.run(script).output == ["HELLO splat"]


def test_splatting_array_binds_positionally_to_functions() -> None:
    session, _ = _session()
    script = "function f { param($A, $B) \"$A-$B\" }\n$list = 'x', 'y'\nf @list\n$h = @{B = 2}\nf 1 @h"
    assert session.run(script).output == ["x-y", "1-2"]


def test_automatic_variables_version_table_and_question_mark() -> None:
    session, _ = _session()
    outcome = session.run("$PSVersionTable.PSEdition\n1/0\n$?\n'ok'\n$?")
    assert outcome.output == ["Desktop", False, "ok", True]


def test_script_root_and_command_path_follow_the_file() -> None:
    session, _ = _session()
    assert session.run("$PSScriptRoot\n$PSCommandPath", file="/runbooks/renew.ps1").output == [
        "/runbooks", "/runbooks/renew.ps1"]


def test_call_operator_runs_a_scriptblock_in_a_child_scope_and_dot_in_the_current() -> None:
    session, _ = _session()
    script = "$v = 1\n$sb = { $v = 5; $args[0] }\n& $sb 'arg'\n$v\n. $sb 'dot'\n$v\n& 'Get-Greeting' x"
    assert session.run(script).output == ["arg", 1, "dot", 5, "hello x"]
