"""WebAdministration cmdlets and iisreset in runbooks run as `exchange-sim run` runs them; the end
state checked is the lab's IIS bindings, service and pool states, and its event log."""

from __future__ import annotations

from exchange_sim.lab import Lab


def _https_thumbprint(lab: Lab, site_id: int = 1) -> str | None:
    return next(b.thumbprint for b in lab.config("EXCH01").iis_bindings() if b.site_id == site_id)


def test_get_website_lists_the_exchange_sites_with_their_bindings(run_runbook) -> None:
    done = run_runbook("Import-Module WebAdministration\nGet-Website\n")
    assert done.exit_code == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.strip()]
    assert rows[0].split() == ["Name", "ID", "State", "Physical", "Path", "Bindings"]
    assert rows[2].startswith("Default Web Site 1    Started    %SystemDrive%\\inetpub\\wwwroot  http *:80: https *:443:")
    assert rows[3].startswith("Exchange Back... 2    Started")


def test_web_binding_shows_the_certificate_enable_exchange_certificate_bound(run_runbook, lab: Lab) -> None:
    done = run_runbook(
        "$c = New-ExchangeCertificate -SubjectName 'cn=mail.contoso.com' -DomainName mail.contoso.com -Services None\n"
        "Enable-ExchangeCertificate -Thumbprint $c.Thumbprint -Services IIS -Force\n"
        "(Get-WebBinding -Name 'Default Web Site' -Protocol https).certificateHash -eq $c.Thumbprint\n"
        "(Get-WebBinding 'Default Web Site' http).certificateHash -eq ''\n"
    )
    assert done.stdout.split() == ["True", "True"], done.stderr


def test_add_ssl_certificate_rebinds_iis_and_exchange_sees_the_service_at_once(run_runbook, lab: Lab) -> None:
    done = run_runbook(
        "$c = New-ExchangeCertificate -SubjectName 'cn=mail.contoso.com' -DomainName mail.contoso.com -Services None\n"
        "(Get-WebBinding -Name 'Default Web Site' -Protocol https).AddSslCertificate($c.Thumbprint, 'my')\n"
        "(Get-ExchangeCertificate $c.Thumbprint).Services\n"
        "$c.Thumbprint\n"
    )
    services, thumbprint = done.stdout.split()
    assert services == "IIS"
    assert _https_thumbprint(lab) == thumbprint
    assert lab.events.records(kind="SslBindingChanged")[0].details == {
        "site": "Default Web Site", "port": 443, "thumbprint": thumbprint}


def test_app_pools_restart_stop_and_report_their_state(run_runbook, lab: Lab) -> None:
    done = run_runbook(
        "Restart-WebAppPool MSExchangeOWAAppPool\n"
        "'MSExchangeECPAppPool' | Stop-WebAppPool\n"
        "(Get-WebAppPoolState MSExchangeECPAppPool).Value\n"
        "(Get-WebAppPoolState -Name MSExchangeOWAAppPool).Value\n"
    )
    assert done.stdout.split() == ["Stopped", "Started"], done.stderr
    assert [(e.kind, e.details["pool"]) for e in lab.events.records()] == [
        ("AppPoolRestarted", "MSExchangeOWAAppPool"), ("AppPoolStopped", "MSExchangeECPAppPool")]
    again = run_runbook("(Get-WebAppPoolState MSExchangeECPAppPool).Value\n")
    assert again.stdout.strip() == "Stopped"


def test_unknown_app_pool_is_a_path_not_found_error(run_runbook, lab: Lab) -> None:
    done = run_runbook("Restart-WebAppPool NoSuchPool\n")
    assert "Cannot find path 'IIS:\\AppPools\\NoSuchPool' because it does not exist." in done.stderr
    assert "PathNotFound,Microsoft.IIs.PowerShell.Provider.RestartWebAppPoolCommand" in done.stderr
    assert lab.events.records() == []


def test_iisreset_prints_as_iisreset_exe_and_records_what_https_presents(run_runbook, lab: Lab) -> None:
    done = run_runbook("iisreset /noforce\n\"exit $LASTEXITCODE\"\n")
    assert done.stdout.splitlines() == ["", "Attempting stop...", "Internet services successfully stopped",
                                        "Attempting start...", "Internet services successfully restarted",
                                        "exit 0"]
    (event,) = lab.events.records()
    assert event.kind == "IisReset" and event.details["thumbprint"] == _https_thumbprint(lab)
    assert event.message.startswith("Internet services restarted. https on 0.0.0.0:443 presents ")


def test_iisreset_stop_leaves_the_web_services_stopped_until_start(run_runbook, lab: Lab) -> None:
    run_runbook("iisreset /stop\n")
    done = run_runbook("(Get-Service W3SVC).Status\n(Get-Website)[0].state\niisreset /status\n")
    assert done.stdout.splitlines()[:2] == ["Stopped", "Stopped"]
    assert "Status for World Wide Web Publishing Service ( W3SVC ) : Stopped" in done.stdout
    run_runbook("iisreset /start\n")
    assert lab.service_states("EXCH01").get("W3SVC").status == "Running"


def test_iisreset_with_an_unknown_switch_prints_its_usage_and_changes_nothing(run_runbook, lab: Lab) -> None:
    done = run_runbook("iisreset /bogus\n$LASTEXITCODE\n")
    assert done.stdout.startswith("IISRESET.EXE (c) Microsoft Corp. 1998-2005\n")
    assert done.stdout.splitlines()[-1] == "1"
    assert lab.events.records() == []


def test_import_module_accepts_windows_modules_and_rejects_unknown_ones(run_runbook) -> None:
    done = run_runbook("Import-Module WebAdministration\nImport-Module PKI -DisableNameChecking\nImport-Module Nope\n")
    assert done.stderr.count("FullyQualifiedErrorId") == 1
    assert "The specified module 'Nope' was not loaded because no valid module file was found in any module " \
           "directory." in done.stderr


def test_whatif_on_service_and_app_pool_restarts_changes_nothing(run_runbook, lab: Lab) -> None:
    done = run_runbook("Restart-Service W3SVC -WhatIf\nRestart-WebAppPool DefaultAppPool -WhatIf\n")
    assert 'What if: Performing the operation "Restart-Service" on target ' \
           '"World Wide Web Publishing Service (W3SVC)".' in done.stdout
    assert '"Restart-WebAppPool" on target "DefaultAppPool"' in done.stdout
    assert lab.events.records() == []
