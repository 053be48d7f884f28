"""Set-OutlookAnywhere's authentication and TLS settings: stored in the lab, returned by
Get-OutlookAnywhere, gated by version and refused as Exchange refuses them."""
from __future__ import annotations

from pathlib import Path

from exchange_sim.lab import Lab
from exchange_sim.lab.virtual_directories import OutlookAnywhereSettings

from .conftest import Runbook

RPC = r"'EXCH01\Rpc (Default Web Site)'"


def test_setup_defaults_are_negotiate_outside_ntlm_inside_and_offloading(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, "$oa = Get-OutlookAnywhere\n"
                                "'{0}|{1}|{2}|{3}|{4}|{5}' -f $oa.ExternalClientAuthenticationMethod, "
                                "$oa.InternalClientAuthenticationMethod, $oa.ExternalClientsRequireSsl, "
                                "$oa.InternalClientsRequireSsl, ($oa.IISAuthenticationMethods -join ','), $oa.SSLOffloading")
    assert host.text.split() == ["Negotiate|Ntlm|False|False|Basic,Ntlm,Negotiate|True"]


def test_namespace_runbook_stores_every_setting_and_get_returns_them(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, f"""
        Set-OutlookAnywhere {RPC} -ExternalHostname mail.contoso.com -ExternalClientsRequireSsl $true `
            -ExternalClientAuthenticationMethod Ntlm -InternalClientsRequireSsl:$true -InternalClientAuthenticationMethod negotiate `
            -IISAuthenticationMethods Ntlm,Negotiate -SSLOffloading $false
        $oa = Get-OutlookAnywhere -Server EXCH01
        $oa.ExternalHostname.HostnameString; $oa.IISAuthenticationMethods.Count; $oa.SSLOffloading
    """)
    assert host.error_text == ""
    assert host.text.split() == ["mail.contoso.com", "2", "False"]
    with Lab.open(contoso_lab) as lab:
        directory = lab.virtual_directories("EXCH01").get("OutlookAnywhere")
    assert directory.external_url == "mail.contoso.com"
    assert directory.outlook_anywhere == OutlookAnywhereSettings("Ntlm", "Negotiate", True, True, ("Ntlm", "Negotiate"),
                                                                 False)


def test_default_authentication_method_replaces_client_and_iis_methods(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, f"Set-OutlookAnywhere {RPC} -DefaultAuthenticationMethod Basic")
    assert host.error_text == ""
    with Lab.open(contoso_lab) as lab:
        settings = lab.virtual_directories("EXCH01").outlook_anywhere()
    assert (settings.external_client_authentication_method, settings.internal_client_authentication_method,
            settings.iis_authentication_methods) == ("Basic", "Basic", ("Basic",))


def test_default_authentication_method_with_another_method_is_refused(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, f"Set-OutlookAnywhere {RPC} -DefaultAuthenticationMethod Basic -IISAuthenticationMethods Ntlm")
    assert "can't be used with the IISAuthenticationMethods parameter" in host.error_text
    with Lab.open(contoso_lab) as lab:
        assert lab.virtual_directories("EXCH01").outlook_anywhere() == OutlookAnywhereSettings()


def test_unknown_authentication_method_fails_binding_with_the_enum_names(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, f"Set-OutlookAnywhere {RPC} -ExternalClientAuthenticationMethod Kerb")
    assert 'Cannot convert value "Kerb" to type "Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthenticationMethod"' \
        in host.error_text
    assert "CannotConvertArgumentNoMessage" in host.error_text


def test_authentication_method_outlook_anywhere_cannot_use_is_refused(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, f"Set-OutlookAnywhere {RPC} -IISAuthenticationMethods Basic,Digest; 'after'")
    assert "The value 'Digest' isn't valid for the IISAuthenticationMethods parameter" in host.error_text
    assert "TaskArgumentException" in host.error_text
    with Lab.open(contoso_lab) as lab:
        assert lab.virtual_directories("EXCH01").outlook_anywhere() == OutlookAnywhereSettings()


def test_ssl_offloading_off_needs_some_clients_to_require_ssl(contoso_lab: Path, runbook: Runbook) -> None:
    host = runbook(contoso_lab, f"""
        Set-OutlookAnywhere {RPC} -SSLOffloading $false -ExternalHostname mail.contoso.com
        (Get-OutlookAnywhere).SSLOffloading
        Set-OutlookAnywhere {RPC} -SSLOffloading $false -InternalClientsRequireSsl $true
        (Get-OutlookAnywhere).SSLOffloading
    """)
    assert "can be set to $false only when InternalClientsRequireSsl or ExternalClientsRequireSsl is $true" \
        in host.error_text
    assert host.text.split() == ["True", "False"]
    with Lab.open(contoso_lab) as lab:
        # The refused call changed nothing, not even the host name it was given.
        assert lab.virtual_directories("EXCH01").get("OutlookAnywhere").external_url is None
        outcomes = [r.outcome for r in lab.audit.records() if r.command == "Set-OutlookAnywhere"]
    assert outcomes == ["Failed", "Completed"]


def test_client_settings_arrived_with_2013_so_a_2010_shell_has_no_such_parameter(mixed_lab: Path,
                                                                                 runbook: Runbook) -> None:
    host = runbook(mixed_lab, "Set-OutlookAnywhere 'EX2016\\Rpc (Default Web Site)' -ExternalClientsRequireSsl $true",
                   server="EX2010")
    assert "A parameter cannot be found that matches parameter name 'ExternalClientsRequireSsl'" in host.error_text
    newer = runbook(mixed_lab, "Set-OutlookAnywhere 'EX2016\\Rpc (Default Web Site)' -ClientAuthenticationMethod Ntlm",
                    server="EX2019")
    assert "A parameter cannot be found that matches parameter name 'ClientAuthenticationMethod'" in newer.error_text
