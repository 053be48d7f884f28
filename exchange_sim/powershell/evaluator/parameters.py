"""Binding arguments to a script's or a simple function's param() block (named, prefix, positional, typed)."""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.binder import SWITCH, convert_argument, switch_value
from exchange_sim.powershell.evaluator.flow import NamedArgument



class ScriptParameters:
    """A mixin of `Session`: it relies on the session's `variables`, `registry` and `_expression`."""

    variables: dict[str, Any]
    registry: Any

    def _expression(self, node: A.ExpressionAst) -> Any:
        raise NotImplementedError

    def _bind_script_arguments(self, script: A.ScriptBlockAst, args: list[Any],
                               parameters: tuple[A.ParameterAst, ...] | None = None) -> None:
        """`-Name value` and positional script arguments fill the param() block; the rest go to `$args`."""
        if parameters is None:
            parameters = script.param_block.parameters if script.param_block is not None else ()
        names = [p.name.name for p in parameters]
        values: dict[str, Any] = {}
        rest: list[Any] = []
        while args:
            item = args.pop(0)
            if isinstance(item, NamedArgument):
                hits = [n for n in names if n.lower() == item.name.lower()] or \
                    [n for n in names if n.lower().startswith(item.name.lower())]
                if len(hits) == 1:
                    values[hits[0]] = True if item.value is SWITCH else item.value
                    continue
                rest.append(f"-{item.name}")
                if item.value is not SWITCH:
                    rest.append(item.value)
                continue
            if isinstance(item, str) and item.startswith("-") and len(item) > 1:
                key, _, inline = item[1:].partition(":")
                hits = [n for n in names if n.lower() == key.lower()] or \
                    [n for n in names if n.lower().startswith(key.lower())]
                if len(hits) == 1:
                    values[hits[0]] = inline if inline else (args.pop(0) if args else True)
                    continue
            rest.append(item)
        for name in names:
            if name not in values and rest:
                values[name] = rest.pop(0)
        for parameter in parameters:
            name = parameter.name.name
            if name in values:
                value = values[name]
            else:
                value = self._expression(parameter.default_value) if parameter.default_value is not None else None
            for attribute in parameter.attributes:
                if isinstance(attribute, A.TypeConstraintAst):
                    type_name = attribute.type_name.full_name
                    value = switch_value(value) if type_name.lower() == "switch" else \
                        convert_argument(name, type_name, value, self.registry.types)
            self.variables[name.lower()] = value
        self.variables["args"] = rest
