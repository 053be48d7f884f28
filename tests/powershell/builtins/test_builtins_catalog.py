"""The catalog that lets a session know every core cmdlet before importing it says what the modules declare."""

from __future__ import annotations

from exchange_sim.powershell.builtins import declarations, register
from exchange_sim.powershell.builtins.items import FUNCTIONS
from exchange_sim.powershell.commands import CommandTable


class _Registry:
    def __init__(self) -> None:
        self.commands = CommandTable()


def _eager_table() -> CommandTable:
    # What registering every declaration, then the functions, in family order gives.
    table = CommandTable()
    table.register_all([*declarations(), *FUNCTIONS])
    return table


def test_deferred_registration_lists_exactly_the_declared_commands_and_aliases() -> None:
    registry = _Registry()
    register(registry)
    eager = _eager_table()
    # A command or alias added to a family module must be added to builtins/catalog.py too, or sessions
    # will not find it until something lists every command.
    assert registry.commands.aliases() == eager.aliases()
    assert [d.name for d in registry.commands] == [d.name for d in eager]
    assert all(a is b for a, b in zip(registry.commands, eager))


def test_a_deferred_command_resolves_by_name_and_alias_to_its_declaration() -> None:
    registry = _Registry()
    register(registry)
    eager = _eager_table()
    for name in ("Select-String", "sls", "mkdir", "md", "ConvertTo-Html", "?"):
        found = registry.commands.resolve(name)
        assert found is not None and found is eager.resolve(name), name
        assert found.implementation.declaration is found
