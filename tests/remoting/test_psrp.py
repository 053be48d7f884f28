"""PSRP through the real pypsrp client: runspace pools at /PowerShell/ and /wsman, configuration rules."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from pypsrp.exceptions import WSManFaultError
from pypsrp.powershell import PowerShell, RunspacePool
from pypsrp.wsman import WSMan

from tests.remoting.conftest import USER


def _wsman(endpoint, auth: str = "ntlm", **kwargs) -> WSMan:
    url = urlparse(endpoint.url)
    return WSMan(url.hostname, port=url.port, path=url.path.lstrip("/"), ssl=url.scheme == "https",
                 username=USER.name, password=USER.password, auth=auth, **kwargs)


def test_exchange_runspace_pool_opens_and_closes_at_powershell_path(service) -> None:
    with _wsman(service.endpoint("EXCH01", "IIS", "http")) as wsman:
        with RunspacePool(wsman, configuration_name="Microsoft.Exchange") as pool:
            assert pool.state == 2  # Opened
    assert service.service.open_shells() == 0


def test_negotiate_spnego_pool_opens_over_https(service, listener_certificate_file) -> None:
    endpoint = service.endpoint("EXCH01", "IIS", "https")
    with _wsman(endpoint, auth="negotiate", cert_validation=str(listener_certificate_file)) as wsman:
        with RunspacePool(wsman, configuration_name="Microsoft.Exchange") as pool:
            assert pool.state == 2


def test_script_on_the_exchange_endpoint_is_refused(service) -> None:
    with _wsman(service.endpoint("EXCH01", "IIS", "http")) as wsman:
        with RunspacePool(wsman, configuration_name="Microsoft.Exchange") as pool:
            ps = PowerShell(pool)
            ps.add_script("Get-ExchangeCertificate | Select-Object Thumbprint")
            output = ps.invoke()
    assert output == []
    assert ps.had_errors
    assert "no-language mode" in str(ps.streams.error[0])


def test_unknown_configuration_is_fault_2150858811(service) -> None:
    with _wsman(service.endpoint("EXCH01", "WinRM", "http")) as wsman:
        with pytest.raises(WSManFaultError) as caught:
            RunspacePool(wsman, configuration_name="Microsoft.Nothing").open()
    assert caught.value.code == 2150858811


def _catalog_service(listener_certificate):
    from exchange_sim.powershell.commands import (
        Cmdlet,
        CommandDeclaration,
        CommandTable,
        ParameterDeclaration,
    )
    from tests.remoting.conftest import start_service

    table = CommandTable()
    table.register(CommandDeclaration(
        "Get-ExchangeCertificate",
        (ParameterDeclaration("Thumbprint", "string"), ParameterDeclaration("Server", "string"),
         ParameterDeclaration("DomainName", "string[]", aliases=("Domain",))),
        Cmdlet, module="Microsoft.Exchange.Management.PowerShell.E2010"))
    table.register(CommandDeclaration(
        "Enable-ExchangeCertificate", (ParameterDeclaration("Force", "switch"),), Cmdlet))
    return start_service(listener_certificate, catalog=lambda configuration: iter(table))


def test_command_metadata_answers_from_the_declarations(listener_certificate) -> None:
    with _catalog_service(listener_certificate) as running:
        with _wsman(running.endpoint("EXCH01", "IIS", "http")) as wsman:
            with RunspacePool(wsman, configuration_name="Microsoft.Exchange") as pool:
                found = pool.get_command_metadata(["get-exchange*", "Enable-*"])
    assert [m.name for m in found] == ["Enable-ExchangeCertificate", "Get-ExchangeCertificate"]
    get = found[1]
    assert get.parameters["DomainName"].parameter_type == "System.String[]"
    assert get.parameters["DomainName"].aliases == ["Domain"]
    assert found[0].parameters["Force"].switch_parameter is True
    assert str(get.command_type) == "Cmdlet"


def test_basic_without_encryption_works_only_when_unencrypted_is_allowed(listener_certificate) -> None:
    from pypsrp.exceptions import AuthenticationError

    from tests.remoting.conftest import start_service

    with start_service(listener_certificate, allow_unencrypted=True) as running:
        with _wsman(running.endpoint("EXCH01", "IIS", "http"), auth="basic", encryption="never") as wsman:
            with RunspacePool(wsman, configuration_name="Microsoft.PowerShell") as pool:
                assert pool.state == 2
    with start_service(listener_certificate) as running:
        with _wsman(running.endpoint("EXCH01", "IIS", "http"), auth="basic", encryption="never") as wsman:
            with pytest.raises(AuthenticationError):
                RunspacePool(wsman, configuration_name="Microsoft.PowerShell").open()


def test_sealing_inside_tls_also_works(service, listener_certificate_file) -> None:
    endpoint = service.endpoint("EXCH01", "WinRM", "https")
    with _wsman(endpoint, encryption="always", cert_validation=str(listener_certificate_file)) as wsman:
        with RunspacePool(wsman, configuration_name="Microsoft.Exchange") as pool:
            assert pool.state == 2
