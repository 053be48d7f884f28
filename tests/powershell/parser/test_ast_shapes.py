"""Shapes of the tricky constructs the evaluator relies on (reference §2.2, §4.1, §5.12)."""

from __future__ import annotations

from decimal import Decimal

from exchange_sim.powershell import ast as A

from .parser_ast_helpers import first_statement, only_command, only_expression


def test_bareword_service_list_is_one_array_argument() -> None:
    command = only_command("Enable-ExchangeCertificate -Services IIS,SMTP -Force")
    name, services, services_value, force = command.command_elements
    assert command.get_command_name() == "Enable-ExchangeCertificate"
    assert isinstance(services, A.CommandParameterAst) and services.parameter_name == "Services"
    assert services.argument is None
    assert isinstance(services_value, A.ArrayLiteralAst)
    assert [e.value for e in services_value.elements] == ["IIS", "SMTP"]  # type: ignore[attr-defined]
    assert isinstance(force, A.CommandParameterAst) and force.parameter_name == "Force"


def test_spaced_service_list_is_still_one_array_argument() -> None:
    command = only_command("Enable-ExchangeCertificate -Services POP, IMAP, SMTP")
    assert isinstance(command.command_elements[2], A.ArrayLiteralAst)
    assert len(command.command_elements) == 3


def test_quoted_service_list_is_one_string() -> None:
    command = only_command('Enable-ExchangeCertificate -Services "IIS,SMTP"')
    value = command.command_elements[2]
    assert isinstance(value, A.StringConstantExpressionAst) and value.value == "IIS,SMTP"


def test_colon_parameter_carries_its_argument() -> None:
    command = only_command("Remove-ExchangeCertificate -Confirm:$false")
    parameter = command.command_elements[1]
    assert isinstance(parameter, A.CommandParameterAst)
    assert parameter.has_colon and parameter.parameter_name == "Confirm"
    assert isinstance(parameter.argument, A.VariableExpressionAst) and parameter.argument.name == "false"


def test_colon_parameter_argument_may_follow_a_space() -> None:
    parameter = only_command("New-X -Force: $true").command_elements[1]
    assert isinstance(parameter, A.CommandParameterAst) and parameter.argument is not None


def test_and_or_share_one_level_left_to_right() -> None:
    expr = only_expression("$a -or $b -and $c")
    assert isinstance(expr, A.BinaryExpressionAst) and expr.operator == "-and"
    assert isinstance(expr.left, A.BinaryExpressionAst) and expr.left.operator == "-or"


def test_comma_binds_tighter_than_plus() -> None:
    expr = only_expression("1,2 + 3")
    assert isinstance(expr, A.BinaryExpressionAst) and expr.operator == "+"
    assert isinstance(expr.left, A.ArrayLiteralAst) and len(expr.left.elements) == 2


def test_multiplication_binds_tighter_than_addition() -> None:
    expr = only_expression("1 + 2 * 3")
    assert isinstance(expr, A.BinaryExpressionAst) and expr.operator == "+"
    assert isinstance(expr.right, A.BinaryExpressionAst) and expr.right.operator == "*"


def test_not_applies_to_the_next_operand_only() -> None:
    expr = only_expression("-not $a -eq $b")
    assert isinstance(expr, A.BinaryExpressionAst) and expr.operator == "-eq"
    assert isinstance(expr.left, A.UnaryExpressionAst) and expr.left.operator == "-not"


def test_negative_range_start_is_a_literal() -> None:
    expr = only_expression("-2..2")
    assert isinstance(expr, A.BinaryExpressionAst) and expr.operator == ".."
    assert isinstance(expr.left, A.ConstantExpressionAst) and expr.left.value == -2


def test_cast_applies_to_the_next_operand_only() -> None:
    expr = only_expression("[int]$a + $b")
    assert isinstance(expr, A.BinaryExpressionAst)
    assert isinstance(expr.left, A.ConvertExpressionAst) and expr.left.type.type_name.name == "int"


def test_variable_then_member_text_in_string_expands_only_the_variable() -> None:
    expr = only_expression('"$cert.Thumbprint"')
    assert isinstance(expr, A.ExpandableStringExpressionAst)
    variable, rest = expr.parts
    assert isinstance(variable, A.VariableExpressionAst) and variable.name == "cert"
    assert rest == ".Thumbprint"


def test_braced_variable_lets_a_colon_follow() -> None:
    expr = only_expression('"${server}: x"')
    assert isinstance(expr, A.ExpandableStringExpressionAst)
    variable, rest = expr.parts
    assert isinstance(variable, A.VariableExpressionAst) and variable.braced and variable.name == "server"
    assert rest == ": x"


def test_subexpression_in_string_is_parsed() -> None:
    expr = only_expression('"Days: $($c.NotAfter)"')
    assert isinstance(expr, A.ExpandableStringExpressionAst)
    assert expr.parts[0] == "Days: "
    sub = expr.parts[1]
    assert isinstance(sub, A.SubExpressionAst)
    inner = sub.sub_expression.statements[0]
    assert isinstance(inner, A.PipelineAst)


def test_string_escapes_are_resolved() -> None:
    expr = only_expression('"a`tb ""q"" `$x"')
    assert isinstance(expr, A.StringConstantExpressionAst) and expr.value == 'a\tb "q" $x'


def test_here_string_closer_ends_the_body_and_drops_the_last_newline() -> None:
    expr = only_expression("@'\nline 1\n  '@ indented is text\n'@\n")
    assert isinstance(expr, A.StringConstantExpressionAst)
    assert expr.string_kind is A.StringConstantType.SINGLE_QUOTED_HERE_STRING
    assert expr.value == "line 1\n  '@ indented is text"


def test_text_after_here_string_closer_is_parsed_normally() -> None:
    expr = only_expression('@"\n{0} days\n"@ -f 30')
    assert isinstance(expr, A.BinaryExpressionAst) and expr.operator == "-f"


def test_en_dash_parameter_is_a_parameter() -> None:
    command = only_command("Enable-ExchangeCertificate \u2013Thumbprint $t \u2014Services IIS")
    names = [e.parameter_name for e in command.command_elements if isinstance(e, A.CommandParameterAst)]
    assert names == ["Thumbprint", "Services"]


def test_en_dash_operator_is_an_operator() -> None:
    expr = only_expression("$a \u2013eq $b")
    assert isinstance(expr, A.BinaryExpressionAst) and expr.operator == "-eq"


def test_typographic_quotes_delimit_strings() -> None:
    command = only_command("Write-Host \u201cC:\\certs\\x.pfx\u201d \u2018P@ss\u2019")
    first, second = command.command_elements[1:]
    assert isinstance(first, A.StringConstantExpressionAst) and first.value == "C:\\certs\\x.pfx"
    assert isinstance(second, A.StringConstantExpressionAst) and second.value == "P@ss"


def test_non_breaking_space_separates_tokens() -> None:
    command = only_command("Get-Item\u00a0-Path\u00a0C:\\x")
    assert len(command.command_elements) == 3


def test_stop_parsing_passes_the_rest_of_the_line_verbatim() -> None:
    command = only_command("icacls C:\\x --% /grant Users:(OI)F $notExpanded")
    verbatim = command.command_elements[-1]
    assert isinstance(verbatim, A.VerbatimArgumentAst)
    assert verbatim.text == "/grant Users:(OI)F $notExpanded"


def test_error_stream_merges_into_output() -> None:
    command = only_command("Get-Item C:\\nope 2>&1")
    (redirection,) = command.redirections
    assert isinstance(redirection, A.MergingRedirectionAst)
    assert redirection.from_stream is A.RedirectionStream.ERROR
    assert redirection.to_stream is A.RedirectionStream.OUTPUT
    assert len(command.command_elements) == 2


def test_file_redirection_has_a_target() -> None:
    command = only_command("Get-Date >> C:\\log.txt")
    (redirection,) = command.redirections
    assert isinstance(redirection, A.FileRedirectionAst) and redirection.append
    assert isinstance(redirection.location, A.StringConstantExpressionAst)
    assert redirection.location.value == "C:\\log.txt"


def test_generic_static_constructor_call() -> None:
    expr = only_expression("[System.Collections.Generic.List[string]]::new()")
    assert isinstance(expr, A.InvokeMemberExpressionAst) and expr.static and expr.member_name == "new"
    assert isinstance(expr.expression, A.TypeExpressionAst)
    type_name = expr.expression.type_name
    assert type_name.name == "System.Collections.Generic.List"
    assert [a.name for a in type_name.generic_arguments] == ["string"]
    assert type_name.full_name == "System.Collections.Generic.List[string]"


def test_static_method_result_can_be_indexed() -> None:
    expr = only_expression("[System.IO.File]::ReadAllBytes('x')[0..3]")
    assert isinstance(expr, A.IndexExpressionAst)
    assert isinstance(expr.target, A.InvokeMemberExpressionAst) and expr.target.static


def test_type_literal_followed_by_bracket_is_another_cast() -> None:
    expr = only_expression("[int][string]'5'")
    assert isinstance(expr, A.ConvertExpressionAst)
    assert isinstance(expr.child, A.ConvertExpressionAst)


def test_array_type_literal() -> None:
    expr = only_expression("[byte[]]$x")
    assert isinstance(expr, A.ConvertExpressionAst)
    type_name = expr.type.type_name
    assert type_name.array_rank == 1 and type_name.element_type is not None
    assert type_name.element_type.name == "byte"


def test_calculated_property_hashtable() -> None:
    expr = only_expression("@{n='X';e={$_.Y}}")
    assert isinstance(expr, A.HashtableAst)
    (key_n, value_n), (key_e, value_e) = expr.key_value_pairs
    assert isinstance(key_n, A.StringConstantExpressionAst) and key_n.value == "n"
    assert isinstance(key_e, A.StringConstantExpressionAst) and key_e.value == "e"
    assert isinstance(value_e, A.PipelineAst)
    block = value_e.pipeline_elements[0]
    assert isinstance(block, A.CommandExpressionAst)
    assert isinstance(block.expression, A.ScriptBlockExpressionAst)
    assert block.expression.script_block.body_text == "$_.Y"


def test_call_operator_on_a_variable() -> None:
    command = only_command("& $sb 1")
    assert command.invocation_operator == "&"
    assert isinstance(command.command_elements[0], A.VariableExpressionAst)
    assert command.get_command_name() is None


def test_dot_sourcing_a_relative_script() -> None:
    command = only_command(". .\\x.ps1")
    assert command.invocation_operator == "."
    assert command.get_command_name() == ".\\x.ps1"


def test_command_arguments_are_primary_expressions_only() -> None:
    command = only_command("Write-Output $a + 1")
    assert len(command.command_elements) == 4


def test_variable_glued_to_text_is_one_expandable_argument() -> None:
    argument = only_command("Get-Item $dir\\x.txt").command_elements[1]
    assert isinstance(argument, A.ExpandableStringExpressionAst)
    assert argument.string_kind is A.StringConstantType.BAREWORD
    assert isinstance(argument.parts[0], A.VariableExpressionAst) and argument.parts[1] == "\\x.txt"


def test_subexpression_then_text_is_two_arguments() -> None:
    command = only_command("Write-Output $(1+1)abc")
    assert len(command.command_elements) == 3


def test_member_access_on_argument_needs_no_space() -> None:
    command = only_command("Write-Output $cert.Subject $a [0]")
    assert isinstance(command.command_elements[1], A.MemberExpressionAst)
    assert len(command.command_elements) == 4


def test_splatted_variable_argument() -> None:
    argument = only_command("Enable-ExchangeCertificate @params").command_elements[1]
    assert isinstance(argument, A.VariableExpressionAst) and argument.splatted and argument.name == "params"


def test_assignment_right_side_is_a_statement() -> None:
    statement = first_statement("$r = if ($a) { 1 } else { 2 }")
    assert isinstance(statement, A.AssignmentStatementAst)
    assert isinstance(statement.right, A.IfStatementAst)


def test_typed_variable_assignment_target() -> None:
    statement = first_statement("[int]$n = '5'")
    assert isinstance(statement, A.AssignmentStatementAst)
    assert isinstance(statement.left, A.ConvertExpressionAst)


def test_numbers_are_typed_like_powershell() -> None:
    cases = {
        "42": (42, "System.Int32"),
        "2147483648": (2147483648, "System.Int64"),
        "0xFFFFFFFF": (-1, "System.Int32"),
        "0x80000000": (-2147483648, "System.Int32"),
        "1kb": (1024, "System.Int32"),
        "2gb": (2147483648, "System.Int64"),
        "1.5kb": (1536.0, "System.Double"),
        "1.5d": (Decimal("1.5"), "System.Decimal"),
        "1.6l": (2, "System.Int64"),
        "0x1d": (29, "System.Int32"),
        "-2147483648": (-2147483648, "System.Int32"),
        "-5L": (-5, "System.Int64"),
    }
    for text, (value, type_name) in cases.items():
        expr = only_expression(text)
        assert isinstance(expr, A.ConstantExpressionAst), text
        assert (expr.value, expr.type_name) == (value, type_name), text


def test_number_text_glued_to_letters_is_a_command_name() -> None:
    command = only_command("7z a x.zip")
    assert command.get_command_name() == "7z"


def test_keyword_prefix_is_a_command_name() -> None:
    command = only_command("foreach-object { $_ }")
    assert command.get_command_name() == "foreach-object"


def test_function_with_attributes_and_named_blocks() -> None:
    statement = first_statement(
        "function Set-X {\n [CmdletBinding(SupportsShouldProcess)]\n param([Parameter(Mandatory, Position=0)]"
        "[ValidateSet('A','B')][string[]]$Name = 'A')\n begin {} process { $Name } end {}\n}"
    )
    assert isinstance(statement, A.FunctionDefinitionAst) and statement.name == "Set-X"
    body = statement.body
    assert body.param_block is not None
    (binding,) = body.param_block.attributes
    assert binding.type_name.name == "CmdletBinding"
    assert binding.named_arguments[0].argument_name == "SupportsShouldProcess"
    assert binding.named_arguments[0].expression_omitted
    (parameter,) = body.param_block.parameters
    assert parameter.name.name == "Name"
    assert [type(a).__name__ for a in parameter.attributes] == ["AttributeAst", "AttributeAst", "TypeConstraintAst"]
    assert parameter.type_constraint is not None and parameter.type_constraint.type_name.full_name == "string[]"
    assert body.begin_block is not None and body.process_block is not None and body.end_block is not None


def test_filter_body_is_a_process_block() -> None:
    statement = first_statement("filter Get-T { $_.Thumbprint }")
    assert isinstance(statement, A.FunctionDefinitionAst) and statement.is_filter
    assert statement.body.process_block is not None and statement.body.process_block.unnamed


def test_switch_flags_and_clauses() -> None:
    statement = first_statement("switch -regex -casesensitive ($s) { '^a' { 1 } IIS { 2 } default { 3 } }")
    assert isinstance(statement, A.SwitchStatementAst)
    assert statement.flags == ("Regex", "CaseSensitive")
    assert len(statement.clauses) == 2 and statement.default is not None
    pattern = statement.clauses[1].pattern
    assert isinstance(pattern, A.StringConstantExpressionAst) and pattern.value == "IIS"


def test_loop_label() -> None:
    statement = first_statement(":outer foreach ($a in $b) { break outer }")
    assert isinstance(statement, A.ForEachStatementAst) and statement.label == "outer"
    inner = statement.body.statements[0]
    assert isinstance(inner, A.BreakStatementAst)
    assert isinstance(inner.label, A.StringConstantExpressionAst) and inner.label.value == "outer"


def test_try_catch_types() -> None:
    statement = first_statement("try { 1 } catch [System.IO.IOException], [System.ArgumentException] { 2 } catch { 3 }")
    assert isinstance(statement, A.TryStatementAst)
    typed, untyped = statement.catch_clauses
    assert [t.type_name.name for t in typed.catch_types] == ["System.IO.IOException", "System.ArgumentException"]
    assert untyped.is_catch_all


def test_requires_and_help_are_recorded() -> None:
    from exchange_sim.powershell.parser import parse

    result = parse("<#\n.SYNOPSIS\n  Does a thing.\n#>\n#Requires -Version 3.0\nGet-Date\n")
    assert result.ast is not None and result.ast.requirements is not None
    assert result.ast.requirements.required_version == "3.0"
    assert result.ast.help_comment is not None and ".SYNOPSIS" in result.ast.help_comment


def test_extents_point_at_the_source() -> None:
    command = only_command("\n  Get-Item   C:\\x")
    assert command.extent.start_line == 2 and command.extent.start_column == 3
    assert command.extent.text == "Get-Item   C:\\x"
    assert command.extent.start_line_text == "  Get-Item   C:\\x"


def test_expression_output_can_be_redirected() -> None:
    statement = first_statement('"text" 2>&1 > C:\\out.txt')
    assert isinstance(statement, A.PipelineAst)
    element = statement.pipeline_elements[0]
    assert isinstance(element, A.CommandExpressionAst)
    assert [type(r).__name__ for r in element.redirections] == ["MergingRedirectionAst", "FileRedirectionAst"]


def test_exclamation_glued_to_a_name_is_a_command_name() -> None:
    statement = first_statement("if (!Test-Path C:\\x) { 1 }")
    assert isinstance(statement, A.IfStatementAst)
    condition = statement.clauses[0].condition
    assert isinstance(condition, A.PipelineAst)
    command = condition.pipeline_elements[0]
    assert isinstance(command, A.CommandAst) and command.get_command_name() == "!Test-Path"


def test_walk_visits_every_node_in_source_order() -> None:
    from exchange_sim.powershell.parser import parse

    result = parse("$a = 1\nGet-X $b")
    assert result.ast is not None
    variables = [n.name for n in A.walk(result.ast) if isinstance(n, A.VariableExpressionAst)]
    assert variables == ["a", "b"]


def test_doubled_quotes_inside_a_subexpression_in_a_string_are_one_quote() -> None:
    expr = only_expression('"Value: $($x -replace ""a"", ""b"") end"')
    assert isinstance(expr, A.ExpandableStringExpressionAst)
    (sub,) = expr.nested_expressions
    strings = [n.value for n in A.walk(sub) if isinstance(n, A.StringConstantExpressionAst)]
    assert strings == ["a", "b"]
    assert expr.parts[-1] == " end"


def test_walk_visits_string_expansions_once() -> None:
    expr = only_expression('"$a and $($b)"')
    names = [n.name for n in A.walk(expr) if isinstance(n, A.VariableExpressionAst)]
    assert names == ["a", "b"]
