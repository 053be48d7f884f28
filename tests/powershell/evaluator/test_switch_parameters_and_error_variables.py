"""[switch] parameter variables are SwitchParameter values; -ErrorVariable exists from the command's start."""

from __future__ import annotations

from exchange_sim.powershell import builtins
from exchange_sim.powershell.host import BufferHost
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.session import Session


def _run(script: str) -> tuple[list[object], str]:
    host = BufferHost()
    outcome = Session(EngineRegistry().apply(builtins.register), host).run(script)
    return outcome.output, host.error_text


def test_switch_variable_has_is_present_and_compares_to_booleans() -> None:
    script = "function f { param([switch]$Force) $Force.IsPresent; $Force -eq $true; [bool]$Force }\nf\nf -Force"
    assert _run(script) == ([False, False, False, True, True, True], "")


def test_switch_variable_is_a_switch_parameter_and_passes_on_as_one() -> None:
    script = ("function g { param([switch]$T) $T.IsPresent }\n"
              "function f { param([switch]$S) $S.GetType().Name; g -T:$S }\nf -S")
    assert _run(script) == (["SwitchParameter", True], "")


def test_unused_switch_is_present_false_under_strict_mode() -> None:
    script = "Set-StrictMode -Version 2\nfunction f { param([switch]$X) if ($X.IsPresent) { 'x' } else { 'no x' } }\nf"
    assert _run(script) == (["no x"], "")


def test_error_variable_exists_and_is_empty_when_the_command_succeeds() -> None:
    script = "Set-StrictMode -Version 2\nGet-Date -ErrorVariable failed | Out-Null\nif ($failed) { 'bad' } else { $failed.Count }"
    assert _run(script) == ([0], "")


def test_error_variable_collects_every_error_of_one_command() -> None:
    script = "Get-Variable nope1, nope2 -ErrorVariable failed -ErrorAction SilentlyContinue\n$failed.Count"
    assert _run(script) == ([2], "")


def test_error_variable_with_plus_appends_across_commands() -> None:
    script = ("Write-Error a -ErrorVariable e -ErrorAction SilentlyContinue\n"
              "Write-Error b -ErrorVariable +e -ErrorAction SilentlyContinue\n$e.Count")
    assert _run(script) == ([2], "")


def test_error_variable_also_gets_an_error_that_stop_made_terminating() -> None:
    script = "try { Write-Error 'x' -ErrorAction Stop -ErrorVariable failed } catch { }\n$failed.Count"
    assert _run(script) == ([1], "")


def test_typed_compound_assignment_adds_then_keeps_the_type() -> None:
    script = "Set-StrictMode -Version 2\n[array]$names += 'a'\n[array]$names += 'b'\n$names.Count\n[int]$n = 1\n[int]$n += '4'\n$n"
    assert _run(script) == ([2, 5], "")
