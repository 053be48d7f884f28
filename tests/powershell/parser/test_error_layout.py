"""PowerShell 5.1's console layout for parse errors (reference §6.6)."""

from __future__ import annotations

from exchange_sim.powershell.parse_errors import ParseError, format_parse_errors
from exchange_sim.powershell.parser import parse
from exchange_sim.powershell.tokenizer import Tokenizer


def test_script_file_error_layout() -> None:
    text = "if ($a) {\n    1\n} else if ($b) {\n    2\n}\n"
    result = parse(text, "C:\\ops\\renew.ps1")
    assert format_parse_errors(result.errors, "C:\\ops\\renew.ps1") == (
        "At C:\\ops\\renew.ps1:3 char:7\n"
        "+ } else if ($b) {\n"
        "+       ~\n"
        "Missing statement block after 'else' keyword.\n"
        "    + CategoryInfo          : ParserError: (:) [], ParseException\n"
        "    + FullyQualifiedErrorId : MissingStatementBlockAfterElse\n"
        " \n"
    )


def test_typed_in_text_layout_names_the_line_and_the_parent_exception() -> None:
    result = parse('"C:\\T\\x.exe" renew')
    assert format_parse_errors(result.errors, None) == (
        "At line:1 char:14\n"
        '+ "C:\\T\\x.exe" renew\n'
        "+              ~~~~~\n"
        "Unexpected token 'renew' in expression or statement.\n"
        "    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException\n"
        "    + FullyQualifiedErrorId : UnexpectedToken\n"
        " \n"
    )


def test_tabs_print_as_four_spaces_but_count_as_one_column() -> None:
    result = parse("\tGet-X | $y")
    (error,) = result.errors
    assert error.column == 10
    lines = format_parse_errors(result.errors, None).splitlines()
    assert lines[0] == "At line:1 char:10"
    assert lines[1] == "+     Get-X | $y"
    assert lines[2] == "+             ~~"


def test_long_lines_are_clipped_around_the_error() -> None:
    text = "Get-Item " + "x" * 100 + " | $y " + "z" * 100
    lines = format_parse_errors(parse(text).errors, None).splitlines()
    assert lines[0] == "At line:1 char:113"
    assert lines[1] == "+ ... " + "x" * 56 + " | $y " + "z" * 7 + " ..."
    assert lines[2] == "+ " + " " * 63 + "~~"


def test_error_near_the_end_of_a_long_line_keeps_the_tail() -> None:
    text = "Write-Output " + "a " * 60 + "&& b"
    lines = format_parse_errors(parse(text).errors, None).splitlines()
    assert lines[1] == "+ ... " + text[68:]
    assert lines[2] == "+ " + " " * 69 + "~~"


def test_more_than_ten_errors_are_cut_with_a_note() -> None:
    tokenizer = Tokenizer("x\n" * 12)
    errors = [ParseError("UnexpectedToken", "Unexpected token 'x' in expression or statement.",
                         tokenizer.extent(2 * i, 2 * i + 1)) for i in range(12)]
    text = format_parse_errors(errors, None)
    assert text.count("Unexpected token") == 10
    assert "Not all parse errors were reported.  Correct the reported errors and try again." in text


def test_no_errors_format_to_nothing() -> None:
    assert format_parse_errors((), None) == ""


def test_syntax_errors_come_before_errors_of_the_checks_after_parsing() -> None:
    result = parse("$h = @{ a = 1; a = 2 }\nif ($x) {\n")
    assert [e.error_id for e in result.errors] == ["MissingEndCurlyBrace", "DuplicateKeyInHashLiteral"]
    assert result.ast is None


def test_every_check_error_is_reported_in_source_order() -> None:
    result = parse("$h = @{ a = 1; A = 2 }\n$x + 1 = 5\n")
    assert [(e.error_id, e.line, e.column) for e in result.errors] == [
        ("DuplicateKeyInHashLiteral", 1, 16),
        ("InvalidLeftHandSide", 2, 1),
    ]
    text = format_parse_errors(result.errors, None)
    assert text.count("At line:") == 2
    assert text.endswith("    + FullyQualifiedErrorId : DuplicateKeyInHashLiteral\n \n")


def test_open_constructs_at_the_end_are_incomplete_input() -> None:
    for text in ("if ($x) {", "Get-X |", '"open string', "@{ a = 1", "$x = 1 +", "foreach ($a in $b)", "@'\nbody"):
        (error,) = parse(text).errors
        assert error.incomplete_input, text


def test_errors_in_the_middle_are_not_incomplete_input() -> None:
    for text in ("if ($a) {1} else if ($b) {2}", "Get-X && Get-Y", '"$server: done"', "Get-X | $y"):
        (error,) = parse(text).errors
        assert not error.incomplete_input, text
