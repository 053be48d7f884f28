"""Out-GridView and Start-Process in runbooks run as `exchange-sim run` runs them: recorded as lab
events; -PassThru passes rows on; a started program the lab knows does what it does."""

from __future__ import annotations

from exchange_sim.lab import Lab


def test_out_gridview_is_recorded_and_passthru_passes_every_row(run_runbook, lab: Lab) -> None:
    done = run_runbook(
        "$picked = Get-ExchangeCertificate | Select-Object Thumbprint, Subject | Out-GridView -Title 'Pick' -PassThru\n"
        "$picked.Count\n"
        "Get-Service W3SVC | Out-GridView\n"
        "(Get-ExchangeCertificate | Out-GridView -OutputMode Single).Subject\n"
    )
    lines = done.stdout.splitlines()
    assert lines[0] == str(len(lab.store("EXCH01", "My").list()))
    first, second, third = lab.events.records(kind="GridViewShown")
    assert first.details["title"] == "Pick" and first.details["passed"] == first.details["rows"] == int(lines[0])
    assert "Thumbprint" in first.details["text"] and "CN=EXCH01" in first.details["text"]
    assert (second.details["rows"], second.details["passed"]) == (1, 0) and "W3SVC" in second.details["text"]
    assert third.details["passed"] == 1 and len(lines) == 2


def test_start_process_iisreset_restarts_iis_and_records_both(run_runbook, lab: Lab) -> None:
    done = run_runbook("Start-Process iisreset -ArgumentList '/noforce' -Wait\n")
    assert done.stdout == ""  # the program's text went to its own window
    reset, started = lab.events.records()
    assert reset.kind == "IisReset"
    assert started.kind == "ProcessStarted" and started.details["file"] == "iisreset"
    assert started.details["arguments"] == ["/noforce"]
    assert "Internet services successfully restarted" in started.details["output"]


def test_start_process_of_other_programs_is_recorded_and_passthru_gives_the_process(run_runbook, lab: Lab) -> None:
    done = run_runbook("$p = Start-Process notepad.exe C:\\report.txt -PassThru\n$p.ProcessName; $p.HasExited\n")
    assert done.stdout.split() == ["notepad", "True"]
    (event,) = lab.events.records()
    assert event.message.startswith("Started notepad.exe C:\\report.txt (process ")


def test_start_process_of_a_missing_file_fails_as_windows_does(run_runbook, lab: Lab) -> None:
    done = run_runbook("Start-Process C:\\tools\\missing.exe\n")
    assert "This command cannot be run due to the error: The system cannot find the file specified." in done.stderr
    assert "InvalidOperationException,Microsoft.PowerShell.Commands.StartProcessCommand" in done.stderr
    assert lab.events.records() == []
