"""Attributes and type names for the parser: `[CmdletBinding()]`, `[Parameter(Mandatory, Position=0)]`,
`[ValidateSet('a','b')]`, type constraints and literals such as `[int]`, `[byte[]]`, `[int[,]]`,
`[System.Collections.Generic.Dictionary[string,int]]` (reference §3.7), with PowerShell's errors.

A mixin of `ExpressionParser`: it uses the parser's position, peek, error and expression rules.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.tokenizer import Token

if TYPE_CHECKING:
    from exchange_sim.powershell.parse_errors import ParseFailure
    from exchange_sim.powershell.tokenizer import Tokenizer

_SIMPLE_NAME = re.compile(r"(?:[^\W\d]|_)\w*")
_TYPE_IDENT = re.compile(r"[^\W\d][\w.`+]*|_[\w.`+]*")


class AttributeRules:
    """`AttributeListRule`, `AttributeRule`, `AttributeArgumentsRule` and `TypeNameRule`."""

    tk: "Tokenizer"
    src: str
    pos: int
    disable_comma: bool

    if TYPE_CHECKING:
        def peek(self, mode: int = ...) -> Token: ...
        def error(self, error_id: str, message: str, start: int, end: int | None = None) -> ParseFailure: ...
        def semantic_error(self, error_id: str, message: str, start: int, end: int) -> None: ...
        def unexpected(self, token: Token) -> ParseFailure: ...
        def skip_newlines(self) -> None: ...
        def ext(self, start: int, end: int) -> A.Extent: ...
        def parse_expression(self) -> A.ExpressionAst | None: ...

    def parse_attribute_list(self, in_expression: bool) -> list[A.AttributeBaseAst]:
        attributes: list[A.AttributeBaseAst] = []
        while True:
            attribute = self.parse_attribute()
            if attribute is None:
                return attributes
            attributes.append(attribute)
            if not in_expression or isinstance(attribute, A.AttributeAst):
                self.skip_newlines()

    def parse_attribute(self) -> A.AttributeBaseAst | None:
        token = self.peek()
        if token.kind != "[":
            return None
        self.pos = token.end
        self.skip_newlines()
        type_name = self.parse_type_name()
        if type_name is None:
            raise self.error("MissingTypename", "Missing type name after '['.", token.end)
        nxt = self.peek()
        if nxt.kind == "(":
            self.pos = nxt.end
            positional, named, last_end = self._attribute_arguments(nxt.end)
            self.skip_newlines()
            close = self.peek()
            if close.kind != ")":
                raise self.error("MissingEndParenthesisInExpression", "Missing closing ')' in expression.", last_end)
            self.pos = close.end
            self.skip_newlines()
            bracket = self.peek()
            if bracket.kind != "]":
                raise self.error("EndSquareBracketExpectedAtEndOfAttribute",
                                 "Missing ] at end of attribute or type literal.", close.end)
            self.pos = bracket.end
            for argument in [*positional, *(n.argument for n in named)]:
                if not _is_constant(argument):
                    self.semantic_error("ParameterAttributeArgumentNeedsToBeConstant",
                                     "Attribute argument must be a constant.",
                                     argument.extent.start_offset, argument.extent.end_offset)
            return A.AttributeAst(self.ext(token.start, bracket.end), type_name, positional, named)
        if nxt.kind != "]":
            raise self.error("EndSquareBracketExpectedAtEndOfAttribute", "Missing ] at end of attribute or type literal.",
                             max(nxt.start - 1, 0))
        self.pos = nxt.end
        return A.TypeConstraintAst(self.ext(token.start, nxt.end), type_name)

    def _attribute_arguments(self, after_paren: int) -> tuple[tuple[A.ExpressionAst, ...],
                                                             tuple[A.NamedAttributeArgumentAst, ...], int]:
        positional: list[A.ExpressionAst] = []
        named: list[A.NamedAttributeArgumentAst] = []
        last_end = after_paren
        saved = self.disable_comma
        self.disable_comma = True
        try:
            comma: Token | None = None
            while True:
                self.skip_newlines()
                m = _SIMPLE_NAME.match(self.src, self.pos)
                if m:
                    self.pos = m.end()
                    name_extent = self.ext(m.start(), m.end())
                    token = self.peek()
                    if token.kind == "assign" and token.value == "=":
                        self.pos = token.end
                        self.skip_newlines()
                        value = self.parse_expression()
                        if value is None:
                            raise self.error("MissingExpressionInNamedArgument",
                                             "Missing statement after '=' in named argument.", token.end)
                        named.append(A.NamedAttributeArgumentAst(self.ext(m.start(), value.extent.end_offset),
                                                                 m.group(), value, False))
                        last_end = value.extent.end_offset
                    else:
                        named.append(A.NamedAttributeArgumentAst(
                            name_extent, m.group(), A.ConstantExpressionAst(name_extent, True, "System.Boolean"), True))
                        last_end = m.end()
                else:
                    value = self.parse_expression()
                    if value is None:
                        if comma is not None:
                            raise self.error("MissingExpressionAfterToken", "Missing expression after ','.", comma.end)
                    else:
                        positional.append(value)
                        last_end = value.extent.end_offset
                self.skip_newlines()
                token = self.peek()
                if token.kind != ",":
                    break
                comma = token
                last_end = token.end
                self.pos = token.end
        finally:
            self.disable_comma = saved
        return tuple(positional), tuple(named), last_end

    def parse_type_name(self) -> A.TypeName | None:
        """`Name`, `Name[Arg,...]`, `Name[]`, `Name[,]` — positioned after `[`, stops before the closing `]`."""
        start = self.tk.skip(self.pos)
        m = _TYPE_IDENT.match(self.src, start)
        if not m:
            return None
        self.pos = m.end()
        return self._finish_type_name(m.group(), start, m.end())

    def _finish_type_name(self, name: str, start: int, end: int) -> A.TypeName:
        result = A.TypeName(self.ext(start, end), name, name)
        while True:
            p = self.tk.skip(self.pos)
            if self.tk.char(p) != "[":
                return result
            self.pos = p + 1
            self.skip_newlines()
            c = self.tk.char(self.pos)
            if c == "]" or c == ",":
                rank = 1
                while self.tk.char(self.tk.skip(self.pos)) == ",":
                    rank += 1
                    self.pos = self.tk.skip(self.pos) + 1
                close = self.tk.skip(self.pos)
                if self.tk.char(close) != "]":
                    raise self.error("EndSquareBracketExpectedAtEndOfAttribute",
                                     "Missing ] at end of attribute or type literal.", max(close - 1, 0))
                self.pos = close + 1
                full = f"{result.full_name}[{',' * (rank - 1)}]"
                result = A.TypeName(self.ext(start, self.pos), full, result.name, (), rank, result)
                continue
            if result.array_rank or result.generic_arguments:
                raise self.unexpected(self.peek())
            arguments: list[A.TypeName] = []
            while True:
                self.skip_newlines()
                if self.tk.char(self.pos) == "[":
                    self.pos += 1
                    argument = self.parse_type_name()
                    close = self.tk.skip(self.pos)
                    if argument is None or self.tk.char(close) != "]":
                        raise self.error("EndSquareBracketExpectedAtEndOfType",
                                         "Missing ] at end of type token.", max(close - 1, 0))
                    self.pos = close + 1
                else:
                    argument = self.parse_type_name()
                if argument is None:
                    raise self.error("MissingTypename", "Missing type name after '['.", self.pos)
                arguments.append(argument)
                self.skip_newlines()
                if self.tk.char(self.pos) == ",":
                    self.pos += 1
                    continue
                break
            close = self.tk.skip(self.pos)
            if self.tk.char(close) != "]":
                raise self.error("EndSquareBracketExpectedAtEndOfAttribute",
                                 "Missing ] at end of attribute or type literal.", max(close - 1, 0))
            self.pos = close + 1
            full = f"{result.full_name}[{','.join(a.full_name for a in arguments)}]"
            result = A.TypeName(self.ext(start, self.pos), full, result.name, tuple(arguments))


_CONSTANT_VARIABLES = frozenset({"true", "false", "null"})


def _is_constant(expr: A.ExpressionAst) -> bool:
    """What PowerShell accepts as an attribute argument: literals, `$true/$false/$null`, type
    literals, operators over those, and script blocks (`ValidateScript`, `ArgumentCompleter`)."""
    if isinstance(expr, (A.ConstantExpressionAst, A.StringConstantExpressionAst, A.TypeExpressionAst,
                         A.ScriptBlockExpressionAst)):
        return True
    if isinstance(expr, A.VariableExpressionAst):
        return expr.prefix is None and expr.name.lower() in _CONSTANT_VARIABLES
    if isinstance(expr, A.UnaryExpressionAst):
        return _is_constant(expr.child)
    if isinstance(expr, A.BinaryExpressionAst):
        return _is_constant(expr.left) and _is_constant(expr.right)
    if isinstance(expr, A.ArrayLiteralAst):
        return all(_is_constant(e) for e in expr.elements)
    if isinstance(expr, A.ConvertExpressionAst):
        return _is_constant(expr.child)
    if isinstance(expr, A.ParenExpressionAst):
        pipeline = expr.pipeline
        if isinstance(pipeline, A.PipelineAst) and len(pipeline.pipeline_elements) == 1:
            element = pipeline.pipeline_elements[0]
            return isinstance(element, A.CommandExpressionAst) and element.expression is not None \
                and _is_constant(element.expression)
        return False
    if isinstance(expr, A.ArrayExpressionAst):
        statements = expr.sub_expression.statements
        return all(isinstance(s, A.PipelineAst) and len(s.pipeline_elements) == 1
                   and isinstance(s.pipeline_elements[0], A.CommandExpressionAst)
                   and s.pipeline_elements[0].expression is not None
                   and _is_constant(s.pipeline_elements[0].expression) for s in statements)
    return False
