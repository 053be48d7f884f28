"""PowerShell 5.1 parser: script text -> `ScriptBlockAst`, or PowerShell's first syntax error.

Public API:
    parse(text, file=None) -> ParseResult(ast, errors)
    format_parse_errors(errors, script_path) -> str   (PowerShell's console layout, from parse_errors)

Statements, pipelines and commands live here; expressions in `expression_parser`. The rules and
error positions follow PowerShell's own parser (`StatementRule`, `PipelineRule`, `CommandRule`,
`IfStatementRule` ...): an error is reported where PowerShell reports it (often "just after" a
token), with PowerShell's error id and en-US text (reference §8). Parsing stops at the first
error: nothing of a script with a syntax error runs, so later errors change nothing.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.expression_parser import ExpressionParser
from exchange_sim.powershell.parse_errors import ParseError, ParseFailure, format_parse_errors
from exchange_sim.powershell.script_comments import help_text, requirements
from exchange_sim.powershell.statement_rules import parse_keyword_statement  # compound statements, one module
from exchange_sim.powershell.tokenizer import CMD, FORCE_NEW, Token, Tokenizer

_WORD = re.compile(r"[A-Za-z]+")
_LABEL = re.compile(r":([A-Za-z_]\w*)")
_STATEMENT_KEYWORDS = frozenset(
    "if switch foreach for while do function filter workflow try trap break continue return exit throw data "
    "class enum".split()
)
_LOOP_KEYWORDS = frozenset({"foreach", "for", "while", "do", "switch"})
_BLOCK_NAMES = {"begin": A.BlockKind.BEGIN, "process": A.BlockKind.PROCESS, "end": A.BlockKind.END,
                "dynamicparam": A.BlockKind.DYNAMICPARAM}
_PIPELINE_END = frozenset({"nl", "eof", ")", "}", ";"})
_COMMAND_END = frozenset({"nl", "eof", ")", "}", ";", "|", "&&", "||"})
_STREAM_NAMES = {"*": "all streams", "1": "output stream", "2": "error stream", "3": "warning stream",
                 "4": "verbose stream", "5": "debug stream", "6": "information stream"}
_SIGNATURE = "# SIG # Begin signature block"
# Errors PowerShell reports with `ReportIncompleteInput`: when found at the end of the text, more
# input could complete the script.
_INCOMPLETE_INPUT_ERRORS = frozenset({
    "MissingEndCurlyBrace", "TerminatorExpectedAtEndOfString", "WhitespaceBeforeHereStringFooter",
    "MissingTerminatorMultiLineComment", "IncompleteDollarSubexpressionReference",
    "IncompleteDollarVariableReference", "MissingEndParenthesisInExpression", "MissingEndParenthesisInSubexpression",
    "MissingEndParenthesisAfterStatement", "MissingEndParenthesisInMethodCall", "MissingEndSquareBracket",
    "MissingStatementBlock", "MissingStatementBlockAfterElse", "EmptyPipeElement", "ExpectedValueExpression",
    "MissingExpressionAfterOperator", "MissingExpressionAfterToken", "MissingExpression", "IncompleteHashLiteral",
    "MissingStatementInHashLiteral", "MissingFunctionBody", "MissingLoopStatement", "MissingForeachStatement",
    "MissingForeachExpression", "MissingEndParenthesisAfterForeach", "MissingVariableNameAfterForeach",
    "MissingInInForeach", "MissingExpressionAfterKeyword", "MissingCatchOrFinally", "MissingTryStatementBlock",
    "MissingCatchHandlerBlock", "MissingFinallyStatementBlock", "MissingWhileOrUntilInDoWhile",
    "MissingOpenParenthesisAfterKeyword", "MissingOpenParenthesisInIfStatement", "IfStatementMissingCondition",
    "MissingCurlyBraceInSwitchStatement", "MissingEndParenthesisInSwitchStatement", "PipelineValueRequired",
    "MissingSwitchStatementClause", "MissingSwitchConditionExpression", "MissingEndParenthesisInFunctionParameterList",
    "MissingArrayIndexExpression", "MissingPropertyName", "MissingTypename", "EndSquareBracketExpectedAtEndOfAttribute",
    "MissingNamedStatementBlock", "MissingTrapStatement", "MissingStatementBlockForDataSection",
    "ExpectedExpression", "MissingNameAfterFunctionKeyword",
})
_VERBATIM = re.compile(r"""(?:"[^"\r\n]*"?|[^\r\n|"])*""")


__all__ = ["parse", "ParseResult", "ParseError", "format_parse_errors"]


@dataclass(frozen=True, slots=True)
class ParseResult:
    """The tree (None when there are errors) and the errors, first one first."""

    ast: A.ScriptBlockAst | None
    errors: tuple[ParseError, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


def parse(text: str, file: str | None = None) -> ParseResult:
    """Parse a whole script (file or typed-in text)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    tokenizer = Tokenizer(text, file)
    signature = _signature_start(text)
    if signature >= 0:  # the signature block ends the script text (§2.7)
        tokenizer.length = signature
    parser = Parser(tokenizer)
    # A parse allocates tens of thousands of small acyclic objects (tokens, extents, nodes); the
    # cyclic garbage collector would run many times over them for nothing, so it waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        tree = parser.parse_script()
        if parser.deferred:
            return ParseResult(None, tuple(parser.deferred))
        return ParseResult(tree)
    except ParseFailure as failure:
        error = failure.error
        if tokenizer.reached_end and error.error_id in _INCOMPLETE_INPUT_ERRORS:
            error = ParseError(error.error_id, error.message, error.extent, incomplete_input=True)
        return ParseResult(None, (error, *parser.deferred))
    except RecursionError:
        error = ParseError("ScriptTooComplicated", "Processing was stopped because the script is too complex.", tokenizer.extent(0, 0))
        return ParseResult(None, (error,))
    finally:
        if collecting:
            gc.enable()


def _signature_start(text: str) -> int:
    """Offset of the signature block (its marker at the start of a line), or -1. A line-anchored
    regular expression tries every offset of the text; looking for the marker itself does not."""
    at = text.find(_SIGNATURE)
    while at > 0 and text[at - 1] != "\n":
        at = text.find(_SIGNATURE, at + 1)
    return at


class Parser(ExpressionParser):
    """Recursive descent over offsets into the text; see the module docstring."""

    # ------------------------------------------------------------------ script blocks

    def parse_script(self) -> A.ScriptBlockAst:
        self.pos = 0
        usings = self._using_statements()
        block = self.parse_script_block(None, usings=usings)
        script_requirements = requirements(self.src[: self.tk.length])
        return A.ScriptBlockAst(block.extent, block.param_block, block.begin_block, block.process_block,
                                block.end_block, block.dynamicparam_block, usings, script_requirements,
                                block.help_comment or help_text(self.src, 0), block.body_text)

    def _using_statements(self) -> tuple[A.UsingStatementAst, ...]:
        found: list[A.UsingStatementAst] = []
        while True:
            self.skip_newlines_and_semis()
            keyword = self._keyword_at(self.pos)
            if keyword is None or keyword[0] != "using":
                return tuple(found)
            start = self.tk.skip(self.pos)
            line_end = self.src.find("\n", keyword[1])
            line_end = self.tk.length if line_end < 0 else line_end
            words = self.src[keyword[1]:line_end].split(";")[0].split()
            if len(words) < 2 or words[0].lower() not in ("namespace", "module", "assembly"):
                raise self.error("MissingUsingItemName", "Missing using name",
                                 keyword[1])
            end = self.src.find(words[1], keyword[1]) + len(words[1])
            found.append(A.UsingStatementAst(self.ext(start, end), words[0].lower(), words[1]))
            self.pos = end

    def parse_script_block(self, lcurly: Token | None, is_filter: bool = False,
                           usings: tuple[A.UsingStatementAst, ...] = ()) -> A.ScriptBlockAst:
        """ScriptBlockRule: optional param block, then named blocks or statements, then `}` / end."""
        body_start = self.pos
        help_comment = help_text(self.src, body_start)
        restore = self.pos
        param_block = self._param_block()
        if param_block is None:
            self.pos = restore
        self.skip_newlines_and_semis()
        blocks: dict[A.BlockKind, A.NamedBlockAst] = {}
        if self._block_name_at(self.pos) is not None:
            while True:
                self.skip_newlines_and_semis()
                found = self._block_name_at(self.pos)
                if found is None:
                    break
                kind, start, after = found
                self.pos = after
                body = self.parse_statement_block()
                if body is None:
                    raise self.error("MissingNamedStatementBlock", f"Missing statement block after '{kind.value}'.",
                                     after)
                if kind in blocks:
                    raise self.error("DuplicateScriptCommandClause", f"Script command clause '{kind.value}' has "
                                     "already been defined.", start, body.extent.end_offset)
                blocks[kind] = A.NamedBlockAst(self.ext(start, body.extent.end_offset), kind, body.statements,
                                               body.traps, False)
        else:
            statements_start = self.pos
            statements, traps = self.parse_statement_list()
            kind = A.BlockKind.PROCESS if is_filter else A.BlockKind.END
            blocks[kind] = A.NamedBlockAst(self.ext(statements_start, self.pos), kind, statements, traps, True)
        end = self._close_script_block(lcurly)
        start = lcurly.start if lcurly is not None else 0
        body_text = self.src[lcurly.end:end - 1] if lcurly is not None else self.src[: self.tk.length]
        return A.ScriptBlockAst(self.ext(start, end), param_block, blocks.get(A.BlockKind.BEGIN),
                                blocks.get(A.BlockKind.PROCESS), blocks.get(A.BlockKind.END),
                                blocks.get(A.BlockKind.DYNAMICPARAM), usings, None, help_comment, body_text)

    def _close_script_block(self, lcurly: Token | None) -> int:
        self.skip_newlines_and_semis()
        token = self.peek()
        if lcurly is None:
            if token.kind != "eof":
                raise self.unexpected(token)
            return self.tk.length
        if token.kind != "}":
            raise self.error("MissingEndCurlyBrace", "Missing closing '}' in statement block or type definition.",
                             lcurly.start, lcurly.end)
        self.pos = token.end
        return token.end

    def _block_name_at(self, pos: int) -> tuple[A.BlockKind, int, int] | None:
        keyword = self._keyword_at(pos)
        if keyword is None or keyword[0] not in _BLOCK_NAMES:
            return None
        saved = self.pos
        self.pos = keyword[1]
        self.skip_newlines()
        is_block = self.peek().kind == "{"
        self.pos = saved
        return (_BLOCK_NAMES[keyword[0]], self.tk.skip(pos), keyword[1]) if is_block else None

    def _param_block(self) -> A.ParamBlockAst | None:
        self.skip_newlines()
        start = self.tk.skip(self.pos)
        attributes = self.parse_attribute_list(in_expression=False)
        self.skip_newlines()
        keyword = self._keyword_at(self.pos)
        if keyword is None or keyword[0] != "param":
            return None
        self.pos = keyword[1]
        self.skip_newlines()
        lparen = self.peek()
        if lparen.kind != "(":
            return None
        self.pos = lparen.end
        parameters = self._parameter_list()
        self.skip_newlines()
        rparen = self.peek()
        if rparen.kind != ")":
            at = parameters[-1].extent.end_offset if parameters else lparen.end
            raise self.error("MissingEndParenthesisInFunctionParameterList", "Missing ')' in function parameter list.", at)
        self.pos = rparen.end
        for attribute in attributes:
            if isinstance(attribute, A.TypeConstraintAst):
                raise self.error("TypeNotAllowedBeforeParam",
                                 f"Unexpected type [{attribute.type_name.full_name}] was found in the parameter statement.",
                                 attribute.extent.start_offset, attribute.extent.end_offset)
        return A.ParamBlockAst(self.ext(start, rparen.end), tuple(a for a in attributes if isinstance(a, A.AttributeAst)),
                               parameters)

    def _parameter_list(self) -> tuple[A.ParameterAst, ...]:
        parameters: list[A.ParameterAst] = []
        names: set[str] = set()
        comma: Token | None = None
        saved = self.disable_comma
        self.disable_comma = True
        try:
            while True:
                self.skip_newlines()
                start = self.tk.skip(self.pos)
                attributes = self.parse_attribute_list(in_expression=False)
                self.skip_newlines()
                token = self.peek()
                if token.kind not in ("var", "splat"):
                    if attributes:
                        raise self.error("InvalidFunctionParameter", "Parameter declarations are a comma-separated list of variable names with optional initializer expressions.",
                                         attributes[-1].extent.end_offset)
                    if comma is not None:
                        raise self.error("MissingExpressionAfterToken", "Missing expression after ','.", comma.end)
                    break
                self.pos = token.end
                variable = self.variable(token)
                assert isinstance(variable, A.VariableExpressionAst)
                if variable.name.lower() in names:
                    self.semantic_error("DuplicateFormalParameter", f"Duplicate parameter ${variable.name} in parameter list.",
                                     token.start, token.end)
                names.add(variable.name.lower())
                default: A.ExpressionAst | None = None
                self.skip_newlines()
                equals = self.peek()
                if equals.kind == "assign" and equals.value == "=":
                    self.pos = equals.end
                    self.skip_newlines()
                    default = self.parse_expression()
                    if default is None:
                        raise self.error("MissingExpressionAfterToken", "Missing expression after '='.", equals.end)
                end = default.extent.end_offset if default is not None else token.end
                parameters.append(A.ParameterAst(self.ext(start, end), variable, tuple(attributes), default))
                self.skip_newlines()
                token = self.peek()
                if token.kind != ",":
                    break
                comma = token
                self.pos = token.end
        finally:
            self.disable_comma = saved
        return tuple(parameters)

    # ------------------------------------------------------------------ statement lists and blocks

    def parse_statement_list(self) -> tuple[tuple[A.StatementAst, ...], tuple[A.TrapStatementAst, ...]]:
        statements: list[A.StatementAst] = []
        traps: list[A.TrapStatementAst] = []
        self.skip_newlines_and_semis()
        src, length = self.src, self.tk.length
        while True:
            # A character test instead of a token scan: the statement's first token is scanned
            # later in the mode its statement needs.
            if self.pos >= length or src[self.pos] in "})":
                break
            statement = self.parse_statement()
            if statement is None:
                break
            statements.append(statement)
            if isinstance(statement, A.TrapStatementAst):
                traps.append(statement)
            self.skip_newlines_and_semis()
        return tuple(statements), tuple(traps)

    def parse_statement_block(self) -> A.StatementBlockAst | None:
        self.skip_newlines()
        lcurly = self.peek()
        if lcurly.kind != "{":
            return None
        self.pos = lcurly.end
        statements, traps = self.parse_statement_list()
        rcurly = self.peek()
        if rcurly.kind != "}":
            raise self.error("MissingEndCurlyBrace", "Missing closing '}' in statement block or type definition.",
                             lcurly.start, lcurly.end)
        self.pos = rcurly.end
        return A.StatementBlockAst(self.ext(lcurly.start, rcurly.end), statements, traps)

    def _keyword_at(self, pos: int) -> tuple[str, int] | None:
        """A keyword at `pos` (after blanks): the word must be followed by a separator (§2.1)."""
        start = self.tk.skip(pos)
        m = _WORD.match(self.src, start)
        if not m or self.tk.char(m.end()) not in FORCE_NEW:
            return None
        return m.group().lower(), m.end()

    def parse_statement(self) -> A.StatementAst | None:
        start = self.tk.skip(self.pos)
        first = self.src[start] if start < self.tk.length else ""
        # A keyword starts with an ASCII letter, a label with `:`; anything else is a pipeline.
        keyword = self._keyword_at(start) if first.isascii() and first.isalpha() else None
        if keyword is not None and keyword[0] in _STATEMENT_KEYWORDS:
            word, after = keyword
            self.pos = after
            return self._keyword_statement(word, start, after, None)
        m = _LABEL.match(self.src, start) if first == ":" else None
        if m:
            saved = self.pos
            self.pos = m.end()
            self.skip_newlines()
            loop = self._keyword_at(self.pos)
            if loop is not None and loop[0] in _LOOP_KEYWORDS:
                word_start = self.tk.skip(self.pos)
                self.pos = loop[1]
                return self._keyword_statement(loop[0], word_start, loop[1], (m.group(1), start))
            self.pos = saved
        return self.parse_pipeline()

    def _keyword_statement(self, word: str, start: int, after: int,
                           label: tuple[str, int] | None) -> A.StatementAst | None:
        return parse_keyword_statement(self, word, start, after, label)

    # ------------------------------------------------------------------ pipelines

    def parse_pipeline(self) -> A.PipelineBaseAst | None:
        """PipelineRule: elements joined by `|`; an expression only first; an assignment ends it."""
        elements: list[A.CommandBaseAst] = []
        pipe: Token | None = None
        src = self.src
        while True:
            expr: A.ExpressionAst | None = None
            first = self.tk.skip(self.pos)
            # A letter never starts an expression here: skip the expression-mode scan of a command name.
            if first >= self.tk.length or not src[first].isalpha():
                token = self.peek()
                if self.starts_expression(token):
                    expr = self.parse_expression()
            element: A.CommandBaseAst | None
            if expr is not None:
                if elements:
                    raise self.error("ExpressionsMustBeFirstInPipeline",
                                     "Expressions are only allowed as the first element of a pipeline.",
                                     expr.extent.start_offset, expr.extent.end_offset)
                assign = self.peek()
                if assign.kind == "assign":
                    return self._assignment(expr, assign)
                redirections = self._redirections_after_expression()
                # Extents are immutable: a wrapper spanning exactly its child's text shares its extent.
                extent = self.ext(expr.extent.start_offset, redirections[-1].extent.end_offset) if redirections \
                    else expr.extent
                element = A.CommandExpressionAst(extent, redirections, expr)
            else:
                element = self.parse_command()
            if element is None:
                if elements or self.peek().kind == "|":
                    at = self.peek() if pipe is None else None
                    if at is not None:
                        raise self.error("EmptyPipeElement", "An empty pipe element is not allowed.", at.start, at.end)
                    assert pipe is not None
                    raise self.error("EmptyPipeElement", "An empty pipe element is not allowed.", pipe.end)
            else:
                elements.append(element)
            token = self.peek()
            kind = token.kind
            if kind in _PIPELINE_END:
                break
            if kind in ("&&", "||"):
                raise self.error("InvalidEndOfLine", f"The token '{token.text}' is not a valid statement separator "
                                 "in this version.", token.start, token.end)
            if kind == "|":
                pipe = token
                self.pos = token.end
                self.skip_newlines()
                if self.peek().kind == "eof":
                    raise self.error("EmptyPipeElement", "An empty pipe element is not allowed.", token.end)
                continue
            raise self.unexpected(token)
        if not elements:
            return None
        if len(elements) == 1:
            return A.PipelineAst(elements[0].extent, (elements[0],))
        return A.PipelineAst(self.ext(elements[0].extent.start_offset, elements[-1].extent.end_offset),
                             tuple(elements))

    def _assignment(self, left: A.ExpressionAst, operator: Token) -> A.AssignmentStatementAst:
        if not _assignable(left):
            self.semantic_error("InvalidLeftHandSide", "The assignment expression is not valid. The input to an assignment "
                             "operator must be an object that is able to accept assignments, such as a variable or a "
                             "property.", left.extent.start_offset, left.extent.end_offset)
        self.pos = operator.end
        self.skip_newlines()
        right = self.parse_statement()
        if right is None:
            raise self.error("ExpectedValueExpression",
                             f"You must provide a value expression following the '{operator.text}' operator.", operator.end)
        return A.AssignmentStatementAst(self.ext(left.extent.start_offset, right.extent.end_offset), left,
                                        str(operator.value), right)

    def _redirections_after_expression(self) -> tuple[A.RedirectionAst, ...]:
        found: list[A.RedirectionAst] = []
        while True:
            token = self.peek()
            if token.kind != "redir" and token.kind != "<":
                return tuple(found)
            self._redirection(token, found)

    def _redirection(self, token: Token, found: list[A.RedirectionAst]) -> None:
        if token.kind == "<":
            raise self.error("RedirectionNotSupported", "The '<' operator is reserved for future use.",
                             token.start, token.end)
        stream, append, merge_to = token.value  # type: ignore[misc]
        self.pos = token.end
        from_stream = A.RedirectionStream(stream)
        redirection: A.RedirectionAst
        if merge_to is not None:
            if merge_to != "1" or stream == "1":
                raise self.error("RedirectionNotSupported", f"The '{token.text}' operator is reserved for future use.",
                                 token.start, token.end)
            redirection = A.MergingRedirectionAst(self.ext(token.start, token.end), from_stream,
                                                  A.RedirectionStream.OUTPUT)
        else:
            target = self.command_argument(allow_array=False)
            if target is None:
                raise self.error("MissingFileSpecification", "Missing file specification after redirection operator.",
                                 token.end)
            redirection = A.FileRedirectionAst(self.ext(token.start, target.extent.end_offset), from_stream, target,
                                               bool(append))
        if any(r.from_stream is from_stream for r in found):
            raise self.error("StreamAlreadyRedirected", f"The {_STREAM_NAMES[stream]} for this command is already "
                             "redirected.", redirection.extent.start_offset, redirection.extent.end_offset)
        found.append(redirection)

    # ------------------------------------------------------------------ commands

    def parse_command(self) -> A.CommandAst | None:
        """CommandRule: `[&|.] name {parameter | argument | redirection}` scanned in command mode."""
        first = self.peek(CMD)
        start = first.start
        invocation: str | None = None
        if first.kind in ("&", "."):
            invocation = first.kind
            self.pos = first.end
        elements: list[A.CommandElementAst] = []
        redirections: list[A.RedirectionAst] = []
        end = start
        name_position = True
        end_of_parameters = False
        tokens, scan = self._tokens, self._scan_token
        while True:
            pos = self.pos
            token = tokens[pos + pos + CMD] or scan(pos, CMD)  # peek(CMD), inlined in the argument loop
            kind = token.kind
            if kind in _COMMAND_END:
                break
            element: A.CommandElementAst | None = None
            if kind == "param" and not name_position and not end_of_parameters:
                element = self._parameter(token)
            elif kind == "param" or (kind in ("dashdash", "redir", "<", "&", ".") and name_position and invocation is None):
                self.pos = token.end
                element = self._bareword(token)
            elif kind == ",":
                raise self.error("MissingArgument", "Missing argument in parameter list.", token.start, token.end)
            elif kind == "&":
                raise self.error("AmpersandNotAllowed", "The ampersand (&) character is not allowed. The & operator "
                                 "is reserved for future use; wrap an ampersand in double quotation marks (\"&\") to "
                                 "pass it as part of a string.", token.start, token.end)
            elif kind == "dashdash":
                self.pos = token.end
                element = self._bareword(token)
                end_of_parameters = True
            elif kind == "redir" or kind == "<":
                self._redirection(token, redirections)
                end = redirections[-1].extent.end_offset
                name_position = False
                continue
            elif kind == "--%":
                self.pos = token.end
                element = self._verbatim(token)
            else:
                element = self.command_argument(allow_array=not name_position, token=token)
                if element is None:
                    self.pos = token.end
                    element = self._bareword(token)
            elements.append(element)
            end = element.extent.end_offset
            name_position = False
            if isinstance(element, A.VerbatimArgumentAst):
                break
        if not elements:
            if invocation is not None:
                raise self.error("MissingExpression", f"Missing expression after '{invocation}' in pipeline element.",
                                 first.start, first.end)
            return None
        return A.CommandAst(self.ext(start, end), tuple(redirections), tuple(elements), invocation)

    def _bareword(self, token: Token) -> A.StringConstantExpressionAst:
        return A.StringConstantExpressionAst(self.ext(token.start, token.end), token.text, A.StringConstantType.BAREWORD)

    def _parameter(self, token: Token) -> A.CommandParameterAst:
        self.pos = token.end
        argument: A.ExpressionAst | None = None
        end = token.end
        if token.sub:  # `-Name:value`: the value is attached (needed for `-Switch:$false`)
            if self.peek(CMD).kind != ",":
                argument = self.command_argument(allow_array=True)
            if argument is None:
                raise self.error("ParameterRequiresArgument", f"Parameter {token.text} requires an argument.", token.end)
            end = argument.extent.end_offset
        return A.CommandParameterAst(self.ext(token.start, end), str(token.value), argument, bool(token.sub), token.text)

    def _verbatim(self, token: Token) -> A.VerbatimArgumentAst:
        start = self.tk.skip(self.pos)
        m = _VERBATIM.match(self.src, start, self.tk.length)
        end = m.end() if m else start
        self.pos = end
        return A.VerbatimArgumentAst(self.ext(token.start, end), self.src[start:end].rstrip())

    def command_argument(self, allow_array: bool, token: Token | None = None) -> A.ExpressionAst | None:
        """GetCommandArgument: one primary expression scanned in command mode (a bareword, number,
        string, variable with member access, `( )`, `$( )`, `@( )`, `@{ }`, `{ }`), and with
        `allow_array` a comma list of them (`IIS,SMTP` is one array argument)."""
        first = self._single_argument(token)
        if first is None or not allow_array:
            return first
        elements = [first]
        token = self.peek(CMD)
        while token.kind == ",":
            self.pos = token.end
            self.skip_newlines()
            element = self._single_argument()
            if element is None:
                raise self.error("MissingExpression", "Missing expression after ',' in pipeline element.", token.end)
            elements.append(element)
            token = self.peek(CMD)
        if len(elements) == 1:
            return first
        return A.ArrayLiteralAst(self.ext(first.extent.start_offset, elements[-1].extent.end_offset), tuple(elements))

    def _single_argument(self, token: Token | None = None) -> A.ExpressionAst | None:
        if token is None:
            token = self.peek(CMD)
        kind = token.kind
        if kind == "generic":
            self.pos = token.end
            if token.sub:
                return self.expandable(token, token.value, A.StringConstantType.BAREWORD, token.text)  # type: ignore[arg-type]
            return A.StringConstantExpressionAst(self.ext(token.start, token.end), str(token.value),
                                                 A.StringConstantType.BAREWORD)
        if kind in ("var", "splat", "num", "str", "xstr", "(", "{", "@(", "$(", "@{"):
            return self.parse_primary(True, CMD)
        if kind in _COMMAND_END or kind in (",", "redir", "<", "&", "dashdash", "--%"):
            return None
        self.pos = token.end
        return self._bareword(token)


def _assignable(expr: A.ExpressionAst) -> bool:
    if isinstance(expr, A.VariableExpressionAst):
        return not expr.splatted
    if isinstance(expr, (A.MemberExpressionAst, A.IndexExpressionAst)):
        return True
    if isinstance(expr, (A.ConvertExpressionAst, A.AttributedExpressionAst)):
        return _assignable(expr.child)
    if isinstance(expr, A.ArrayLiteralAst):
        return all(_assignable(e) for e in expr.elements)
    return False
