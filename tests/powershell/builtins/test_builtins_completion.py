"""Tab completion against a real command table."""

from __future__ import annotations

from exchange_sim.powershell.commands import (
    Cmdlet,
    CommandDeclaration,
    CommandTable,
    ParameterDeclaration,
    ParameterSetEntry,
)
from exchange_sim.powershell.completion import complete_text, word_start


def _table() -> CommandTable:
    table = CommandTable()
    table.register(
        CommandDeclaration(
            name="Enable-ExchangeCertificate",
            parameters=(
                ParameterDeclaration("Thumbprint", "string", (ParameterSetEntry(position=0),)),
                ParameterDeclaration("Services", "string", validate_set=("None", "IIS", "SMTP", "IMAP", "POP")),
                ParameterDeclaration("Server", "string", versions=("2019",)),
                ParameterDeclaration("Force", "switch"),
            ),
            implementation=Cmdlet,
            supports_should_process=True,
        )
    )
    table.register(CommandDeclaration("Where-Object", (), Cmdlet, aliases=("where", "?")))
    table.register(CommandDeclaration("Write-Host", (), Cmdlet))
    return table


def test_command_names_and_aliases_complete_by_prefix() -> None:
    assert complete_text("wh", 2, _table()) == ["where", "Where-Object"]


def test_parameter_names_of_the_command_being_typed_include_common_ones() -> None:
    text = "Enable-ExchangeCertificate -Th"
    assert complete_text(text, len(text), _table()) == ["-Thumbprint"]
    text = "Get-X | Enable-ExchangeCertificate -"
    found = complete_text(text, len(text), _table(), product_version="2019")
    assert found[:4] == ["-Thumbprint", "-Services", "-Server", "-Force"]
    assert "-ErrorAction" in found and "-WhatIf" in found


def test_parameters_gated_to_other_versions_are_not_offered() -> None:
    text = "Enable-ExchangeCertificate -Se"
    assert complete_text(text, len(text), _table(), product_version="2010") == ["-Services"]


def test_validate_set_values_complete_after_their_parameter() -> None:
    text = "Enable-ExchangeCertificate -Services I"
    assert complete_text(text, len(text), _table()) == ["IIS", "IMAP"]


def test_variable_names_complete_after_dollar() -> None:
    text = "Write-Host $ce"
    assert complete_text(text, len(text), _table(), variables=["cert", "Certs", "x"]) == ["$cert", "$Certs"]


def test_en_dash_starts_a_parameter_name() -> None:
    text = "Enable-ExchangeCertificate \u2013Fo"
    assert complete_text(text, len(text), _table()) == ["-Force"]


def test_word_start_is_after_the_last_separator() -> None:
    assert word_start("Get-X | sel", 11) == 8


def test_enum_typed_parameter_completes_enumerator_names_from_the_type_table() -> None:
    from exchange_sim.powershell.completion import enum_names_from
    from exchange_sim.powershell.values.types import TypeTable

    table = CommandTable()
    table.register(CommandDeclaration(
        "Write-Thing", (ParameterDeclaration("Category", "System.Management.Automation.ErrorCategory"),), Cmdlet))
    text = "Write-Thing -Category Inv"
    found = complete_text(text, len(text), table, enum_names=enum_names_from(TypeTable()))
    assert found == ["InvalidArgument", "InvalidData", "InvalidOperation", "InvalidResult", "InvalidType"]
