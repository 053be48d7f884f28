"""`exchange-sim shell`: the Exchange Management Shell, interactive on a terminal, line-fed otherwise."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, Iterator, List, Optional

import typer

PROMPT = "[PS] C:\\Windows\\system32>"
CONTINUATION = ">> "


def _is_incomplete(text: str) -> bool:
    from exchange_sim.powershell.parser import parse

    errors = parse(text).errors
    return bool(errors) and all(error.incomplete_input for error in errors)


def read_statements(read_line: Callable[[str], str]) -> Iterator[str]:
    """Whole inputs: lines are joined while the parser says the text is incomplete (continuation prompt)."""
    while True:
        try:
            text = read_line(PROMPT + " ")
        except EOFError:
            return
        while _is_incomplete(text):
            try:
                text += "\n" + read_line(CONTINUATION)
            except EOFError:
                break
        yield text


def _terminal_reader(session: Any) -> Callable[[str], str]:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.completion import Completer, Completion
    from prompt_toolkit.history import InMemoryHistory

    from exchange_sim.powershell.completion import complete, word_start

    class _Commands(Completer):
        def get_completions(self, document: Any, complete_event: Any) -> Iterator[Completion]:
            text, cursor = document.text, document.cursor_position
            start = word_start(text, cursor)
            for candidate in complete(text, cursor, session):
                yield Completion(candidate, start_position=start - cursor)

    prompt_session: PromptSession[str] = PromptSession(history=InMemoryHistory(), completer=_Commands())
    return lambda prompt: prompt_session.prompt(prompt)


def _piped_reader(prompt: str) -> str:
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\n")


def shell(
    lab: Optional[Path] = typer.Option(None, "--lab", help="Lab directory."),
    server: Optional[str] = typer.Option(None, "--server", help="Exchange server the shell runs on."),
    mount: List[str] = typer.Option([], "--mount", help="WINPATH=HOSTDIR made visible in the lab file system."),
    plain: bool = typer.Option(False, "--plain", help="Start as plain PowerShell: Exchange cmdlets appear only after "
                               "Add-PSSnapin, RemoteExchange.ps1 + Connect-ExchangeServer, or Import-PSSession."),
) -> None:
    """Interactive Exchange Management Shell (history, tab completion, multi-line input)."""
    from exchange_sim.cli.run import parse_mount
    from exchange_sim.cli.session import open_session
    from exchange_sim.powershell.host import ConsoleHost

    interactive = sys.stdin.isatty()
    host = ConsoleHost(interactive_console=interactive)
    session = open_session(host, lab=lab, server=server, mounts=[parse_mount(item) for item in mount], plain=plain)
    read_line = _terminal_reader(session) if interactive else _piped_reader
    last = 0
    for text in read_statements(read_line):
        if text.strip().lower() == "exit":
            break
        last = session.run(text).exit_code
    raise typer.Exit(last if not interactive else 0)


def register(app: typer.Typer) -> None:
    app.command("shell")(shell)
