"""What `Set-StrictMode -Version 1|2|3|Latest` forbids, and PowerShell's errors for each.

1: reading a variable nobody set (inside `"…"` it still expands to nothing); 2: also a property
the object lacks and `f(1,2)` method-call syntax for commands; 3/Latest: also array indexes out of
range. The version in force is the one set in the running scope or the nearest scope above it
(evaluator/scopes.py), so a function that sets it leaves its caller as it was.
"""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.member_set import intrinsic_member
from exchange_sim.powershell.values.objects import Hashtable, find_property, is_collection


def unset_variable_error(node: A.VariableExpressionAst) -> errors.RuntimeException:
    return errors.runtime_error(f"The variable '${node.path or node.name}' cannot be retrieved because it has not "
                                "been set.", "VariableIsUndefined", errors.ErrorCategory.InvalidOperation,
                                target_object=node.name)


def missing_property_error(name: str) -> errors.RuntimeException:
    return errors.PropertyNotFoundException(
        f"The property '{name}' cannot be found on this object. Verify that the property exists.",
        error_id="PropertyNotFoundStrict", category=errors.ErrorCategory.NotSpecified)


def lacks_member(owner: Any, name: str) -> bool:
    """True when `owner.name` names nothing: no property, no intrinsic member, no element that has it.
    A hashtable's missing key is $null even in strict mode."""
    if owner is None or isinstance(owner, Hashtable):
        return False
    if find_property(owner, name)[0] or intrinsic_member(owner, name)[0]:
        return False
    if is_collection(owner):
        return not any(find_property(item, name)[0] for item in owner) and name.lower() not in ("count", "length")
    return True


def method_call_syntax(command: A.CommandAst) -> errors.RuntimeException | None:
    """`f(1,2)`: an array literal in parentheses right after the command name (PowerShell's own test)."""
    elements = command.command_elements
    if len(elements) != 2 or not isinstance(elements[1], A.ParenExpressionAst):
        return None
    pipeline = elements[1].pipeline
    if not (isinstance(pipeline, A.PipelineAst) and len(pipeline.pipeline_elements) == 1
            and isinstance(pipeline.pipeline_elements[0], A.CommandExpressionAst)
            and isinstance(pipeline.pipeline_elements[0].expression, A.ArrayLiteralAst)):
        return None
    if elements[0].extent.end_offset != elements[1].extent.start_offset:
        return None
    return errors.runtime_error(
        "The function or command was called as if it were a method. Parameters should be separated by spaces. "
        "For information about parameters, see the about_Parameters Help topic.",
        "StrictModeFunctionCallWithParens", errors.ErrorCategory.InvalidOperation)


def index_out_of_range(owner: Any, index: Any) -> bool:
    """True when `owner[index]` reads past the end of an array (strict mode 3)."""
    if not isinstance(owner, (list, tuple)) or is_collection(index):
        return False
    try:
        position = int(index)
    except (TypeError, ValueError):
        return False
    return not -len(owner) <= position < len(owner)
