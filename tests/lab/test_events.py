"""The lab's event log and service states: written in the caller's transaction, read back in order,
and listed by `exchange-sim lab events` with the lab clock's time."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from typer.testing import CliRunner

from exchange_sim.cli.app import build_app
from exchange_sim.lab import Lab, ServiceState


def test_events_come_back_in_order_with_the_lab_clock_time(contoso_copy: Lab) -> None:
    contoso_copy.clock.pin(datetime(2027, 3, 1, 8, 30, tzinfo=timezone.utc))
    contoso_copy.events.record("EXCH01", "IIS", "IisReset", "Internet services restarted.", {"stopped": True})
    contoso_copy.events.record("EXCH01", "Service Control Manager", "ServiceStopped", "stopped")
    first, second = contoso_copy.events.records()
    assert (first.kind, first.message, first.details) == ("IisReset", "Internet services restarted.", {"stopped": True})
    assert first.at == datetime(2027, 3, 1, 8, 30, tzinfo=timezone.utc)
    assert [event.kind for event in contoso_copy.events.records(kind="servicestopped")] == ["ServiceStopped"]
    assert contoso_copy.events.records(server="EX99") == []
    assert [event.kind for event in contoso_copy.events.records(limit=1)] == ["ServiceStopped"]


def test_an_event_of_a_failed_change_rolls_back_with_it(contoso_copy: Lab) -> None:
    with pytest.raises(RuntimeError):
        with contoso_copy.transaction():
            contoso_copy.service_states("EXCH01").set(ServiceState("W3SVC", "Stopped"))
            contoso_copy.events.record("EXCH01", "Service Control Manager", "ServiceStopped", "stopped")
            raise RuntimeError("the cmdlet failed")
    assert contoso_copy.events.records() == []
    assert contoso_copy.service_states("EXCH01").get("W3SVC") is None


def test_service_state_is_found_whatever_the_case_of_the_name(contoso_copy: Lab) -> None:
    contoso_copy.service_states("exch01").set(ServiceState("MSExchangeIMAP4", "Running", "AB" * 20))
    assert contoso_copy.service_states("EXCH01").get("msexchangeimap4") == ServiceState(
        "MSExchangeIMAP4", "Running", "AB" * 20)


def test_lab_events_command_prints_time_server_kind_and_message(contoso_copy: Lab) -> None:
    contoso_copy.clock.pin(datetime(2027, 3, 1, 8, 30, tzinfo=timezone.utc))
    contoso_copy.events.record("EXCH01", "IIS", "IisReset", "Internet services successfully restarted.")
    contoso_copy.events.record("EXCH01", "Service Control Manager", "ServiceStarted", "W3SVC started.")
    result = CliRunner().invoke(build_app(), ["lab", "events", str(contoso_copy.path), "--kind", "IisReset"])
    assert result.exit_code == 0, result.output
    assert result.output == ("2027-03-01T08:30:00+00:00  EXCH01     IisReset           "
                             "Internet services successfully restarted.\n")
