"""`exchange-sim lab …`: create and inspect labs. Each command is one call into `exchange_sim.lab`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer

from exchange_sim.certs.formats import certificate_pem, pkcs7_chain
from exchange_sim.certs.names import format_distinguished_name
from exchange_sim.lab import (
    Lab,
    LabError,
    ROLE_GROUPS,
    LabUser,
    OutgoingMail,
    builtin_fixtures,
    open_or_create,
    parse_moment,
    parse_shift,
    role_group_named,
)

_DIR_HELP = "The lab folder."
_DEFAULT_DIR_HELP = "The lab folder (default: $EXCHANGE_SIM_LAB, else ./store)."


@contextmanager
def _domain_errors() -> Iterator[None]:
    """A lab problem ends the command with its message and exit code 1, never a traceback."""
    try:
        yield
    except LabError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None
    except OSError as error:
        typer.echo(f"error: {error.strerror or error}: {error.filename or ''}".rstrip(": "), err=True)
        raise typer.Exit(1) from None


@contextmanager
def _opened(lab_dir: Path | None) -> Iterator[Lab]:
    """The lab at `lab_dir`; without one, the default lab (created from contoso on first use)."""
    with _domain_errors():
        lab = Lab.open(lab_dir) if lab_dir is not None else open_or_create()
        try:
            yield lab
        finally:
            lab.close()


def _describe(lab: Lab) -> str:
    setting = lab.clock.setting()
    clock = {
        "real": "real time",
        "pinned": f"pinned at {lab.clock.now().isoformat()}",
        "shifted": f"real time shifted by {setting.offset} (now {lab.clock.now().isoformat()})",
    }[setting.mode]
    lines = [
        f"Lab:          {lab.path}",
        f"Organization: {lab.name}",
        f"Domains:      {', '.join(d.name for d in lab.accepted_domains)}",
        f"Clock:        {clock}",
        "",
        f"{'Server':<16}{'Version':<9}{'FQDN':<32}{'My':>4}{'REQUEST':>9}{'Root':>6}{'CA':>4}  Roles",
    ]
    for server in lab.servers():
        counts = [len(lab.store(server, store).list()) for store in ("My", "REQUEST", "Root", "CA")]
        lines.append(
            f"{server.name:<16}{server.version:<9}{server.fqdn:<32}{counts[0]:>4}{counts[1]:>9}"
            f"{counts[2]:>6}{counts[3]:>4}  {', '.join(server.roles)}"
        )
    return "\n".join(lines)


def _mail_text(mail: OutgoingMail) -> str:
    """One outbox message as a reader wants it: the headers Send-MailMessage set, then the body."""
    via = f"{mail.smtp_server}:{mail.port}" + (" (SSL)" if mail.use_ssl else "")
    if mail.credential_user:
        via += f" as {mail.credential_user}"
    lines = [
        f"Message:     {mail.id}",
        f"Date:        {mail.at.isoformat(timespec='seconds') if mail.at else ''}",
        f"Server:      {mail.server} via {via}",
        f"From:        {mail.sender}",
        f"To:          {', '.join(mail.to)}",
    ]
    lines += [f"{label:<13}{', '.join(values)}" for label, values in (("Cc:", mail.cc), ("Bcc:", mail.bcc)) if values]
    lines += [
        f"Subject:     {mail.subject}",
        f"Priority:    {mail.priority}",
        f"Body:        {'text/html' if mail.body_is_html else 'text/plain'}",
    ]
    lines += [f"Attachment:  {a.name} ({len(a.content)} bytes)" for a in mail.attachments]
    return "\n".join(lines) + "\n\n" + mail.body


def register(app: typer.Typer) -> None:
    lab_app = typer.Typer(help="Create, inspect and adjust labs (simulated Exchange organisations).",
                          no_args_is_help=True)
    ca_app = typer.Typer(help="The lab certificate authority (created on first use, trusted lab-wide).",
                         no_args_is_help=True)
    user_app = typer.Typer(help="Users who may connect to the remoting service (`exchange-sim serve`).",
                           no_args_is_help=True)
    lab_app.add_typer(ca_app, name="ca")
    lab_app.add_typer(user_app, name="user")
    app.add_typer(lab_app, name="lab")

    @lab_app.command("new")
    def new(
        lab_dir: Path = typer.Argument(..., help="Folder to create the lab in (must be new or empty)."),
        fixture: str = typer.Option(
            "contoso", "--fixture", "-f",
            help=f"Built-in fixture name ({', '.join(builtin_fixtures())}) or a .toml file.",
        ),
    ) -> None:
        """Create a lab from a fixture, seeded as Exchange setup seeds each server."""
        with _domain_errors():
            lab = Lab.create(lab_dir, fixture=fixture)
            try:
                # A few spare keys make the first New-ExchangeCertificate of every later process instant.
                lab.fill_spare_keys()
                typer.echo(_describe(lab))
            finally:
                lab.close()

    @lab_app.command("show")
    def show(lab_dir: Optional[Path] = typer.Argument(None, help=_DEFAULT_DIR_HELP)) -> None:
        """Servers, versions, roles and certificate counts per store."""
        with _opened(lab_dir) as lab:
            typer.echo(_describe(lab))

    @lab_app.command("clock")
    def clock(
        lab_dir: Optional[Path] = typer.Argument(None, help=_DEFAULT_DIR_HELP),
        set_to: Optional[str] = typer.Option(None, "--set", help="Pin the clock: ISO date or date-time (UTC if no zone)."),
        shift: Optional[str] = typer.Option(None, "--shift", help="Move the clock: +30d, -2d, +12h (use --shift=-2d)."),
        real: bool = typer.Option(False, "--real", help="Back to real time."),
    ) -> None:
        """Pin, shift or reset the lab clock; without an option, print it."""
        with _opened(lab_dir) as lab:
            if sum(option is not None and option is not False for option in (set_to, shift, real)) > 1:
                raise LabError("Use only one of --set, --shift and --real")
            if set_to is not None:
                lab.clock.pin(parse_moment(set_to))
            elif shift is not None:
                lab.clock.shift(parse_shift(shift))
            elif real:
                lab.clock.real()
            typer.echo(f"{lab.clock.now().isoformat()} ({lab.clock.setting().mode})")

    @lab_app.command("trust")
    def trust(
        lab_dir: Path = typer.Argument(..., help=_DIR_HELP),
        file: Path = typer.Argument(..., help="CA certificate(s): DER, PEM or PKCS#7."),
    ) -> None:
        """Trust a CA on every server: self-signed roots go to Root, intermediates to CA."""
        with _opened(lab_dir) as lab:
            for thumbprint in lab.trust(file.read_bytes()):
                typer.echo(f"trusted {thumbprint}")

    @lab_app.command("log")
    def log(
        lab_dir: Optional[Path] = typer.Argument(None, help=_DEFAULT_DIR_HELP),
        limit: Optional[int] = typer.Option(None, "--limit", "-n", help="Only the last N calls."),
    ) -> None:
        """The audit log: time, server, command line (secrets redacted), outcome."""
        with _opened(lab_dir) as lab:
            for record in lab.audit.records(limit):
                line = f"{record.at.isoformat(timespec='seconds')}  {record.server:<10} {record.outcome:<10} {record.command_line}"
                typer.echo(line)
                if record.error:
                    typer.echo(f"{'':>37}error: {record.error}")

    @lab_app.command("events")
    def events(
        lab_dir: Optional[Path] = typer.Argument(None, help=_DEFAULT_DIR_HELP),
        server: Optional[str] = typer.Option(None, "--server", help="Only this server's events."),
        kind: Optional[str] = typer.Option(None, "--kind", help="Only events of this kind (e.g. ServiceRestarted)."),
        limit: Optional[int] = typer.Option(None, "--limit", "-n", help="Only the last N events."),
    ) -> None:
        """The event log: service starts, stops and restarts, iisreset, mail sent, programs started."""
        with _opened(lab_dir) as lab:
            for event in lab.events.records(server, kind, limit):
                typer.echo(f"{event.at.isoformat(timespec='seconds')}  {event.server:<10} {event.kind:<18} "
                           f"{event.message}")

    @lab_app.command("outbox")
    def outbox(
        lab_dir: Optional[Path] = typer.Argument(None, help=_DEFAULT_DIR_HELP),
        show: Optional[int] = typer.Option(None, "--show", help="Print message N whole: headers, body, attachments."),
        save_attachments: Optional[Path] = typer.Option(
            None, "--save-attachments", help="With --show: write the message's attachments into this folder."),
    ) -> None:
        """The mail runbooks sent with Send-MailMessage (kept in the lab, never delivered)."""
        with _opened(lab_dir) as lab:
            if show is None:
                for mail in lab.outbox.messages():
                    at = mail.at.isoformat(timespec="seconds") if mail.at else ""
                    clip = "+" if len(mail.attachments) else " "
                    typer.echo(f"{mail.id:>4} {at}  {mail.server:<10} {clip} {mail.sender:<28} "
                               f"{', '.join(mail.to):<32} {mail.subject}")
                return
            mail = lab.outbox.message(show)
            typer.echo(_mail_text(mail))
            if save_attachments is not None:
                save_attachments.mkdir(parents=True, exist_ok=True)
                for attachment in mail.attachments:
                    (save_attachments / Path(attachment.name).name).write_bytes(attachment.content)

    @user_app.command("add")
    def user_add(
        lab_dir: Path = typer.Argument(..., help=_DIR_HELP),
        name: str = typer.Argument(..., help="User name (for the remoting service)."),
        password: str = typer.Option(..., "--password", prompt=True, hide_input=True, confirmation_prompt=True),
        domain: Optional[str] = typer.Option(None, "--domain", help="NetBIOS domain (default: the lab's)."),
        role: str = typer.Option(
            "Organization Management", "--role",
            help=f"Role group: {', '.join(ROLE_GROUPS)}. View-only users get only the Get- cmdlets, as RBAC trims "
                 "a real session.",
        ),
    ) -> None:
        """Add a user who may connect to the remoting service, or change their password and role."""
        group = role_group_named(role)
        if group is None:
            typer.echo(f"exchange-sim lab user add: unknown role group '{role}'; one of: {', '.join(ROLE_GROUPS)}",
                       err=True)
            raise typer.Exit(2)
        with _opened(lab_dir) as lab:
            netbios = domain or lab.accepted_domains[0].name.split(".")[0]
            lab.set_user(LabUser(name, netbios.upper(), password, group))
            typer.echo(f"user {netbios.upper()}\\{name} saved ({group})")

    @user_app.command("list")
    def user_list(lab_dir: Path = typer.Argument(..., help=_DIR_HELP)) -> None:
        """The users who may connect, with their role group (passwords are not shown)."""
        with _opened(lab_dir) as lab:
            for user in lab.users():
                typer.echo(f"{user.domain}\\{user.name:<24} {user.role}")

    @ca_app.callback()
    def ca(ctx: typer.Context, lab_dir: Path = typer.Argument(..., help=_DIR_HELP)) -> None:
        ctx.obj = lab_dir

    @ca_app.command("issue")
    def issue(
        ctx: typer.Context,
        request: Path = typer.Argument(..., help="The PKCS#10 request (.req, PEM or DER)."),
        out: Path = typer.Option(..., "--out", "-o", help="Where to write the certificate."),
        p7b: bool = typer.Option(False, "--p7b", help="Write a PKCS#7 chain (certificate + lab CA) instead."),
    ) -> None:
        """Sign a certificate request with the lab CA (subject and names as requested)."""
        with _opened(ctx.obj) as lab:
            issued = lab.issue_certificate(request.read_bytes())
            if p7b:
                out.write_bytes(pkcs7_chain([issued.certificate, issued.ca_certificate]))
            else:
                out.write_text(certificate_pem(issued.certificate), encoding="ascii")
            typer.echo(f"issued {out} by {format_distinguished_name(issued.ca_certificate.subject)}")
