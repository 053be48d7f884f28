"""Expression half of the PowerShell parser: operators by precedence, unary forms and casts,
primaries with member access / calls / indexing, type names, attributes, strings with expansions,
hash literals. `parser.Parser` adds statements, pipelines and commands on top of this class.

Shaped after PowerShell's own `ExpressionRule` / `ArrayLiteralRule` / `UnaryExpressionRule` /
`PrimaryExpressionRule`, and reporting the same errors at the same positions (§4, §8).
"""

from __future__ import annotations

import re

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.attribute_rules import AttributeRules
from exchange_sim.powershell.parse_errors import ParseError, ParseFailure
from exchange_sim.powershell.numeric_literals import fit_integer
from exchange_sim.powershell.tokenizer import CMD, EXPR, Token, Tokenizer

# Binding strength of binary operators (higher binds tighter), §4.1. `,` is handled below them all.
_COMPARISON_WORDS = (
    "eq ne gt ge lt le like notlike match notmatch replace contains notcontains in notin split"
).split()
BINARY_PRECEDENCE: dict[str, int] = {"-and": 1, "-or": 1, "-xor": 1, "-band": 2, "-bor": 2, "-bxor": 2}
for _word in _COMPARISON_WORDS:
    for _prefix in ("", "i", "c"):
        BINARY_PRECEDENCE["-" + _prefix + _word] = 3
for _word in ("-join", "-is", "-isnot", "-as", "-shl", "-shr"):
    BINARY_PRECEDENCE[_word] = 3
BINARY_PRECEDENCE.update({"+": 4, "-": 4, "*": 5, "/": 5, "%": 5, "-f": 6, "..": 7})

UNARY_OPERATORS = frozenset({"-", "+", "!", "-not", "-bnot", "-split", "-isplit", "-csplit", "-join"})
_EXPRESSION_START = frozenset({"var", "splat", "num", "str", "xstr", "(", "{", "@(", "$(", "@{", "[", ",", "++", "--"})

_SIMPLE_NAME = re.compile(r"(?:[^\W\d]|_)\w*")
_POSTFIX_FIRST = frozenset(".:[<")
_BLOCK_COMMENTS = re.compile(r"(?:<#.*?#>)*", re.S)
_SKIP_NEWLINES_FIRST = frozenset(
    " \t\x0b\x0c\xa0\x85\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000`<#\r\n;"
)
_SKIP_NEWLINES = re.compile(
    r"(?:[ \t\x0b\x0c\xa0\x85\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|`(?:\r\n|[\r\n \t])|<#.*?#>|#[^\r\n]*|\r\n|\r|\n)+",
    re.S,
)
_SKIP_NEWLINES_SEMIS = re.compile(
    r"(?:[ \t\x0b\x0c\xa0\x85\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000;]+|`(?:\r\n|[\r\n \t])|<#.*?#>|#[^\r\n]*|\r\n|\r|\n)+",
    re.S,
)


class ExpressionParser(AttributeRules):
    """State: the tokenizer, the current offset and whether `,` is an operator here."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tk = tokenizer
        self.src = tokenizer.source
        self.pos = 0
        self.disable_comma = False
        self.ext = tokenizer.extent  # bound once: the parser makes an extent for every node
        # Errors PowerShell finds in its checks after parsing (duplicate keys, assignment targets...):
        # recorded, parsing goes on, and they are reported after any syntax error.
        self.deferred: list[ParseError] = []
        self._tokens = tokenizer.tokens  # peek() is the hottest call of the parser
        self._scan_token = tokenizer._scan

    # ------------------------------------------------------------------ small helpers

    def peek(self, mode: int = EXPR) -> Token:
        pos = self.pos
        token = self._tokens[pos + pos + mode]
        return token if token is not None else self._scan_token(pos, mode)

    def error(self, error_id: str, message: str, start: int, end: int | None = None) -> ParseFailure:
        return self.tk.fail(error_id, message, start, end)

    def semantic_error(self, error_id: str, message: str, start: int, end: int) -> None:
        self.deferred.append(ParseError(error_id, message, self.ext(start, end)))

    def unexpected(self, token: Token) -> ParseFailure:
        return self.error("UnexpectedToken", f"Unexpected token '{token.text}' in expression or statement.",
                          token.start, token.end)

    def skip_newlines(self) -> None:
        pos = self.pos
        src = self.src
        if pos < self.tk.length and src[pos] in _SKIP_NEWLINES_FIRST:
            if src[pos] == " " and (pos + 1 >= self.tk.length or src[pos + 1] not in _SKIP_NEWLINES_FIRST):
                self.pos = pos + 1
                return
            m = _SKIP_NEWLINES.match(src, pos)
            if m:
                self.pos = m.end()

    def skip_newlines_and_semis(self) -> None:
        pos = self.pos
        if pos < self.tk.length and self.src[pos] in _SKIP_NEWLINES_FIRST:
            m = _SKIP_NEWLINES_SEMIS.match(self.src, pos)
            if m:
                self.pos = m.end()

    def starts_expression(self, token: Token) -> bool:
        kind = token.kind
        return kind in _EXPRESSION_START or (kind == "op" and token.value in UNARY_OPERATORS)

    # ------------------------------------------------------------------ operators

    def parse_expression(self) -> A.ExpressionAst | None:
        """ExpressionRule: array literals joined by binary operators, left-associative by level."""
        left = self.parse_array_literal()
        if left is None:
            return None
        token = self.peek()
        if token.kind == "param":
            raise self.unexpected(token)
        if token.kind != "op" or token.value not in BINARY_PRECEDENCE:
            return left
        operands: list[A.ExpressionAst] = [left]
        operators: list[Token] = []
        while token.kind == "op" and token.value in BINARY_PRECEDENCE:
            level = BINARY_PRECEDENCE[token.value]  # type: ignore[index]
            while operators and BINARY_PRECEDENCE[operators[-1].value] >= level:  # type: ignore[index]
                self._reduce(operands, operators)
            operators.append(token)
            self.pos = token.end
            self.skip_newlines()
            right = self.parse_array_literal()
            if right is None:
                raise self.error("ExpectedValueExpression",
                                 f"You must provide a value expression following the '{token.text}' operator.",
                                 token.end)
            operands.append(right)
            token = self.peek()
        if token.kind == "param":
            raise self.unexpected(token)
        while operators:
            self._reduce(operands, operators)
        return operands[0]

    def _reduce(self, operands: list[A.ExpressionAst], operators: list[Token]) -> None:
        right = operands.pop()
        left = operands.pop()
        op = operators.pop()
        operands.append(A.BinaryExpressionAst(self.ext(left.extent.start_offset, right.extent.end_offset), left,
                                              str(op.value), right, self.ext(op.start, op.end)))

    def parse_array_literal(self) -> A.ExpressionAst | None:
        first = self.parse_unary()
        if first is None or self.disable_comma:
            return first
        token = self.peek()
        if token.kind != ",":
            return first
        elements = [first]
        while token.kind == ",":
            self.pos = token.end
            self.skip_newlines()
            element = self.parse_unary()
            if element is None:
                raise self.error("MissingExpressionAfterToken", "Missing expression after ','.", token.end)
            elements.append(element)
            token = self.peek()
        return A.ArrayLiteralAst(self.ext(first.extent.start_offset, elements[-1].extent.end_offset), tuple(elements))

    def parse_unary(self) -> A.ExpressionAst | None:
        pos = self.pos
        token = self._tokens[pos + pos] or self._scan_token(pos, EXPR)  # peek(), inlined: every operand comes here
        kind = token.kind
        expr: A.ExpressionAst | None
        if (kind == "op" and token.value in UNARY_OPERATORS) or kind in ("++", "--") or \
                (kind == "," and not self.disable_comma):
            self.pos = token.end
            self.skip_newlines()
            child = self.parse_unary()
            if child is None:
                raise self.error("MissingExpressionAfterOperator",
                                 f"Missing expression after unary operator '{token.text}'.", token.end)
            extent = self.ext(token.start, child.extent.end_offset)
            if kind == ",":
                expr = A.ArrayLiteralAst(extent, (child,))
            elif token.value in ("-", "+") and isinstance(child, A.ConstantExpressionAst) \
                    and token.end == child.extent.start_offset and not isinstance(child.value, bool):
                # A sign glued to a number is part of the literal (`-5`, `-2..2`), as PowerShell scans it.
                value = -child.value if token.value == "-" else child.value
                expr = A.ConstantExpressionAst(extent, *_signed(value, child.type_name, child.extent.text))
            else:
                expr = A.UnaryExpressionAst(extent, str(token.value), child)
        elif kind == "[":
            expr = self._attributed_or_cast()
        else:
            expr = self.parse_primary(True)
        if expr is not None:
            pos = self.pos
            token = self._tokens[pos + pos] or self._scan_token(pos, EXPR)
            if token.kind in ("++", "--"):
                self.pos = token.end
                expr = A.UnaryExpressionAst(self.ext(expr.extent.start_offset, token.end), token.kind, expr, True)
        return expr

    def _attributed_or_cast(self) -> A.ExpressionAst | None:
        attributes = self.parse_attribute_list(in_expression=True)
        if not attributes:
            return None
        last = attributes[-1]
        expr: A.ExpressionAst | None = None
        if isinstance(last, A.TypeConstraintAst):
            type_expr = A.TypeExpressionAst(last.extent, last.type_name)
            if self._member_operator_here():
                expr = self.postfix_operators(type_expr, allow_bracket=False)
            else:
                token = self.peek()
                if token.kind not in ("nl", ","):
                    child = self.parse_unary()
                    if child is not None:
                        if last.type_name.full_name.lower() == "ordered" and not isinstance(child, A.HashtableAst):
                            self.semantic_error("OrderedAttributeOnlyOnHashLiteralNode",
                                             f"The {last.type_name.full_name} attribute can be specified only on a "
                                             "hash literal node.", last.extent.start_offset, child.extent.end_offset)
                        expr = A.ConvertExpressionAst(self.ext(last.extent.start_offset, child.extent.end_offset),
                                                      last, child)
            if expr is None:
                expr = type_expr
        else:
            self.skip_newlines()
            child = self.parse_unary()
            if child is None:
                raise self.error("UnexpectedAttribute", f"Unexpected attribute '{last.type_name.full_name}'.",
                                 last.extent.start_offset, last.extent.end_offset)
            expr = A.AttributedExpressionAst(self.ext(last.extent.start_offset, child.extent.end_offset), last, child)
        for attribute in reversed(attributes[:-1]):
            extent = self.ext(attribute.extent.start_offset, expr.extent.end_offset)
            if isinstance(attribute, A.TypeConstraintAst):
                expr = A.ConvertExpressionAst(extent, attribute, expr)
            else:
                expr = A.AttributedExpressionAst(extent, attribute, expr)  # type: ignore[arg-type]
        return expr

    # ------------------------------------------------------------------ primaries

    def parse_primary(self, with_member_access: bool, mode: int = EXPR) -> A.ExpressionAst | None:
        token = self.peek(mode)
        kind = token.kind
        expr: A.ExpressionAst
        if kind == "var" or kind == "splat":
            self.pos = token.end
            expr = self.variable(token)
            if kind == "splat" and mode == EXPR:
                name = str(token.value)
                self.semantic_error("SplattingNotPermitted",
                                    f"The splatting operator '@' cannot be used to reference variables in an "
                                    f"expression. '@{name}' can be used only as an argument to a command. To reference "
                                    f"variables in an expression use '${name}'.", token.start, token.end)
        elif kind == "num":
            self.pos = token.end
            expr = A.ConstantExpressionAst(self.ext(token.start, token.end), token.value, str(token.sub))  # type: ignore[arg-type]
        elif kind == "str":
            self.pos = token.end
            expr = A.StringConstantExpressionAst(self.ext(token.start, token.end), str(token.value), token.sub)  # type: ignore[arg-type]
        elif kind == "xstr":
            self.pos = token.end
            string_kind, raw = token.sub  # type: ignore[misc]
            expr = self.expandable(token, token.value, string_kind, raw)  # type: ignore[arg-type]
        elif kind == "(":
            expr = self._paren(token)
        elif kind == "{":
            expr = self.script_block_expression(token)
        elif kind == "@(" or kind == "$(":
            expr = self._sub_expression(token)
        elif kind == "@{":
            expr = self._hashtable(token)
        else:
            return None
        if with_member_access:
            return self.postfix_operators(expr, allow_bracket=True, command_mode=mode == CMD)
        return expr

    def variable(self, token: Token) -> A.ExpressionAst:
        extent = self.ext(token.start, token.end)
        if token.kind == "splat":
            return A.VariableExpressionAst(extent, str(token.value), None, str(token.value), True, False)
        prefix, bare, braced = token.sub  # type: ignore[misc]
        if prefix is not None and prefix.lower() == "using":
            inner = A.VariableExpressionAst(extent, bare, None, bare, False, braced)
            return A.UsingExpressionAst(extent, inner)
        return A.VariableExpressionAst(extent, bare, prefix, str(token.value), False, braced)

    def _member_operator_here(self) -> bool:
        src = self.src
        p = self.pos
        m = _BLOCK_COMMENTS.match(src, p)
        p = m.end() if m else p
        return src.startswith("::", p) or (src.startswith(".", p) and not src.startswith("..", p))

    def postfix_operators(self, expr: A.ExpressionAst, allow_bracket: bool, command_mode: bool = False) -> A.ExpressionAst:
        """Member access, static access, calls and indexing glued to the operand (§2.8)."""
        src = self.src
        while True:
            p = self.pos
            c = src[p] if p < len(src) else ""
            if c not in _POSTFIX_FIRST:
                return expr
            if c == "<":
                m = _BLOCK_COMMENTS.match(src, p)
                p = m.end() if m else p
                c = src[p] if p < len(src) else ""
            if c == "." and not src.startswith("..", p):
                after = src[p + 1] if p + 1 < len(src) else ""
                if command_mode and (after == "" or after.isspace()):
                    return expr
                expr = self._member(expr, p, p + 1, static=False)
                allow_bracket = True
            elif c == ":" and src.startswith("::", p):
                after = src[p + 2] if p + 2 < len(src) else ""
                if command_mode and (after == "" or after.isspace()):
                    return expr
                expr = self._member(expr, p, p + 2, static=True)
                allow_bracket = True  # `[T]::M()[0]`: only the bare type literal takes `[` as another cast
            elif c == "[" and allow_bracket:
                expr = self._index(expr, p)
            else:
                return expr

    def _member(self, target: A.ExpressionAst, op_start: int, op_end: int, static: bool) -> A.ExpressionAst:
        self.pos = op_end
        self.skip_newlines()
        member = self._member_name()
        if member is None:
            raise self.error("MissingPropertyName", "Missing property name after reference operator.", op_end)
        start = target.extent.start_offset
        c = self.src[self.pos] if self.pos < len(self.src) else ""
        if c == "(":
            arguments, end = self._method_arguments(self.pos)
            return A.InvokeMemberExpressionAst(self.ext(start, end), target, member, arguments, static)
        if c == "{":
            block = self.script_block_expression(self.peek())
            return A.InvokeMemberExpressionAst(self.ext(start, block.extent.end_offset), target, member, (block,), static)
        return A.MemberExpressionAst(self.ext(start, member.extent.end_offset), target, member, static)

    def _member_name(self) -> A.CommandElementAst | None:
        m = _SIMPLE_NAME.match(self.src, self.pos)
        if m:
            self.pos = m.end()
            return A.StringConstantExpressionAst(self.ext(m.start(), m.end()), m.group(), A.StringConstantType.BAREWORD)
        token = self.peek()
        if (token.kind == "op" and token.value in UNARY_OPERATORS) or token.kind == "[":
            return self.parse_unary()
        return self.parse_primary(False)

    def _method_arguments(self, lparen: int) -> tuple[tuple[A.ExpressionAst, ...], int]:
        self.pos = lparen + 1
        saved = self.disable_comma
        self.disable_comma = True
        arguments: list[A.ExpressionAst] = []
        try:
            comma: Token | None = None
            while True:
                self.skip_newlines()
                argument = self.parse_expression()
                if argument is None:
                    if comma is not None:
                        raise self.error("MissingExpressionAfterToken", "Missing expression after ','.", comma.end)
                    break
                arguments.append(argument)
                self.skip_newlines()
                token = self.peek()
                if token.kind != ",":
                    break
                comma = token
                self.pos = token.end
        finally:
            self.disable_comma = saved
        self.skip_newlines()
        token = self.peek()
        if token.kind != ")":
            at = arguments[-1].extent.end_offset if arguments else lparen + 1
            raise self.error("MissingEndParenthesisInMethodCall", "Missing ')' in method call.", at)
        self.pos = token.end
        return tuple(arguments), token.end

    def _index(self, target: A.ExpressionAst, lbracket: int) -> A.ExpressionAst:
        self.pos = lbracket + 1
        self.skip_newlines()
        saved = self.disable_comma
        self.disable_comma = False
        try:
            index = self.parse_expression()
        finally:
            self.disable_comma = saved
        if index is None:
            raise self.error("MissingArrayIndexExpression", "Array index expression is missing or not valid.",
                             lbracket + 1)
        self.skip_newlines()
        token = self.peek()
        if token.kind != "]":
            raise self.error("MissingEndSquareBracket", "Missing ']' after array index expression.",
                             index.extent.end_offset)
        self.pos = token.end
        return A.IndexExpressionAst(self.ext(target.extent.start_offset, token.end), target, index)

    def _paren(self, lparen: Token) -> A.ExpressionAst:
        self.pos = lparen.end
        saved = self.disable_comma
        self.disable_comma = False
        try:
            self.skip_newlines()
            pipeline = self.parse_pipeline()  # type: ignore[attr-defined]
            if pipeline is None:
                raise self.error("ExpectedExpression", "An expression was expected after '('.", lparen.end)
            self.skip_newlines()
            token = self.peek()
            if token.kind != ")":
                raise self.error("MissingEndParenthesisInExpression", "Missing closing ')' in expression.",
                                 pipeline.extent.end_offset)
        finally:
            self.disable_comma = saved
        self.pos = token.end
        return A.ParenExpressionAst(self.ext(lparen.start, token.end), pipeline)

    def _sub_expression(self, opener: Token) -> A.ExpressionAst:
        self.pos = opener.end
        saved = self.disable_comma
        self.disable_comma = False
        try:
            self.skip_newlines()
            block_start = self.pos
            statements, traps = self.parse_statement_list()  # type: ignore[attr-defined]
            self.skip_newlines()
            token = self.peek()
            if token.kind != ")":
                raise self.error("MissingEndParenthesisInSubexpression", "Missing closing ')' in subexpression.",
                                 token.start, token.end)
        finally:
            self.disable_comma = saved
        self.pos = token.end
        block = A.StatementBlockAst(self.ext(block_start, token.start), statements, traps)
        extent = self.ext(opener.start, token.end)
        if opener.kind == "$(":
            return A.SubExpressionAst(extent, block)
        return A.ArrayExpressionAst(extent, block)

    def script_block_expression(self, lcurly: Token) -> A.ScriptBlockExpressionAst:
        saved = self.disable_comma
        self.disable_comma = False
        try:
            self.pos = lcurly.end
            block = self.parse_script_block(lcurly)  # type: ignore[attr-defined]
        finally:
            self.disable_comma = saved
        return A.ScriptBlockExpressionAst(block.extent, block)

    # ------------------------------------------------------------------ hash literals

    def _hashtable(self, opener: Token) -> A.ExpressionAst:
        self.pos = opener.end
        self.skip_newlines()
        pairs: list[tuple[A.ExpressionAst, A.StatementAst]] = []
        seen: set[str] = set()
        saved = self.disable_comma
        self.disable_comma = False
        try:
            while True:
                key = self._hash_key()
                if key is None:
                    break
                constant = _constant_key(key)
                if constant is not None:
                    if constant.lower() in seen:
                        self.semantic_error("DuplicateKeyInHashLiteral",
                                         f"Duplicate keys '{constant}' are not allowed in hash literals.",
                                         key.extent.start_offset, key.extent.end_offset)
                    seen.add(constant.lower())
                token = self.peek()
                if token.kind != "assign" or token.value != "=":
                    raise self.error("MissingEqualsInHashLiteral", "Missing '=' operator after key in hash literal.",
                                     key.extent.end_offset)
                self.pos = token.end
                self.skip_newlines()
                value = self.parse_statement()  # type: ignore[attr-defined]
                if value is None:
                    raise self.error("MissingStatementInHashLiteral", "Missing statement after '=' in hash literal.",
                                     token.end)
                pairs.append((key, value))
                token = self.peek()
                if token.kind not in ("nl", ";"):
                    break
                self.skip_newlines_and_semis()
        finally:
            self.disable_comma = saved
        token = self.peek()
        if token.kind != "}":
            at = pairs[-1][1].extent.end_offset if pairs else opener.end
            raise self.error("IncompleteHashLiteral", "The hash literal was incomplete.", at)
        self.pos = token.end
        return A.HashtableAst(self.ext(opener.start, token.end), tuple(pairs))

    def _hash_key(self) -> A.ExpressionAst | None:
        m = _SIMPLE_NAME.match(self.src, self.pos)
        if m:
            self.pos = m.end()
            return A.StringConstantExpressionAst(self.ext(m.start(), m.end()), m.group(), A.StringConstantType.BAREWORD)
        token = self.peek()
        if token.kind in ("nl", ";"):
            return None
        saved = self.disable_comma
        self.disable_comma = True
        try:
            return self.parse_unary()
        finally:
            self.disable_comma = saved

    # ------------------------------------------------------------------ strings with expansions

    def expandable(self, token: Token, pieces: list[object], kind: A.StringConstantType, raw: str) -> A.ExpressionAst:
        parts: list[str | A.ExpressionAst] = []
        nested: list[A.ExpressionAst] = []
        for piece in pieces:
            if isinstance(piece, str):
                if parts and isinstance(parts[-1], str):
                    parts[-1] += piece
                else:
                    parts.append(piece)
                continue
            assert isinstance(piece, Token)
            expr = self.variable(piece) if piece.kind == "var" else self._nested_sub_expression(piece)
            parts.append(expr)
            nested.append(expr)
        return A.ExpandableStringExpressionAst(self.ext(token.start, token.end), raw, kind, tuple(parts), tuple(nested))

    def _nested_sub_expression(self, piece: Token) -> A.ExpressionAst:
        """Parse the body of a `$( )` found inside a string or bareword, in place. When doubled
        quotes inside it stand for single ones, the collapsed text is parsed instead, padded to the
        same length so that every offset before the `$( )` stays valid."""
        if piece.value is not None:
            collapsed = str(piece.value)
            padded = collapsed + " " * (piece.end - piece.start - len(collapsed))
            text = self.src[:piece.start] + padded + self.src[piece.end:]
            nested = type(self)(Tokenizer(text, self.tk.file))
            nested.tk.length = self.tk.length
            nested.deferred = self.deferred
            nested.pos = piece.start
            return nested._sub_expression(nested.tk.next(piece.start, EXPR))
        saved_pos, saved_comma = self.pos, self.disable_comma
        try:
            self.pos = piece.start
            return self._sub_expression(self.tk.next(piece.start, EXPR))
        finally:
            self.pos, self.disable_comma = saved_pos, saved_comma


def _constant_key(key: A.ExpressionAst) -> str | None:
    if isinstance(key, A.StringConstantExpressionAst):
        return key.value
    if isinstance(key, A.ConstantExpressionAst):
        return str(key.value)
    return None


def _signed(value: object, type_name: str, text: str) -> tuple[object, str]:
    """Type of a negated integer literal: PowerShell reads the sign with the digits, so
    `-2147483648` is an Int32 while `-5L` stays Int64."""
    if isinstance(value, int) and not isinstance(value, bool) and type_name in ("System.Int32", "System.Int64"):
        explicit_long = re.sub(r"(?i)[kmgtp]b$", "", text)[-1:] in ("l", "L")
        return fit_integer(value, "System.Int64" if explicit_long else "System.Int32")
    return value, type_name
