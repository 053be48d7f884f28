"""Get-Command's view of a real command table holding the core cmdlets."""

from __future__ import annotations

from exchange_sim.powershell.builtins import declarations
from exchange_sim.powershell.builtins.discovery import CommandQuery, command_infos, find_commands
from exchange_sim.powershell.commands import Cmdlet, CommandDeclaration, CommandTable
from exchange_sim.powershell.values.objects import get_property


def _table() -> CommandTable:
    table = CommandTable()
    table.register_all(declarations())
    table.register(CommandDeclaration("Get-ExchangeCertificate", (), Cmdlet, versions=("2016", "2019"),
                                      module="Microsoft.Exchange.Management.PowerShell.SnapIn"))
    return table


def _names(query: CommandQuery, version: str | None = None) -> list[str]:
    found, _ = find_commands(command_infos(_table(), version), query)
    return [i.name for i in found]


def test_wildcard_name_finds_cmdlets_and_aliases() -> None:
    assert _names(CommandQuery(names=("Where*",))) == ["Where-Object", "where"]


def test_verb_and_noun_filters() -> None:
    assert _names(CommandQuery(verbs=("ConvertFrom",))) == ["ConvertFrom-Csv", "ConvertFrom-Json", "ConvertFrom-SecureString"]
    assert _names(CommandQuery(nouns=("Variable",), verbs=("Get",))) == ["Get-Variable"]


def test_listing_puts_aliases_before_cmdlets() -> None:
    infos = find_commands(command_infos(_table()), CommandQuery())[0]
    kinds = [i.command_type for i in infos]
    assert kinds.index("Cmdlet") > kinds.index("Alias") and "Alias" not in kinds[kinds.index("Cmdlet"):]


def test_unknown_plain_name_is_reported_missing_but_unknown_wildcard_is_not() -> None:
    found, missing = find_commands(command_infos(_table()), CommandQuery(names=("Get-Nothing", "Nope*")))
    assert found == [] and missing == ["Get-Nothing"]


def test_commands_of_other_product_versions_are_hidden() -> None:
    assert _names(CommandQuery(names=("Get-ExchangeCertificate",)), version="2010") == []
    assert _names(CommandQuery(names=("Get-ExchangeCertificate",)), version="2019") == ["Get-ExchangeCertificate"]


def test_module_filter_and_command_info_properties() -> None:
    found, _ = find_commands(command_infos(_table()), CommandQuery(names=("gcm", "Get-Date")))
    alias, cmdlet = found
    assert [get_property(alias, p) for p in ("CommandType", "Name", "ResolvedCommandName")] == ["Alias", "gcm", "Get-Command"]
    assert alias.display_name == "gcm -> Get-Command"
    assert [get_property(cmdlet, p) for p in ("CommandType", "Version", "Source")] == [
        "Cmdlet", "3.1.0.0", "Microsoft.PowerShell.Utility"]
    assert _names(CommandQuery(modules=("*Security",), command_types=("Cmdlet",))) == [
        "ConvertFrom-SecureString", "ConvertTo-SecureString", "Get-Credential"]


def test_total_count_limits_the_listing() -> None:
    assert len(_names(CommandQuery(command_types=("Cmdlet",), total_count=3))) == 3
