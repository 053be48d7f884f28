"""Get-ExchangeServer, Get-MailboxServer, Get-ClientAccessServer/-Service and Get-AcceptedDomain
on a lab with 2010, 2016 and 2019 servers: Exchange's objects, views and the audit they leave."""
from __future__ import annotations

from pathlib import Path

from exchange_sim.lab import Lab

from .conftest import Runbook


def test_exchange_servers_report_version_role_and_site_per_server(mixed_lab: Path, runbook: Runbook) -> None:
    host = runbook(mixed_lab, """
        foreach ($s in Get-ExchangeServer) {
            "{0}|{1}|{2}|{3}|{4}|{5}" -f $s.Name, $s.Fqdn, $s.AdminDisplayVersion, $s.ServerRole, $s.IsE14OrLater, $s.IsE15OrLater
        }
        (Get-ExchangeServer EX2019).AdminDisplayVersion.Major
        (Get-ExchangeServer ex2016.fabrikam.com).Site
    """, server="EX2019")
    assert host.errors == []
    assert "EX2010|ex2010.fabrikam.com|Version 14.3 (Build 123.4)|Mailbox, ClientAccess, HubTransport|True|False" \
        in host.text
    assert "EX2016|ex2016.fabrikam.com|Version 15.1 (Build 2507.6)|Mailbox|True|True" in host.text
    assert "EX2019|ex2019.fabrikam.com|Version 15.2 (Build 1544.4)|Mailbox|True|True" in host.text
    assert "\n15\n" in host.text
    assert "fabrikam.com/Configuration/Sites/Default-First-Site-Name" in host.text


def test_server_list_uses_exchanges_table_view(mixed_lab: Path, runbook: Runbook) -> None:
    host = runbook(mixed_lab, "Get-ExchangeServer", server="EX2019")
    header, rule, *rows = [line.rstrip() for line in host.text.strip("\n").splitlines()]
    assert header.split() == ["Name", "Site", "ServerRole", "Edition", "AdminDisplayVersion"]
    assert rows[0].startswith("EX2010          fabrikam.com/Conf... Mailbox, Cli... Enterprise")
    assert rows[2].endswith("Enterprise      Version 15.2 (Build 1544.4)")


def test_wildcard_identity_filters_servers_and_each_get_is_audited(mixed_lab: Path, runbook: Runbook) -> None:
    host = runbook(mixed_lab, "(Get-ExchangeServer EX20*9).Name; (Get-MailboxServer).Count", server="EX2019")
    assert host.text.split() == ["EX2019", "3"]
    with Lab.open(mixed_lab) as lab:
        commands = [record.command for record in lab.audit.records(limit=2)]
    assert sorted(commands) == ["Get-ExchangeServer", "Get-MailboxServer"]


def test_unknown_server_is_a_non_terminating_not_found_error(mixed_lab: Path, runbook: Runbook) -> None:
    host = runbook(mixed_lab, """
        try { Get-ExchangeServer NOSUCH -ErrorAction Stop } catch { "caught: " + $_.CategoryInfo.Reason }
        Get-ExchangeServer NOSUCH
        "went on"
    """, server="EX2019")
    assert "caught: ManagementObjectNotFoundException" in host.text
    assert "went on" in host.text
    assert "The operation couldn't be performed because object 'NOSUCH' couldn't be found on 'DC01.fabrikam.com'." \
        in host.error_text
    assert "[FailureCategory=Cmdlet-ManagementObjectNotFoundException]" in host.error_text


def test_client_access_service_gives_the_autodiscover_uri_and_the_old_name_warns(
        mixed_lab: Path, runbook: Runbook) -> None:
    host = runbook(mixed_lab, """
        (Get-ClientAccessService EX2019).AutoDiscoverServiceInternalUri.AbsoluteUri
        (Get-ClientAccessServer | Where-Object { $_.Name -eq "EX2010" }).AutoDiscoverServiceInternalUri.Host
    """, server="EX2019")
    printed = [line for line in host.text.splitlines() if line and not line.startswith("WARNING")]
    assert printed == ["https://ex2019.fabrikam.com/Autodiscover/Autodiscover.xml", "ex2010.fabrikam.com"]
    assert any("Use the Get-ClientAccessService cmdlet instead" in warning for warning in host.warnings)


def test_client_access_service_does_not_exist_before_2016(mixed_lab: Path, runbook: Runbook) -> None:
    host = runbook(mixed_lab, "Get-ClientAccessService", server="EX2010")
    assert "The term 'Get-ClientAccessService' is not recognized" in host.error_text


def test_accepted_domains_mark_the_first_as_default_and_relay_domains_as_internal_relay(
        mixed_lab: Path, runbook: Runbook) -> None:
    host = runbook(mixed_lab, "Get-AcceptedDomain | ForEach-Object { '{0} {1} {2}' -f $_.DomainName, $_.DomainType, $_.Default }",
                   server="EX2019")
    assert host.text.splitlines()[:2] == ["fabrikam.com Authoritative True", "partner.fabrikam.net InternalRelay False"]
