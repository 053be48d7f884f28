"""The core cmdlet declarations are well formed: what the binder, Get-Help and completion rely on."""

from __future__ import annotations

from collections import Counter

import pytest

from exchange_sim.powershell.builtins import declarations, register
from exchange_sim.powershell.commands import ALL_PARAMETER_SETS, CommandTable
from exchange_sim.powershell.help import syntax_lines

DECLARATIONS = declarations()
ACCEPTANCE_ALIASES = {
    "?": "Where-Object", "where": "Where-Object", "%": "ForEach-Object", "foreach": "ForEach-Object",
    "select": "Select-Object", "sort": "Sort-Object", "group": "Group-Object", "measure": "Measure-Object",
    "ft": "Format-Table", "fl": "Format-List", "gcm": "Get-Command", "help": "Get-Help", "echo": "Write-Output",
    "write": "Write-Output", "gm": "Get-Member", "gv": "Get-Variable", "sv": "Set-Variable",
    "iex": "Invoke-Expression", "sleep": "Start-Sleep", "epcsv": "Export-Csv", "ipcsv": "Import-Csv",
    "gc": "Get-Content", "sc": "Set-Content", "ac": "Add-Content",
}


class _Registry:
    """The part of EngineRegistry that `register` fills."""

    def __init__(self) -> None:
        self.commands = CommandTable()


def test_every_acceptance_alias_resolves_to_its_cmdlet() -> None:
    registry = _Registry()
    register(registry)
    for alias, name in ACCEPTANCE_ALIASES.items():
        declaration = registry.commands.resolve(alias)
        assert declaration is not None and declaration.name == name, alias


def test_no_alias_is_claimed_by_two_commands() -> None:
    counts = Counter(a.lower() for d in DECLARATIONS for a in d.aliases)
    assert [a for a, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("declaration", DECLARATIONS, ids=lambda d: d.name)
def test_parameter_names_and_aliases_are_unique(declaration) -> None:
    names = Counter(n.lower() for p in declaration.parameters for n in (p.name, *p.aliases))
    assert [n for n, c in names.items() if c > 1] == []


@pytest.mark.parametrize("declaration", DECLARATIONS, ids=lambda d: d.name)
def test_positions_are_unique_within_each_parameter_set(declaration) -> None:
    for set_name in declaration.parameter_sets():
        positions = [
            entry.position
            for p in declaration.parameters
            for entry in p.entries
            if entry.position is not None and entry.set_name in (set_name, ALL_PARAMETER_SETS)
        ]
        assert len(positions) == len(set(positions)), set_name


@pytest.mark.parametrize("declaration", DECLARATIONS, ids=lambda d: d.name)
def test_default_set_exists_and_syntax_renders(declaration) -> None:
    if declaration.default_parameter_set is not None:
        assert declaration.default_parameter_set in declaration.parameter_sets()
    lines = syntax_lines(declaration)
    assert lines and all(line.startswith(declaration.name + " ") and line.endswith("[<CommonParameters>]") for line in lines)


@pytest.mark.parametrize("declaration", DECLARATIONS, ids=lambda d: d.name)
def test_fqid_suffix_names_the_powershell_command_class(declaration) -> None:
    assert declaration.implementing_type == "Microsoft.PowerShell.Commands." + declaration.name.replace("-", "") + "Command"


def test_views_of_core_objects_register_into_the_view_table() -> None:
    from exchange_sim.powershell.builtins.views import register_views
    from exchange_sim.powershell.values.formatting import TableView, ViewTable

    views = ViewTable()
    register_views(views)
    view = views.find(["System.Management.Automation.CommandInfo"], TableView)
    assert view is not None and [c.label for c in view.columns] == ["CommandType", "Name", "Version", "Source"]
