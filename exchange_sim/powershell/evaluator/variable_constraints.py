"""What a typed or validated variable imposes on every later write to it.

`[int]$n = 5`, a function's `[int]$Count` parameter and `[ValidateSet('a','b')][string]$Mode` keep their
type and their validation attributes for as long as the variable lives: a later `$n = "abc"` fails with
ArgumentTransformationMetadataException (MetadataError, FQID RuntimeException) and a value the validators
refuse fails with ValidationMetadataException (FQID ValidateSetFailure, whichever validator refused),
leaving the variable as it was. Both end the statement, as PowerShell 5.1 does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from exchange_sim.powershell.binder import ScriptRunner, validate_argument
from exchange_sim.powershell.commands import ParameterDeclaration
from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.conversions import convert_to, to_bool, to_string
from exchange_sim.powershell.values.switch_parameter import SwitchParameter

_UNTYPED = ("object", "system.object", "psobject", "system.management.automation.psobject")
_SWITCH = ("switch", "switchparameter", "system.management.automation.switchparameter")


@dataclass(frozen=True)
class VariableConstraint:
    """The type (None = any) and the validators of one variable; calling it checks a value being written."""

    name: str
    type_name: str | None
    types: Any
    validators: ParameterDeclaration | None = None
    run_script: ScriptRunner | None = None

    def __call__(self, value: Any) -> Any:
        converted = self.convert(value)
        if self.validators is not None:
            self.validate(converted)
        return converted

    def convert(self, value: Any) -> Any:
        if self.type_name is None or self.type_name.lower() in _UNTYPED:
            return value
        if self.type_name.lower() in _SWITCH:
            return SwitchParameter(to_bool(value))  # `$Force = $true` keeps `$Force.IsPresent` working
        try:
            return convert_to(value, self.type_name, self.types)
        except errors.RuntimeException as failed:
            raise errors.ArgumentTransformationMetadataException(
                failed.message, error_id="RuntimeException", category=errors.ErrorCategory.MetadataError) from None

    def validate(self, value: Any) -> None:
        assert self.validators is not None
        try:
            validate_argument(self.validators, value, self.run_script)
        except errors.ParameterBindingException:
            shown = "$null" if value is None else to_string(value)
            raise errors.ValidationMetadataException(
                f"The variable cannot be validated because the value {shown} is not a valid value for the "
                f"{self.name} variable.", error_id="ValidateSetFailure",
                category=errors.ErrorCategory.MetadataError) from None


def has_validators(parameter: ParameterDeclaration) -> bool:
    return bool(parameter.validate_set is not None or parameter.validate_not_null
                or parameter.validate_not_null_or_empty or parameter.validate_pattern is not None
                or parameter.validate_range is not None or parameter.validate_length is not None
                or parameter.validate_count is not None or parameter.validate_scripts)


def parameter_constraint(parameter: ParameterDeclaration, types: Any,
                         run_script: ScriptRunner | None) -> VariableConstraint | None:
    """A parameter's variable keeps the parameter's type and validators; None when it has neither."""
    typed = parameter.type_name.lower() not in _UNTYPED
    if not typed and not has_validators(parameter):
        return None
    return VariableConstraint(parameter.name, parameter.type_name if typed else None, types,
                              parameter if has_validators(parameter) else None, run_script)


Constraint = Callable[[Any], Any]
