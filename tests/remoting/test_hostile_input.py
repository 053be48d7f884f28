"""Malformed, hostile and oversized requests get WS-Man faults (or 413), never a traceback, and the service
keeps serving."""

from __future__ import annotations

import random

import pytest
import requests
import winrm
from lxml import etree

from tests.remoting.conftest import OTHER_USER, USER, start_service

NS_FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault"

VALID = b"""<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"
 xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" xmlns:rsp="http://schemas.microsoft.com/wbem/wsman/1/windows/shell">
<s:Header><a:Action s:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2004/09/transfer/Create</a:Action>
<w:MaxEnvelopeSize>153600</w:MaxEnvelopeSize><a:MessageID>uuid:11111111-2222-3333-4444-555555555555</a:MessageID>
<w:OperationTimeout>PT20S</w:OperationTimeout>
<w:ResourceURI>http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd</w:ResourceURI></s:Header>
<s:Body><rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell></s:Body>
</s:Envelope>"""

HOSTILE = [
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>',
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>',
    b"",
    b"not xml at all",
    b"<s:Envelope xmlns:s='http://www.w3.org/2003/05/soap-envelope'/>",
    b"<Envelope><Header/><Body/></Envelope>",
    VALID.replace(b"PT20S", b"PTxyzS"),
    VALID.replace(b"153600", b"lots"),
    VALID.replace(b"transfer/Create", b"transfer/Explode"),
    VALID.replace(b"shell/cmd", b"shell/nothing"),
    VALID.replace(b"<rsp:Shell>", b"<rsp:Shellx>").replace(b"</rsp:Shell>", b"</rsp:Shellx>"),
    VALID.replace(b"transfer/Create", b"transfer/Delete"),
    VALID.replace(b"transfer/Create", b"http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Receive"),
]


def _mutations(count: int) -> list[bytes]:
    rng = random.Random(20261128)
    bodies = list(HOSTILE)
    while len(bodies) < count:
        data = bytearray(VALID)
        how = rng.randrange(4)
        if how == 0:
            data = data[: rng.randrange(1, len(data) - 20)]
        elif how == 1:
            for _ in range(rng.randrange(1, 6)):
                data[rng.randrange(len(data))] = rng.choice(b"<>&\"'\x00\xff/")
        elif how == 2:
            start = rng.randrange(len(data))
            del data[start:start + rng.randrange(1, 60)]
        else:
            data = data.replace(b"<a:MessageID>", b"<a:MessageIDx>", 1)
        bodies.append(bytes(data))
    return bodies


def _fault_code(body: bytes) -> str:
    root = etree.fromstring(body)
    fault = root.find(f".//{{{NS_FAULT}}}WSManFault")
    assert fault is not None, body
    return fault.get("Code")


@pytest.fixture(scope="module")
def open_service(listener_certificate):
    with start_service(listener_certificate, allow_unencrypted=True, body_limit=256 * 1024) as running:
        yield running


def test_fifty_malformed_envelopes_each_get_a_fault_and_the_service_keeps_serving(open_service) -> None:
    url = open_service.endpoint("EXCH01", "WinRM", "http").url
    with requests.Session() as http:
        http.auth = (USER.name, USER.password)
        for body in _mutations(50):
            response = http.post(url, data=body, headers={"Content-Type": "application/soap+xml;charset=UTF-8"})
            if not body:
                assert response.status_code == 200  # the empty POST that ends an NTLM handshake
                continue
            assert response.status_code == 500, body
            assert _fault_code(response.content).isdigit()
    result = winrm.Session(url, auth=(USER.name, USER.password), transport="basic").run_cmd("hostname")
    assert result.std_out == b"EXCH01\r\n"


def test_entity_declarations_are_refused_not_expanded(open_service) -> None:
    url = open_service.endpoint("EXCH01", "WinRM", "http").url
    response = requests.post(url, data=HOSTILE[1], auth=(USER.name, USER.password))
    assert response.status_code == 500
    assert b"root:" not in response.content
    assert b"document type declarations are not allowed" in response.content


def test_unknown_configuration_is_fault_2150858811(open_service) -> None:
    url = open_service.endpoint("EXCH01", "WinRM", "http").url
    body = VALID.replace(b"wbem/wsman/1/windows/shell/cmd", b"powershell/Microsoft.Nothing")
    response = requests.post(url, data=body, auth=(USER.name, USER.password))
    assert (response.status_code, _fault_code(response.content)) == (500, "2150858811")


def test_a_body_over_the_limit_is_refused(open_service) -> None:
    url = open_service.endpoint("EXCH01", "WinRM", "http").url
    response = requests.post(url, data=b"<x>" + b"a" * (300 * 1024) + b"</x>", auth=(USER.name, USER.password))
    assert response.status_code == 413


def test_only_post_is_served(open_service) -> None:
    url = open_service.endpoint("EXCH01", "WinRM", "http").url
    assert requests.get(url, auth=(USER.name, USER.password)).status_code == 405


def test_another_users_shell_is_an_unknown_shell(open_service) -> None:
    url = open_service.endpoint("EXCH01", "WinRM", "http").url
    with requests.Session() as http:
        http.auth = (USER.name, USER.password)
        created = http.post(url, data=VALID)
        shell_id = etree.fromstring(created.content).find(".//{*}Selector").text
    delete = VALID.replace(b"transfer/Create", b"transfer/Delete").replace(
        b"</w:ResourceURI>",
        b"</w:ResourceURI><w:SelectorSet><w:Selector Name='ShellId'>" + shell_id.encode() + b"</w:Selector></w:SelectorSet>",
    )
    # Asked for by a user who does not own it, the shell is unknown, and nothing is deleted.
    other = requests.post(url, data=delete, auth=(OTHER_USER.name, OTHER_USER.password))
    assert (other.status_code, _fault_code(other.content)) == (500, "2150858843")
    owner = requests.post(url, data=delete, auth=("CONTOSO\\administrator", USER.password))
    assert owner.status_code == 200
    again = requests.post(url, data=delete, auth=(USER.name, USER.password))
    assert (again.status_code, _fault_code(again.content)) == (500, "2150858843")


@pytest.mark.parametrize("payload", [b"garbage", b"\x00" * 21, bytes(range(256)) * 4])
def test_garbage_psrp_creation_data_is_a_fault(open_service, payload: bytes) -> None:
    import base64

    url = open_service.endpoint("EXCH01", "IIS", "http").url
    body = VALID.replace(b"wbem/wsman/1/windows/shell/cmd", b"powershell/Microsoft.Exchange").replace(
        b"</rsp:OutputStreams>",
        b"</rsp:OutputStreams><creationXml xmlns='http://schemas.microsoft.com/powershell'>"
        + base64.b64encode(payload) + b"</creationXml>",
    )
    response = requests.post(url, data=body, auth=(USER.name, USER.password))
    assert response.status_code == 500
    assert _fault_code(response.content).isdigit()
