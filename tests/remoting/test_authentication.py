"""Who may connect: Basic only over TLS by default, NTLM/Negotiate with sealing, wrong passwords refused."""

from __future__ import annotations

import pytest
import requests
import winrm
from winrm.exceptions import InvalidCredentialsError

from tests.remoting.conftest import USER, start_service


def test_basic_over_plain_http_is_refused_by_default(service) -> None:
    url = service.endpoint("EXCH01", "WinRM", "http").url
    session = winrm.Session(url, auth=(USER.name, USER.password), transport="basic")
    with pytest.raises(InvalidCredentialsError):
        session.run_cmd("hostname")


def test_basic_over_plain_http_works_when_unencrypted_is_allowed(listener_certificate) -> None:
    with start_service(listener_certificate, allow_unencrypted=True) as running:
        url = running.endpoint("EXCH01", "WinRM", "http").url
        result = winrm.Session(url, auth=(USER.name, USER.password), transport="basic").run_cmd("hostname")
    assert result.std_out == b"EXCH01\r\n"


def test_basic_over_https_validates_against_the_presented_certificate(service, listener_certificate_file) -> None:
    url = service.endpoint("EXCH01", "WinRM", "https").url
    session = winrm.Session(url, auth=(USER.name, USER.password), transport="ssl",
                            ca_trust_path=str(listener_certificate_file))
    assert session.run_cmd("whoami").std_out == b"contoso\\administrator\r\n"


def test_wrong_password_gets_401_over_ntlm(service) -> None:
    url = service.endpoint("EXCH01", "WinRM", "http").url
    session = winrm.Session(url, auth=(f"CONTOSO\\{USER.name}", "not-the-password"), transport="ntlm")
    with pytest.raises(InvalidCredentialsError):
        session.run_cmd("hostname")


def test_wrong_password_gets_401_over_basic(service, listener_certificate_file) -> None:
    url = service.endpoint("EXCH01", "WinRM", "https").url
    response = requests.post(url, data=b"<x/>", auth=(USER.name, "wrong"), verify=str(listener_certificate_file))
    assert response.status_code == 401
    assert "Negotiate" in response.headers.get("WWW-Authenticate", "")


def test_unknown_user_gets_401(service, listener_certificate_file) -> None:
    url = service.endpoint("EXCH01", "WinRM", "https").url
    session = winrm.Session(url, auth=("mallory", USER.password), transport="ssl",
                            ca_trust_path=str(listener_certificate_file))
    with pytest.raises(InvalidCredentialsError):
        session.run_cmd("hostname")


@pytest.mark.parametrize("typed", ["administrator", "CONTOSO\\administrator", "administrator@contoso.com"])
def test_ntlm_accepts_every_form_of_the_user_name(service, typed: str) -> None:
    url = service.endpoint("EXCH01", "WinRM", "http").url
    assert winrm.Session(url, auth=(typed, USER.password), transport="ntlm").run_cmd("hostname").status_code == 0


def test_ntlm_over_https_checks_channel_binding_when_sent(service, listener_certificate_file) -> None:
    url = service.endpoint("EXCH01", "WinRM", "https").url
    for send_cbt in (True, False):
        session = winrm.Session(url, auth=(USER.name, USER.password), transport="ntlm",
                                ca_trust_path=str(listener_certificate_file), send_cbt=send_cbt)
        assert session.run_cmd("hostname").std_out == b"EXCH01\r\n"


def test_unsealed_soap_over_http_with_ntlm_is_refused(service) -> None:
    url = service.endpoint("EXCH01", "WinRM", "http").url
    session = winrm.Session(url, auth=(USER.name, USER.password), transport="ntlm", message_encryption="never")
    with pytest.raises(winrm.exceptions.WinRMTransportError):
        session.run_cmd("hostname")
