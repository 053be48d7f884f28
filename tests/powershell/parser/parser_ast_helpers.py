"""Helpers shared by the parser tests."""

from __future__ import annotations

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.parser import parse


def first_statement(text: str) -> A.StatementAst:
    result = parse(text)
    assert result.errors == (), result.errors
    assert result.ast is not None and result.ast.end_block is not None
    return result.ast.end_block.statements[0]


def only_expression(text: str) -> A.ExpressionAst:
    statement = first_statement(text)
    assert isinstance(statement, A.PipelineAst)
    element = statement.pipeline_elements[0]
    assert isinstance(element, A.CommandExpressionAst) and element.expression is not None
    return element.expression


def only_command(text: str) -> A.CommandAst:
    statement = first_statement(text)
    assert isinstance(statement, A.PipelineAst)
    element = statement.pipeline_elements[0]
    assert isinstance(element, A.CommandAst)
    return element
