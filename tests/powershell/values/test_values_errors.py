"""ErrorRecord, CategoryInfo and the 5.1 console layout of errors (§6.5, §6.6)."""

from __future__ import annotations

from pathlib import Path

from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.errors import ErrorCategory, ErrorRecord, InvocationInfo, format_error_record
from exchange_sim.powershell.values.types import TypeTable

GOLDEN = Path(__file__).parent / "golden"


def golden(name: str) -> str:
    return (GOLDEN / name).read_text(encoding="utf-8")


def test_cmdlet_error_in_a_script_prints_command_prefix_and_position() -> None:
    record = ErrorRecord(errors.ItemNotFoundException("Cannot find path 'C:\\nope' because it does not exist."),
                         "PathNotFound", ErrorCategory.ObjectNotFound, "C:\\nope")
    record = record.with_command("Get-Item", "Microsoft.PowerShell.Commands.GetItemCommand").with_invocation(
        InvocationInfo(script_name="C:\\ops\\renew.ps1", script_line_number=4, offset_in_line=1,
                       line="Get-Item C:\\nope", end_line_number=4, end_offset_in_line=17, my_command="Get-Item",
                       invocation_name="Get-Item", command_kind="Cmdlet"))
    assert format_error_record(record) == golden("error_cmdlet_in_script.txt")


def test_throw_has_no_prefix_and_underlines_the_statement() -> None:
    exc = errors.RuntimeException("Certificate not found")
    record = ErrorRecord(exc, "Certificate not found", ErrorCategory.OperationStopped, "Certificate not found")
    record = record.with_invocation(InvocationInfo(
        script_name="C:\\ops\\renew.ps1", script_line_number=9, offset_in_line=5,
        line='    throw "Certificate not found"', end_line_number=9, end_offset_in_line=34))
    assert format_error_record(record) == golden("error_throw.txt")


def test_typed_in_code_says_at_line() -> None:
    record = ErrorRecord(errors.RuntimeException("You cannot call a method on a null-valued expression."),
                         "InvokeMethodOnNull", ErrorCategory.InvalidOperation)
    record = record.with_invocation(InvocationInfo(script_line_number=1, offset_in_line=1, line="$x.Foo()",
                                                   end_line_number=1, end_offset_in_line=9))
    text = format_error_record(record)
    assert text.splitlines()[1:4] == ["At line:1 char:1", "+ $x.Foo()", "+ ~~~~~~~~"]
    assert "    + CategoryInfo          : InvalidOperation: (:) [], RuntimeException" in text


def test_error_details_message_wins_and_drops_the_space_line() -> None:
    record = ErrorRecord(errors.RuntimeException("inner"), "X", ErrorCategory.NotSpecified).with_details("shown")
    text = format_error_record(record)
    assert text.startswith("shown\n")
    assert not text.endswith(" \n")


def test_category_info_shortens_long_parts_to_15_dots_15() -> None:
    target = "CN=averyveryverylongsubjectname.contoso.com"
    record = ErrorRecord(errors.ItemNotFoundException("x"), "NotFound", ErrorCategory.ObjectNotFound, target)
    assert str(record.category_info) == "ObjectNotFound: (CN=averyveryver...ame.contoso.com:String) [], ItemNotFoundException"


def test_long_fqid_lines_are_hard_wrapped() -> None:
    record = ErrorRecord(errors.RuntimeException("m"), "Id" + "x" * 150, ErrorCategory.NotSpecified)
    lines = format_error_record(record, width=80).splitlines()
    fqid = [line for line in lines if line.startswith("    ") and "CategoryInfo" not in line]
    assert all(len(line) <= 78 for line in fqid) and len(fqid) >= 2


def test_record_for_plain_dotnet_exception_uses_type_name_as_fqid() -> None:
    record = errors.record_for(errors.FormatException("bad"))
    assert record.fully_qualified_error_id == "System.FormatException"
    assert record.category is ErrorCategory.OperationStopped
    assert str(record) == "bad"


def test_typed_catch_matches_base_types_only() -> None:
    types = TypeTable()
    exc = errors.ItemNotFoundException("gone")
    assert errors.exception_matches(exc, "System.Management.Automation.ItemNotFoundException", types)
    assert errors.exception_matches(exc, "System.Management.Automation.RuntimeException", types)
    assert errors.exception_matches(exc, "System.Exception", types)
    assert not errors.exception_matches(exc, "System.InvalidOperationException", types)
    assert errors.exception_matches(errors.PSInvalidCastException("x"), "System.InvalidCastException", types)


def test_error_record_exposes_powershell_properties() -> None:
    from exchange_sim.powershell.values.objects import get_property

    record = ErrorRecord(errors.InvalidOperationException("nope"), "Bad", ErrorCategory.InvalidOperation, None)
    assert get_property(get_property(record, "Exception"), "Message") == "nope"
    assert get_property(record, "FullyQualifiedErrorId") == "Bad"
    assert str(get_property(get_property(record, "CategoryInfo"), "Category")) == "InvalidOperation"


def test_long_source_line_is_clipped_around_the_error() -> None:
    line = "$result = " + "Get-Something -Name value " * 4 + "| Where-Object { $_.Broken() }"
    column = line.index("$_.Broken") + 1
    record = ErrorRecord(errors.RuntimeException("boom"), "X", ErrorCategory.NotSpecified).with_invocation(
        InvocationInfo(script_line_number=1, offset_in_line=column, line=line, end_line_number=1,
                       end_offset_in_line=column + len("$_.Broken()")))
    _, source, marks = format_error_record(record).splitlines()[1:4]
    assert source.startswith("+ ... ") and len(source) <= 2 + 4 + 69 + 4
    assert marks.index("~") == source.index("$_.Broken")
    assert marks.count("~") == len("$_.Broken()")


def test_tabs_show_as_four_spaces_and_tildes_follow() -> None:
    record = ErrorRecord(errors.RuntimeException("boom"), "X", ErrorCategory.NotSpecified).with_invocation(
        InvocationInfo(script_line_number=2, offset_in_line=2, line="\tthrow 'x'", end_line_number=2,
                       end_offset_in_line=11))
    assert format_error_record(record).splitlines()[2:4] == ["+     throw 'x'", "+     ~~~~~~~~~"]
