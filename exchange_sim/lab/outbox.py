"""The lab's mail outbox: what `Send-MailMessage` would have handed to an SMTP server, kept whole
(addresses, body, attachments' bytes) so a test or a trainer can read what a runbook mailed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from exchange_sim.lab.clock import LabClock
from exchange_sim.lab.errors import LabError
from exchange_sim.lab.transactions import TransactionScope


@dataclass(frozen=True)
class MailAttachment:
    name: str
    content: bytes


@dataclass(frozen=True)
class OutgoingMail:
    """One message as submitted; `id` and `at` are filled in when the outbox stores it."""

    server: str
    sender: str
    to: tuple[str, ...]
    subject: str
    body: str = ""
    body_is_html: bool = False
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    smtp_server: str | None = None
    port: int = 25
    use_ssl: bool = False
    credential_user: str | None = None
    priority: str = "Normal"
    attachments: tuple[MailAttachment, ...] = ()
    id: int = 0
    at: datetime | None = None


class Outbox:
    def __init__(self, scope: TransactionScope, clock: LabClock) -> None:
        self._scope = scope
        self._clock = clock

    def send(self, mail: OutgoingMail) -> int:
        """Stores the message in the caller's transaction; returns its number in the outbox."""
        with self._scope.transaction():
            table = self._scope.db["outbox"]
            table.insert(
                {
                    "at": self._clock.now().isoformat(),
                    "server": mail.server,
                    "sender": mail.sender,
                    "recipients": json.dumps({"To": list(mail.to), "Cc": list(mail.cc), "Bcc": list(mail.bcc)}),
                    "subject": mail.subject,
                    "body": mail.body,
                    "body_is_html": int(mail.body_is_html),
                    "smtp_server": mail.smtp_server,
                    "port": mail.port,
                    "use_ssl": int(mail.use_ssl),
                    "credential_user": mail.credential_user,
                    "priority": mail.priority,
                }
            )
            number = int(table.last_pk)
            for position, attachment in enumerate(mail.attachments):
                self._scope.db["outbox_attachments"].insert(
                    {"message_id": number, "position": position, "name": attachment.name,
                     "content": attachment.content}
                )
        return number

    def messages(self) -> list[OutgoingMail]:
        rows = self._scope.db.execute(f"SELECT {_COLUMNS} FROM outbox ORDER BY id").fetchall()
        return [self._mail(row) for row in rows]

    def message(self, number: int) -> OutgoingMail:
        row = self._scope.db.execute(f"SELECT {_COLUMNS} FROM outbox WHERE id = ?", [number]).fetchone()
        if row is None:
            raise LabError(f"The outbox has no message {number}")
        return self._mail(row)

    def _mail(self, row: tuple) -> OutgoingMail:
        recipients = json.loads(row[4])
        attachments = self._scope.db.execute(
            "SELECT name, content FROM outbox_attachments WHERE message_id = ? ORDER BY position", [row[0]]
        ).fetchall()
        return OutgoingMail(
            server=row[2], sender=row[3], to=tuple(recipients.get("To", ())), subject=row[5], body=row[6],
            body_is_html=bool(row[7]), cc=tuple(recipients.get("Cc", ())), bcc=tuple(recipients.get("Bcc", ())),
            smtp_server=row[8], port=row[9], use_ssl=bool(row[10]), credential_user=row[11], priority=row[12],
            attachments=tuple(MailAttachment(name, bytes(content)) for name, content in attachments),
            id=row[0], at=datetime.fromisoformat(row[1]),
        )


_COLUMNS = ("id, at, server, sender, recipients, subject, body, body_is_html, smtp_server, port, use_ssl, "
            "credential_user, priority")
