"""Parameter binding rules that do not need a running pipeline: names (§7.2), parameter sets, mandatory checks.

Errors are ParameterBindingExceptions carrying PowerShell's error ids and texts (reference §8); the
evaluator wraps them into ErrorRecords with the command's FullyQualifiedErrorId.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from exchange_sim.powershell.commands import ALL_PARAMETER_SETS, CommandDeclaration, ParameterDeclaration
from exchange_sim.powershell.values.conversions import convert_to
from exchange_sim.powershell.values.objects import get_property, property_names
from exchange_sim.powershell.values.exceptions import (
    RuntimeException,
    ErrorCategory,
    ParameterBindingException,
    ParameterBindingValidationException,
)

SWITCH = object()  # marks a `-Name` given without an argument


@dataclass(frozen=True)
class CommonParameter:
    name: str
    aliases: tuple[str, ...]
    type_name: str


COMMON_PARAMETERS: tuple[CommonParameter, ...] = (
    CommonParameter("Verbose", ("vb",), "switch"),
    CommonParameter("Debug", ("db",), "switch"),
    CommonParameter("ErrorAction", ("ea",), "System.Management.Automation.ActionPreference"),
    CommonParameter("WarningAction", ("wa",), "System.Management.Automation.ActionPreference"),
    CommonParameter("InformationAction", ("infa",), "System.Management.Automation.ActionPreference"),
    CommonParameter("ErrorVariable", ("ev",), "string"),
    CommonParameter("WarningVariable", ("wv",), "string"),
    CommonParameter("InformationVariable", ("iv",), "string"),
    CommonParameter("OutVariable", ("ov",), "string"),
    CommonParameter("OutBuffer", ("ob",), "int"),
    CommonParameter("PipelineVariable", ("pv",), "string"),
)

SHOULD_PROCESS_PARAMETERS: tuple[CommonParameter, ...] = (
    CommonParameter("WhatIf", ("wi",), "switch"),
    CommonParameter("Confirm", ("cf",), "switch"),
)


@dataclass(frozen=True)
class ResolvedName:
    """The parameter a `-name` on the command line means."""

    name: str
    is_common: bool


def _binding_error(message: str, error_id: str, category: ErrorCategory = ErrorCategory.InvalidArgument) -> ParameterBindingException:
    return ParameterBindingException(message, error_id=error_id, category=category)


def _candidates(declaration: CommandDeclaration) -> Iterable[tuple[str, tuple[str, ...], bool]]:
    for parameter in declaration.parameters:
        yield parameter.name, parameter.aliases, False
    commons = COMMON_PARAMETERS + (SHOULD_PROCESS_PARAMETERS if declaration.supports_should_process else ())
    for common in commons:
        yield common.name, common.aliases, True


def resolve_parameter_name(declaration: CommandDeclaration, text: str) -> ResolvedName:
    """Exact name or alias wins; else a unique prefix; a declared parameter beats common ones."""
    key = text.lower()
    everything = list(_candidates(declaration))
    for name, aliases, is_common in everything:
        if key == name.lower() or key in (alias.lower() for alias in aliases):
            return ResolvedName(name, is_common)
    hits: list[tuple[str, bool]] = []
    for name, aliases, is_common in everything:
        if name.lower().startswith(key) or any(alias.lower().startswith(key) for alias in aliases):
            hits.append((name, is_common))
    if len(hits) == 1:
        return ResolvedName(*hits[0])
    declared = [hit for hit in hits if not hit[1]]
    if len(hits) > 1 and len(declared) == 1:
        return ResolvedName(*declared[0])
    if hits:
        listed = "".join(f" -{name}" for name, _ in hits)
        raise _binding_error(
            f"Parameter cannot be processed because the parameter name '{text}' is ambiguous. "
            f"Possible matches include:{listed}.",
            "AmbiguousParameter",
        )
    raise _binding_error(f"A parameter cannot be found that matches parameter name '{text}'.", "NamedParameterNotFound")


def select_parameter_set(declaration: CommandDeclaration, bound: Iterable[str]) -> str:
    """The set every bound declared parameter belongs to; the default set breaks ties."""
    sets = [name for name in declaration.parameter_sets() if name != ALL_PARAMETER_SETS]
    if not sets:
        return declaration.default_parameter_set or ALL_PARAMETER_SETS
    by_name = {parameter.name.lower(): parameter for parameter in declaration.parameters}
    candidates = list(sets)
    for name in bound:
        parameter = by_name.get(name.lower())
        if parameter is None:
            continue
        candidates = [set_name for set_name in candidates if parameter.in_set(set_name) is not None]
    if len(candidates) == 1:
        return candidates[0]
    if declaration.default_parameter_set in candidates:
        return declaration.default_parameter_set  # type: ignore[return-value]
    if candidates:
        # Still open: a set whose mandatory parameters are all bound is the one PowerShell keeps.
        bound_keys = {name.lower() for name in bound}
        complete = [
            set_name for set_name in candidates
            if all(parameter.name.lower() in bound_keys for parameter in declaration.parameters
                   if (entry := parameter.in_set(set_name)) is not None and entry.mandatory)
        ]
        if len(complete) == 1:
            return complete[0]
    raise _binding_error("Parameter set cannot be resolved using the specified named parameters.", "AmbiguousParameterSet")


def missing_mandatory(declaration: CommandDeclaration, set_name: str, bound: Iterable[str]) -> list[str]:
    """Mandatory parameters of the set still unbound, in declaration order."""
    bound_keys = {name.lower() for name in bound}
    return [
        parameter.name for parameter in declaration.parameters
        if (entry := parameter.in_set(set_name)) is not None and entry.mandatory
        and parameter.name.lower() not in bound_keys
    ]


def missing_mandatory_error(names: list[str]) -> ParameterBindingException:
    return _binding_error(
        "Cannot process command because of one or more missing mandatory parameters: " + " ".join(names) + ".",
        "MissingMandatoryParameter",
    )


_NO_ARGUMENT = object()


def switch_value(argument: Any = _NO_ARGUMENT) -> bool:
    """`-S` alone is True; `-S:$false`, `-S:0` and `-S:$null` are False (§7.3)."""
    if argument is _NO_ARGUMENT:
        return True
    if argument is None:
        return False
    if isinstance(argument, bool):
        return argument
    if isinstance(argument, (int, float)):
        return argument != 0
    return bool(argument)


def _validation_error(parameter: ParameterDeclaration, detail: str) -> ParameterBindingValidationException:
    return ParameterBindingValidationException(
        f"Cannot validate argument on parameter '{parameter.name}'. {detail}",
        error_id="ParameterArgumentValidationError",
        category=ErrorCategory.InvalidData,
    )


def validate_argument(parameter: ParameterDeclaration, value: Any) -> None:
    """The declaration's validators, on one already converted value (each element of a collection)."""
    values = list(value) if isinstance(value, (list, tuple)) else [value]
    if parameter.validate_not_null_or_empty and (value is None or value == "" or values == []):
        raise _validation_error(
            parameter,
            "The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.",
        )
    if parameter.validate_set is not None:
        allowed = {choice.lower() for choice in parameter.validate_set}
        for item in values:
            if str(item).lower() not in allowed:
                raise _validation_error(
                    parameter,
                    f'The argument "{item}" does not belong to the set "{",".join(parameter.validate_set)}" '
                    "specified by the ValidateSet attribute. Supply an argument that is in the set and then try "
                    "the command again.",
                )


def is_switch_parameter(declaration: CommandDeclaration | None, name: str) -> bool:
    """Whether `-name` on a command line takes no argument (so the next element is not its value)."""
    if declaration is None:
        return False
    resolved = resolve_parameter_name(declaration, name)
    if resolved.is_common:
        return resolved.name in ("Verbose", "Debug", "WhatIf", "Confirm")
    return next(p for p in declaration.parameters if p.name == resolved.name).is_switch

def bind_pipeline_object(set_name: str, receivers: list[ParameterDeclaration], item: Any,
                         types: Any) -> dict[str, Any] | None:
    """ByValue first, then ByPropertyName (the conversion-free passes fold into convert_to here)."""
    for parameter in receivers:
        entry = parameter.in_set(set_name)
        if entry is not None and entry.value_from_pipeline:
            try:
                return {parameter.name: convert_argument(parameter.name, parameter.type_name, item, types)}
            except ParameterBindingException:
                continue
    names = {name.lower() for name in property_names(item)} if item is not None else set()
    found: dict[str, Any] = {}
    for parameter in receivers:
        entry = parameter.in_set(set_name)
        if entry is None or not entry.value_from_pipeline_by_property_name:
            continue
        for candidate in (parameter.name, *parameter.aliases):
            if candidate.lower() in names:
                value = get_property(item, candidate)
                found[parameter.name] = convert_argument(parameter.name, parameter.type_name, value, types)
                break
    return found or None

def bind_arguments(declaration: CommandDeclaration, pairs: list[tuple[str | None, Any]], types: Any,
                   common: dict[str, Any] | None = None) -> dict[str, Any]:
    """Named, switch and positional arguments to the declaration's parameters; common ones go to `common`."""
    bound: dict[str, Any] = {}
    positional: list[Any] = []
    by_name = {parameter.name: parameter for parameter in declaration.parameters}
    for name, value in pairs:
        if name is None:
            positional.append(value)
            continue
        resolved = resolve_parameter_name(declaration, name)
        if resolved.name in bound:
            raise ParameterBindingException(
                f"Cannot bind parameter because parameter '{resolved.name}' is specified more than once. To "
                "provide multiple values to parameters that can accept multiple values, use the array syntax. "
                'For example, "-parameter value1,value2,value3".', error_id="ParameterAlreadyBound",
                category=ErrorCategory.InvalidArgument)
        parameter = by_name.get(resolved.name)
        if parameter is None:
            if common is not None:  # common parameters act on the run, not on the cmdlet
                common[resolved.name] = True if value is SWITCH else value
            continue
        if parameter.is_switch:
            bound[parameter.name] = switch_value() if value is SWITCH else switch_value(value)
            continue
        if value is SWITCH:
            raise ParameterBindingException(
                f"Missing an argument for parameter '{parameter.name}'. Specify a parameter of type "
                f"'{parameter.type_name}' and try again.", error_id="MissingArgument",
                category=ErrorCategory.InvalidArgument)
        bound[parameter.name] = convert_argument(parameter.name, parameter.type_name, value, types)
        validate_argument(parameter, bound[parameter.name])
    slots = sorted(
        ((entry.position, parameter) for parameter in declaration.parameters for entry in parameter.entries
         if entry.position is not None and parameter.name not in bound),
        key=lambda pair: pair[0])
    seen: set[str] = set()
    open_slots = [parameter for _, parameter in slots if not (parameter.name in seen or seen.add(parameter.name))]
    for value in positional:
        if not open_slots:
            raise ParameterBindingException(
                f"A positional parameter cannot be found that accepts argument '{value}'.",
                error_id="PositionalParameterNotFound", category=ErrorCategory.InvalidArgument)
        parameter = open_slots.pop(0)
        bound[parameter.name] = convert_argument(parameter.name, parameter.type_name, value, types)
        validate_argument(parameter, bound[parameter.name])
    return bound

def convert_argument(name: str, type_name: str, value: Any, types: Any) -> Any:
    """An argument converted to the parameter's type, or PowerShell's CannotConvertArgument binding error."""
    if type_name.lower() == "object":
        return value
    try:
        return convert_to(value, type_name, types)
    except RuntimeException as exc:
        raise ParameterBindingException(
            f"Cannot bind parameter '{name}'. {exc}", error_id="CannotConvertArgumentNoMessage",
            category=ErrorCategory.InvalidArgument) from exc
