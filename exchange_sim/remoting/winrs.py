"""WinRS message bodies (Create/Command/Receive/Send/Signal/Delete) and the cmd.exe side of a command.

Parsing turns `rsp:` bodies into values; building turns values into `rsp:` elements
(reference/remoting.md §7). What runs a PowerShell script is elsewhere (`powershell_process`).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Sequence

from lxml import etree

from exchange_sim.remoting import faults
from exchange_sim.remoting.command_line import NativeLaunch
from exchange_sim.remoting.shells import ReceiveBatch, Shell
from exchange_sim.remoting.soap import (
    NS_ADDRESSING,
    NS_POWERSHELL,
    NS_SHELL,
    NS_TRANSFER,
    NS_WSMAN,
    child,
    element,
    q,
)

CMD_RESOURCE = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd"
STATE_DONE = f"{NS_SHELL}/CommandState/Done"
STATE_RUNNING = f"{NS_SHELL}/CommandState/Running"
SIGNAL_TERMINATE = f"{NS_SHELL}/signal/terminate"
SIGNAL_CTRL_C = f"{NS_SHELL}/signal/ctrl_c"
PSRP_SIGNAL_CTRL_C = "powershell/signal/ctrl_c"

NOT_RECOGNIZED_EXIT = 9009  # cmd.exe's exit code for an unknown program (§15.17)


@dataclass(frozen=True)
class ShellCreate:
    shell_id: str | None
    input_streams: str
    output_streams: str
    creation_xml: bytes | None


@dataclass(frozen=True)
class CommandRequest:
    command_id: str | None
    command: str
    arguments: tuple[str, ...]


@dataclass(frozen=True)
class SendChunk:
    stream: str
    command_id: str | None
    data: bytes
    end: bool


@dataclass(frozen=True)
class ProcessResult:
    stdout: bytes
    stderr: bytes
    exit_code: int


def _require(body: etree._Element | None, local: str) -> etree._Element:
    if body is None or body.tag != q(NS_SHELL, local):
        raise faults.invalid_message(f"the Body must hold one rsp:{local} element")
    return body


def decode_base64(text: str | None, what: str) -> bytes:
    try:
        return base64.b64decode((text or "").strip(), validate=True)
    except (binascii.Error, ValueError):
        raise faults.invalid_message(f"{what} is not valid base64") from None


def parse_create(body: etree._Element | None) -> ShellCreate:
    shell = _require(body, "Shell")
    creation = shell.find(q(NS_POWERSHELL, "creationXml"))
    return ShellCreate(
        shell_id=shell.get("ShellId"),
        input_streams=(shell.findtext(q(NS_SHELL, "InputStreams")) or "stdin").strip(),
        output_streams=(shell.findtext(q(NS_SHELL, "OutputStreams")) or "stdout stderr").strip(),
        creation_xml=decode_base64(creation.text, "creationXml") if creation is not None else None,
    )


def parse_command(body: etree._Element | None) -> CommandRequest:
    line = _require(body, "CommandLine")
    return CommandRequest(
        command_id=line.get("CommandId"),
        command=(line.findtext(q(NS_SHELL, "Command")) or "").strip(),
        arguments=tuple((a.text or "") for a in line.findall(q(NS_SHELL, "Arguments"))),
    )


def parse_receive(body: etree._Element | None) -> tuple[str | None, tuple[str, ...]]:
    receive = _require(body, "Receive")
    desired = receive.find(q(NS_SHELL, "DesiredStream"))
    if desired is None:
        return None, ("stdout", "stderr")
    return desired.get("CommandId"), tuple((desired.text or "stdout").split())


def parse_send(body: etree._Element | None) -> list[SendChunk]:
    send = _require(body, "Send")
    return [
        SendChunk(
            stream=stream.get("Name", "stdin"),
            command_id=stream.get("CommandId"),
            data=decode_base64(stream.text, "the Send stream"),
            end=(stream.get("End") or "").lower() == "true",
        )
        for stream in send.findall(q(NS_SHELL, "Stream"))
    ]


def parse_signal(body: etree._Element | None) -> tuple[str | None, str]:
    signal = _require(body, "Signal")
    return signal.get("CommandId"), (signal.findtext(q(NS_SHELL, "Code")) or "").strip()


def created(address: str, shell: Shell, input_streams: str, output_streams: str) -> list[etree._Element]:
    """ResourceCreated with the SelectorSet (pypsrp copies it onto every later request, §15.9) + shell details."""
    resource_created = element(NS_TRANSFER, "ResourceCreated")
    child(resource_created, NS_ADDRESSING, "Address", address)
    parameters = child(resource_created, NS_ADDRESSING, "ReferenceParameters")
    child(parameters, NS_WSMAN, "ResourceURI", shell.resource_uri)
    selectors = child(parameters, NS_WSMAN, "SelectorSet")
    child(selectors, NS_WSMAN, "Selector", shell.shell_id, Name="ShellId")
    details = element(NS_SHELL, "Shell")
    child(details, NS_SHELL, "ShellId", shell.shell_id)
    child(details, NS_SHELL, "ResourceUri", shell.resource_uri)
    child(details, NS_SHELL, "Owner", shell.owner)
    child(details, NS_SHELL, "ClientIP", "127.0.0.1")
    child(details, NS_SHELL, "IdleTimeOut", f"PT{shell.idle_timeout:.3f}S")
    child(details, NS_SHELL, "InputStreams", input_streams)
    child(details, NS_SHELL, "OutputStreams", output_streams)
    return [resource_created, details]


def command_response(command_id: str) -> list[etree._Element]:
    response = element(NS_SHELL, "CommandResponse")
    child(response, NS_SHELL, "CommandId", command_id)
    return [response]


def receive_response(batch: ReceiveBatch, command_id: str | None, streams: Sequence[str]) -> list[etree._Element]:
    """Stream chunks in order; once done, an End marker per stream and exactly one Done state with the
    exit code (pywinrm counts Done elements, §15.16)."""
    response = element(NS_SHELL, "ReceiveResponse")
    attributes = {"CommandId": command_id} if command_id else {}
    for stream, data in batch.chunks:
        child(response, NS_SHELL, "Stream", base64.b64encode(data).decode(), Name=stream, **attributes)
    if batch.done:
        for stream in streams:
            child(response, NS_SHELL, "Stream", None, Name=stream, End="true", **attributes)
        state = child(response, NS_SHELL, "CommandState", None, State=STATE_DONE, **attributes)
        child(state, NS_SHELL, "ExitCode", str(batch.exit_code or 0))
    elif command_id:
        child(response, NS_SHELL, "CommandState", None, State=STATE_RUNNING, **attributes)
    return [response]


def empty_response(local: str) -> list[etree._Element]:
    return [element(NS_SHELL, local)]


def run_native(launch: NativeLaunch, computer_name: str, user: str, codec: str) -> ProcessResult:
    """cmd.exe's answer for a command line that is not powershell.exe.

    Only the few commands whose output needs nothing from the machine are built in; everything else is,
    as on a server without that program, "not recognized" with exit code 9009.
    """
    program = launch.program.lower()
    if program in ("hostname", "hostname.exe") and not launch.arguments:
        return ProcessResult(f"{computer_name}\r\n".encode(codec, "replace"), b"", 0)
    if program in ("whoami", "whoami.exe") and not launch.arguments:
        return ProcessResult(f"{user.lower()}\r\n".encode(codec, "replace"), b"", 0)
    if program == "echo":
        text = launch.line[len(launch.program):].strip()
        return ProcessResult(f"{text or 'ECHO is on.'}\r\n".encode(codec, "replace"), b"", 0)
    if program == "exit":
        code = launch.arguments[-1] if launch.arguments else "0"
        return ProcessResult(b"", b"", int(code) if code.lstrip("-").isdigit() else 0)
    if program == "":
        return ProcessResult(b"", b"", 0)
    message = (
        f"'{launch.program}' is not recognized as an internal or external command,\r\n"
        "operable program or batch file.\r\n"
    )
    return ProcessResult(b"", message.encode(codec, "replace"), NOT_RECOGNIZED_EXIT)
