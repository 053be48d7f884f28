"""Typed and validated variables stay constrained (issue 4): `[int]$x`, a function's `[int]$n` parameter and
its [ValidateSet]/[ValidateRange]/[ValidateNotNullOrEmpty] attributes apply to every later assignment, with
PowerShell 5.1's ArgumentTransformationMetadataException / ValidationMetadataException records."""

from __future__ import annotations

from exchange_sim.powershell.session import RunOutcome

from .core_session import run_core

CANNOT_CONVERT = 'Cannot convert value "abc" to type "System.Int32". Error: "Input string was not in a correct format."'


def _run(text: str) -> tuple[RunOutcome, str]:
    outcome, host = run_core(text)
    return outcome, "".join(host.errors)


def test_typed_parameter_converts_later_assignments_inside_the_function() -> None:
    outcome, errors = _run('function f([int]$n) { $n = "5"; $n.GetType().Name }\nf 3')
    assert outcome.output == ["Int32"] and not errors


def test_typed_variable_refuses_a_value_it_cannot_convert_and_keeps_its_value() -> None:
    outcome, errors = _run('[int]$x = 1\n$x = "abc"\n"after $x"\n$x = "7"\n$x.GetType().Name')
    assert outcome.output == ["after 1", "Int32"]
    assert CANNOT_CONVERT in errors
    assert "MetadataError: (:) [], ArgumentTransformationMetadataException" in errors
    assert "FullyQualifiedErrorId : RuntimeException" in errors


def test_typed_declaration_of_an_unconvertible_value_fails_the_same_way() -> None:
    outcome, errors = _run('[int]$x = "abc"\n$null -eq $x')
    assert outcome.output == [True]
    assert CANNOT_CONVERT in errors and "ArgumentTransformationMetadataException" in errors


def test_typed_parameter_refuses_an_unconvertible_assignment_with_the_metadata_error() -> None:
    outcome, errors = _run('function f([int]$n) { $n = "abc"; "n=$n" }\nf 3')
    assert outcome.output == ["n=3"]
    assert CANNOT_CONVERT in errors and "ArgumentTransformationMetadataException" in errors


def test_string_array_variable_keeps_an_array_of_strings() -> None:
    outcome, errors = _run('[string[]]$a = 1\n$a.GetType().Name\n$a.Count\n$a[0].GetType().Name\n'
                           '$a += 5\n$a.GetType().FullName\n$a[1].GetType().Name')
    assert outcome.output == ["String[]", 1, "String", "System.String[]", "String"] and not errors


def test_a_write_in_a_child_scope_makes_a_new_unconstrained_variable() -> None:
    outcome, errors = _run('[int]$x = 1\nfunction f { $x = "abc"; $x }\nf\n$x')
    assert outcome.output == ["abc", 1] and not errors


def test_validate_set_parameter_is_rechecked_on_assignment() -> None:
    outcome, errors = _run('function g { param([ValidateSet("a","b")][string]$s) $s = "c"; "after $s"; '
                           '$s = "B"; "now $s" }\ng a')
    assert outcome.output == ["after a", "now B"]
    assert "The variable cannot be validated because the value c is not a valid value for the s variable." in errors
    assert "MetadataError: (:) [], ValidationMetadataException" in errors
    assert "FullyQualifiedErrorId : ValidateSetFailure" in errors


def test_validate_range_parameter_is_rechecked_on_assignment() -> None:
    outcome, errors = _run('function g { param([ValidateRange(1,5)][int]$n) $n = 9; $n; $n = "4"; $n }\ng 2')
    assert outcome.output == [2, 4]
    assert "The variable cannot be validated because the value 9 is not a valid value for the n variable." in errors


def test_validate_not_null_or_empty_is_rechecked_on_assignment_but_not_on_the_unbound_default() -> None:
    outcome, errors = _run('function g { param([ValidateNotNullOrEmpty()][string]$s) "[$s]"; $s = ""; "<$s>" }\n'
                           'g x')
    assert outcome.output == ["[x]", "<x>"]
    assert "because the value  is not a valid value for the s variable." in errors
    outcome, errors = _run('function g { param([ValidateNotNullOrEmpty()][string]$s) "[$s]" }\ng')
    assert outcome.output == ["[]"] and not errors


def test_validate_script_parameter_is_rechecked_on_assignment() -> None:
    outcome, errors = _run('function g { param([ValidateScript({$_ -gt 0})][int]$n) $n = -1; $n }\ng 1')
    assert outcome.output == [1]
    assert "ValidationMetadataException" in errors


def test_attributed_variable_declaration_validates_now_and_later() -> None:
    outcome, errors = _run('[ValidateRange(1,5)][int]$x = 3\n$x = 9\n"x=$x"\n[ValidateSet("a")]$y = "b"\n'
                           '$null -eq $y')
    assert outcome.output == ["x=3", True]
    assert errors.count("ValidationMetadataException") == 2


def test_switch_parameter_assigned_inside_stays_a_switch() -> None:
    outcome, errors = _run('function h { param([switch]$Force) $Force = $true; $Force.IsPresent; '
                           '$Force.GetType().Name }\nh')
    assert outcome.output == [True, "SwitchParameter"] and not errors


def test_pipeline_bound_typed_parameter_is_assignable_per_object() -> None:
    outcome, errors = _run('function k { [CmdletBinding()] param([Parameter(ValueFromPipeline)][int]$n) '
                           'process { $n = $n * 2; $n } }\n1, 2 | k')
    assert outcome.output == [2, 4] and not errors


def test_a_refused_assignment_ends_the_statement_and_try_catches_it() -> None:
    outcome, errors = _run('[int]$x = 1\ntry { $x = "abc"; "not here" } '
                           'catch [System.Management.Automation.ArgumentTransformationMetadataException] { "caught" }')
    assert outcome.output == ["caught"] and not errors
