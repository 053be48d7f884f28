"""Arguments written in command mode reach cmdlets and functions as values, not as their source text."""

from __future__ import annotations

from exchange_sim.powershell.commands import Cmdlet, CommandDeclaration, ParameterDeclaration, ParameterSetEntry
from exchange_sim.powershell.host import BufferHost
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.session import Session


class _Echo(Cmdlet):
    def process(self, ctx) -> None:  # type: ignore[no-untyped-def]
        ctx.write_object(ctx.bound["Value"])


ECHO = CommandDeclaration(
    "Get-Echo",
    (ParameterDeclaration("Value", "object", (ParameterSetEntry(mandatory=True, position=0),)),),
    _Echo,
)


def _session() -> Session:
    registry = EngineRegistry()
    registry.commands.register(ECHO)
    return Session(registry, BufferHost())


def test_member_access_argument_passes_value_not_text() -> None:
    outcome = _session().run("$h = @{n = 42}; Get-Echo -Value $h.n; Get-Echo $h.n")
    assert outcome.output == [42, 42]


def test_member_access_argument_reaches_simple_function_as_value() -> None:
    outcome = _session().run("$h = @{n = 42}; function f($a) { $a + 1 }; f -a $h.n; f $h.n")
    assert outcome.output == [43, 43]


def test_nested_member_access_argument_passes_value() -> None:
    outcome = _session().run("$o = @{inner = @{n = 'deep'}}; Get-Echo -Value $o.inner.n")
    assert outcome.output == ["deep"]
