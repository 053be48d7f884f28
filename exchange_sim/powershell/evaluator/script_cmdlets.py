"""Functions and scripts as commands: their param() block read into a CommandDeclaration (so they bind
through the same binder as cmdlets, §7.4), and the `$PSCmdlet` an advanced function sees.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable, ClassVar, Mapping

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.commands import (
    ALL_PARAMETER_SETS,
    Cmdlet,
    CommandDeclaration,
    ParameterDeclaration,
    ParameterSetEntry,
)
from exchange_sim.powershell.evaluator.confirmation import Confirmation
from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.conversions import to_bool, to_string

Evaluate = Callable[[A.ExpressionAst], Any]


class ScriptFunction(Cmdlet):
    """Marks a declaration read from script text; the session runs the function body itself."""


def _attribute_name(attribute: A.AttributeAst) -> str:
    name = attribute.type_name.name.lower()
    return name[:-len("attribute")] if name.endswith("attribute") and name != "attribute" else name


def _named(attribute: A.AttributeAst, evaluate: Evaluate) -> dict[str, Any]:
    return {argument.argument_name.lower(): evaluate(argument.argument) for argument in attribute.named_arguments}


def _positional(attribute: A.AttributeAst, evaluate: Evaluate) -> list[Any]:
    values: list[Any] = []
    for argument in attribute.positional_arguments:
        value = evaluate(argument)
        values.extend(value if isinstance(value, list) else [value])
    return values


def _type_name(parameter: A.ParameterAst) -> str:
    for attribute in parameter.attributes:
        if isinstance(attribute, A.TypeConstraintAst):
            return attribute.type_name.full_name
    return "object"


def _is_advanced(body: A.ScriptBlockAst) -> bool:
    block = body.param_block
    if block is None:
        return False
    if any(_attribute_name(attribute) == "cmdletbinding" for attribute in block.attributes):
        return True
    return any(isinstance(attribute, A.AttributeAst) and _attribute_name(attribute) == "parameter"
               for parameter in block.parameters for attribute in parameter.attributes)


def _parameter(node: A.ParameterAst, evaluate: Evaluate) -> tuple[ParameterDeclaration, bool]:
    """The declaration of one parameter, and whether it states a Position or ParameterSetName."""
    entries: list[ParameterSetEntry] = []
    options: dict[str, Any] = {}
    explicit = False
    for attribute in node.attributes:
        if not isinstance(attribute, A.AttributeAst):
            continue
        kind = _attribute_name(attribute)
        if kind == "parameter":
            named = _named(attribute, evaluate)
            explicit |= "position" in named or "parametersetname" in named
            entries.append(ParameterSetEntry(
                set_name=str(named.get("parametersetname") or ALL_PARAMETER_SETS),
                mandatory=to_bool(named.get("mandatory", False)),
                position=int(named["position"]) if named.get("position") is not None else None,
                value_from_pipeline=to_bool(named.get("valuefrompipeline", False)),
                value_from_pipeline_by_property_name=to_bool(named.get("valuefrompipelinebypropertyname", False)),
                value_from_remaining_arguments=to_bool(named.get("valuefromremainingarguments", False)),
                help_message=to_string(named.get("helpmessage") or ""),
            ))
        elif kind == "alias":
            options["aliases"] = tuple(to_string(alias) for alias in _positional(attribute, evaluate))
        elif kind == "validateset":
            options["validate_set"] = tuple(to_string(choice) for choice in _positional(attribute, evaluate))
        elif kind == "validatepattern":
            options["validate_pattern"] = to_string(_positional(attribute, evaluate)[0])
        elif kind == "validaterange":
            low, high = _positional(attribute, evaluate)[:2]
            options["validate_range"] = (low, high)
        elif kind == "validatelength":
            low, high = _positional(attribute, evaluate)[:2]
            options["validate_length"] = (int(low), int(high))
        elif kind == "validatecount":
            low, high = _positional(attribute, evaluate)[:2]
            options["validate_count"] = (int(low), int(high))
        elif kind == "validatescript":
            options["validate_scripts"] = options.get("validate_scripts", ()) + tuple(_positional(attribute, evaluate))
        elif kind == "validatenotnull":
            options["validate_not_null"] = True
        elif kind == "validatenotnullorempty":
            options["validate_not_null_or_empty"] = True
        elif kind in ("allownull", "allowemptystring", "allowemptycollection"):
            options[kind.replace("allow", "allow_").replace("emptystring", "empty_string")
                    .replace("emptycollection", "empty_collection")] = True
    declaration = ParameterDeclaration(node.name.name, _type_name(node), tuple(entries) or (ParameterSetEntry(),),
                                       **options)
    return declaration, explicit


def declared_parameter(node: A.ParameterAst, evaluate: Evaluate) -> ParameterDeclaration:
    """The type and validators written before a parameter or a variable (`[ValidateRange(1,5)][int]$x = 3`)."""
    return _parameter(node, evaluate)[0]


def _replace_entries(parameter: ParameterDeclaration, entries: tuple[ParameterSetEntry, ...]) -> ParameterDeclaration:
    return dataclasses.replace(parameter, entries=entries)


def declaration_for_function(name: str, body: A.ScriptBlockAst, parameters: tuple[A.ParameterAst, ...] | None,
                             evaluate: Evaluate, command_type: str = "Function") -> CommandDeclaration:
    """The CommandDeclaration of `function name { [CmdletBinding(...)] param(...) }` or `function name($a) {}`.

    Attribute arguments are evaluated once here (PowerShell requires constants, and script blocks for
    ValidateScript); defaults are not: they run in the function's scope at each call.
    """
    nodes = parameters if parameters is not None else (body.param_block.parameters if body.param_block else ())
    advanced = parameters is None and _is_advanced(body)
    binding: dict[str, Any] = {}
    output_types: list[str] = []
    for attribute in body.param_block.attributes if body.param_block is not None else ():
        kind = _attribute_name(attribute)
        if kind == "cmdletbinding":
            binding = _named(attribute, evaluate)
        elif kind == "outputtype":
            output_types.extend(to_string(value) for value in _positional(attribute, evaluate))
    declared = [_parameter(node, evaluate) for node in nodes]
    explicit = any(flag for _, flag in declared)
    result: list[ParameterDeclaration] = []
    position = 0
    for parameter, _ in declared:
        # Automatic positions: only when no parameter states one (and PositionalBinding is on), every
        # non-switch parameter takes the next position in declaration order (§7.4).
        if not explicit and to_bool(binding.get("positionalbinding", True)) and not parameter.is_switch:
            parameter = _replace_entries(parameter, tuple(
                ParameterSetEntry(entry.set_name, entry.mandatory, position, entry.value_from_pipeline,
                                  entry.value_from_pipeline_by_property_name, entry.value_from_remaining_arguments,
                                  entry.help_message) for entry in parameter.entries))
            position += 1
        result.append(parameter)
    default_set = binding.get("defaultparametersetname")
    return CommandDeclaration(
        name=name,
        parameters=tuple(result),
        implementation=ScriptFunction,
        default_parameter_set=to_string(default_set) if default_set is not None else None,
        supports_should_process=advanced and to_bool(binding.get("supportsshouldprocess", False)),
        confirm_impact=to_string(binding.get("confirmimpact") or "Medium"),
        output_types=tuple(output_types),
        module="",
        implementing_type=name,
        command_type=command_type,
        cmdlet_binding=advanced,
    )


class ScriptCmdlet:
    """`$PSCmdlet` of a running advanced function (System.Management.Automation.PSScriptCmdlet).

    Write methods hand their objects back as the call's value: a `$PSCmdlet.WriteObject($x)` statement
    then puts `$x` on the function's output at the point it was called, which is where PowerShell
    writes it (the engine collects output per statement rather than streaming it).
    """

    ps_type_names: ClassVar[tuple[str, ...]] = (
        "System.Management.Automation.PSScriptCmdlet", "System.Management.Automation.PSCmdlet",
        "System.Management.Automation.Cmdlet", "System.Object")

    def __init__(self, declaration: CommandDeclaration, parameter_set_name: str, invocation: Any,
                 confirmation: Confirmation, write_error: Callable[[errors.ErrorRecord], None],
                 write_verbose: Callable[[str], None], write_warning: Callable[[str], None],
                 write_debug: Callable[[str], None]) -> None:
        self.declaration = declaration
        self.parameter_set_name = parameter_set_name
        self.invocation = invocation
        self.confirmation = confirmation
        self._write_error = write_error
        self._write_verbose = write_verbose
        self._write_warning = write_warning
        self._write_debug = write_debug

    def __str__(self) -> str:
        return self.declaration.name

    def ps_properties(self) -> Mapping[str, Any]:
        return {"ParameterSetName": self.parameter_set_name, "MyInvocation": self.invocation,
                "CommandOrigin": "Runspace", "Stopping": False, "CommandRuntime": self.declaration.name}

    def ps_methods(self) -> Mapping[str, Any]:
        return {
            "ShouldProcess": self.should_process,
            "ShouldContinue": self.should_continue,
            "WriteObject": self.write_object,
            "WriteError": self.write_error,
            "ThrowTerminatingError": self.throw_terminating_error,
            "WriteVerbose": self._write_verbose,
            "WriteWarning": self._write_warning,
            "WriteDebug": self._write_debug,
            "GetType": lambda: self.ps_type_names[0],
            "ToString": lambda: self.declaration.name,
        }

    def should_process(self, *arguments: Any) -> bool:
        texts = [to_string(argument) for argument in arguments]
        if len(texts) == 1:
            return self.confirmation.should_process(texts[0])
        if len(texts) == 2:
            return self.confirmation.should_process(texts[0], texts[1])
        if len(texts) >= 3:
            return self.confirmation.should_process("", description=texts[0], warning=texts[1], caption=texts[2])
        raise TypeError("ShouldProcess needs a target")

    def should_continue(self, query: Any, caption: Any, *rest: Any) -> bool:
        return self.confirmation.should_continue(to_string(query), to_string(caption), with_all=bool(rest))

    @staticmethod
    def write_object(value: Any, enumerate_collection: Any = False) -> Any:
        if isinstance(value, (list, tuple)) and not to_bool(enumerate_collection):
            return [value]  # one object: the collection itself
        return value

    def write_error(self, record: Any) -> None:
        record = record if isinstance(record, errors.ErrorRecord) else errors.record_for(record)
        self._write_error(record)

    def throw_terminating_error(self, record: Any) -> None:
        record = record if isinstance(record, errors.ErrorRecord) else errors.record_for(record)
        # A MethodException passes the method-call layer unwrapped; the record and the inner exception are
        # what `catch [Type]`, `$_` and the console see, as with PowerShell's own ThrowTerminatingError.
        raise errors.MethodException(errors.exception_message(record.exception), inner=record.exception,
                                     error_id=record.error_id, category=record.category, error_record=record)
