"""Functions bind through the cmdlet binder; advanced functions get $PSCmdlet, ShouldProcess and common
parameters (reference §7.1, §7.4, §7.7)."""

from __future__ import annotations

from exchange_sim.powershell.builtins import register
from exchange_sim.powershell.commands import Cmdlet, CommandDeclaration, ParameterDeclaration, ParameterSetEntry
from exchange_sim.powershell.host import BufferHost
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.session import RunOutcome, Session

from .core_session import run_core

SHOULD = ("function f { [CmdletBinding(SupportsShouldProcess)] param([Parameter(Mandatory, ValueFromPipeline)]"
          "[string]$N) process { if ($PSCmdlet.ShouldProcess($N)) { \"did $N\" } } }\n")


def _run(text: str, answers: list[str] | None = None) -> tuple[RunOutcome, BufferHost]:
    return run_core(text, answers)


def test_bound_parameters_count_only_what_was_given() -> None:
    outcome, _ = _run("function h { param($a, $b = 2) $PSBoundParameters.Count; $b }\nh -a 1")
    assert outcome.output == [1, 2]


def test_my_invocation_names_the_function() -> None:
    outcome, _ = _run("function h { param($a) $MyInvocation.MyCommand.Name }\nh 1")
    assert outcome.output == ["h"]


def test_simple_function_puts_unknown_names_and_surplus_into_args() -> None:
    outcome, _ = _run("function h { param($a) $args.Count; $args[0] }\nh 1 -Verbose x")
    assert outcome.output == [2, "-Verbose"]


def test_advanced_function_rejects_surplus_argument() -> None:
    outcome, host = _run("function g { [CmdletBinding()] param($a) $a }\ng 1 2")
    assert outcome.output == []
    assert "g : A positional parameter cannot be found that accepts argument '2'." in host.error_text
    assert "PositionalParameterNotFound,g" in host.error_text


def test_parameter_prefix_and_alias_bind() -> None:
    outcome, _ = _run("function g { [CmdletBinding()] param([Alias('cn')][string]$ComputerName, [int]$Count) "
                      "\"$ComputerName/$Count\" }\ng -cn mail01 -Cou 3")
    assert outcome.output == ["mail01/3"]


def test_parameter_sets_choose_by_bound_name() -> None:
    script = ("function g { [CmdletBinding(DefaultParameterSetName='ByName')] param("
              "[Parameter(ParameterSetName='ByName', Position=0)][string]$Name, "
              "[Parameter(ParameterSetName='ById')][int]$Id) $PSCmdlet.ParameterSetName }\n"
              "g x\ng -Id 4")
    outcome, _ = _run(script)
    assert outcome.output == ["ByName", "ById"]


def test_missing_mandatory_fails_when_nobody_can_answer() -> None:
    outcome, host = _run("function g { [CmdletBinding()] param([Parameter(Mandatory)][string]$Name) $Name }\ng")
    assert outcome.output == []
    assert ("g : Cannot process command because of one or more missing mandatory parameters: Name."
            in host.error_text)


def test_missing_mandatory_is_prompted_when_the_host_can_answer() -> None:
    outcome, host = _run("function g { [CmdletBinding()] param([Parameter(Mandatory)][string]$Name) \"hi $Name\" }\ng",
                         answers=["mail01"])
    assert outcome.output == ["hi mail01"]
    assert "cmdlet g at command pipeline position 1\nSupply values for the following parameters:" in host.text
    assert host.prompts == ["Name: "]


def test_pipeline_objects_run_process_once_each_between_begin_and_end() -> None:
    script = ("function g { [CmdletBinding()] param([Parameter(ValueFromPipeline)][int]$N) "
              "begin { 'b' } process { $N * 10 } end { 'e' } }\n1,2 | g")
    outcome, _ = _run(script)
    assert outcome.output == ["b", 10, 20, "e"]


def test_pipeline_binds_by_property_name_into_a_function() -> None:
    script = ("function g { param([Parameter(ValueFromPipelineByPropertyName)][string]$Name) process { $Name } }\n"
              "[pscustomobject]@{Name='a'}, [pscustomobject]@{Name='b'} | g")
    outcome, _ = _run(script)
    assert outcome.output == ["a", "b"]


def test_validate_set_failure_uses_powershell_text() -> None:
    outcome, host = _run("function g { param([ValidateSet('IIS','SMTP')][string]$S) $S }\ng -S POP")
    assert outcome.output == []
    assert ("g : Cannot validate argument on parameter 'S'. The argument \"POP\" does not belong to the set "
            "\"IIS,SMTP\" specified by the ValidateSet attribute." in host.error_text)


def test_validate_script_runs_with_dollar_underscore() -> None:
    script = "function g { param([ValidateScript({ $_ -gt 3 })][int]$N) $N }\ng 5\ng 2"
    outcome, host = _run(script)
    assert outcome.output == [5]
    assert ("The \" $_ -gt 3 \" validation script for the argument with value \"2\" did not return a result of "
            "True." in host.error_text)


def test_function_conversion_failure_is_an_argument_transformation_error() -> None:
    outcome, host = _run("function g { param([int]$N) $N }\ng abc")
    assert outcome.output == []
    assert "g : Cannot process argument transformation on parameter 'N'." in host.error_text
    assert "ParameterArgumentTransformationError,g" in host.error_text


def test_switch_and_typed_defaults() -> None:
    outcome, _ = _run("function g { param([switch]$Force, [int]$N, [string]$S) $Force.IsPresent -eq $false; $N; "
                      "$S -eq '' }\ng")
    assert outcome.output[1] == 0 and outcome.output[2] is True


def test_default_is_evaluated_in_function_scope_after_earlier_parameters() -> None:
    outcome, _ = _run("function g { param($a = 2, $b = $a * 3) $b }\ng\ng -a 5")
    assert outcome.output == [6, 15]


def test_common_parameters_only_on_advanced_functions() -> None:
    outcome, host = _run("function g { [CmdletBinding()] param() Write-Verbose 'v'; 'done' }\ng -Verbose")
    assert outcome.output == ["done"] and host.verbose == ["v"]


def test_what_if_prints_the_operation_and_skips_it() -> None:
    outcome, host = _run(SHOULD + "'a','b' | f -WhatIf")
    assert outcome.output == []
    assert host.text == ('What if: Performing the operation "f" on target "a".\n'
                         'What if: Performing the operation "f" on target "b".\n')


def test_confirm_prompt_answers_yes_then_no() -> None:
    outcome, host = _run(SHOULD + "'a','b' | f -Confirm", answers=["y", "n"])
    assert outcome.output == ["did a"]
    assert host.prompts[0] == ('Confirm\nAre you sure you want to perform this action?\n'
                               'Performing the operation "f" on target "a".\n'
                               '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help '
                               '(default is "Y"): ')


def test_confirm_yes_to_all_asks_once() -> None:
    outcome, host = _run(SHOULD + "'a','b','c' | f -Confirm", answers=["a"])
    assert outcome.output == ["did a", "did b", "did c"] and len(host.prompts) == 1


def test_confirm_impact_high_prompts_without_confirm() -> None:
    script = ("function k { [CmdletBinding(SupportsShouldProcess, ConfirmImpact='High')] param() "
              "if ($PSCmdlet.ShouldProcess('x', 'Delete')) { 'deleted' } }\nk\nk -Confirm:$false")
    outcome, host = _run(script, answers=["n"])
    assert outcome.output == ["deleted"]
    assert 'Performing the operation "Delete" on target "x".' in host.prompts[0]


def test_should_process_three_argument_form_prints_its_own_text() -> None:
    script = ("function k { [CmdletBinding(SupportsShouldProcess)] param() "
              "$PSCmdlet.ShouldProcess('Removing the old certificate.', 'Remove it?', 'Rotate') }\nk -WhatIf")
    outcome, host = _run(script)
    assert outcome.output == [False] and host.text.startswith("What if: Removing the old certificate.\n")


def test_what_if_needs_supports_should_process() -> None:
    outcome, host = _run("function g { [CmdletBinding()] param() 'x' }\ng -WhatIf")
    assert "A parameter cannot be found that matches parameter name 'WhatIf'." in host.error_text


class _RemoveThing(Cmdlet):
    def process(self, ctx) -> None:  # type: ignore[no-untyped-def]
        if ctx.should_process(str(ctx.bound["Name"])):
            ctx.write_object(f"removed {ctx.bound['Name']}")


REMOVE_THING = CommandDeclaration("Remove-Thing", (ParameterDeclaration("Name", "string", (ParameterSetEntry(
    position=0),)),), _RemoveThing, supports_should_process=True, confirm_impact="Medium")


def test_what_if_flows_to_cmdlets_called_inside() -> None:
    registry = EngineRegistry()
    register(registry)
    registry.commands.register(REMOVE_THING)
    host = BufferHost()
    script = ("function k { [CmdletBinding(SupportsShouldProcess)] param() Remove-Thing a }\n"
              "k -WhatIf\nk\nk -Confirm:$false")
    outcome = Session(registry, host).run(script)
    assert outcome.output == ["removed a", "removed a"]
    assert host.text.startswith('What if: Performing the operation "Remove-Thing" on target "a".\n')


def test_should_continue_asks_with_yes_no() -> None:
    script = ("function k { [CmdletBinding()] param() if ($PSCmdlet.ShouldContinue('Really?', 'Rotate')) "
              "{ 'go' } else { 'stop' } }\nk\nk")
    outcome, host = _run(script, answers=["y", "n"])
    assert outcome.output == ["go", "stop"]
    assert host.prompts[0] == 'Rotate\nReally?\n[Y] Yes  [N] No  [S] Suspend  [?] Help (default is "Y"): '


def test_write_error_is_non_terminating_and_throw_terminating_error_stops() -> None:
    script = ("function k { [CmdletBinding()] param() "
              "$PSCmdlet.WriteError((New-Object System.Management.Automation.ErrorRecord "
              "([Exception]'soft'), 'Soft', 'InvalidData', $null)); 'after' }\nk\n"
              "function t { [CmdletBinding()] param() $PSCmdlet.ThrowTerminatingError("
              "(New-Object System.Management.Automation.ErrorRecord ([Exception]'hard'), 'Hard', 'InvalidData', $null))"
              "; 'never' }\ntry { t } catch { $_.FullyQualifiedErrorId }")
    outcome, host = _run(script)
    assert outcome.output == ["after", "Hard"]
    assert "soft" in host.error_text


def test_write_object_writes_in_order() -> None:
    outcome, _ = _run("function k { [CmdletBinding()] param() 'a'; $PSCmdlet.WriteObject('b'); "
                      "$PSCmdlet.WriteObject(@(1,2), $true) }\nk")
    assert outcome.output == ["a", "b", 1, 2]


def test_error_action_stop_on_a_function_makes_its_errors_terminating() -> None:
    script = ("function k { [CmdletBinding()] param() Write-Error 'bad'; 'after' }\n"
              "try { k -ErrorAction Stop } catch { 'caught' }")
    outcome, _ = _run(script)
    assert outcome.output == ["caught"]


def test_out_variable_and_error_variable_on_a_function() -> None:
    script = ("function k { [CmdletBinding()] param() Write-Error 'bad'; 'out' }\n"
              "k -OutVariable o -ErrorVariable e -ErrorAction SilentlyContinue | Out-Null\n$o; $e.Count")
    outcome, _ = _run(script)
    assert outcome.output == ["out", 1]


def test_filter_runs_per_pipeline_object() -> None:
    outcome, _ = _run("filter double { $_ * 2 }\n1,2,3 | double")
    assert outcome.output == [2, 4, 6]


def test_remaining_arguments_parameter_collects_what_positions_leave() -> None:
    outcome, _ = _run("function t { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)]$Rest) "
                      "$Rest.Count }\nt a b c")
    assert outcome.output == [3]


def test_mandatory_string_refuses_empty_unless_allowed() -> None:
    outcome, host = _run("function u { [CmdletBinding()] param([Parameter(Mandatory)][AllowEmptyString()][string]$S) "
                         "\"[$S]\" }\nu ''\nfunction v { [CmdletBinding()] param([Parameter(Mandatory)][string]$S) $S }"
                         "\nv ''")
    assert outcome.output == ["[]"]
    assert "v : Cannot bind argument to parameter 'S' because it is an empty string." in host.error_text


def test_script_block_called_with_ampersand_binds_its_param_block() -> None:
    outcome, host = _run('& { param($a, [int]$b = 2) "$a $b" } x\n'
                         '& { param($a, [int]$b = 2) "$a $b" } -b "5" -a y\n'
                         '$sb = { param([ValidateSet("a")]$m) $m }\n& $sb b\n"after"')
    assert outcome.output == ["x 2", "y 5", "after"]
    errors = "".join(host.errors)
    assert 'The argument "b" does not belong to the set "a"' in errors
    assert "InvalidData: (:) [], ParameterBindingValidationException" in errors


def test_script_block_called_with_ampersand_takes_pipeline_input_and_args() -> None:
    outcome, host = _run('1..3 | & { process { $_ * 2 } }\n& { "args: $args" } 1 2\n'
                         '$v = 1\n& { $v = 2 }\n$v\n. { $w = 3 }\n$w')
    assert outcome.output == [2, 4, 6, "args: 1 2", 1, 3] and not host.errors
