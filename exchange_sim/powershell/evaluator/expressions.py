"""Expressions and variables of the AST walk: values, operators, members, casts, scoped variables.

A mixin of `Session`: it relies on the session's `variables`, `registry`, `_statement` and `_block`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.evaluator.flow import ScriptTerminating, locate, single
from exchange_sim.powershell.evaluator.scopes import VariableScope
from exchange_sim.powershell.evaluator.script_cmdlets import declared_parameter
from exchange_sim.powershell.evaluator.scriptblock import ScriptBlock
from exchange_sim.powershell.evaluator.strict_mode import (
    index_out_of_range,
    lacks_member,
    missing_property_error,
    unset_variable_error,
)
from exchange_sim.powershell.evaluator.variable_constraints import VariableConstraint, has_validators
from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.conversions import convert_to, to_string
from exchange_sim.powershell.values.dotnet.statics import get_static_member, get_static_method
from exchange_sim.powershell.values.indexing import get_index, set_index
from exchange_sim.powershell.values.objects import Hashtable, call_method, get_property, invoke_method, set_property
from exchange_sim.powershell.values.operators import binary_op, match_operator, unary_op
from exchange_sim.powershell.values.reference import PSReference

if TYPE_CHECKING:
    from exchange_sim.powershell.registry import EngineRegistry


def unsupported(node: A.Ast) -> errors.RuntimeException:
    return errors.RuntimeException(
        f"The construct '{type(node).__name__}' is not supported by this engine yet.",
        error_id="NotSupported", category=errors.ErrorCategory.NotImplemented,
    )


_MATCH_OPERATORS = ("match", "imatch", "cmatch", "notmatch", "inotmatch", "cnotmatch")


class ExpressionWalk:
    variables: VariableScope
    _script_variables: VariableScope
    registry: "EngineRegistry"
    _expanding: int = 0  # inside an expandable string, where strict mode 1 still lets unset variables through
    dotnet_host: Any
    _validation_script: Any  # (script block, value) -> output; ScriptParameters runs ValidateScript blocks

    @property
    def strict_version(self) -> int:
        """Set-StrictMode in force in the running scope: 0 off, 1, 2, 3 (Latest)."""
        return self.variables.strict_version

    @strict_version.setter
    def strict_version(self, version: int) -> None:
        self.variables.strict = version

    def _statement(self, node: A.StatementAst) -> list[Any]:
        raise NotImplementedError

    def _statement_list(self, statements: Sequence[A.StatementAst]) -> list[Any]:
        raise NotImplementedError

    def _assigned_value(self, right: A.StatementAst) -> Any:
        """A bare expression keeps its value (`@()` stays an empty array); a pipeline's output is collected."""
        inner: A.StatementAst = right
        if isinstance(inner, A.PipelineAst) and len(inner.pipeline_elements) == 1:
            inner = inner.pipeline_elements[0]
        if isinstance(inner, A.CommandExpressionAst) and inner.expression is not None and not inner.redirections:
            return self._expression(inner.expression)
        return single(self._statement(right))

    def _assign_element(self, left: A.ExpressionAst, operator: str, right: A.StatementAst) -> bool:
        """`$obj.Name op= value` / `$obj[i] op= value`; False when `left` is neither (the caller reports it)."""
        if isinstance(left, A.MemberExpressionAst) and not left.static \
                and isinstance(left.member, A.StringConstantExpressionAst):
            owner, name = self._expression(left.expression), left.member.value
            value = self._assigned_value(right)
            if operator != "=":
                value = binary_op(operator, get_property(owner, name), value, self.registry.types)
            set_property(owner, name, value)
            return True
        if isinstance(left, A.IndexExpressionAst):
            owner, index = self._expression(left.target), self._expression(left.index)
            value = self._assigned_value(right)
            if operator != "=":
                value = binary_op(operator, get_index(owner, index), value, self.registry.types)
            set_index(owner, index, value)
            return True
        return False

    def _step(self, node: A.UnaryExpressionAst) -> Any:
        """`$i++`, `--$h.n`, `$a[0]++`: the value before (postfix) or after (prefix) the change."""
        child, delta = node.child, node.operator[0]
        if isinstance(child, A.VariableExpressionAst):
            before = self._read_variable(child)
            after = binary_op(delta, before, 1, self.registry.types)
            self._write_variable(child, after)
        elif isinstance(child, A.MemberExpressionAst) and not child.static \
                and isinstance(child.member, A.StringConstantExpressionAst):
            owner = self._expression(child.expression)
            before = get_property(owner, child.member.value)
            after = binary_op(delta, before, 1, self.registry.types)
            set_property(owner, child.member.value, after)
        elif isinstance(child, A.IndexExpressionAst):
            owner, index = self._expression(child.target), self._expression(child.index)
            before = get_index(owner, index)
            after = binary_op(delta, before, 1, self.registry.types)
            set_index(owner, index, after)
        else:
            raise unsupported(node)
        return before if node.postfix else after

    def _scope_of(self, node: A.VariableExpressionAst) -> VariableScope | None:
        """The scope a `$prefix:name` reads from and writes to; None for the environment drive."""
        prefix = (node.prefix or "").lower()
        if prefix == "global":
            return self.variables.root()
        if prefix == "script":
            return self._script_variables
        if prefix in ("", "local", "private", "variable"):
            return self.variables
        if prefix == "env":
            return None
        raise unsupported(node)

    def _read_variable(self, node: A.VariableExpressionAst) -> Any:
        scope = self._scope_of(node)
        key = node.name.lower()
        if scope is None:
            return self.variables.root().own.get(f"env:{key}")
        if (node.prefix or "").lower() in ("local", "private"):
            return scope.own.get(key)
        holder = scope.holder(key)
        if holder is None:
            self._unset_variable(node)
            return None
        return holder.own[key]

    def _unset_variable(self, node: A.VariableExpressionAst) -> None:
        """Reading a variable nobody set gives $null, except under Set-StrictMode (inside `"…"` from version 2)."""
        if self.strict_version >= 2 or self.strict_version == 1 and not self._expanding:
            raise unset_variable_error(node)

    def _write_variable(self, node: A.VariableExpressionAst, value: Any) -> None:
        scope = self._scope_of(node)
        key = node.name.lower()
        if scope is None:
            self.variables.root().own[f"env:{key}"] = value  # one environment for the whole process
            return
        scope.assign(key, value)
        if (node.prefix or "").lower() == "private":
            scope.private.add(key)

    def _declare_typed(self, declared: A.ExpressionAst, value: Any) -> None:
        """`[int]$n = "5"`, `[ValidateSet('a','b')][string]$m = 'a'`: the value is converted and validated now
        and on every later write in that scope; `[ref]$r = 1` boxes the value."""
        target = declared_variable(declared)
        assert target is not None
        attributes: list[A.AttributeBaseAst] = []
        node = declared
        while isinstance(node, (A.ConvertExpressionAst, A.AttributedExpressionAst)):
            attributes.insert(0, node.type if isinstance(node, A.ConvertExpressionAst) else node.attribute)
            node = node.child
        types = self.registry.types
        scope = self._scope_of(target)
        reference = next((a for a in attributes if isinstance(a, A.TypeConstraintAst)
                          and is_reference_type(a.type_name.full_name)), None)
        if reference is not None or scope is None:
            type_name = reference.type_name.full_name if reference is not None else _last_type(attributes)
            self._write_variable(target, value if type_name is None else convert_to(value, type_name, types))
            return
        parameter = declared_parameter(A.ParameterAst(declared.extent, name=target, attributes=tuple(attributes)), self._expression)
        constraint = VariableConstraint(target.name, _last_type(attributes), types,
                                        parameter if has_validators(parameter) else None,
                                        lambda block, item: self._validation_script(block, item))
        key = target.name.lower()
        scope.constrain(key, constraint, value)
        if (target.prefix or "").lower() == "private":
            scope.private.add(key)

    def _reference(self, node: A.ExpressionAst) -> PSReference:
        """`[ref]$x` names the variable itself (created here when unset); `[ref]<anything else>` boxes a value."""
        if isinstance(node, A.VariableExpressionAst) and not node.splatted:
            scope = self._scope_of(node)
            key = node.name.lower()
            if scope is None:
                return PSReference.holding(self._read_variable(node))
            holder = scope.holder(key)
            if holder is None:
                scope.assign(key, None)
                holder = scope
            target = holder
            return PSReference(lambda: target.own.get(key), lambda value: target.assign(key, value))
        return PSReference.holding(self._expression(node))

    def _expression(self, node: A.ExpressionAst) -> Any:
        if isinstance(node, (A.ConstantExpressionAst, A.StringConstantExpressionAst)):
            return node.value
        try:
            return self._value_of(node)
        except (errors.DotNetException, ScriptTerminating) as raised:
            locate(raised, node.extent)  # `$x.Foo()` fails at `$x.Foo()`, not at the statement around it
            raise

    def _value_of(self, node: A.ExpressionAst) -> Any:
        if isinstance(node, A.VariableExpressionAst) and not node.splatted:
            return self._read_variable(node)
        if isinstance(node, A.BinaryExpressionAst) and node.operator.lower().lstrip("-") in _MATCH_OPERATORS:
            name = node.operator.lower().lstrip("-")
            result, matches = match_operator(self._expression(node.left), self._expression(node.right),
                                             case_sensitive=name.startswith("c"), negate="not" in name)
            if matches is not None:
                self.variables["matches"] = matches
            return result
        if isinstance(node, A.BinaryExpressionAst):
            return binary_op(node.operator, self._expression(node.left), self._expression(node.right),
                             self.registry.types)
        if isinstance(node, A.UnaryExpressionAst) and node.operator in ("++", "--"):
            return self._step(node)
        if isinstance(node, A.UnaryExpressionAst) and not node.postfix and node.operator not in ("++", "--"):
            return unary_op(node.operator, self._expression(node.child))
        if isinstance(node, A.ArrayLiteralAst):
            return [self._expression(element) for element in node.elements]
        if isinstance(node, A.ParenExpressionAst):
            step = _lone_expression(node.pipeline)
            if isinstance(step, A.UnaryExpressionAst) and step.operator in ("++", "--"):
                return self._expression(step)  # `($i++)` writes the value a bare `$i++` statement keeps quiet
            if step is not None:
                # A lone expression keeps its value as it is: `(@('a'))` and `('a' -split ',')` stay arrays
                # of one, as PowerShell does; only command output is collected and unwrapped.
                return self._expression(step)
            values = self._statement(node.pipeline)
            return values[0] if len(values) == 1 else (values or None)
        if isinstance(node, A.ScriptBlockExpressionAst):
            return ScriptBlock(node.script_block)
        if isinstance(node, A.ExpandableStringExpressionAst):
            self._expanding += 1
            try:
                return "".join(part if isinstance(part, str) else to_string(self._expression(part))
                               for part in node.parts)
            finally:
                self._expanding -= 1
        if isinstance(node, A.SubExpressionAst):  # a capture: its statements never stream (not `_block`)
            return single(self._statement_list(node.sub_expression.statements))
        if isinstance(node, A.ArrayExpressionAst):
            return self._statement_list(node.sub_expression.statements)
        if isinstance(node, A.HashtableAst):
            return Hashtable((self._expression(key), single(self._statement(value)))
                             for key, value in node.key_value_pairs)
        if isinstance(node, A.ConvertExpressionAst):
            if node.type.type_name.full_name.lower() == "ordered" and isinstance(node.child, A.HashtableAst):
                return Hashtable(self._expression(node.child).items(), ordered=True)
            if is_reference_type(node.type.type_name.full_name):
                return self._reference(node.child)
            return convert_to(self._expression(node.child), node.type.type_name.full_name, self.registry.types)
        if isinstance(node, A.InvokeMemberExpressionAst) and isinstance(node.member, A.StringConstantExpressionAst):
            arguments = [self._expression(argument) for argument in node.arguments]
            if node.static and isinstance(node.expression, A.TypeExpressionAst):
                target = self.registry.types.resolve(node.expression.type_name.full_name)
                method = get_static_method(target, node.member.value, host=self.dotnet_host,
                                           types=self.registry.types)
                if method is None:
                    raise errors.runtime_error(
                        f"Method invocation failed because [{target.full_name}] does not contain a method named "
                        f"'{node.member.value}'.", "MethodNotFound")
                return invoke_method(method, node.member.value, arguments)
            return call_method(self._expression(node.expression), node.member.value, arguments)
        if isinstance(node, A.MemberExpressionAst) and node.static and isinstance(node.expression, A.TypeExpressionAst) \
                and isinstance(node.member, A.StringConstantExpressionAst):
            target = self.registry.types.resolve(node.expression.type_name.full_name)
            return get_static_member(target, node.member.value, host=self.dotnet_host,
                                     types=self.registry.types)[1]
        if isinstance(node, A.IndexExpressionAst):
            owner, index = self._expression(node.target), self._expression(node.index)
            if self.strict_version >= 3 and index_out_of_range(owner, index):
                raise errors.IndexOutOfRangeException()
            return get_index(owner, index)
        if isinstance(node, A.TypeExpressionAst):
            return self.registry.types.resolve(node.type_name.full_name)
        if isinstance(node, A.MemberExpressionAst) and not node.static \
                and isinstance(node.member, A.StringConstantExpressionAst):
            owner = self._expression(node.expression)
            value = get_property(owner, node.member.value)
            if value is None and self.strict_version >= 2 and lacks_member(owner, node.member.value):
                raise missing_property_error(node.member.value)
            return value
        raise unsupported(node)


def declared_variable(node: A.ExpressionAst) -> A.VariableExpressionAst | None:
    """The variable a typed or attributed assignment target declares (`[int]$n`, `[ValidateSet(..)][string]$m`)."""
    while isinstance(node, (A.ConvertExpressionAst, A.AttributedExpressionAst)):
        node = node.child
    return node if isinstance(node, A.VariableExpressionAst) and not node.splatted else None


def _last_type(attributes: list[A.AttributeBaseAst]) -> str | None:
    """The type a declaration converts to: the one written nearest the variable (`[string][int]$x` is Int32)."""
    names = [a.type_name.full_name for a in attributes if isinstance(a, A.TypeConstraintAst)]
    return names[-1] if names else None


def is_reference_type(type_name: str) -> bool:
    return type_name.lower() in ("ref", "system.management.automation.psreference")


def _lone_expression(pipeline: A.StatementAst) -> A.ExpressionAst | None:
    if isinstance(pipeline, A.PipelineAst) and len(pipeline.pipeline_elements) == 1:
        element = pipeline.pipeline_elements[0]
        if isinstance(element, A.CommandExpressionAst) and not element.redirections:
            return element.expression
    return None
