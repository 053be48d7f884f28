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


SCRIPT = '''
<#
.SYNOPSIS
    Renews the certificate.
.DESCRIPTION
    Imports the new PFX and enables it.
.PARAMETER Thumbprint
    The old certificate.
.EXAMPLE
    Update-Cert -Thumbprint AB12
#>
function Update-Cert { param($Thumbprint) }
'''


def test_comment_based_help_of_a_parsed_function_renders_like_cmdlet_help() -> None:
    from exchange_sim.powershell import ast as A
    from exchange_sim.powershell.help import parse_comment_help, render_comment_help
    from exchange_sim.powershell.parser import parse

    tree = parse(SCRIPT).ast
    (function,) = [n for n in A.walk(tree) if isinstance(n, A.FunctionDefinitionAst)]
    comment = parse_comment_help(function.body.help_comment or "")
    assert comment.synopsis == "Renews the certificate."
    assert comment.parameters == (("Thumbprint", "The old certificate."),)
    text = render_comment_help("Update-Cert", comment, ["Update-Cert [[-Thumbprint] <Object>] [<CommonParameters>]"],
                               view="detailed")
    assert "NAME\n    Update-Cert\n\nSYNOPSIS\n    Renews the certificate." in text
    assert "    -Thumbprint\n        The old certificate." in text
    assert "EXAMPLE 1" in text and "    Update-Cert -Thumbprint AB12" in text
