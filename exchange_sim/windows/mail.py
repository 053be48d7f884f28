"""Send-MailMessage into the lab's outbox: the message is kept whole instead of reaching an SMTP
server, so a test or a trainer can read what a runbook mailed (`exchange-sim lab outbox`)."""

from __future__ import annotations

import re
from typing import Any

from exchange_sim.lab import Lab, LabPathError, MailAttachment, OutgoingMail, Server
from exchange_sim.powershell.builtins.declaring import UTILITY, implementing, param, switch
from exchange_sim.powershell.builtins.records import throw_exception
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration, CommandTable
from exchange_sim.powershell.values.exceptions import (
    DotNetException,
    FormatException,
    InvalidOperationException,
    ItemNotFoundException,
)
from exchange_sim.powershell.values.objects import get_property
from exchange_sim.windows.machine import LabMachine

OUTBOX = "windows.outbox"
_ADDRESS = re.compile(r"^\s*(?:(?P<name>.*?)\s*<(?P<angle>[^<>]+)>|(?P<bare>[^<>\s]+))\s*$")
_NO_SERVER = ("The email cannot be sent because no SMTP server was specified. You must specify an SMTP server by "
              "using either the SmtpServer parameter or the $PSEmailServer variable.")
_BAD_ADDRESS = "The specified string is not in the form required for an e-mail address."


class LabMailer:
    """The lab server's way out for mail: the outbox, with an event per message."""

    def __init__(self, lab: Lab, server: Server) -> None:
        self._lab = lab
        self.server = server

    def send(self, mail: OutgoingMail, parameters: dict[str, object]) -> int:
        with self._lab.cmdlet(self.server, "Send-MailMessage", parameters):
            number = self._lab.outbox.send(mail)
            via = f"{mail.smtp_server}:{mail.port}" + (" (SSL)" if mail.use_ssl else "")
            self._lab.events.record(
                self.server.name, "Send-MailMessage", "MailQueued",
                f"Message {number} '{mail.subject}' from {mail.sender} to {', '.join(mail.to)} via {via}.",
                {"message": number, "smtp_server": mail.smtp_server, "port": mail.port,
                 "attachments": [attachment.name for attachment in mail.attachments]})
        return number


def _addresses(values: Any) -> tuple[str, ...]:
    items = values if isinstance(values, (list, tuple)) else [values]
    return tuple(str(item) for item in items if item is not None and str(item) != "")


def is_mail_address(text: str) -> bool:
    """MailAddress's test, as far as runbooks meet it: `user@host` alone or inside `Name <…>`."""
    match = _ADDRESS.match(text)
    if match is None:
        return False
    address = match.group("angle") or match.group("bare") or ""
    local, at, domain = address.partition("@")
    return bool(local) and bool(at) and bool(domain) and "@" not in domain


def _read_attachment(ctx: CmdletContext, machine: LabMachine, path: str) -> tuple[str, bytes | None]:
    """The attachment's full path and bytes (None when it is not there), relative to the current location."""
    providers = getattr(ctx, "providers", None)
    try:
        if providers is not None:
            return providers.locate(path).display, providers.read_bytes(path)
        return str(machine.filesystem.full_path(path)), machine.filesystem.read_bytes(path)
    except (DotNetException, LabPathError):
        shown = providers.locate(path).display if providers is not None else str(machine.filesystem.full_path(path))
        return shown, None


class SendMailMessage(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        self._attachments: list[str] = []

    def process(self, ctx: CmdletContext) -> None:
        # Attachments may arrive one per pipeline object; the message goes out once, at the end.
        value = ctx.bound.get("Attachments")
        self._attachments.extend(_addresses(value) if value is not None else ())
        self._bound = dict(ctx.bound)

    def end(self, ctx: CmdletContext) -> None:
        bound = self._bound
        mailer = ctx.extensions[OUTBOX]
        machine = ctx.extensions["windows.machine"]
        assert isinstance(mailer, LabMailer) and isinstance(machine, LabMachine)
        smtp_server = bound.get("SmtpServer") or ctx.get_variable("PSEmailServer")
        if not smtp_server:
            throw_exception(ctx, InvalidOperationException(_NO_SERVER), "DefaultSmtpServerNotFound",
                            "InvalidArgument", None)
        sender = str(bound["From"])
        to, cc, bcc = (_addresses(bound.get(name)) for name in ("To", "Cc", "Bcc"))
        for address in (sender, *to, *cc, *bcc):
            if not is_mail_address(address):
                throw_exception(ctx, FormatException(_BAD_ADDRESS), "FormatException", "InvalidType", address)
        attachments = []
        for path in self._attachments:
            shown, content = _read_attachment(ctx, machine, path)
            if content is None:
                throw_exception(ctx, ItemNotFoundException(f"Cannot find path '{shown}' because it does not exist."),
                                "PathNotFound", "ObjectNotFound", shown)
            attachments.append(MailAttachment(re.split(r"[\\/]", shown)[-1], content))
        credential = bound.get("Credential")
        mail = OutgoingMail(
            server=mailer.server.name, sender=sender, to=to, cc=cc, bcc=bcc, subject=str(bound.get("Subject") or ""),
            body=str(bound.get("Body") or ""), body_is_html=bool(bound.get("BodyAsHtml")),
            smtp_server=str(smtp_server), port=int(bound.get("Port") or 25), use_ssl=bool(bound.get("UseSsl")),
            credential_user=str(get_property(credential, "UserName")) if credential is not None else None,
            priority=str(bound.get("Priority") or "Normal"), attachments=tuple(attachments))
        audited = {name: value for name, value in bound.items() if name != "Body"}
        mailer.send(mail, audited)



SEND_MAIL_MESSAGE = CommandDeclaration(
    name="Send-MailMessage",
    parameters=(
        param("To", "string[]", position=0, mandatory=True),
        param("Subject", "string", position=1, mandatory=True, aliases=("sub",)),
        param("Body", "string", position=2),
        param("SmtpServer", "string", position=3, aliases=("ComputerName",)),
        param("From", "string", mandatory=True),
        param("Attachments", "string[]", pipeline=True, aliases=("PsPath",)),
        param("Bcc", "string[]"),
        switch("BodyAsHtml", aliases=("BAH",)),
        param("Encoding", "object", aliases=("BE",)),
        param("Cc", "string[]"),
        param("DeliveryNotificationOption", "string", aliases=("DNO",),
              validate_set=("None", "OnSuccess", "OnFailure", "Delay", "Never")),
        param("Priority", "string", validate_set=("Normal", "Low", "High")),
        param("Credential", "pscredential"),
        switch("UseSsl"),
        param("Port", "int"),
    ),
    implementation=SendMailMessage,
    synopsis="Sends an email message.",
    module=UTILITY,
    implementing_type=implementing("Send-MailMessage"),
)
SendMailMessage.declaration = SEND_MAIL_MESSAGE


def register_mail_commands(commands: CommandTable) -> None:
    commands.register(SEND_MAIL_MESSAGE)
