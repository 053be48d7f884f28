"""The host records and answers as the remoting service and tests need; plug-ins fill the registry."""

from __future__ import annotations

import io

import pytest

from exchange_sim.powershell.commands import Cmdlet, CommandDeclaration, ParameterDeclaration
from exchange_sim.powershell.host import (
    NON_INTERACTIVE_TEXT,
    BufferHost,
    ConsoleHost,
    HostPromptUnavailable,
)
from exchange_sim.powershell.registry import EngineRegistry


class _Noop(Cmdlet):
    pass


def _declare(name: str, aliases: tuple[str, ...] = ()) -> CommandDeclaration:
    return CommandDeclaration(name, (ParameterDeclaration("Identity", "string"),), _Noop, aliases=aliases)


def test_buffer_host_answers_prompts_in_order() -> None:
    host = BufferHost(answers=["first", "second"])
    assert host.read_line("Name: ") == "first"
    assert host.read_line("Again: ") == "second"
    assert host.prompts == ["Name: ", "Again: "]


def test_buffer_host_without_answers_fails_as_non_interactive() -> None:
    host = BufferHost()
    assert host.interactive is False
    with pytest.raises(HostPromptUnavailable) as raised:
        host.read_line("Name: ")
    assert str(raised.value) == NON_INTERACTIVE_TEXT


def test_buffer_host_keeps_errors_apart_from_output() -> None:
    host = BufferHost()
    host.write_output("hello\n")
    host.write_error("boom\n")
    host.write_warning("careful")
    assert host.text == "hello\nWARNING: careful\n"
    assert host.error_text == "boom\n"
    assert host.warnings == ["careful"]


def test_console_host_uses_given_answers_before_the_terminal() -> None:
    out, err = io.StringIO(), io.StringIO()
    host = ConsoleHost(answers=["yes"], stdout=out, stderr=err)
    assert host.read_line("Continue? ") == "yes"
    with pytest.raises(HostPromptUnavailable):
        host.read_line("Continue? ")
    host.write_error("bad\n")
    assert err.getvalue() == "bad\n" and out.getvalue() == ""


def test_plugins_register_commands_and_later_ones_win() -> None:
    def first(registry: EngineRegistry) -> None:
        registry.commands.register(_declare("Get-Thing", aliases=("gth",)))
        registry.extensions["exchange.target"] = "first"

    def second(registry: EngineRegistry) -> None:
        registry.extensions["exchange.target"] = "second"

    registry = EngineRegistry().apply(first, second)
    declaration = registry.commands.resolve("GTH")
    assert declaration is not None and declaration.name == "Get-Thing"
    assert registry.extensions["exchange.target"] == "second"


def test_drives_resolve_case_insensitively_with_or_without_colon() -> None:
    registry = EngineRegistry()
    provider = object()
    registry.add_drive("Cert:", provider)
    assert registry.drive("cert") is provider
    assert registry.drive("CERT:") is provider
    assert registry.drive("HKLM") is None
