"""Sans-IO protocol rules: command lines, durations, envelopes, channel-binding peeking, sealing frames,
shell ownership and output buffers — each checked without a socket."""

from __future__ import annotations

import base64

import pytest
import spnego
from spnego.channel_bindings import GssChannelBindings

from exchange_sim.remoting import encryption, faults, soap
from exchange_sim.remoting.auth import Account, ConnectionAuth, Outcome, UserDirectory, carries_channel_bindings
from exchange_sim.remoting.command_line import LaunchError, NativeLaunch, PowerShellLaunch, parse_launch, split_arguments
from exchange_sim.remoting.shells import CommandState, InvalidCommandState, OutputBuffer, ShellTable

ACCOUNT = Account("administrator", "P@ssw0rd!", "CONTOSO")


def _encoded(script: str) -> str:
    return base64.b64encode(script.encode("utf-16-le")).decode()


@pytest.mark.parametrize("line", [
    "powershell -encodedcommand {b}",
    "PowerShell.exe -NoProfile -NonInteractive -ExecutionPolicy Unrestricted -EncodedCommand {b}",
    "powershell -e {b}",
    "pwsh -ec {b}",
    r"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe /enc {b}",
])
def test_encoded_command_forms_decode_to_the_script(line: str) -> None:
    launch = parse_launch(line.format(b=_encoded("Get-Date; exit 3")))
    assert launch == PowerShellLaunch("Get-Date; exit 3", "EncodedCommand")


def test_command_and_file_parameters_are_understood() -> None:
    assert parse_launch("powershell", ["-Command", "Get-Date", "-Format", "o"]) == PowerShellLaunch(
        "Get-Date -Format o", "Command")
    assert parse_launch('powershell -File "C:\\scripts\\renew it.ps1" -Days 30') == PowerShellLaunch(
        "", "File", "C:\\scripts\\renew it.ps1", ("-Days", "30"))


def test_bad_base64_is_powershells_own_refusal() -> None:
    launch = parse_launch("powershell -EncodedCommand ***")
    assert isinstance(launch, LaunchError)
    assert "not properly encoded" in launch.message


def test_other_programs_go_to_cmd() -> None:
    assert parse_launch("ipconfig", ["/all"]) == NativeLaunch("ipconfig", ("/all",), "ipconfig /all")


def test_windows_argument_splitting_keeps_quoted_blanks_and_escaped_quotes() -> None:
    assert split_arguments(r'a "b c" d\"e "f\\" g') == ["a", "b c", 'd"e', "f\\", "g"]


@pytest.mark.parametrize("text, seconds", [("PT20S", 20.0), ("PT20.000S", 20.0), ("PT1M30S", 90.0), ("P1DT1H", 90000.0)])
def test_operation_timeouts_are_xs_durations(text: str, seconds: float) -> None:
    assert soap.parse_duration(text) == seconds


def test_a_reply_echoes_the_message_id_byte_for_byte() -> None:
    reply = soap.reply_envelope(soap.ACTION_SEND + "Response", "uuid:AbC-1")
    root = soap.parse_xml(reply)
    assert root.findtext(f".//{{{soap.NS_ADDRESSING}}}RelatesTo") == "uuid:AbC-1"


def _ntlm_authenticate(bindings: GssChannelBindings | None) -> tuple[ConnectionAuth, bytes, bytes]:
    client = spnego.client(ACCOUNT.name, ACCOUNT.password, protocol="ntlm", channel_bindings=bindings)
    server = ConnectionAuth(UserDirectory((ACCOUNT,)), encrypted_transport=True, allow_unencrypted=False,
                            channel_binding=b"tls-server-end-point:" + b"\x11" * 32)
    negotiate = client.step()
    challenge_step = server.authenticate("Negotiate " + base64.b64encode(negotiate).decode())
    assert challenge_step.outcome is Outcome.CHALLENGE
    challenge = base64.b64decode(challenge_step.header.split()[1])
    authenticate = client.step(challenge)
    return server, negotiate, authenticate


def test_channel_bindings_are_seen_only_when_the_client_sent_them(tmp_path, monkeypatch) -> None:
    users = tmp_path / "users"
    users.write_text(f":{ACCOUNT.name}:{ACCOUNT.password}\n")
    monkeypatch.setenv("NTLM_USER_FILE", str(users))
    _, _, without = _ntlm_authenticate(None)
    _, _, with_cbt = _ntlm_authenticate(GssChannelBindings(application_data=b"tls-server-end-point:" + b"\x22" * 32))
    assert not carries_channel_bindings(without)
    assert carries_channel_bindings(with_cbt)


def test_relaxed_binding_accepts_no_bindings_and_rejects_wrong_ones(tmp_path, monkeypatch) -> None:
    users = tmp_path / "users"
    users.write_text(f":{ACCOUNT.name}:{ACCOUNT.password}\n")
    monkeypatch.setenv("NTLM_USER_FILE", str(users))
    server, _, without = _ntlm_authenticate(None)
    assert server.authenticate("Negotiate " + base64.b64encode(without).decode()).outcome is Outcome.ACCEPTED
    wrong = GssChannelBindings(application_data=b"tls-server-end-point:" + b"\x22" * 32)
    server, _, mismatched = _ntlm_authenticate(wrong)
    assert server.authenticate("Negotiate " + base64.b64encode(mismatched).decode()).outcome is Outcome.REJECTED


def test_sealed_frames_round_trip_and_refuse_a_wrong_length(tmp_path, monkeypatch) -> None:
    users = tmp_path / "users"
    users.write_text(f":{ACCOUNT.name}:{ACCOUNT.password}\n")
    monkeypatch.setenv("NTLM_USER_FILE", str(users))
    client = spnego.client(ACCOUNT.name, ACCOUNT.password, protocol="ntlm")
    server = ConnectionAuth(UserDirectory((ACCOUNT,)), encrypted_transport=False, allow_unencrypted=False)
    step = server.authenticate("NTLM " + base64.b64encode(client.step()).decode())
    final = client.step(base64.b64decode(step.header.split()[1]))
    assert server.authenticate("NTLM " + base64.b64encode(final).decode()).outcome is Outcome.ACCEPTED

    class ClientSealer:
        def seal(self, plain: bytes) -> tuple[bytes, bytes]:
            result = client.wrap_winrm(plain)
            return result.header, result.data

        def unseal(self, signature: bytes, sealed: bytes) -> bytes:
            return client.unwrap_winrm(signature, sealed)

    request = encryption.seal_body(b"<hello/>", ClientSealer())
    assert encryption.open_body(request.body, server) == b"<hello/>"
    reply = encryption.seal_body(b"<reply/>", server)
    assert encryption.open_body(reply.body, ClientSealer()) == b"<reply/>"
    lying = encryption.seal_body(b"<again/>", ClientSealer()).body.replace(b"Length=8", b"Length=9")
    with pytest.raises(encryption.EncryptionError):
        encryption.open_body(lying, server)


def test_basic_names_in_every_form_find_the_account() -> None:
    directory = UserDirectory((ACCOUNT,), ("contoso.com",))
    for typed in ("administrator", "CONTOSO\\Administrator", "administrator@contoso.com"):
        assert directory.check_password(typed, ACCOUNT.password) == ACCOUNT
    assert directory.check_password("OTHER\\administrator", ACCOUNT.password) is None
    assert directory.check_password("administrator", "wrong") is None


def test_a_shell_belongs_to_its_creator_and_expires_when_idle() -> None:
    table = ShellTable()
    shell = table.create("Administrator", "uri", "cmd", now=0.0, idle_timeout=10.0)
    with pytest.raises(faults.WsmanFault) as caught:
        table.get(shell.shell_id, "helpdesk", now=1.0)
    assert caught.value.detail.code == faults.INVALID_SELECTORS
    assert table.get(shell.shell_id, "administrator", now=5.0) is shell
    assert table.expired(now=14.0) == []
    assert table.expired(now=16.0) == [shell]
    assert len(table) == 0


def test_output_is_taken_in_order_within_budget_and_done_only_when_drained() -> None:
    buffer = OutputBuffer()
    buffer.write("stdout", b"a" * 10)
    buffer.write("stderr", b"b" * 10)
    buffer.finish(3)
    first = buffer.take(budget=15)
    assert first.chunks == (("stdout", b"a" * 10), ("stderr", b"b" * 5)) and not first.done
    second = buffer.take(budget=15)
    assert second.chunks == (("stderr", b"b" * 5),) and second.done and second.exit_code == 3
    assert buffer.state is CommandState.DONE
    with pytest.raises(InvalidCommandState):
        buffer.write("stdout", b"late")


def test_error_stream_is_clixml_that_pywinrm_cleans_into_the_console_text() -> None:
    import winrm

    from exchange_sim.remoting.clixml_stream import MARKER, stream_document

    view = ('Write-Error "boom" : boom & <more>\n'
            "    + CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException\n"
            "    + FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException\n")
    document = stream_document([("Error", view)])
    assert document.startswith(MARKER)
    assert '<S S="Error">Write-Error "boom" : boom &amp; &lt;more&gt;_x000D__x000A_</S>' in document
    cleaned = winrm.Session("http://127.0.0.1:1/wsman", auth=("u", "p"))._clean_error_msg(document.encode())
    assert cleaned.decode() == view.rstrip("\n")


def test_clixml_strings_escape_control_characters_and_lookalike_escapes() -> None:
    from psrpcore.types import deserialize_clixml

    from exchange_sim.remoting.clixml_stream import MARKER, stream_document

    document = stream_document([("warning", "tab\there _x0041_ bell\x07")])
    (value,) = deserialize_clixml(document[len(MARKER):], None)
    assert value == "tab\there _x0041_ bell\x07\r\n"
