"""Get-Help and Get-Command read a script function's declaration and its comment-based help."""

from __future__ import annotations

from builtins_session import run  # noqa: F401 - pytest fixture

FUNCTION = """function Get-Thing {
<#
.SYNOPSIS
Gets a thing.
.PARAMETER Name
The name of the thing.
#>
[CmdletBinding(SupportsShouldProcess)]
param([Parameter(Mandatory, Position=0)][string]$Name, [int]$Count, [switch]$Force)
$Name
}
function f($a, $b) { $a }
"""


def test_get_help_shows_a_function_syntax_from_its_param_block(run) -> None:
    text = "\n".join(str(line) for line in run(FUNCTION + "Get-Help Get-Thing").output)
    assert "SYNOPSIS\n    Gets a thing." in text
    assert "Get-Thing [-Name] <String> [-Count <Int32>] [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]" in text


def test_get_command_syntax_of_a_simple_function_has_no_common_parameters(run) -> None:
    assert run(FUNCTION + "Get-Command f -Syntax").output == ["f [[-a] <Object>] [[-b] <Object>]"]


def test_get_command_lists_a_function_parameters(run) -> None:
    output = run(FUNCTION + "(Get-Command Get-Thing).Parameters; (Get-Command Get-Thing).CommandType").output
    assert output == ["Name", "Count", "Force", "Function"]
