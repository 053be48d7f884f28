"""Start-/Stop-Transcript in runbooks run as `exchange-sim run` runs them: the transcript file in
the lab file system carries 5.1's header, what the host showed, and the footer."""

from __future__ import annotations

from datetime import datetime, timezone

from exchange_sim.lab import Lab


def test_transcript_holds_header_host_text_errors_and_footer(run_runbook, lab: Lab) -> None:
    lab.clock.pin(datetime(2027, 2, 3, 4, 5, 6, tzinfo=timezone.utc))
    done = run_runbook(
        "Start-Transcript -Path C:\\Users\\Administrator\\renewal.log\n"
        "Write-Host 'renewing certificates'\nWrite-Warning 'careful'\nGet-Service NoSuchService\n"
        "Stop-Transcript\nWrite-Host 'after the transcript'\n"
    )
    # Output prints when its statement ends, so host text of later statements follows it (as in 5.1).
    assert done.stdout.splitlines()[0] == "Transcript started, output file is C:\\Users\\Administrator\\renewal.log"
    assert done.stdout.splitlines()[-2:] == [
        "Transcript stopped, output file is C:\\Users\\Administrator\\renewal.log", "after the transcript"]
    text = lab.filesystem("EXCH01").read_bytes("C:\\Users\\Administrator\\renewal.log").decode("utf-8")
    lines = text.split("\r\n")
    assert lines[:4] == ["**********************", "Windows PowerShell transcript start", "Start time: 20270203040506",
                         "Username: CONTOSO\\Administrator"]
    assert "Machine: EXCH01 (Microsoft Windows NT 10.0.17763.0)" in lines
    assert "PSVersion: 5.1.17763.1007" in lines
    body = lines[lines.index("SerializationVersion: 1.1.0.1") + 2:]
    # 5.1 transcripts hold Start-Transcript's own line first: it is output the host prints after the tee began.
    assert body[:4] == ["Transcript started, output file is C:\\Users\\Administrator\\renewal.log",
                        "renewing certificates", "WARNING: careful",
                        "Get-Service : Cannot find any service with service name 'NoSuchService'."]
    assert lines[-5:] == ["**********************", "Windows PowerShell transcript end", "End time: 20270203040506",
                          "**********************", ""]
    assert "after the transcript" not in text


def test_default_transcript_goes_to_documents_with_powershells_file_name(run_runbook, lab: Lab) -> None:
    lab.clock.pin(datetime(2027, 2, 3, 4, 5, 6, tzinfo=timezone.utc))
    done = run_runbook("Start-Transcript\nStop-Transcript\n")
    started = done.stdout.splitlines()[0]
    prefix = "Transcript started, output file is C:\\Users\\Administrator\\Documents\\PowerShell_transcript.EXCH01."
    assert started.startswith(prefix) and started.endswith(".20270203040506.txt")
    assert lab.filesystem("EXCH01").exists(started.split(" is ", 1)[1])


def test_append_keeps_the_earlier_transcript_and_noclobber_refuses(run_runbook, lab: Lab) -> None:
    run_runbook("Start-Transcript C:\\t.log\nWrite-Host first\nStop-Transcript\n")
    run_runbook("Start-Transcript C:\\t.log -Append\nWrite-Host second\nStop-Transcript\n")
    text = lab.filesystem("EXCH01").read_bytes("C:\\t.log").decode("utf-8")
    assert text.count("Windows PowerShell transcript start") == 2 and "first" in text and "second" in text
    refused = run_runbook("Start-Transcript C:\\t.log -NoClobber\n")
    assert "File C:\\t.log already exists and NoClobber was specified." in refused.stderr


def test_stop_transcript_without_one_is_powershells_error(run_runbook) -> None:
    done = run_runbook("Stop-Transcript\n")
    assert "An error occurred stopping transcription: The host is not currently transcribing." in done.stderr
    assert "InvalidOperation,Microsoft.PowerShell.Commands.StopTranscriptCommand" in done.stderr


def test_a_relative_transcript_path_is_from_the_current_location(run_runbook, lab: Lab) -> None:
    lab.filesystem("EXCH01").resolve("C:\\Logs").mkdir()
    done = run_runbook("Set-Location C:\\Logs\nStart-Transcript -Path .\\run.log\nStop-Transcript\n")
    assert done.stdout.splitlines()[0] == "Transcript started, output file is C:\\Logs\\run.log"
    assert lab.filesystem("EXCH01").exists("C:\\Logs\\run.log")
