"""-OutVariable, `2>&1` / `2> $null` redirection, $LASTEXITCODE scope and Out-Default per top-level
statement (host text between statements lands between their outputs)."""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell.builtins import register
from exchange_sim.powershell.host import BufferHost
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.session import Session


def _session() -> tuple[Session, BufferHost]:
    registry = EngineRegistry()
    register(registry)
    host = BufferHost()
    return Session(registry, host), host


def _output(text: str) -> list[Any]:
    session, host = _session()
    outcome = session.run(text)
    assert not host.errors, host.errors
    return outcome.output


def test_out_variable_keeps_what_the_command_wrote_even_when_piped_on() -> None:
    assert _output("Get-Date -Year 2020 -OutVariable d | Out-Null\n$d.Year\n$d.Count") == [2020, 1]


def test_out_variable_plus_name_appends() -> None:
    assert _output("Write-Output 5 -OutVariable +x | Out-Null\nWrite-Output 6 -ov +x | Out-Null\n$x") == [5, 6]


def test_merging_error_into_output_gives_error_records_and_keeps_them_in_error() -> None:
    script = "$r = Write-Error 'bad' 2>&1\n$r.GetType().FullName\n\"$r\"\n$Error.Count"
    assert _output(script) == ["System.Management.Automation.ErrorRecord", "bad", 1]


def test_error_redirected_to_null_is_hidden_but_recorded() -> None:
    assert _output("Write-Error 'hidden' 2> $null\n'ok'\n$Error[0].Exception.Message") == ["ok", "hidden"]


def test_silently_continued_error_is_not_merged_into_the_output() -> None:
    assert _output("@(Write-Error 'x' -ErrorAction SilentlyContinue 2>&1).Count") == [0]


def test_lastexitcode_set_by_a_command_in_a_function_is_global() -> None:
    assert _output("function f { Set-Variable LASTEXITCODE 3 }\nf\n$LASTEXITCODE") == [3]


def test_each_top_level_statement_prints_before_the_next_one_writes_to_the_host() -> None:
    session, host = _session()
    session.run("'first'\nWrite-Host 'between'\n'last'")
    assert host.text.splitlines() == ["first", "between", "last"]


def test_table_header_is_printed_once_for_consecutive_statements_of_one_shape() -> None:
    session, host = _session()
    session.run("[pscustomobject]@{N=1; M=2}\n[pscustomobject]@{N=3; M=4}\nWrite-Host 'note'\n[pscustomobject]@{N=5; M=6}")
    lines = [line for line in host.text.splitlines() if line]
    assert lines == ["N M", "- -", "1 2", "3 4", "note", "5 6"]
