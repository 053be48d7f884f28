"""Set-StrictMode (1, 2, Latest, Off) and its effects, Invoke-Expression in the caller's scope, the
variable cmdlets' -Scope and -Verbose/$VerbosePreference, through a session with the core cmdlets."""

from __future__ import annotations

from exchange_sim.powershell.session import RunOutcome

from .core_session import run_core


def _run(text: str) -> tuple[RunOutcome, str]:
    outcome, host = run_core(text)
    return outcome, "".join(host.errors)


def test_strict_mode_latest_is_accepted_and_unset_variable_fails() -> None:
    outcome, errors = _run("Set-StrictMode -Version Latest\n$nope\n'next'")
    assert outcome.output == ["next"]
    assert "The variable '$nope' cannot be retrieved because it has not been set." in errors
    assert "VariableIsUndefined" in errors


def test_strict_mode_1_still_expands_unset_variables_in_strings_but_2_does_not() -> None:
    outcome, errors = _run('Set-StrictMode -Version 1\n"[$nope]"')
    assert outcome.output == ["[]"] and not errors
    outcome, errors = _run('Set-StrictMode -Version 2\n"[$nope]"')
    assert outcome.output == [] and "VariableIsUndefined" in errors


def test_strict_mode_2_refuses_missing_properties_but_not_missing_hashtable_keys() -> None:
    outcome, errors = _run("Set-StrictMode -Version 2\n$s = 'text'\n$s.Month\n$s.Length\n@{a = 1}.b -eq $null")
    assert outcome.output == [4, True]
    assert "The property 'Month' cannot be found on this object. Verify that the property exists." in errors
    assert "PropertyNotFoundStrict" in errors


def test_strict_mode_2_refuses_method_call_syntax_for_commands() -> None:
    script = "function add($a, $b) { $a + $b }\nSet-StrictMode -Version 2\nadd(3, 4)\nadd 3 4\nWrite-Output('one')"
    outcome, errors = _run(script)
    assert outcome.output == [7, "one"]  # a single value in parentheses is not method-call syntax
    assert "StrictModeFunctionCallWithParens" in errors


def test_strict_mode_3_refuses_indexes_past_the_end() -> None:
    outcome, errors = _run("$a = 1, 2\n$a[5] -eq $null\nSet-StrictMode -Version 3\n$a[5]")
    assert outcome.output == [True]
    assert "Index was outside the bounds of the array." in errors


def test_strict_mode_off_restores_the_default() -> None:
    outcome, errors = _run("Set-StrictMode -Version 2\nSet-StrictMode -Off\n$nope -eq $null")
    assert outcome.output == [True] and not errors


def test_strict_mode_refuses_an_unknown_version() -> None:
    _, errors = _run("Set-StrictMode -Version 7")
    assert "Specify one of the versions 1.0, 2.0, 3.0 or Latest." in errors


def test_invoke_expression_runs_in_the_callers_scope() -> None:
    outcome, errors = _run("Invoke-Expression '$made = 2 * 21'\n$made\niex 'Get-Date -Year 2020 | % Year'")
    assert outcome.output == [42, 2020] and not errors


def test_invoke_expression_with_a_syntax_error_reports_the_parse_error() -> None:
    outcome, errors = _run("iex '1 +'\n'after'")
    assert outcome.output == ["after"]
    assert "You must provide a value expression following the '+' operator." in errors
    assert "ExpectedValueExpression" in errors


def test_set_variable_scope_global_and_parent_number_reach_outer_scopes() -> None:
    script = ("function f { Set-Variable g 1 -Scope Global; Set-Variable p 2 -Scope 1; Set-Variable l 3 }\n"
              "f\n$g\n$p\n$l -eq $null")
    outcome, errors = _run(script)
    assert outcome.output == [1, 2, True] and not errors


def test_write_verbose_follows_the_verbose_preference() -> None:
    _, host = run_core("Write-Verbose 'quiet'\n$VerbosePreference = 'Continue'\nWrite-Verbose 'loud'")
    assert host.verbose == ["loud"]


def test_strict_mode_set_in_a_function_does_not_reach_its_caller() -> None:
    outcome, errors = _run('function Set-Strict { Set-StrictMode -Version 2; $x = $undefinedInside; "inside" }\n'
                           'Set-Strict\n"caller [$undefinedOutside]"\n$null -eq $undefinedToo')
    assert outcome.output == ["inside", "caller []", True]
    assert errors.count("VariableIsUndefined") == 1 and "$undefinedInside" in errors


def test_strict_mode_of_a_scope_applies_to_the_functions_it_calls() -> None:
    outcome, errors = _run('function Read-Missing { $y = $undefinedInChild; "child done" }\n'
                           '& { Set-StrictMode -Version 1; Read-Missing }\nRead-Missing')
    assert outcome.output == ["child done", "child done"]
    assert errors.count("VariableIsUndefined") == 1 and "$undefinedInChild" in errors


def test_strict_mode_off_in_a_function_leaves_the_callers_strict_mode_on() -> None:
    outcome, errors = _run('Set-StrictMode -Version 2\nfunction Relax { Set-StrictMode -Off; [string]$loose }\n'
                           'Relax\n$strictAgain')
    assert outcome.output == [""]
    assert errors.count("VariableIsUndefined") == 1 and "$strictAgain" in errors
