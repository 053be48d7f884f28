"""Parameter binding rules that do not need a running pipeline: names (§7.2), parameter sets, mandatory checks.

Errors are ParameterBindingExceptions carrying PowerShell's error ids and texts (reference §8); the
evaluator wraps them into ErrorRecords with the command's FullyQualifiedErrorId.
"""

from __future__ import annotations

from dataclasses import dataclass
import re
from typing import Any, Callable, Iterable

from exchange_sim.powershell.commands import ALL_PARAMETER_SETS, CommandDeclaration, ParameterDeclaration
from exchange_sim.powershell.values.conversions import convert_to, to_bool
from exchange_sim.powershell.values.objects import get_property, property_names
from exchange_sim.powershell.values.exceptions import (
    RuntimeException,
    ErrorCategory,
    ParameterBindingException,
    ParameterBindingArgumentTransformationException,
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
    if not declaration.cmdlet_binding:
        return  # a simple function has no common parameters: `-Verbose` lands in its $args
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
        failure = _binding_error(
            f"Parameter cannot be processed because the parameter name '{text}' is ambiguous. "
            f"Possible matches include:{listed}.",
            "AmbiguousParameter",
        )
    else:
        failure = _binding_error(f"A parameter cannot be found that matches parameter name '{text}'.",
                                 "NamedParameterNotFound")
    failure.parameter_text = text  # type: ignore[attr-defined]  # the error is shown under this `-Name`
    raise failure


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


ScriptRunner = Callable[[Any, Any], list[Any]]  # (script block, $_) -> its output


def _number(value: Any) -> Any:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _check_range(parameter: ParameterDeclaration, item: Any) -> None:
    low, high = parameter.validate_range  # type: ignore[misc]
    if item is None:
        raise _validation_error(parameter, "The argument is null, empty, or an element of the argument collection "
                                "contains a null value. Supply a collection that does not contain any null values "
                                "and then try the command again.")
    if _number(item) is not None and _number(low) is not None and item < low:
        raise _validation_error(parameter, f"The {item} argument is less than the minimum allowed range of {low}. "
                                f"Supply an argument that is greater than or equal to {low} and then try the "
                                "command again.")
    if _number(item) is not None and _number(high) is not None and item > high:
        raise _validation_error(parameter, f"The {item} argument is greater than the maximum allowed range of "
                                f"{high}. Supply an argument that is less than or equal to {high} and then try the "
                                "command again.")


def _check_length(parameter: ParameterDeclaration, item: Any) -> None:
    low, high = parameter.validate_length  # type: ignore[misc]
    length = len(str(item if item is not None else ""))
    if length < low:
        raise _validation_error(parameter, f"The character length ({length}) of the argument is too short. Specify "
                                f"an argument with a length that is greater than or equal to \"{low}\", and then "
                                "try the command again.")
    if length > high:
        raise _validation_error(parameter, f"The character length of the {length} argument is too long. Shorten "
                                f"the character length of the argument so it is fewer than or equal to \"{high}\" "
                                "characters, and then try the command again.")


def _check_count(parameter: ParameterDeclaration, values: list[Any]) -> None:
    low, high = parameter.validate_count  # type: ignore[misc]
    if len(values) < low:
        raise _validation_error(parameter, f"The number of provided arguments ({len(values)}) is fewer than the "
                                f"minimum number of allowed arguments ({low}). Provide more than {low} arguments, "
                                "and then try the command again.")
    if len(values) > high:
        raise _validation_error(parameter, f"The number of provided arguments, ({len(values)}), exceeds the "
                                f"maximum number of allowed arguments ({high}). Provide fewer than {high} "
                                "arguments, and then try the command again.")


def validate_argument(parameter: ParameterDeclaration, value: Any, run_script: ScriptRunner | None = None) -> None:
    """The declaration's validators, on one already converted value (each element of a collection)."""
    values = list(value) if isinstance(value, (list, tuple)) else [value]
    if parameter.validate_not_null and (value is None or any(item is None for item in values)):
        raise _validation_error(
            parameter, "The argument is null. Provide a valid value for the argument, and then try running the "
            "command again.")
    if parameter.validate_not_null_or_empty and (value is None or value == "" or values == []
                                                 or any(item is None or item == "" for item in values)):
        raise _validation_error(
            parameter,
            "The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.",
        )
    if parameter.validate_count is not None:
        _check_count(parameter, values)
    for item in values:
        if parameter.validate_length is not None:
            _check_length(parameter, item)
        if parameter.validate_range is not None:
            _check_range(parameter, item)
        if parameter.validate_pattern is not None and not re.search(parameter.validate_pattern, str(item),
                                                                    re.IGNORECASE):
            raise _validation_error(
                parameter, f'The argument "{item}" does not match the "{parameter.validate_pattern}" pattern. '
                f'Supply an argument that matches "{parameter.validate_pattern}" and try the command again.')
        if parameter.validate_set is not None and str(item).lower() not in {c.lower() for c in parameter.validate_set}:
            raise _validation_error(
                parameter,
                f'The argument "{item}" does not belong to the set "{",".join(parameter.validate_set)}" '
                "specified by the ValidateSet attribute. Supply an argument that is in the set and then try "
                "the command again.",
            )
        for script in parameter.validate_scripts:
            if run_script is None:
                continue
            result = run_script(script, item)
            if not to_bool(result[0] if len(result) == 1 else result):
                raise _validation_error(
                    parameter, f'The "{script}" validation script for the argument with value "{item}" did not '
                    "return a result of True. Determine why the validation script failed, and then try the "
                    "command again.")


def check_mandatory_value(parameter: ParameterDeclaration, value: Any) -> None:
    """Mandatory parameters refuse $null, "" and empty collections unless [Allow*] says otherwise (§7.3)."""
    if value is None and not parameter.allow_null:
        raise ParameterBindingValidationException(
            f"Cannot bind argument to parameter '{parameter.name}' because it is null.",
            error_id="ParameterArgumentValidationErrorNullNotAllowed", category=ErrorCategory.InvalidData)
    if value == "" and not (parameter.allow_empty_string or parameter.allow_null):
        raise ParameterBindingValidationException(
            f"Cannot bind argument to parameter '{parameter.name}' because it is an empty string.",
            error_id="ParameterArgumentValidationErrorEmptyStringNotAllowed", category=ErrorCategory.InvalidData)
    if isinstance(value, (list, tuple)) and not value and not parameter.allow_empty_collection:
        raise ParameterBindingValidationException(
            f"Cannot bind argument to parameter '{parameter.name}' because it is an empty array.",
            error_id="ParameterArgumentValidationErrorEmptyArrayNotAllowed", category=ErrorCategory.InvalidData)


def is_switch_parameter(declaration: CommandDeclaration | None, name: str) -> bool:
    """Whether `-name` on a command line takes no argument (so the next element is not its value)."""
    if declaration is None:
        return False
    try:
        resolved = resolve_parameter_name(declaration, name)
    except ParameterBindingException:
        return False  # binding reports the unknown name, with the command's prefix
    if resolved.is_common:
        return resolved.name in ("Verbose", "Debug", "WhatIf", "Confirm")
    return next(p for p in declaration.parameters if p.name == resolved.name).is_switch

def fits_without_conversion(type_name: str, value: Any, types: Any) -> bool:
    """Whether `value` already is of the parameter's type (PowerShell's binding passes without coercion)."""
    if type_name.lower() in ("object", "psobject", "system.object", "system.management.automation.psobject"):
        return True
    try:
        converted = convert_to(value, type_name, types)
    except RuntimeException:
        return False
    if converted is value:
        return True
    if isinstance(converted, list):  # a scalar wrapped, or a collection whose elements all fit as they are
        given = list(value) if isinstance(value, (list, tuple)) else [value]
        return len(given) == len(converted) and all(a is b for a, b in zip(given, converted))
    return False


def bind_pipeline_object(set_name: str, receivers: list[ParameterDeclaration], item: Any, types: Any,
                         command_type: str = "Cmdlet") -> dict[str, Any] | None:
    """PowerShell's four passes (§7.1 step 5): ByValue then ByPropertyName without coercion, then both with it."""
    by_value = [p for p in receivers if (entry := p.in_set(set_name)) is not None and entry.value_from_pipeline]
    by_name = [p for p in receivers
               if (entry := p.in_set(set_name)) is not None and entry.value_from_pipeline_by_property_name]
    names = {name.lower(): name for name in property_names(item)} if item is not None else {}

    def property_of(parameter: ParameterDeclaration) -> tuple[bool, Any]:
        for candidate in (parameter.name, *parameter.aliases):
            if candidate.lower() in names:
                return True, get_property(item, names[candidate.lower()])
        return False, None

    found: dict[str, Any] = {}

    def by_value_pass(coerce: bool) -> None:
        for parameter in by_value:
            if coerce or fits_without_conversion(parameter.type_name, item, types):
                try:
                    found[parameter.name] = convert_argument(parameter.name, parameter.type_name, item, types,
                                                             command_type)
                    return
                except ParameterBindingException:
                    continue

    def by_name_pass(coerce: bool) -> None:
        for parameter in by_name:
            present, value = property_of(parameter)
            if present and parameter.name not in found and (
                    coerce or fits_without_conversion(parameter.type_name, value, types)):
                found[parameter.name] = convert_argument(parameter.name, parameter.type_name, value, types,
                                                         command_type)

    by_value_pass(coerce=False)
    by_name_pass(coerce=False)
    if not found:
        by_value_pass(coerce=True)
    by_name_pass(coerce=True)  # parameters still unbound take their properties with conversion
    return found or None


def pipeline_receivers(declaration: CommandDeclaration, set_name: str,
                       bound: dict[str, Any]) -> list[ParameterDeclaration]:
    """The parameters of `set_name` still unbound that take pipeline input (by value or by property name)."""
    return [p for p in declaration.parameters if p.name not in bound and (
        entry := p.in_set(set_name)) is not None and (
        entry.value_from_pipeline or entry.value_from_pipeline_by_property_name)]


def bind_pipeline_in_sets(declaration: CommandDeclaration, bound: dict[str, Any], chosen_set: str, item: Any,
                          types: Any, command_type: str = "Cmdlet") -> tuple[str, dict[str, Any]] | None:
    """Pipeline binding in the set chosen from the arguments, else in another set they allow.

    PowerShell settles the parameter set only once pipeline input has bound: `'a1' | Select-String 1`
    leaves the default File set (no Path property) for the Object set's -InputObject.
    """
    for set_name in [chosen_set, *(name for name in possible_sets(declaration, bound) if name != chosen_set)]:
        found = bind_pipeline_object(set_name, pipeline_receivers(declaration, set_name, bound), item, types,
                                     command_type)
        if found is not None:
            return set_name, found
    return None


def input_object_not_bound(item: Any) -> ParameterBindingException:
    return ParameterBindingException(
        "The input object cannot be bound to any parameters for the command either because the command does not "
        "take pipeline input or the input and its properties do not match any of the parameters that take "
        "pipeline input.", error_id="InputObjectNotBound", category=ErrorCategory.InvalidArgument,
        target_object=item)


def _already_bound(name: str) -> ParameterBindingException:
    return ParameterBindingException(
        f"Cannot bind parameter because parameter '{name}' is specified more than once. To "
        "provide multiple values to parameters that can accept multiple values, use the array syntax. "
        'For example, "-parameter value1,value2,value3".', error_id="ParameterAlreadyBound",
        category=ErrorCategory.InvalidArgument)


def possible_sets(declaration: CommandDeclaration, bound: Iterable[str]) -> list[str]:
    """The parameter sets that still contain every bound parameter (all sets when none is declared)."""
    sets = [name for name in declaration.parameter_sets() if name != ALL_PARAMETER_SETS]
    if not sets:
        return [ALL_PARAMETER_SETS]
    by_name = {parameter.name: parameter for parameter in declaration.parameters}
    for name in bound:
        parameter = by_name.get(name)
        if parameter is not None:
            narrowed = [set_name for set_name in sets if parameter.in_set(set_name) is not None]
            sets = narrowed or sets
    return sets


def _positional_candidates(declaration: CommandDeclaration, sets: list[str], bound: dict[str, Any],
                           after: int) -> tuple[int | None, list[ParameterDeclaration]]:
    """The next position after `after` that an unbound parameter of the possible sets holds, and those
    parameters, the default set's first."""
    slots: dict[int, list[ParameterDeclaration]] = {}
    for set_name in sorted(sets, key=lambda name: name != declaration.default_parameter_set):
        for parameter in declaration.parameters:
            entry = parameter.in_set(set_name)
            if entry is None or entry.position is None or entry.position <= after or parameter.name in bound \
                    or entry.value_from_remaining_arguments:  # it collects what positions leave over
                continue
            slot = slots.setdefault(entry.position, [])
            if parameter not in slot:
                slot.append(parameter)
    if not slots:
        return None, []
    position = min(slots)
    return position, slots[position]


def bind_arguments(declaration: CommandDeclaration, pairs: list[tuple[str | None, Any]], types: Any,
                   common: dict[str, Any] | None = None, unbound: list[Any] | None = None,
                   run_script: ScriptRunner | None = None) -> dict[str, Any]:
    """Named, switch and positional arguments to the declaration's parameters; common ones go to `common`.

    A simple function (no CmdletBinding) puts unknown `-names` and surplus arguments into `unbound` ($args).
    """
    bound: dict[str, Any] = {}
    positional: list[Any] = []
    by_name = {parameter.name: parameter for parameter in declaration.parameters}
    kind = declaration.command_type
    for name, value in pairs:
        if name is None:
            positional.append(value)
            continue
        try:
            resolved = resolve_parameter_name(declaration, name)
        except ParameterBindingException:
            if declaration.cmdlet_binding or unbound is None:
                raise
            unbound.append(f"-{name}")
            if value is not SWITCH:
                unbound.append(value)
            continue
        if resolved.name in bound or (common is not None and resolved.name in common):
            raise _already_bound(resolved.name)
        parameter = by_name.get(resolved.name)
        if parameter is None:
            if common is not None:  # common parameters act on the run, not on the cmdlet
                common[resolved.name] = True if value is SWITCH else value
            continue
        if parameter.is_switch:
            bound[parameter.name] = switch_value() if value is SWITCH else switch_value(value)
            continue
        if value is SWITCH:
            resolved_type = types.resolve_optional(parameter.type_name) if types is not None else None
            raise ParameterBindingException(
                f"Missing an argument for parameter '{parameter.name}'. Specify a parameter of type "
                f"'{resolved_type.full_name if resolved_type else parameter.type_name}' and try again.",
                error_id="MissingArgument", category=ErrorCategory.InvalidArgument)
        bound[parameter.name] = _checked(parameter, value, types, kind, run_script)
    remaining: list[Any] = []
    after = -1
    for value in positional:
        sets = possible_sets(declaration, bound)
        position, candidates = _positional_candidates(declaration, sets, bound, after)
        if position is None:
            remaining.append(value)
            continue
        after = position
        chosen = _bind_positional(candidates, value, types, kind)
        bound[chosen.name] = _checked(chosen, value, types, kind, run_script)
    if remaining:
        sets = possible_sets(declaration, bound)
        collector = next((parameter for parameter in declaration.parameters if parameter.name not in bound and any(
            (entry := parameter.in_set(set_name)) is not None and entry.value_from_remaining_arguments
            for set_name in sets)), None)
        if collector is not None:
            # 5.1 binds a cmdlet's lone leftover argument as itself, so `Write-Output 1,2` collects the
            # array 1,2 rather than a list holding it (PowerShell 6 changed this, PR #2038).
            collected = remaining[0] if len(remaining) == 1 and kind == "Cmdlet" else remaining
            bound[collector.name] = _checked(collector, collected, types, kind, run_script)
        elif unbound is not None and not declaration.cmdlet_binding:
            unbound.extend(remaining)
        else:
            raise ParameterBindingException(
                f"A positional parameter cannot be found that accepts argument '{_argument_text(remaining[0])}'.",
                error_id="PositionalParameterNotFound", category=ErrorCategory.InvalidArgument)
    return bound


def _argument_text(value: Any) -> str:
    from exchange_sim.powershell.values.conversions import to_string

    return to_string(value)


def _bind_positional(candidates: list[ParameterDeclaration], value: Any, types: Any,
                     kind: str) -> ParameterDeclaration:
    """The first candidate the value fits as it is, else the first it converts to; else the first's error."""
    for parameter in candidates:
        if fits_without_conversion(parameter.type_name, value, types):
            return parameter
    first_error: ParameterBindingException | None = None
    for parameter in candidates:
        try:
            convert_argument(parameter.name, parameter.type_name, value, types, kind)
            return parameter
        except ParameterBindingException as error:
            first_error = first_error or error
    assert first_error is not None
    raise first_error


def _checked(parameter: ParameterDeclaration, value: Any, types: Any, kind: str,
             run_script: ScriptRunner | None) -> Any:
    converted = convert_argument(parameter.name, parameter.type_name, value, types, kind)
    if any(entry.mandatory for entry in parameter.entries):
        check_mandatory_value(parameter, converted)
    validate_argument(parameter, converted, run_script)
    return converted


def convert_argument(name: str, type_name: str, value: Any, types: Any, command_type: str = "Cmdlet") -> Any:
    """An argument converted to the parameter's type, or PowerShell's binding error: CannotConvertArgumentNoMessage
    for cmdlets, ParameterArgumentTransformationError for functions (§8)."""
    if type_name.lower() == "object":
        return value
    if type_name.lower() in ("switch", "switchparameter"):
        return switch_value(value)
    try:
        return convert_to(value, type_name, types)
    except RuntimeException as exc:
        if command_type == "Function":
            raise ParameterBindingArgumentTransformationException(
                f"Cannot process argument transformation on parameter '{name}'. {exc}",
                error_id="ParameterArgumentTransformationError", category=ErrorCategory.InvalidData) from exc
        raise ParameterBindingException(
            f"Cannot bind parameter '{name}'. {exc}", error_id="CannotConvertArgumentNoMessage",
            category=ErrorCategory.InvalidArgument) from exc
