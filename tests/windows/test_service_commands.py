"""Get-/Start-/Stop-/Restart-Service in runbooks run as `exchange-sim run` runs them: the lab's
service states and its event log are the end state checked."""

from __future__ import annotations

from exchange_sim.lab import Lab
from exchange_sim.windows.service_catalog import services_for


def test_get_service_lists_exchange_services_with_status_and_display_name(run_runbook, lab: Lab) -> None:
    done = run_runbook("Get-Service MSExchange*IMAP4*, W3SVC\n")
    assert done.exit_code == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0].split() == ["Status", "Name", "DisplayName"]
    assert lines[2].split() == ["Stopped", "MSExchangeIMAP4", "Microsoft", "Exchange", "IMAP4"]
    assert lines[3].split()[:2] == ["Stopped", "MSExchangeIMAP4BE"]
    assert lines[4].split()[:2] == ["Running", "W3SVC"]


def test_status_compares_with_its_name_and_display_name_selects(run_runbook) -> None:
    done = run_runbook(
        "(Get-Service W3SVC).Status -eq 'Running'\n"
        "(Get-Service -DisplayName 'Microsoft Exchange Transport').Name\n"
    )
    assert done.stdout.split() == ["True", "MSExchangeTransport"]


def test_unknown_service_name_is_windows_error_and_wildcard_without_match_is_silent(run_runbook) -> None:
    done = run_runbook("Get-Service NoSuchService\nGet-Service NoSuch*\n'after'\n")
    assert "Cannot find any service with service name 'NoSuchService'." in done.stderr
    assert "NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand" in done.stderr
    assert "ObjectNotFound: (NoSuchService:String) [Get-Service], ServiceCommandException" in done.stderr
    assert done.stdout.strip() == "after"


def test_restart_of_imap4_makes_the_listener_take_the_newly_enabled_certificate(run_runbook, lab: Lab) -> None:
    done = run_runbook(
        "$c = New-ExchangeCertificate -SubjectName 'cn=mail.contoso.com' -DomainName mail.contoso.com -Services None\n"
        "Start-Service MSExchangeIMAP4\n"
        "Enable-ExchangeCertificate -Thumbprint $c.Thumbprint -Services IMAP -Force\n"
        "Restart-Service MSExchangeIMAP4\n"
        "$c.Thumbprint\n"
    )
    assert done.exit_code == 0, done.stderr
    new = done.stdout.strip()
    started, restarted = lab.events.records("EXCH01")
    assert started.kind == "ServiceStarted" and started.details["thumbprint"] != new
    assert restarted.kind == "ServiceRestarted"
    assert restarted.details == {"service": "MSExchangeIMAP4", "protocol": "IMAP", "thumbprint": new,
                                 "previous_thumbprint": started.details["thumbprint"]}
    assert f"IMAP now presents {new} (CN=mail.contoso.com)" in restarted.message
    assert lab.service_states("EXCH01").get("MSExchangeIMAP4").loaded_thumbprint == new


def test_stopping_a_service_with_running_dependents_needs_force_and_changes_nothing_without(
        run_runbook, lab: Lab) -> None:
    refused = run_runbook("Stop-Service MSExchangeADTopology\n")
    assert "Cannot stop service 'Microsoft Exchange Active Directory Topology (MSExchangeADTopology)' because it " \
           "has dependent services. It can only be stopped if the Force flag is set." in refused.stderr
    assert lab.service_states("EXCH01").get("MSExchangeADTopology") is None
    assert lab.events.records() == []
    assert lab.audit.records()[-1].outcome == "Failed"
    run_runbook("Stop-Service MSExchangeADTopology -Force\n")
    assert lab.service_states("EXCH01").get("MSExchangeADTopology").status == "Stopped"
    assert lab.service_states("EXCH01").get("MSExchangeTransport").status == "Stopped"
    assert {event.kind for event in lab.events.records()} == {"ServiceStopped"}


def test_restart_with_force_leaves_dependents_stopped_as_windows_does(run_runbook, lab: Lab) -> None:
    done = run_runbook("Restart-Service WAS -Force\n(Get-Service WAS).Status; (Get-Service W3SVC).Status\n")
    assert done.stdout.split() == ["Running", "Stopped"]
    kinds = [(event.kind, event.details["service"]) for event in lab.events.records()]
    assert kinds == [("ServiceStopped", "W3SVC"), ("ServiceRestarted", "WAS")]


def test_start_service_starts_what_the_service_depends_on_first(run_runbook, lab: Lab) -> None:
    run_runbook("Stop-Service WAS -Force\nStart-Service W3SVC -PassThru\n")
    started = [event.details["service"] for event in lab.events.records() if event.kind == "ServiceStarted"]
    assert started == ["WAS", "W3SVC"]


def test_pipeline_input_by_object_and_by_name_restarts_each_service_once(run_runbook, lab: Lab) -> None:
    done = run_runbook("Get-Service W3SVC | Restart-Service -PassThru | ForEach-Object { $_.Name }\n"
                       "'MSExchangeTransport' | Restart-Service\n")
    assert done.stdout.split() == ["W3SVC"]
    restarted = [event.details["service"] for event in lab.events.records()]
    assert restarted == ["W3SVC", "MSExchangeTransport"]


def test_catalog_follows_version_and_roles() -> None:
    from exchange_sim.lab import Server

    legacy = {s.name for s in services_for(Server("M", "m.x", "M", "2007", ("Mailbox",), "x"))}
    assert "MSExchangeIS" in legacy and "MSExchangeImap4" not in legacy and "MSExchangeTransport" not in legacy
    cas = {s.name for s in services_for(Server("C", "c.x", "C", "2010", ("ClientAccess",), "x"))}
    assert {"MSExchangeImap4", "MSExchangePop3", "MSExchangeRPC"} <= cas
    modern = {s.name for s in services_for(Server("E", "e.x", "E", "2019", ("Mailbox",), "x"))}
    assert {"MSExchangeFrontEndTransport", "MSExchangeIMAP4", "MSExchangeServiceHost"} <= modern
    assert "MSExchangeUM" not in modern


def test_restart_of_a_stopped_service_starts_it(run_runbook, lab: Lab) -> None:
    run_runbook("Restart-Service MSExchangePOP3\n")
    (event,) = lab.events.records()
    assert event.kind == "ServiceStarted" and event.details["service"] == "MSExchangePOP3"
    assert lab.service_states("EXCH01").get("MSExchangePOP3").status == "Running"
