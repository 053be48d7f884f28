"""Send-MailMessage in runbooks run as `exchange-sim run` runs them: the lab outbox holds what was
sent (addresses, HTML body, attachments' bytes); `exchange-sim lab outbox` lists and shows it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from exchange_sim.cli.app import build_app
from exchange_sim.lab import Lab

_REPORT = (
    "$rows = Get-ExchangeCertificate | ConvertTo-Html -Property Thumbprint, Subject -Fragment | Out-String\n"
    "$pw = ConvertTo-SecureString 'P@ss' -AsPlainText -Force\n"
    "$cred = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList 'relay', $pw\n"
    "$mail = @{ To = 'Admins <admins@contoso.com>', 'ops@contoso.com'; From = 'exch01@contoso.com'\n"
    "           Subject = 'Certificate report'; Body = $rows; BodyAsHtml = $true; SmtpServer = 'smtp.contoso.com'\n"
    "           Port = 587; UseSsl = $true; Credential = $cred; Attachments = 'C:\\certs.csv'\n"
    "           Cc = 'boss@contoso.com'; Priority = 'High' }\n"
    "Send-MailMessage @mail\n"
)


def test_an_html_report_with_attachment_lands_in_the_outbox_whole(run_runbook, lab: Lab) -> None:
    lab.filesystem("EXCH01").write_bytes("C:\\certs.csv", b"Thumbprint\r\nAB\r\n")
    done = run_runbook(_REPORT)
    assert done.exit_code == 0, done.stderr
    (mail,) = lab.outbox.messages()
    assert mail.to == ("Admins <admins@contoso.com>", "ops@contoso.com") and mail.cc == ("boss@contoso.com",)
    assert (mail.sender, mail.subject, mail.priority) == ("exch01@contoso.com", "Certificate report", "High")
    assert mail.body_is_html and "<th>Thumbprint</th>" in mail.body and "CN=EXCH01" in mail.body
    assert (mail.smtp_server, mail.port, mail.use_ssl, mail.credential_user) == ("smtp.contoso.com", 587, True, "relay")
    assert [(a.name, a.content) for a in mail.attachments] == [("certs.csv", b"Thumbprint\r\nAB\r\n")]
    (event,) = lab.events.records(kind="MailQueued")
    assert event.details["message"] == mail.id and event.details["attachments"] == ["certs.csv"]
    assert "P@ss" not in lab.audit.records()[-1].command_line


def test_ps_email_server_is_the_default_smtp_server(run_runbook, lab: Lab) -> None:
    run_runbook("$PSEmailServer = 'relay.contoso.com'\nSend-MailMessage -To a@contoso.com -From b@contoso.com -Subject hi\n")
    (mail,) = lab.outbox.messages()
    assert (mail.smtp_server, mail.port, mail.body, mail.body_is_html) == ("relay.contoso.com", 25, "", False)


def test_without_an_smtp_server_nothing_is_sent_and_the_error_is_terminating(run_runbook, lab: Lab) -> None:
    done = run_runbook("try { Send-MailMessage -To a@contoso.com -From b@contoso.com -Subject hi }\n"
                       "catch { 'caught: ' + $_.FullyQualifiedErrorId }\n")
    assert done.stdout.strip() == "caught: DefaultSmtpServerNotFound,Microsoft.PowerShell.Commands.SendMailMessageCommand"
    assert lab.outbox.messages() == []


def test_bad_address_and_missing_attachment_send_nothing(run_runbook, lab: Lab) -> None:
    done = run_runbook(
        "Send-MailMessage -To nobody -From b@contoso.com -Subject hi -SmtpServer h\n"
        "Send-MailMessage -To a@contoso.com -From b@contoso.com -Subject hi -SmtpServer h -Attachments C:\\none.txt\n")
    assert "The specified string is not in the form required for an e-mail address." in done.stderr
    assert "Cannot find path 'C:\\none.txt' because it does not exist." in done.stderr
    assert lab.outbox.messages() == [] and lab.events.records() == []


def test_lab_outbox_lists_messages_and_shows_one_with_its_attachments(run_runbook, lab: Lab, tmp_path: Path) -> None:
    lab.filesystem("EXCH01").write_bytes("C:\\certs.csv", b"Thumbprint\r\nAB\r\n")
    run_runbook(_REPORT)
    runner = CliRunner()
    listing = runner.invoke(build_app(), ["lab", "outbox", str(lab.path)])
    assert listing.exit_code == 0, listing.output
    (line,) = listing.output.splitlines()
    assert line.split()[0] == "1" and "exch01@contoso.com" in line and line.endswith("Certificate report")
    shown = runner.invoke(build_app(), ["lab", "outbox", str(lab.path), "--show", "1",
                                        "--save-attachments", str(tmp_path / "saved")])
    assert shown.exit_code == 0, shown.output
    head, body = shown.output.split("\n\n", 1)
    assert "Server:      EXCH01 via smtp.contoso.com:587 (SSL) as relay" in head.splitlines()
    assert "Attachment:  certs.csv (16 bytes)" in head.splitlines()
    assert "<th>Thumbprint</th>" in body
    assert (tmp_path / "saved" / "certs.csv").read_bytes() == b"Thumbprint\r\nAB\r\n"
    missing = runner.invoke(build_app(), ["lab", "outbox", str(lab.path), "--show", "9"])
    assert missing.exit_code == 1 and "The outbox has no message 9" in missing.output


def test_a_relative_attachment_is_found_from_the_current_location(run_runbook, lab: Lab) -> None:
    lab.filesystem("EXCH01").resolve("C:\\reports").mkdir()
    lab.filesystem("EXCH01").write_bytes("C:\\reports\\expiry.csv", b"x")
    run_runbook("Set-Location C:\\reports\nSend-MailMessage -To a@contoso.com -From b@contoso.com -Subject s "
                "-SmtpServer h -Attachments .\\expiry.csv\n")
    (mail,) = lab.outbox.messages()
    assert [(a.name, a.content) for a in mail.attachments] == [("expiry.csv", b"x")]
