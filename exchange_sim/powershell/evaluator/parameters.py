"""Binding functions and scripts as commands: their arguments go through the cmdlet binder (§7.1, §7.4),
and their scope gets `$PSBoundParameters`, `$args`, `$MyInvocation` and, for advanced functions,
`$PSCmdlet` and the common parameters (command_processors.py runs their begin/process/end blocks).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Sequence

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.binder import (
    SWITCH,
    bind_arguments,
    convert_argument,
    is_switch_parameter,
    missing_mandatory,
    missing_mandatory_error,
    pipeline_receivers,
    select_parameter_set,
)
from exchange_sim.powershell.commands import CommandDeclaration, ParameterDeclaration
from exchange_sim.powershell.evaluator.confirmation import Confirmation, prompt_mandatory
from exchange_sim.powershell.evaluator.flow import NamedArgument, Return, ScriptTerminating
from exchange_sim.powershell.evaluator.script_cmdlets import ScriptCmdlet, declaration_for_function
from exchange_sim.powershell.evaluator.scriptblock import ScriptBlock
from exchange_sim.powershell.evaluator.pipeline_input import is_downstream
from exchange_sim.powershell.evaluator.scopes import function_name
from exchange_sim.powershell.evaluator.variable_constraints import parameter_constraint
from exchange_sim.powershell.host import HostPromptUnavailable
from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.conversions import to_bool
from exchange_sim.powershell.values.objects import Hashtable, PSObject
from exchange_sim.powershell.values.switch_parameter import SwitchParameter

# Common parameters of an advanced function become preference variables of its scope, which is how
# they reach the cmdlets it calls (a caller's -WhatIf makes Remove-ExchangeCertificate inside answer no).
_ACTION_PREFERENCES = {"ErrorAction": "erroractionpreference", "WarningAction": "warningpreference",
                       "InformationAction": "informationpreference"}


class ScriptParameters:
    """A mixin of `Session`: it relies on the session's `variables`, `registry`, `host` and statement walk."""

    variables: Any
    _script_variables: Any
    _function_homes: dict[str, Any]
    registry: Any
    function_module: Any  # (function name) -> the script module exporting it, "" if none (ScriptModules)
    host: Any

    def _expression(self, node: A.ExpressionAst) -> Any:
        raise NotImplementedError

    def _statement(self, node: A.StatementAst) -> list[Any]:
        raise NotImplementedError

    def invoke_scriptblock(self, block: ScriptBlock, dollar_under: Any = None, args: Sequence[Any] = (),
                           this: Any = None) -> list[Any]:
        raise NotImplementedError

    def write_error(self, record: Any, common: dict[str, Any]) -> None:
        raise NotImplementedError

    # Provided by the session and by TrapHandling (which comes after this mixin in the MRO, so no stubs here):
    # _statement_list(statements), _new_trap_frame(), _drop_trap_frame().

    def function_declaration(self, function: A.FunctionDefinitionAst) -> CommandDeclaration:
        name = function_name(function.name)
        declaration = declaration_for_function(name, function.body, function.parameters, self._expression)
        module = self.function_module(name)  # Get-Command -Module lists a module's exported functions
        return dataclasses.replace(declaration, module=module) if module else declaration

    def _validation_script(self, block: Any, value: Any) -> list[Any]:
        return self.invoke_scriptblock(block, value)

    def binding_failure(self, exc: errors.DotNetException, declaration: CommandDeclaration,
                        invocation_name: str) -> errors.DotNetException:
        """A binding error as PowerShell prints it: `<command> : <message>`, FQID `<Id>,<command type>`."""
        if getattr(exc, "error_record", None) is not None:
            return exc
        if not declaration.name:  # a script block run with `&`: PowerShell names no command
            exc.error_record = errors.record_for(exc)  # type: ignore[attr-defined]
            return exc
        record = errors.record_for(exc).with_command(declaration.name, declaration.implementing_type
                                                     or declaration.name)
        kind = "Function" if declaration.command_type == "Function" else "Cmdlet"
        exc.error_record = record.with_invocation(errors.InvocationInfo(  # type: ignore[attr-defined]
            my_command=declaration.name, invocation_name=invocation_name, command_kind=kind))
        return exc

    def mandatory_arguments(self, declaration: CommandDeclaration, set_name: str, bound: dict[str, Any],
                            deferred: set[str]) -> dict[str, Any]:
        """Missing mandatory parameters: asked of the host when it can ask, else MissingMandatoryParameter."""
        missing = [name for name in missing_mandatory(declaration, set_name, bound) if name not in deferred]
        if not missing:
            return {}
        by_name = {parameter.name: parameter for parameter in declaration.parameters}
        try:
            answers = prompt_mandatory(self.host, declaration.name, [by_name[name] for name in missing])
        except HostPromptUnavailable:
            raise missing_mandatory_error(missing) from None
        return bind_arguments(declaration, list(answers.items()), self.registry.types, {},
                              run_script=self._validation_script)

    def _bind_script_arguments(self, script: A.ScriptBlockAst, args: list[Any],
                               parameters: tuple[A.ParameterAst, ...] | None = None) -> None:
        """A script file's arguments (`run FILE ARGS…`) fill its param() block in the script's own scope."""
        declaration = declaration_for_function(script.extent.file or "script", script, parameters, self._expression,
                                               command_type="Function")
        pairs: list[tuple[str | None, Any]] = []
        items = list(args)
        nodes = parameters if parameters is not None else (script.param_block.parameters if script.param_block else ())
        while items:
            item = items.pop(0)
            if isinstance(item, NamedArgument):
                pairs.append((item.name, item.value))
            elif isinstance(item, str) and item.startswith("-") and len(item) > 1 and (nodes or declaration.cmdlet_binding):
                key, colon, inline = item[1:].partition(":")
                # `-WhatIf -Name x`: a switch (declared, or common as -Verbose/-WhatIf) takes no value.
                switch = is_switch_parameter(declaration, key) or any(
                    p.name.name.lower().startswith(key.lower()) and _is_switch(p) for p in nodes)
                if colon:
                    pairs.append((key, inline))
                elif switch or not items:
                    pairs.append((key, SWITCH))
                else:
                    pairs.append((key, items.pop(0)))
            else:
                pairs.append((None, item))
        unbound: list[Any] = []
        common: dict[str, Any] = {}
        try:
            bound = bind_arguments(declaration, pairs, self.registry.types, common, unbound,
                                   run_script=self._validation_script)
            set_name = select_parameter_set(declaration, bound)
            bound.update(self.mandatory_arguments(declaration, set_name, bound, set()))
        except errors.ParameterBindingException as exc:
            # The script does not start: `<path> : <message>` (run FILE ends with exit code 1; `& x.ps1 -Bad`
            # ends the calling statement).
            record = errors.record_for(exc).with_command(declaration.name, declaration.name).with_invocation(
                errors.InvocationInfo(my_command=declaration.name, command_kind="ExternalScript"))
            exc.error_record = record  # type: ignore[attr-defined]
            raise
        if declaration.cmdlet_binding:
            # `[CmdletBinding()]` makes the script advanced, exactly as a function: common parameters become
            # preference variables of its scope, and it gets $PSCmdlet (named after the file, as MyCommand is).
            self._apply_common(common)
            leaf = declaration.name.replace("/", "\\").rsplit("\\", 1)[-1]
            invocation = errors.InvocationInfo(my_command=leaf, invocation_name=declaration.name,
                                               command_kind="ExternalScript")
            self.variables["pscmdlet"] = self._script_cmdlet(dataclasses.replace(declaration, name=leaf), set_name,
                                                             invocation, common)
        self._parameter_variables(nodes, declaration, bound)
        self.variables["psboundparameters"] = bound_parameters(bound, common)
        self.variables["args"] = unbound

    def _parameter_variables(self, nodes: Sequence[A.ParameterAst], declaration: CommandDeclaration,
                             bound: dict[str, Any]) -> None:
        """Each parameter's variable: its bound value, else its default (run now, in this scope, in order)."""
        by_name = {parameter.name: parameter for parameter in declaration.parameters}
        for node in nodes:
            name = node.name.name
            parameter = by_name[name]
            if name in bound:
                value = bound[name]
            elif node.default_value is not None:
                value = self._expression(node.default_value)
                value = _converted(parameter, value, self.registry.types)
            else:
                value = _type_default(parameter, self.registry.types)
            if parameter.is_switch:
                value = SwitchParameter(to_bool(value))  # `$Force.IsPresent`, and still truthy like a bool
            # The variable keeps the parameter's type and validators: `$Count = "x"` inside fails (§5.3).
            constraint = parameter_constraint(parameter, self.registry.types, self._validation_script)
            if constraint is None:
                self.variables[name.lower()] = value
            else:
                self.variables.constrain(name.lower(), constraint, value, check=False)

    def bind_command(self, declaration: CommandDeclaration, pairs: list[tuple[str | None, Any]],
                     input_objects: list[Any], invocation_name: str) -> "CommandBinding":
        """Named and positional arguments, the parameter set, then mandatory ones (§7.1 steps 1-4)."""
        call = CommandBinding(declaration)
        try:
            call.bound = bind_arguments(declaration, pairs, self.registry.types, call.common, call.unbound,
                                        run_script=self._validation_script)
            call.set_name = select_parameter_set(declaration, call.bound)
            call.receivers = pipeline_receivers(declaration, call.set_name, call.bound)
            # Parameters pipeline input may still fill are not missing yet (§7.1 step 4).
            deferred = {p.name for p in call.receivers} if is_downstream(input_objects) else set()
            call.bound.update(self.mandatory_arguments(declaration, call.set_name, call.bound, deferred))
        except errors.ParameterBindingException as exc:
            raise self.binding_failure(exc, declaration, invocation_name) from None
        error_variable = str(call.common.get("ErrorVariable") or "")
        if error_variable and not error_variable.startswith("+"):
            # -ErrorVariable x exists (empty) from the start, error or not: `if ($x)` works under StrictMode.
            self.variables[error_variable.lower()] = []
        return call

    def _named_block(self, block: A.NamedBlockAst | None) -> list[Any]:
        """One begin/process/end block; `return` leaves only this block (the next object is processed)."""
        if block is None:
            return []
        output: list[Any] = []
        try:
            output.extend(self._statement_list(block.statements))
        except Return as done:
            output.extend(done.partial)
        return output

    def _apply_common(self, common: dict[str, Any]) -> None:
        for name, variable in _ACTION_PREFERENCES.items():
            if name in common:
                self.variables[variable] = str(common[name])
        if "Verbose" in common:
            self.variables["verbosepreference"] = "Continue" if to_bool(common["Verbose"]) else "SilentlyContinue"
        if "Debug" in common:
            # 5.1 uses Inquire (a prompt per message); Continue shows the messages without asking.
            self.variables["debugpreference"] = "Continue" if to_bool(common["Debug"]) else "SilentlyContinue"
        if "WhatIf" in common:
            self.variables["whatifpreference"] = to_bool(common["WhatIf"])
        if "Confirm" in common:
            self.variables["confirmpreference"] = "Low" if to_bool(common["Confirm"]) else "None"

    def _collect_common_variables(self, common: dict[str, Any], inner: dict[str, Any], errors_before: int) -> None:
        written = list(inner.get("error") or [])
        self.add_to_error_variable(common, list(reversed(written[:max(len(written) - errors_before, 0)])))

    def add_to_error_variable(self, common: dict[str, Any], records: list[Any]) -> None:
        """Append to the command's -ErrorVariable (emptied when the command started, unless `+name`)."""
        name = str(common.get("ErrorVariable") or "")
        if not name:
            return
        key = name.lstrip("+").lower()
        previous = self.variables.get(key)
        self.variables[key] = (list(previous) if isinstance(previous, list) else []) + records

    def _script_cmdlet(self, declaration: CommandDeclaration, set_name: str, invocation: Any,
                       common: dict[str, Any]) -> ScriptCmdlet:
        scope = self.variables
        confirmation = Confirmation(self.host, declaration.name, declaration.confirm_impact, {},
                                    lambda name: scope.get(name))

        def write_verbose(text: Any) -> None:
            if str(scope.get("verbosepreference") or "").lower() == "continue":
                self.host.write_verbose(str(text))

        def write_debug(text: Any) -> None:
            if str(scope.get("debugpreference") or "").lower() == "continue":
                self.host.write_debug(str(text))

        def write_warning(text: Any) -> None:
            if str(scope.get("warningpreference") or "Continue").lower() not in ("silentlycontinue", "ignore"):
                self.host.write_warning(str(text))

        def write_error(record: errors.ErrorRecord) -> None:
            caller = self.variables
            self.variables = scope  # the function's -ErrorAction decides, as its preference variable
            try:
                self.write_error(record, {})
            finally:
                self.variables = caller

        return ScriptCmdlet(declaration, set_name, _MyInvocation(invocation, {}, []), confirmation, write_error,
                            write_verbose, write_warning, write_debug)


@dataclass
class CommandBinding:
    """What binding a command line produced: declared values, common parameters, leftovers for $args."""

    declaration: CommandDeclaration
    bound: dict[str, Any] = field(default_factory=dict)
    set_name: str = ""
    receivers: list[ParameterDeclaration] = field(default_factory=list)  # still open to pipeline input
    common: dict[str, Any] = field(default_factory=dict)
    unbound: list[Any] = field(default_factory=list)


class _MyInvocation:
    """`$MyInvocation` inside a function: the command, how it was called, what was bound."""

    ps_type_names = ("System.Management.Automation.InvocationInfo", "System.Object")

    def __init__(self, info: errors.InvocationInfo, bound: dict[str, Any], unbound: list[Any]) -> None:
        self.info = info
        self.bound = bound
        self.unbound = unbound

    def ps_properties(self) -> dict[str, Any]:
        properties = dict(self.info.ps_properties())
        properties["MyCommand"] = PSObject([("Name", self.info.my_command), ("CommandType", "Function")])
        properties["BoundParameters"] = Hashtable(self.bound.items(), ordered=True)
        properties["UnboundArguments"] = list(self.unbound)
        return properties


def bound_parameters(bound: dict[str, Any], common: dict[str, Any]) -> Hashtable:
    """`$PSBoundParameters`: the declared parameters given, then the common ones (`-Verbose` is there, which
    is how runbooks test `$PSBoundParameters['Verbose']` and how `@PSBoundParameters` passes it on)."""
    given = dict(bound)
    for name, value in common.items():
        given[name] = SwitchParameter(to_bool(value)) if name in _COMMON_SWITCHES else value
    return Hashtable(given.items(), ordered=True)


_COMMON_SWITCHES = ("Verbose", "Debug", "WhatIf", "Confirm")


def invocation_variable(info: errors.InvocationInfo, bound: dict[str, Any], unbound: list[Any]) -> Any:
    """`$MyInvocation` of a function call."""
    return _MyInvocation(info, bound, unbound)


def _is_switch(node: A.ParameterAst) -> bool:
    return any(isinstance(a, A.TypeConstraintAst) and a.type_name.full_name.lower() in ("switch", "switchparameter")
               for a in node.attributes)


def _converted(parameter: ParameterDeclaration, value: Any, types: Any) -> Any:
    if parameter.type_name.lower() == "object":
        return value
    return convert_argument(parameter.name, parameter.type_name, value, types, "Function")


def _type_default(parameter: ParameterDeclaration, types: Any) -> Any:
    """An unbound parameter without a default: `[int]` 0, `[string]` "", `[switch]` False, untyped $null."""
    if parameter.type_name.lower() in ("object", "psobject") or parameter.type_name.endswith("[]"):
        return None
    try:
        return convert_argument(parameter.name, parameter.type_name, None, types, "Function")
    except errors.DotNetException:
        return None
