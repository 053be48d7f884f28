"""Scripts run by path from the lab file system: dot-sourcing keeps their variables and functions,
`&` gives them their own scope with param() binding, `exit N` sets $LASTEXITCODE, parse errors
stop only the calling statement. Scripts with `[CmdletBinding()]` are advanced exactly as functions are:
$PSCmdlet, the common parameters -Verbose/-WhatIf/-ErrorAction as preference variables of the script,
and $PSBoundParameters; a binding error ends only the calling statement."""

from __future__ import annotations

from exchange_sim.lab import Lab

ADVANCED = (
    "[CmdletBinding(SupportsShouldProcess)]\n"
    "param([string]$Name = 'x')\n"
    "\"cmdlet=$($null -ne $PSCmdlet) bound=$($PSBoundParameters.Keys -join ',')\"\n"
    "Write-Verbose 'verbose on'\n"
    "if ($PSCmdlet.ShouldProcess($Name, 'Rotate')) { \"rotated $Name\" }\n"
    "\"ea=$ErrorActionPreference\"\n"
)


def _write(lab: Lab, path: str, text: str) -> None:
    files = lab.filesystem("EXCH01")
    if not files.exists("C:\\Scripts"):
        files.mkdir("C:\\Scripts")
    files.write_bytes(path, text.encode("utf-8"))


def test_dot_sourced_script_leaves_its_variables_and_functions_in_the_callers_scope(run_runbook, lab: Lab) -> None:
    _write(lab, "C:\\Scripts\\lib.ps1", '$libVersion = 7\nfunction Get-LibText { "lib $libVersion" }\n')
    done = run_runbook(". C:\\Scripts\\lib.ps1\n$libVersion\nGet-LibText\n")
    assert done.stdout.splitlines() == ["7", "lib 7"] and done.stderr == ""


def test_called_script_binds_parameters_in_its_own_scope_and_exit_sets_lastexitcode(run_runbook, lab: Lab) -> None:
    _write(lab, "C:\\Scripts\\tool.ps1",
           'param([string]$Name = "none", [int]$Count = 1)\n$script:made = "inside"\n'
           '"tool $Name $Count $PSScriptRoot"\nexit 4\n"never"\n')
    done = run_runbook("& C:\\Scripts\\tool.ps1 -Name mail -Count 2\n$LASTEXITCODE\n\"made=[$made]\"\n"
                       "C:\\Scripts\\tool.ps1 smtp\n")
    assert done.stdout.splitlines() == ["tool mail 2 C:\\Scripts", "4", "made=[]", "tool smtp 1 C:\\Scripts"]
    assert done.exit_code == 0


def test_script_with_a_syntax_error_runs_nothing_and_the_caller_goes_on(run_runbook, lab: Lab) -> None:
    _write(lab, "C:\\Scripts\\bad.ps1", '"first"\n1 +\n')
    done = run_runbook("& C:\\Scripts\\bad.ps1\n'after'\n")
    assert done.stdout.splitlines() == ["after"]
    assert "You must provide a value expression following the '+' operator." in done.stderr


def test_missing_script_is_not_recognized(run_runbook) -> None:
    done = run_runbook("& C:\\Scripts\\missing.ps1\n")
    assert "The term 'C:\\Scripts\\missing.ps1' is not recognized" in done.stderr


def test_called_script_sees_its_own_myinvocation(run_runbook, lab: Lab) -> None:
    _write(lab, "C:\\Scripts\\who.ps1", "$MyInvocation.MyCommand.Name\n$MyInvocation.MyCommand.Path\n"
                                        "$MyInvocation.MyCommand.CommandType\nSplit-Path -Parent $MyInvocation.MyCommand.Path\n")
    done = run_runbook("& C:\\Scripts\\who.ps1\n")
    assert done.stdout.splitlines() == ["who.ps1", "C:\\Scripts\\who.ps1", "ExternalScript", "C:\\Scripts"]


def test_called_advanced_script_gets_pscmdlet_and_what_if(run_runbook, lab: Lab) -> None:
    _write(lab, "C:\\Scripts\\rotate.ps1", ADVANCED)
    done = run_runbook("& C:\\Scripts\\rotate.ps1 -Name web -WhatIf\n\"caller whatif=$WhatIfPreference\"\n")
    # Host text (What if, VERBOSE) and output are compared apart: the engine prints a statement's output when
    # the statement ends, so their interleaving is not what this checks.
    assert sorted(done.stdout.splitlines()) == sorted([
        "cmdlet=True bound=Name,WhatIf",
        'What if: Performing the operation "Rotate" on target "web".',
        "ea=Continue",
        "caller whatif=False",
    ]), done.stderr


def test_called_advanced_script_turns_verbose_and_error_action_into_preferences(run_runbook, lab: Lab) -> None:
    _write(lab, "C:\\Scripts\\rotate.ps1", ADVANCED)
    done = run_runbook("& C:\\Scripts\\rotate.ps1 -Verbose -ErrorAction Stop\n")
    assert sorted(done.stdout.splitlines()) == sorted([
        "cmdlet=True bound=Verbose,ErrorAction",
        "VERBOSE: verbose on",
        'VERBOSE: Performing the operation "Rotate" on target "x".',
        "rotated x",
        "ea=Stop",
    ]), done.stderr


def test_dot_sourced_advanced_script_binds_common_parameters_too(run_runbook, lab: Lab) -> None:
    _write(lab, "C:\\Scripts\\rotate.ps1", ADVANCED)
    done = run_runbook(". C:\\Scripts\\rotate.ps1 -Name mail -WhatIf\n")
    lines = done.stdout.splitlines()
    assert "cmdlet=True bound=Name,WhatIf" in lines, done.stderr
    assert 'What if: Performing the operation "Rotate" on target "mail".' in lines


def test_script_without_cmdletbinding_has_no_pscmdlet_and_takes_what_if_as_an_argument(run_runbook, lab: Lab) -> None:
    _write(lab, "C:\\Scripts\\simple.ps1", '"cmdlet=$($null -ne $PSCmdlet) args=$($args -join \',\')"\n')
    done = run_runbook("& C:\\Scripts\\simple.ps1 -WhatIf\n")
    assert done.stdout.splitlines() == ["cmdlet=False args=-WhatIf"], done.stderr


def test_unknown_parameter_of_a_called_script_ends_only_the_calling_statement(run_runbook, lab: Lab) -> None:
    _write(lab, "C:\\Scripts\\rotate.ps1", ADVANCED)
    done = run_runbook("& C:\\Scripts\\rotate.ps1 -Bogus 1\n'after'\n")
    assert done.stdout.splitlines() == ["after"]
    assert "A parameter cannot be found that matches parameter name 'Bogus'." in done.stderr
    assert "NamedParameterNotFound" in done.stderr and done.exit_code == 0
