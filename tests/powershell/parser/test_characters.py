"""Character classes of pasted text (reference §1): which dashes, quotes and blanks PowerShell accepts."""

from __future__ import annotations

from exchange_sim.powershell import ast as A
from exchange_sim.powershell.parser import parse

from .parser_ast_helpers import first_statement, only_command


def test_minus_sign_and_hyphens_are_not_dashes() -> None:
    for dash in ("\u2212", "\u2010", "\u2011"):
        argument = only_command(f"Get-X {dash}Name").command_elements[1]
        assert isinstance(argument, A.StringConstantExpressionAst), dash
        assert argument.value == f"{dash}Name"


def test_en_em_dash_and_horizontal_bar_are_dashes() -> None:
    for dash in ("\u2013", "\u2014", "\u2015"):
        parameter = only_command(f"Get-X {dash}Name a").command_elements[1]
        assert isinstance(parameter, A.CommandParameterAst) and parameter.parameter_name == "Name", dash


def test_dash_inside_a_bareword_is_kept_as_typed() -> None:
    argument = only_command("Write-Output a\u2013b").command_elements[1]
    assert isinstance(argument, A.StringConstantExpressionAst) and argument.value == "a\u2013b"


def test_any_quote_of_a_class_closes_a_string_of_that_class() -> None:
    argument = only_command("Write-Output \u2018abc'").command_elements[1]
    assert isinstance(argument, A.StringConstantExpressionAst) and argument.value == "abc"


def test_doubled_typographic_quote_is_one_literal_quote() -> None:
    argument = only_command("Write-Output 'it\u2019\u2019s'").command_elements[1]
    assert isinstance(argument, A.StringConstantExpressionAst) and argument.value == "it\u2019s"


def test_double_high_reversed_quote_is_not_a_quote() -> None:
    argument = only_command("Write-Output \u201fx\u201f").command_elements[1]
    assert isinstance(argument, A.StringConstantExpressionAst)
    assert argument.string_kind is A.StringConstantType.BAREWORD


def test_line_and_paragraph_separators_are_blanks_not_line_breaks() -> None:
    result = parse("$a = 1\u2028$b = 2")
    assert result.errors and result.errors[0].message == "Unexpected token '$b' in expression or statement."


def test_backtick_then_space_does_not_continue_the_line() -> None:
    result = parse("Get-X ` \n-Name a")
    assert result.ast is not None and result.ast.end_block is not None
    assert len(result.ast.end_block.statements) == 2


def test_backtick_then_newline_continues_the_line() -> None:
    command = only_command("Get-X `\n  -Name a")
    assert len(command.command_elements) == 3


def test_hash_inside_a_bareword_is_not_a_comment() -> None:
    argument = only_command("Write-Output a#b").command_elements[1]
    assert isinstance(argument, A.StringConstantExpressionAst) and argument.value == "a#b"


def test_dollar_before_a_non_name_character_is_literal() -> None:
    argument = only_command("Write-Output $-x").command_elements[1]
    assert isinstance(argument, A.StringConstantExpressionAst) and argument.value == "$-x"


def test_question_mark_belongs_to_a_variable_name() -> None:
    expr = first_statement('"$ok?"')
    assert isinstance(expr, A.PipelineAst)
    string = expr.pipeline_elements[0].expression  # type: ignore[attr-defined]
    assert isinstance(string, A.ExpandableStringExpressionAst)
    (variable,) = string.nested_expressions
    assert isinstance(variable, A.VariableExpressionAst) and variable.name == "ok?"


def test_signature_block_ends_the_script() -> None:
    result = parse("Get-Date\n# SIG # Begin signature block\n# MIIfake\n}}}} not code\n")
    assert result.errors == ()
