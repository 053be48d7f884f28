"""`data [Name] [-SupportedCommand …] { … }`: the restricted language a data section may use.

PowerShell rejects a data section that reads other variables, calls methods, assigns, loops or runs
commands other than ConvertFrom-StringData and those named by -SupportedCommand. It does so when
parsing; this engine checks the section before running it, so nothing of it runs either way.
"""

from __future__ import annotations

from typing import Iterable

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.values import errors

_VARIABLES = frozenset({"psculture", "psuiculture", "true", "false", "null"})
_SUFFIX = "in restricted language mode or a Data section."
_NOT_ALLOWED: tuple[tuple[type, str, str], ...] = (
    (A.InvokeMemberExpressionAst, "MethodCallNotSupportedInDataSection", f"Method calls are not allowed {_SUFFIX}"),
    (A.ScriptBlockExpressionAst, "ScriptBlockNotSupportedInDataSection", f"Script blocks are not allowed {_SUFFIX}"),
    (A.AssignmentStatementAst, "AssignmentStatementNotSupportedInDataSection",
     f"Assignment statements are not allowed {_SUFFIX}"),
    (A.LabeledStatementAst, "LoopStatementNotSupportedInDataSection", f"Loops are not allowed {_SUFFIX}"),
)


def restriction_error(section: A.DataStatementAst, supported: Iterable[str]) -> errors.ParseException | None:
    """The error PowerShell gives for the first construct of `section` outside the restricted language."""
    allowed = {"convertfrom-stringdata"} | {name.lower() for name in supported}
    for node in A.walk(section.body):
        if isinstance(node, A.VariableExpressionAst) and node.name.lower() not in _VARIABLES:
            return _error("VariableReferenceNotSupportedInDataSection",
                          "A variable that cannot be referenced in restricted language mode or a Data section is "
                          "being referenced. Variables that can be referenced include the following: $PSCulture, "
                          "$PSUICulture, $true, $false, and $null.")
        if isinstance(node, A.CommandAst):
            first = node.command_elements[0]
            name = first.value if isinstance(first, A.StringConstantExpressionAst) else None
            if name is None or name.lower() not in allowed:
                return _error("CmdletNotInAllowedListForDataSection",
                              f"The command '{name or first.extent.text}' is not allowed {_SUFFIX}")
        for node_type, error_id, message in _NOT_ALLOWED:
            if isinstance(node, node_type):
                return _error(error_id, message)
    return None


def _error(error_id: str, message: str) -> errors.ParseException:
    return errors.ParseException(message, error_id=error_id, category=errors.ErrorCategory.ParserError)
