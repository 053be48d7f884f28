"""The counted and tested loops (`for`, `do…while`, `do…until`) and the `switch` statement.

A mixin of `Session`: it relies on the session's `variables`, `registry`, `_statement`, `_block`,
`_expression` and `invoke_scriptblock`. Each loop body runs through `_iteration`, which turns a
`break`/`continue` aimed at this statement into the loop's own decision and passes any other jump on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.evaluator.expressions import unsupported
from exchange_sim.powershell.evaluator.flow import Break, Flow, LoopJump, single
from exchange_sim.powershell.evaluator.scriptblock import ScriptBlock
from exchange_sim.powershell.values.conversions import to_bool, to_string
from exchange_sim.powershell.values.enumerator import PSEnumerator
from exchange_sim.powershell.values.operators import binary_op, match_operator
from exchange_sim.powershell.values.patterns import wildcard_match

if TYPE_CHECKING:
    from exchange_sim.powershell.registry import EngineRegistry

_UNSET = object()  # `$_` did not exist before the switch


class LoopStatements:
    variables: dict[str, Any]
    registry: "EngineRegistry"

    def _statement(self, node: A.StatementAst) -> list[Any]:
        raise NotImplementedError

    def _block(self, block: A.StatementBlockAst) -> list[Any]:
        raise NotImplementedError

    def _expression(self, node: A.ExpressionAst) -> Any:
        raise NotImplementedError

    def invoke_scriptblock(self, block: ScriptBlock, dollar_under: Any = None, args: Sequence[Any] = (),
                           this: Any = None) -> list[Any]:
        raise NotImplementedError

    def _loop_statement(self, node: A.StatementAst) -> list[Any] | None:
        """The output of `node` if it is one of this module's statements, else None."""
        if isinstance(node, A.ForStatementAst):
            loop = self._for
        elif isinstance(node, (A.DoWhileStatementAst, A.DoUntilStatementAst)):
            loop = self._do
        elif isinstance(node, A.SwitchStatementAst):
            loop = self._switch
        else:
            return None
        output: list[Any] = []
        try:
            loop(node, output)
        except Flow as flow:  # what the loop wrote before a jump out of it still reaches the pipeline
            raise flow.carry(output)
        return output

    def _iteration(self, body: A.StatementBlockAst, label: str | None, output: list[Any]) -> bool:
        """Runs one pass of `body` into `output`; False when a `break` ends the loop."""
        try:
            output.extend(self._block(body))
        except LoopJump as stop:
            output.extend(getattr(stop, "partial", []))
            stop.partial = []
            if not stop.matches(label):
                raise stop
            return not isinstance(stop, Break)
        return True

    def _test(self, condition: A.PipelineBaseAst | None) -> bool:
        return condition is None or to_bool(single(self._statement(condition)))

    def _for(self, node: A.ForStatementAst, output: list[Any]) -> None:
        if node.initializer is not None:
            output.extend(self._statement(node.initializer))
        while self._test(node.condition):
            if not self._iteration(node.body, node.label, output):
                break
            if node.iterator is not None:
                output.extend(self._statement(node.iterator))

    def _do(self, node: A.DoWhileStatementAst | A.DoUntilStatementAst, output: list[Any]) -> None:
        until = isinstance(node, A.DoUntilStatementAst)
        while self._iteration(node.body, node.label, output):
            if self._test(node.condition) == until:
                break

    def _switch(self, node: A.SwitchStatementAst, output: list[Any]) -> None:
        if node.condition is None:
            raise unsupported(node)  # `switch -File` needs the file-reading hook: not wired yet
        values = self._statement(node.condition)
        flags = {flag.lower() for flag in node.flags}
        saved = {name: self.variables.get(name, _UNSET) for name in ("_", "psitem", "switch")}
        # `$switch` is the enumerator over the values: a clause may call $switch.MoveNext() to consume the next one.
        self.variables["switch"] = walk = PSEnumerator(values)
        try:
            for value in walk.remaining():
                self.variables["_"] = self.variables["psitem"] = value
                if not self._switch_value(node, value, flags, output):
                    break
        finally:
            for name, previous in saved.items():
                if previous is _UNSET:
                    self.variables.pop(name, None)
                else:
                    self.variables[name] = previous

    def _switch_value(self, node: A.SwitchStatementAst, value: Any, flags: set[str], output: list[Any]) -> bool:
        """Runs every clause matching `value`, then `default` if none did; False once a `break` ends the switch."""
        matched = False
        for clause in node.clauses:
            if not self._clause_matches(clause.pattern, value, flags):
                continue
            matched = True
            try:
                output.extend(self._block(clause.body))
            except LoopJump as stop:
                output.extend(getattr(stop, "partial", []))
                stop.partial = []
                if not stop.matches(node.label):
                    raise stop
                # `continue` skips this value's remaining clauses; `break` ends the whole switch
                return not isinstance(stop, Break)
        if not matched and node.default is not None:
            try:
                output.extend(self._block(node.default))
            except LoopJump as stop:
                output.extend(getattr(stop, "partial", []))
                stop.partial = []
                if not stop.matches(node.label):
                    raise stop
                return not isinstance(stop, Break)
        return True

    def _clause_matches(self, pattern: A.ExpressionAst, value: Any, flags: set[str]) -> bool:
        case_sensitive = "casesensitive" in flags
        if isinstance(pattern, A.ScriptBlockExpressionAst):
            block = self._expression(pattern)
            return to_bool(single(self.invoke_scriptblock(block, dollar_under=value)))
        wanted = self._expression(pattern)
        if "regex" in flags:
            found, matches = match_operator(to_string(value), wanted, case_sensitive)
            if matches is not None:
                self.variables["matches"] = matches
            return bool(found)
        if "wildcard" in flags:
            return wildcard_match(to_string(wanted), to_string(value), case_sensitive)
        return to_bool(binary_op("ceq" if case_sensitive else "eq", value, wanted, self.registry.types))
