"""`exchange-sim run`: a script file or a command text, as `powershell -File` / `-Command` run them."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer


def parse_mount(text: str) -> tuple[str, Path]:
    win_path, separator, host_dir = text.partition("=")
    if not separator or not win_path or not host_dir:
        raise typer.BadParameter(f"expected WINPATH=HOSTDIR, got '{text}'")
    return win_path, Path(host_dir)


SCRIPT_FOLDER = "C:\\Runbooks"  # where a script file's own folder appears in the lab when no --mount covers it


def script_location(file: Path, mounts: list[tuple[str, Path]]) -> tuple[str, list[tuple[str, Path]]]:
    """The Windows path a script file has in the lab, and the mounts that make it (and the files beside it)
    visible: a `--mount` that holds it, else its folder mounted at C:\\Runbooks, so `$PSScriptRoot` and
    `. "$PSScriptRoot\\common.ps1"` work as on a server."""
    resolved = file.resolve()
    for win_path, host_dir in mounts:
        try:
            inside = resolved.relative_to(host_dir.resolve())
        except ValueError:
            continue
        return "\\".join([win_path.rstrip("\\"), *inside.parts]), mounts
    if any(win_path.rstrip("\\").lower() == SCRIPT_FOLDER.lower() for win_path, _ in mounts):
        return str(file), mounts  # C:\Runbooks is the operator's: leave the script where it is
    return f"{SCRIPT_FOLDER}\\{resolved.name}", [*mounts, (SCRIPT_FOLDER, resolved.parent)]


def run(
    file: Optional[Path] = typer.Argument(None, help="Script file (host path) to run."),
    script_args: Optional[List[str]] = typer.Argument(None, help="Arguments for the script's param() block."),
    command: Optional[str] = typer.Option(None, "--command", "-c", help="PowerShell text to run instead of a file."),
    lab: Optional[Path] = typer.Option(None, "--lab", help="Lab directory."),
    server: Optional[str] = typer.Option(None, "--server", help="Exchange server the shell runs on."),
    credential: List[str] = typer.Option([], "--credential", help="USER:PASSWORD answering Get-Credential, in order."),
    answer: List[str] = typer.Option([], "--answer", help="Answer to Read-Host and prompts, in order."),
    mount: List[str] = typer.Option([], "--mount", help="WINPATH=HOSTDIR made visible in the lab file system."),
    plain: bool = typer.Option(False, "--plain", help="Start as plain PowerShell: Exchange cmdlets appear only after "
                               "Add-PSSnapin, RemoteExchange.ps1 + Connect-ExchangeServer, or Import-PSSession."),
) -> None:
    """Run a runbook file or --command text; the exit code is PowerShell's."""
    from exchange_sim.cli.session import open_session
    from exchange_sim.powershell.host import ConsoleHost

    if (file is None) == (command is None):
        typer.echo("Give either FILE or --command TEXT.", err=True)
        raise typer.Exit(2)
    # Get-Credential asks the host for the user name, then the password: one answer each.
    host = ConsoleHost(answers=[*(part for pair in credential for part in pair.split(":", 1)), *answer])
    mounts = [parse_mount(item) for item in mount]
    where = ""
    if file is not None and file.is_file():
        where, mounts = script_location(file, mounts)
    session = open_session(host, lab=lab, server=server, mounts=mounts, plain=plain)
    if command is not None:
        outcome = session.run(command)
        # powershell -Command: the exit code, else 1 when the last statement failed ($? false).
        last_succeeded = session.variables.get("?", True) is not False
        raise typer.Exit(outcome.exit_code or (0 if last_succeeded else 1))
    assert file is not None
    try:
        text = file.read_text(encoding="utf-8-sig")
    except OSError as exc:
        typer.echo(f"The argument '{file}' to the -File parameter does not exist. ({exc.strerror})", err=True)
        raise typer.Exit(1)
    outcome = session.run(text, file=where or str(file), args=tuple(script_args or ()))
    raise typer.Exit(outcome.exit_code)


def register(app: typer.Typer) -> None:
    app.command("run", context_settings={"allow_interspersed_args": False})(run)
