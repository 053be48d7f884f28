"""File redirection (`>`, `>>`, `2>`, `*>`) writes through Out-File to the lab file system, as 5.1 does
(UTF-16 with a byte-order mark), run as `exchange-sim run` runs a runbook."""

from __future__ import annotations

from exchange_sim.lab import Lab


def test_output_redirection_writes_and_appends_unicode_text(run_runbook, lab: Lab) -> None:
    done = run_runbook("'first' > C:\\out.txt\n'second' >> C:\\out.txt\n")
    assert done.exit_code == 0 and done.stdout == ""
    data = lab.filesystem("EXCH01").read_bytes("C:\\out.txt")
    assert data.startswith(b"\xff\xfe")
    assert data[2:].decode("utf-16-le") == "first\r\nsecond\r\n"


def test_error_redirection_to_a_file_keeps_the_error_off_the_console(run_runbook, lab: Lab) -> None:
    done = run_runbook("Write-Error 'disk full' 2> C:\\err.txt\n$Error.Count\n")
    assert done.stdout.strip() == "1" and "disk full" not in done.stderr
    text = lab.filesystem("EXCH01").read_bytes("C:\\err.txt")[2:].decode("utf-16-le")
    assert "disk full" in text


def test_all_streams_redirection_holds_output_and_errors(run_runbook, lab: Lab) -> None:
    done = run_runbook("& { 'kept'; Write-Error 'oops' } *> C:\\all.txt\n")
    assert done.stdout == "" and done.stderr == ""
    text = lab.filesystem("EXCH01").read_bytes("C:\\all.txt")[2:].decode("utf-16-le")
    assert text.startswith("kept\r\n") and "oops" in text
