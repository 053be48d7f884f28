"""CommandTable: commands registered by name only load on first lookup, and behave as registered ones."""

from __future__ import annotations

from exchange_sim.powershell.commands import Cmdlet, CommandDeclaration, CommandTable


def _declaration(name: str, *aliases: str) -> CommandDeclaration:
    return CommandDeclaration(name=name, parameters=(), implementation=Cmdlet, aliases=aliases)


class _Loader:
    def __init__(self, *declarations: CommandDeclaration) -> None:
        self.declarations = declarations
        self.calls = 0

    def __call__(self) -> tuple[CommandDeclaration, ...]:
        self.calls += 1
        return self.declarations


def test_deferred_commands_load_once_on_first_lookup_by_name_or_alias() -> None:
    get_thing, set_thing = _declaration("Get-Thing", "gt"), _declaration("Set-Thing")
    load = _Loader(get_thing, set_thing)
    table = CommandTable()
    table.defer(["Get-Thing", "Set-Thing"], {"gt": "Get-Thing"}, load)
    assert load.calls == 0
    assert table.resolve("GT") is get_thing
    assert table.resolve("set-thing") is set_thing
    assert load.calls == 1


def test_an_unknown_name_loads_nothing() -> None:
    load = _Loader(_declaration("Get-Thing"))
    table = CommandTable()
    table.defer(["Get-Thing"], {}, load)
    assert table.resolve("Get-Other") is None
    assert load.calls == 0


def test_listing_the_table_loads_every_deferred_command() -> None:
    table = CommandTable()
    table.register(_declaration("Get-Loaded"))
    table.defer(["Get-Thing"], {}, _Loader(_declaration("Get-Thing")))
    assert [d.name for d in table] == ["Get-Loaded", "Get-Thing"]


def test_a_later_registration_replaces_a_deferred_command_even_after_its_loader_runs() -> None:
    replacement = _declaration("Set-Thing")
    load = _Loader(_declaration("Get-Thing"), _declaration("Set-Thing"))
    table = CommandTable()
    table.defer(["Get-Thing", "Set-Thing"], {}, load)
    table.register(replacement)
    table.resolve("Get-Thing")
    assert table.resolve("Set-Thing") is replacement


def test_unregistering_a_deferred_command_forgets_it() -> None:
    table = CommandTable()
    table.defer(["Get-Thing"], {}, _Loader(_declaration("Get-Thing")))
    table.unregister("Get-Thing")
    assert table.resolve("Get-Thing") is None
    assert list(table) == []


def test_a_copy_loads_its_deferred_commands_on_its_own() -> None:
    get_thing = _declaration("Get-Thing")
    table = CommandTable()
    table.defer(["Get-Thing"], {}, _Loader(get_thing))
    copy = table.copy()
    assert copy.resolve("Get-Thing") is get_thing
    assert table.resolve("Get-Thing") is get_thing
