"""Scripts run by path from the lab file system: dot-sourcing keeps their variables and functions,
`&` gives them their own scope with param() binding, `exit N` sets $LASTEXITCODE, parse errors
stop only the calling statement."""

from __future__ import annotations

from exchange_sim.lab import Lab


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
