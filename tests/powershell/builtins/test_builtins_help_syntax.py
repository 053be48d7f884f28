"""Syntax lines and help documents generated from declarations (PowerShell's CommandInfo rules)."""

from __future__ import annotations

from exchange_sim.powershell.commands import (
    Cmdlet,
    CommandDeclaration,
    ParameterDeclaration,
    ParameterSetEntry,
)
from exchange_sim.powershell.help import display_type, render_help, render_parameter_help, syntax_lines

GET_CERT = CommandDeclaration(
    name="Get-ExchangeCertificate",
    parameters=(
        ParameterDeclaration(
            "Thumbprint", "string", (ParameterSetEntry("Thumbprint", position=0, value_from_pipeline_by_property_name=True),)
        ),
        ParameterDeclaration("Identity", "Microsoft.Exchange.Configuration.Tasks.ExchangeCertificateIdParameter",
                             (ParameterSetEntry("Identity", position=0, value_from_pipeline=True),)),
        ParameterDeclaration("DomainController", "Microsoft.Exchange.Data.Fqdn"),
        ParameterDeclaration("Server", "Microsoft.Exchange.Configuration.Tasks.ServerIdParameter",
                             (ParameterSetEntry("Thumbprint"),), versions=("2013", "2016", "2019")),
    ),
    implementation=Cmdlet,
    default_parameter_set="Thumbprint",
    synopsis="Use the Get-ExchangeCertificate cmdlet to view Exchange certificates.",
)

ENABLE = CommandDeclaration(
    name="Enable-Thing",
    parameters=(
        ParameterDeclaration("Name", "string[]", (ParameterSetEntry(mandatory=True, position=0),)),
        ParameterDeclaration("Services", "string", (ParameterSetEntry(mandatory=True),), validate_set=("IIS", "SMTP")),
        ParameterDeclaration("Force", "switch"),
        ParameterDeclaration("Mode", "string", help="How to do it."),
    ),
    implementation=Cmdlet,
    supports_should_process=True,
)


def test_syntax_lists_default_set_first_with_positional_brackets() -> None:
    assert syntax_lines(GET_CERT, product_version="2019") == [
        "Get-ExchangeCertificate [[-Thumbprint] <String>] [-DomainController <Fqdn>] [-Server <ServerIdParameter>] [<CommonParameters>]",
        "Get-ExchangeCertificate [[-Identity] <ExchangeCertificateIdParameter>] [-DomainController <Fqdn>] [<CommonParameters>]",
    ]


def test_syntax_hides_parameters_of_other_versions() -> None:
    assert "-Server" not in syntax_lines(GET_CERT, product_version="2010")[0]


def test_syntax_orders_positional_then_mandatory_then_optional_and_adds_whatif() -> None:
    assert syntax_lines(ENABLE) == [
        "Enable-Thing [-Name] <String[]> -Services {IIS | SMTP} [-Force] [-Mode <String>] [-WhatIf] [-Confirm] [<CommonParameters>]"
    ]


def test_display_type_drops_namespace_and_keeps_array_suffix() -> None:
    assert display_type("System.Security.SecureString") == "SecureString"
    assert display_type("byte[]") == "Byte[]"


def test_help_document_has_name_synopsis_syntax_and_remarks() -> None:
    text = render_help(GET_CERT)
    assert text.startswith("\nNAME\n    Get-ExchangeCertificate\n\nSYNOPSIS\n    Use the Get-ExchangeCertificate")
    assert "\nSYNTAX\n    Get-ExchangeCertificate [[-Thumbprint] <String>]" in text
    assert 'For technical information, type: "get-help Get-ExchangeCertificate -full".' in text


def test_full_help_describes_each_parameter() -> None:
    text = render_help(GET_CERT, view="full")
    assert "    -Thumbprint <String>\n" in text
    assert "        Accept pipeline input?       True (ByPropertyName)" in text
    assert "        Position?                    0" in text


def test_parameter_help_finds_by_name_case_insensitively() -> None:
    text = render_parameter_help(ENABLE, "mode")
    assert text is not None and "-Mode <String>\n        How to do it." in text
    assert render_parameter_help(ENABLE, "Nope") is None
