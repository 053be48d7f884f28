"""The cmd shell driven by the real pywinrm client."""

from __future__ import annotations

import winrm

from tests.remoting.conftest import USER


def _session(url: str, transport: str = "ntlm", user: str = f"{USER.domain}\\{USER.name}", password: str = USER.password,
             **kwargs) -> winrm.Session:
    return winrm.Session(url, auth=(user, password), transport=transport, **kwargs)


def test_unknown_program_gives_cmd_text_and_9009(service) -> None:
    url = service.endpoint("EXCH01", "WinRM", "http").url
    result = _session(url).run_cmd("foo")
    assert result.status_code == 9009
    assert result.std_err.decode() == (
        "'foo' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n"
    )
    assert result.std_out == b""


def test_hostname_prints_the_servers_name(service) -> None:
    url = service.endpoint("EXCH01", "WinRM", "http").url
    result = _session(url).run_cmd("hostname")
    assert (result.status_code, result.std_out) == (0, b"EXCH01\r\n")


def test_output_is_encoded_in_the_shells_code_page(service) -> None:
    url = service.endpoint("EXCH01", "WinRM", "http").url
    result = _session(url).run_cmd("echo", ["Grüße"])
    assert result.std_out == "Grüße\r\n".encode("cp437")


def test_exit_in_cmd_sets_the_exit_code(service) -> None:
    url = service.endpoint("EXCH01", "WinRM", "http").url
    assert _session(url).run_cmd("exit", ["/b", "7"]).status_code == 7
