"""The read-only virtual-directory getters: setup's URLs per version, the lab's overrides, -Server,
-ADPropertiesOnly, server objects piped in, and Exchange's views."""
from __future__ import annotations

from pathlib import Path

from exchange_sim.lab import Lab

from .conftest import Runbook


def test_every_getter_lists_each_servers_directory_with_setups_internal_url(mixed_lab: Path, runbook: Runbook) -> None:
    host = runbook(mixed_lab, """
        foreach ($noun in 'Owa','Ecp','WebServices','ActiveSync','Oab','Mapi') {
            foreach ($d in & "Get-$($noun)VirtualDirectory" -ADPropertiesOnly) { '{0}|{1}|{2}' -f $d.Identity, $d.InternalUrl, $d.ExternalUrl }
        }
    """, server="EX2019")
    assert host.errors == []
    lines = host.text.splitlines()
    assert "EX2010\\owa (Default Web Site)|https://ex2010.fabrikam.com/owa|" in lines
    assert "EX2019\\EWS (Default Web Site)|https://ex2019.fabrikam.com/EWS/Exchange.asmx|" in lines
    assert "EX2016\\Microsoft-Server-ActiveSync (Default Web Site)|https://ex2016.fabrikam.com/Microsoft-Server-ActiveSync|" in lines
    # 2010 published the OAB over http and had no MAPI over HTTP.
    assert "EX2010\\OAB (Default Web Site)|http://ex2010.fabrikam.com/OAB|" in lines
    assert not any(line.startswith("EX2010\\mapi") for line in lines)
    assert len(lines) == 3 * 6 - 1


def test_urls_set_in_the_lab_are_what_the_getters_return(mixed_lab: Path, runbook: Runbook) -> None:
    with Lab.open(mixed_lab) as lab:
        lab.virtual_directories("EX2019").set("Owa", "https://ex2019.fabrikam.com/owa", "https://mail.fabrikam.com/owa")
    host = runbook(mixed_lab, """
        $owa = Get-OwaVirtualDirectory -Server EX2019
        $owa.ExternalUrl.Host
        (Get-OwaVirtualDirectory -Server EX2016).ExternalUrl -eq $null
    """, server="EX2019")
    assert host.text.split() == ["mail.fabrikam.com", "True"]


def test_server_objects_piped_in_select_their_directories(mixed_lab: Path, runbook: Runbook) -> None:
    host = runbook(mixed_lab, "(Get-ExchangeServer EX2016 | Get-EcpVirtualDirectory).InternalUrl.AbsoluteUri",
                   server="EX2019")
    assert host.text.split() == ["https://ex2016.fabrikam.com/ecp"]


def test_outlook_anywhere_reports_host_names_and_exists_from_2013(mixed_lab: Path, runbook: Runbook) -> None:
    host = runbook(mixed_lab, "Get-OutlookAnywhere | ForEach-Object { $_.ServerName + '=' + $_.InternalHostname }",
                   server="EX2019")
    assert host.text.split() == ["EX2016=ex2016.fabrikam.com", "EX2019=ex2019.fabrikam.com"]


def test_outlook_anywhere_host_names_are_hostname_objects(mixed_lab: Path, runbook: Runbook) -> None:
    script = ("$oa = Get-OutlookAnywhere -Server EX2019\n$oa.InternalHostname.HostnameString\n"
              "$oa.InternalHostname.GetType().FullName\n$null -eq $oa.ExternalHostname")
    shown = runbook(mixed_lab, script, server="EX2019")
    assert shown.text.split() == ["ex2019.fabrikam.com", "Microsoft.Exchange.Data.Hostname", "True"]


def test_owa_directories_use_exchanges_table_view(mixed_lab: Path, runbook: Runbook) -> None:
    host = runbook(mixed_lab, "Get-OwaVirtualDirectory -Server EX2019", server="EX2019")
    header, _rule, row = [line.rstrip() for line in host.text.strip("\n").splitlines()]
    assert header.split() == ["Name", "Server", "OwaVersion"]
    assert row.split() == ["owa", "(Default", "Web", "Site)", "EX2019", "Exchange2013"]


def test_identity_that_names_no_directory_is_not_found(mixed_lab: Path, runbook: Runbook) -> None:
    host = runbook(mixed_lab, "Get-EcpVirtualDirectory 'EX2019\\nosuch (Default Web Site)'; 'after'", server="EX2019")
    assert "couldn't be found" in host.error_text
    assert host.text.split() == ["after"]


def test_namespace_runbook_sets_urls_and_the_autodiscover_uri_in_the_lab(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, r"""
        $namespace = 'mail.contoso.com'
        Get-OwaVirtualDirectory -Server EXCH01 | Set-OwaVirtualDirectory -ExternalUrl "https://$namespace/owa" -InternalUrl "https://$namespace/owa"
        Set-WebServicesVirtualDirectory 'EXCH01\EWS (Default Web Site)' -ExternalUrl "https://$namespace/EWS/Exchange.asmx"
        Get-OutlookAnywhere | Set-OutlookAnywhere -ExternalHostname $namespace
        Set-ClientAccessService EXCH01 -AutoDiscoverServiceInternalUri "https://autodiscover.contoso.com/Autodiscover/Autodiscover.xml"
    """)
    assert host.error_text == ""
    with Lab.open(contoso_lab) as lab:
        directories = lab.virtual_directories("EXCH01")
        owa = directories.get("Owa")
        assert (owa.internal_url, owa.external_url) == ("https://mail.contoso.com/owa",) * 2
        ews = directories.get("WebServices")
        assert ews.internal_url == "https://exch01.contoso.com/EWS/Exchange.asmx"  # untouched
        assert ews.external_url == "https://mail.contoso.com/EWS/Exchange.asmx"
        assert directories.get("OutlookAnywhere").external_url == "mail.contoso.com"
        assert directories.autodiscover_service_internal_uri == "https://autodiscover.contoso.com/Autodiscover/Autodiscover.xml"
        assert directories.get("Ecp").external_url is None


def test_setting_an_unknown_directory_fails_and_changes_nothing(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, r"Set-EcpVirtualDirectory 'EXCH01\nosuch (Default Web Site)' -ExternalUrl https://x/ecp")
    assert "couldn't be found" in host.error_text
    with Lab.open(contoso_lab) as lab:
        assert lab.virtual_directories("EXCH01").get("Ecp").external_url is None
        assert lab.audit.records(limit=1)[0].outcome == "Failed"
