"""Compound statements of the parser: if, switch, loops, function/filter, try/catch/finally, trap,
flow control and data sections. Each rule mirrors PowerShell's `...StatementRule` and reports
its errors at the same places (reference §3, §8). Called from `Parser.parse_statement` with the
keyword already consumed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.script_comments import help_before
from exchange_sim.powershell.tokenizer import CMD, Token

if TYPE_CHECKING:
    from exchange_sim.powershell.parser import Parser

Label = tuple[str, int] | None
_SIMPLE_NAME = re.compile(r"(?:[^\W\d]|_)\w*")


def parse_keyword_statement(p: "Parser", word: str, start: int, after: int, label: Label) -> A.StatementAst | None:
    rule = _RULES[word]
    return rule(p, word, start, after, label)


def _keyword_token(p: "Parser", word: str, start: int, after: int) -> Token:
    return Token("kw", start, after, p.src[start:after], word)


def _statement_start(start: int, label: Label) -> int:
    return label[1] if label is not None else start


def _label_name(label: Label) -> str | None:
    return label[0] if label is not None else None


def _expect_paren_condition(p: "Parser", keyword: Token, statement: str) -> tuple[A.PipelineBaseAst, Token]:
    """`( pipeline )` after while/until/switch; errors as WhileStatementRule reports them."""
    p.skip_newlines()
    lparen = p.peek()
    if lparen.kind != "(":
        raise p.error("MissingOpenParenthesisAfterKeyword", f"Missing opening '(' after keyword '{keyword.text}'.",
                      keyword.end)
    p.pos = lparen.end
    p.skip_newlines()
    condition = p.parse_pipeline()
    if condition is None:
        raise p.error("MissingExpressionAfterKeyword", f"Missing expression after '{keyword.text}' in loop.", lparen.end)
    p.skip_newlines()
    rparen = p.peek()
    if rparen.kind != ")":
        raise p.error("MissingEndParenthesisAfterStatement",
                      f"Missing closing ')' after expression in '{statement}' statement.", condition.extent.end_offset)
    p.pos = rparen.end
    return condition, rparen


# ------------------------------------------------------------------------------------------ if


def _if(p: "Parser", word: str, start: int, after: int, label: Label) -> A.StatementAst:
    keyword = _keyword_token(p, word, start, after)
    clauses: list[A.IfClauseAst] = []
    else_clause: A.StatementBlockAst | None = None
    while True:
        p.skip_newlines()
        lparen = p.peek()
        if lparen.kind != "(":
            raise p.error("MissingOpenParenthesisInIfStatement",
                          f"Missing '(' after '{keyword.text}' in if statement.", keyword.end)
        p.pos = lparen.end
        p.skip_newlines()
        condition = p.parse_pipeline()
        if condition is None:
            raise p.error("IfStatementMissingCondition", f"Missing condition in if statement after '{keyword.text} ('.",
                          lparen.end)
        p.skip_newlines()
        rparen = p.peek()
        if rparen.kind != ")":
            raise p.error("MissingEndParenthesisAfterStatement",
                          f"Missing closing ')' after expression in '{keyword.text}' statement.", rparen.start, rparen.end)
        p.pos = rparen.end
        p.skip_newlines()
        body = p.parse_statement_block()
        if body is None:
            raise p.error("MissingStatementBlock", f"Missing statement block after {keyword.text} ( condition ).",
                          rparen.start, rparen.end)
        clauses.append(A.IfClauseAst(p.ext(keyword.start, body.extent.end_offset), condition, body))
        saved = p.pos
        p.skip_newlines()
        following = p._keyword_at(p.pos)
        if following is not None and following[0] == "elseif":
            keyword = _keyword_token(p, following[0], p.tk.skip(p.pos), following[1])
            p.pos = following[1]
            continue
        if following is not None and following[0] == "else":
            else_token = _keyword_token(p, "else", p.tk.skip(p.pos), following[1])
            p.pos = following[1]
            p.skip_newlines()
            else_clause = p.parse_statement_block()
            if else_clause is None:
                raise p.error("MissingStatementBlockAfterElse", "Missing statement block after 'else' keyword.",
                              else_token.end)
        else:
            p.pos = saved
        break
    end = else_clause.extent.end_offset if else_clause is not None else clauses[-1].body.extent.end_offset
    return A.IfStatementAst(p.ext(start, end), tuple(clauses), else_clause)


# -------------------------------------------------------------------------------------- loops


def _while(p: "Parser", word: str, start: int, after: int, label: Label) -> A.StatementAst:
    keyword = _keyword_token(p, word, start, after)
    condition, rparen = _expect_paren_condition(p, keyword, "while")
    p.skip_newlines()
    body = p.parse_statement_block()
    if body is None:
        raise p.error("MissingLoopStatement", "Missing statement body in while loop.", rparen.end)
    return A.WhileStatementAst(p.ext(_statement_start(start, label), body.extent.end_offset), _label_name(label),
                               condition, body)


def _do(p: "Parser", word: str, start: int, after: int, label: Label) -> A.StatementAst:
    body = p.parse_statement_block()
    if body is None:
        raise p.error("MissingLoopStatement", "Missing statement body in do loop.", after)
    p.skip_newlines()
    following = p._keyword_at(p.pos)
    if following is None or following[0] not in ("while", "until"):
        raise p.error("MissingWhileOrUntilInDoWhile", "Missing while or until keyword in do loop.",
                      body.extent.end_offset)
    keyword = _keyword_token(p, following[0], p.tk.skip(p.pos), following[1])
    p.pos = following[1]
    condition, rparen = _expect_paren_condition(p, keyword, following[0])
    extent = p.ext(_statement_start(start, label), rparen.end)
    if following[0] == "until":
        return A.DoUntilStatementAst(extent, _label_name(label), condition, body)
    return A.DoWhileStatementAst(extent, _label_name(label), condition, body)


def _foreach(p: "Parser", word: str, start: int, after: int, label: Label) -> A.StatementAst:
    p.skip_newlines()
    token = p.peek()
    while token.kind == "param":  # `-parallel` (workflows) is accepted and ignored
        p.pos = token.end
        p.skip_newlines()
        token = p.peek()
    if token.kind != "(":
        raise p.error("MissingOpenParenthesisAfterKeyword", "Missing opening '(' after keyword 'foreach'.", after)
    p.pos = token.end
    p.skip_newlines()
    var_token = p.peek()
    if var_token.kind not in ("var", "splat"):
        raise p.error("MissingVariableNameAfterForeach", "Missing variable name after foreach.\nThe correct form is: foreach ($a in $b) {...}", token.end)
    p.pos = var_token.end
    variable = p.variable(var_token)
    p.skip_newlines()
    in_token = p.peek()
    if in_token.kind != "word" or str(in_token.value).lower() != "in":
        raise p.error("MissingInInForeach", "Missing 'in' after variable in foreach loop.\nThe correct form is: foreach ($a in $b) {...}", var_token.end)
    p.pos = in_token.end
    p.skip_newlines()
    condition = p.parse_pipeline()
    if condition is None:
        raise p.error("MissingForeachExpression", "Missing expression in foreach loop.\nThe correct form is: foreach ($a in $b) {...}", in_token.end)
    p.skip_newlines()
    rparen = p.peek()
    if rparen.kind != ")":
        raise p.error("MissingEndParenthesisAfterForeach", "Missing closing ')' after expression part of foreach loop.\nThe correct form is: foreach ($a in $b) {...}",
                      condition.extent.end_offset)
    p.pos = rparen.end
    body = p.parse_statement_block()
    if body is None:
        raise p.error("MissingForeachStatement", "Missing statement body in foreach loop.\nThe correct form is: foreach ($a in $b) {...}", rparen.end)
    return A.ForEachStatementAst(p.ext(_statement_start(start, label), body.extent.end_offset), _label_name(label),
                                 variable, condition, body)  # type: ignore[arg-type]


def _for(p: "Parser", word: str, start: int, after: int, label: Label) -> A.StatementAst:
    p.skip_newlines()
    lparen = p.peek()
    if lparen.kind != "(":
        raise p.error("MissingOpenParenthesisAfterKeyword", "Missing opening '(' after keyword 'for'.", after)
    p.pos = lparen.end
    last_end = lparen.end
    parts: list[A.PipelineBaseAst | None] = []
    for index in range(3):
        p.skip_newlines()
        part = p.parse_pipeline()
        parts.append(part)
        if part is not None:
            last_end = part.extent.end_offset
        if index < 2 and p.peek().kind == ";":
            semi = p.peek()
            last_end = semi.end
            p.pos = semi.end
    p.skip_newlines()
    rparen = p.peek()
    if rparen.kind != ")":
        raise p.error("MissingEndParenthesisAfterStatement", "Missing closing ')' after expression in 'for' statement.",
                      last_end)
    p.pos = rparen.end
    body = p.parse_statement_block()
    if body is None:
        raise p.error("MissingLoopStatement", "Missing statement body in for loop.", rparen.end)
    return A.ForStatementAst(p.ext(_statement_start(start, label), body.extent.end_offset), _label_name(label),
                             parts[0], parts[1], parts[2], body)


# ------------------------------------------------------------------------------------- switch


def _switch(p: "Parser", word: str, start: int, after: int, label: Label) -> A.StatementAst:
    flags: list[str] = []
    file_path: A.ExpressionAst | None = None
    last_end = after
    p.skip_newlines()
    token = p.peek()
    while token.kind == "param":
        p.pos = token.end
        last_end = token.end
        option = next((o for o in ("regex", "wildcard", "exact", "casesensitive", "parallel", "file")
                       if o.startswith(str(token.value).lower())), None)
        if option is None:
            raise p.error("InvalidSwitchFlag", f"The parameter {token.value} is not valid for the switch statement.",
                          token.start, token.end)
        if option in ("regex", "wildcard", "exact"):  # the last of these wins
            flags = [f for f in flags if f not in ("Regex", "Wildcard", "Exact")]
        if option == "file":
            p.skip_newlines()
            file_path = p.command_argument(allow_array=False)
            if file_path is None:
                raise p.error("MissingFilenameOption", "Cannot process the 'switch' statement because of a missing file name argument to the -file option.", token.end)
            last_end = file_path.extent.end_offset
        if option != "parallel":
            name = {"regex": "Regex", "wildcard": "Wildcard", "exact": "Exact", "casesensitive": "CaseSensitive",
                    "file": "File"}[option]
            if name not in flags:
                flags.append(name)
        p.skip_newlines()
        token = p.peek()
    condition: A.PipelineBaseAst | None = None
    if token.kind == "(":
        if file_path is not None:
            raise p.error("PipelineValueRequired", "A switch statement must have one of the following:  '-file file_name' or '( expression )'.", token.start, token.end)
        p.pos = token.end
        p.skip_newlines()
        condition = p.parse_pipeline()
        if condition is None:
            raise p.error("PipelineValueRequired", "A switch statement must have one of the following:  '-file file_name' or '( expression )'.", token.end)
        p.skip_newlines()
        rparen = p.peek()
        if rparen.kind != ")":
            raise p.error("MissingEndParenthesisInSwitchStatement", "Missing ')' after expression in switch statement.",
                          condition.extent.end_offset)
        p.pos = rparen.end
        last_end = rparen.end
    elif file_path is None:
        raise p.error("PipelineValueRequired", "A switch statement must have one of the following:  '-file file_name' or '( expression )'.", last_end)
    p.skip_newlines()
    lcurly = p.peek()
    if lcurly.kind != "{":
        raise p.error("MissingCurlyBraceInSwitchStatement", "Missing '{' in switch statement.", last_end)
    p.pos = lcurly.end
    p.skip_newlines()
    clauses: list[A.SwitchClauseAst] = []
    default: A.StatementBlockAst | None = None
    last_end = lcurly.end
    while True:
        pattern = p.command_argument(allow_array=False)
        if pattern is None:
            raise p.error("MissingSwitchConditionExpression", "Missing condition in switch statement clause.", last_end)
        body = p.parse_statement_block()
        if body is None:
            raise p.error("MissingSwitchStatementClause", "Missing statement block in switch statement clause.",
                          pattern.extent.end_offset)
        last_end = body.extent.end_offset
        if isinstance(pattern, A.StringConstantExpressionAst) and pattern.string_kind is A.StringConstantType.BAREWORD \
                and pattern.value.lower() == "default":
            if default is not None:
                raise p.error("MultipleSwitchDefaultClauses", "A switch statement can have only one default clause.",
                              pattern.extent.start_offset, pattern.extent.end_offset)
            default = body
        else:
            clauses.append(A.SwitchClauseAst(p.ext(pattern.extent.start_offset, body.extent.end_offset), pattern, body))
        p.skip_newlines_and_semis()
        token = p.peek()
        if token.kind == "}":
            p.pos = token.end
            break
        if token.kind == "eof":
            raise p.error("MissingEndCurlyBrace", "Missing closing '}' in statement block or type definition.",
                          lcurly.start, lcurly.end)
    return A.SwitchStatementAst(p.ext(_statement_start(start, label), p.pos), _label_name(label), condition,
                                tuple(clauses), default, tuple(flags), file_path)


# --------------------------------------------------------------------------------- functions


def _function(p: "Parser", word: str, start: int, after: int, label: Label) -> A.StatementAst:
    p.skip_newlines()
    name_token = p.tk.next(p.pos, CMD)
    if name_token.kind in ("var", "splat", "eof", "str", "xstr", "(", ")", "{", "}", "@(", "@{", ";", "&&", "||", "&",
                           "|", "redir", "nl"):
        raise p.error("MissingNameAfterFunctionKeyword", f"Missing name after {word} keyword.", after)
    p.pos = name_token.end
    name = str(name_token.value) if name_token.kind == "generic" and isinstance(name_token.value, str) else name_token.text
    p.skip_newlines()
    parameters: tuple[A.ParameterAst, ...] | None = None
    last_end = name_token.end
    token = p.peek()
    if token.kind == "(":
        p.pos = token.end
        parameters = p._parameter_list()
        p.skip_newlines()
        rparen = p.peek()
        if rparen.kind != ")":
            at = parameters[-1].extent.end_offset if parameters else token.end
            raise p.error("MissingEndParenthesisInFunctionParameterList", "Missing ')' in function parameter list.", at)
        p.pos = rparen.end
        last_end = rparen.end
        p.skip_newlines()
    lcurly = p.peek()
    if lcurly.kind != "{":
        raise p.error("MissingFunctionBody", "Missing function body in function declaration.", last_end)
    p.pos = lcurly.end
    body = p.parse_script_block(lcurly, is_filter=word == "filter")
    if body.help_comment is None:
        outer_help = help_before(p.src, start)
        if outer_help is not None:
            body = A.ScriptBlockAst(body.extent, body.param_block, body.begin_block, body.process_block, body.end_block,
                                    body.dynamicparam_block, body.using_statements, body.requirements, outer_help,
                                    body.body_text)
    return A.FunctionDefinitionAst(p.ext(start, body.extent.end_offset), name, body, word == "filter", parameters)


# ----------------------------------------------------------------------------- try and trap


def _try(p: "Parser", word: str, start: int, after: int, label: Label) -> A.StatementAst:
    p.skip_newlines()
    body = p.parse_statement_block()
    if body is None:
        raise p.error("MissingTryStatementBlock", "The Try statement is missing its statement block.", after)
    catches: list[A.CatchClauseAst] = []
    while True:
        saved = p.pos
        p.skip_newlines()
        keyword = p._keyword_at(p.pos)
        if keyword is None or keyword[0] != "catch":
            p.pos = saved
            break
        catch_start = p.tk.skip(p.pos)
        p.pos = keyword[1]
        types: list[A.TypeConstraintAst] = []
        last_end = keyword[1]
        while True:
            restore = p.pos
            p.skip_newlines()
            attribute = p.parse_attribute()
            if attribute is None:
                p.pos = restore
                break
            if not isinstance(attribute, A.TypeConstraintAst):
                p.pos = restore
                break
            types.append(attribute)
            last_end = attribute.extent.end_offset
            p.skip_newlines()
            comma = p.peek()
            if comma.kind != ",":
                break
            p.pos = comma.end
            last_end = comma.end
        handler = p.parse_statement_block()
        if handler is None:
            raise p.error("MissingCatchHandlerBlock", "The Catch block is missing its statement block.", last_end)
        catches.append(A.CatchClauseAst(p.ext(catch_start, handler.extent.end_offset), tuple(types), handler))
    saved = p.pos
    p.skip_newlines()
    keyword = p._keyword_at(p.pos)
    finally_block: A.StatementBlockAst | None = None
    if keyword is not None and keyword[0] == "finally":
        p.pos = keyword[1]
        finally_block = p.parse_statement_block()
        if finally_block is None:
            raise p.error("MissingFinallyStatementBlock", "The Finally block is missing its statement block.", keyword[1])
    else:
        p.pos = saved
    for clause in catches[:-1]:
        if clause.is_catch_all:
            p.semantic_error("EmptyCatchNotLast", "Catch block must be the last catch block.",
                             clause.extent.start_offset, clause.extent.end_offset)
    if not catches and finally_block is None:
        raise p.error("MissingCatchOrFinally", "The Try statement is missing its Catch or Finally block.",
                      body.extent.end_offset)
    end = finally_block.extent.end_offset if finally_block is not None else catches[-1].extent.end_offset
    return A.TryStatementAst(p.ext(start, end), body, tuple(catches), finally_block)


def _trap(p: "Parser", word: str, start: int, after: int, label: Label) -> A.StatementAst:
    restore = p.pos
    p.skip_newlines()
    attribute = p.parse_attribute()
    trap_type: A.TypeConstraintAst | None = None
    if isinstance(attribute, A.TypeConstraintAst):
        trap_type = attribute
    elif attribute is not None:
        p.pos = restore
    body = p.parse_statement_block()
    if body is None:
        at = trap_type.extent.end_offset if trap_type is not None else after
        raise p.error("MissingTrapStatement", "The 'trap' statement was incomplete. A trap statement requires a body.", at)
    return A.TrapStatementAst(p.ext(start, body.extent.end_offset), trap_type, body)


# ------------------------------------------------------------------------------ flow control


def _label_or_key(p: "Parser") -> A.ExpressionAst | None:
    m = _SIMPLE_NAME.match(p.src, p.tk.skip(p.pos))
    if m and p.tk.char(m.end()) not in ("-", ":") and not p.src.startswith("(", m.end()):
        p.pos = m.end()
        return A.StringConstantExpressionAst(p.ext(m.start(), m.end()), m.group(), A.StringConstantType.BAREWORD)
    token = p.peek()
    if token.kind in ("nl", ";", "eof", "}", ")"):
        return None
    saved = p.disable_comma
    p.disable_comma = True
    try:
        return p.parse_unary()
    finally:
        p.disable_comma = saved


def _break(p: "Parser", word: str, start: int, after: int, label: Label) -> A.StatementAst:
    target = _label_or_key(p)
    end = target.extent.end_offset if target is not None else after
    if word == "break":
        return A.BreakStatementAst(p.ext(start, end), target)
    return A.ContinueStatementAst(p.ext(start, end), target)


def _pipeline_statement(p: "Parser", word: str, start: int, after: int, label: Label) -> A.StatementAst:
    pipeline = p.parse_pipeline()
    end = pipeline.extent.end_offset if pipeline is not None else after
    extent = p.ext(start, end)
    if word == "return":
        return A.ReturnStatementAst(extent, pipeline)
    if word == "exit":
        return A.ExitStatementAst(extent, pipeline)
    return A.ThrowStatementAst(extent, pipeline)


def _data(p: "Parser", word: str, start: int, after: int, label: Label) -> A.StatementAst:
    p.skip_newlines()
    name: str | None = None
    token = p.peek()
    if token.kind == "word":
        name = str(token.value)
        p.pos = token.end
        p.skip_newlines()
        token = p.peek()
    commands: list[A.ExpressionAst] = []
    if token.kind == "param":
        if not "supportedcommand".startswith(str(token.value).lower()):
            raise p.error("InvalidParameterForDataSectionStatement",
                          f'The "{token.value}" parameter of the Data section is not valid. The valid Data section parameter is SupportedCommand.', token.start, token.end)
        p.pos = token.end
        p.skip_newlines()
        argument = p.command_argument(allow_array=True)
        if argument is None:
            raise p.error("MissingValueForSupportedCommandInDataSectionStatement",
                          "The SupportedCommand parameter of the Data section is missing a value. Supply a cmdlet or function name to the parameter.", token.end)
        commands = list(argument.elements) if isinstance(argument, A.ArrayLiteralAst) else [argument]
    body = p.parse_statement_block()
    if body is None:
        raise p.error("MissingStatementBlockForDataSection", "The Data section is missing its statement block.", p.pos)
    return A.DataStatementAst(p.ext(start, body.extent.end_offset), name, body, tuple(commands))


def _class(p: "Parser", word: str, start: int, after: int, label: Label) -> A.StatementAst:
    # PowerShell 5 classes are out of scope for exchange-sim (rare in runbooks): say so plainly.
    raise p.error("TypeDefinitionNotSupported", f"'{word}' definitions are not supported by exchange-sim.", start, after)


_RULES = {
    "if": _if, "while": _while, "do": _do, "foreach": _foreach, "for": _for, "switch": _switch,
    "function": _function, "filter": _function, "workflow": _function, "try": _try, "trap": _trap,
    "break": _break, "continue": _break, "return": _pipeline_statement, "exit": _pipeline_statement,
    "throw": _pipeline_statement, "data": _data, "class": _class, "enum": _class,
}
