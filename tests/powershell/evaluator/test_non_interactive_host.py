"""A host read with nobody to answer fails as powershell -NonInteractive does, as a PowerShell error."""

from __future__ import annotations

from exchange_sim.powershell import builtins
from exchange_sim.powershell.host import BufferHost
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.session import Session


def test_read_host_without_answers_is_a_non_interactive_error_of_read_host() -> None:
    host = BufferHost()
    outcome = Session(EngineRegistry().apply(builtins.register), host).run("$n = Read-Host 'Name'\n'after'")
    assert outcome.output == ["after"]  # statement-terminating: the script goes on
    assert host.error_text.startswith(
        "Read-Host : Windows PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.")
    assert "InvalidOperation: (:) [Read-Host], PSInvalidOperationException" in host.error_text
    assert "EngineFeatureMissing" not in host.error_text
