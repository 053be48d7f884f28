"""Conversions (§5.1): truthiness, text, numbers, casts, enums and their error texts."""

from __future__ import annotations

import datetime
import decimal
import enum

import pytest

from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.conversions import (
    convert_bool_parameter,
    convert_to,
    enum_text,
    to_bool,
    to_string,
)
from exchange_sim.powershell.values.objects import Char, Hashtable, PSObject
from exchange_sim.powershell.values.types import TypeTable


class Services(enum.IntFlag):
    none = 0
    UM = 1
    IIS = 4
    SMTP = 8
    POP = 16
    IMAP = 32


Services.none._name_ = "None"
Services.ps_type_name = "Microsoft.Exchange.Data.AllowedServices"  # type: ignore[attr-defined]


class Color(enum.IntEnum):
    Red = 1
    Green = 2


Color.ps_type_name = "Lab.Color"  # type: ignore[attr-defined]


@pytest.fixture()
def table(types: TypeTable) -> TypeTable:
    return types


def message_of(call) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(errors.RuntimeException) as caught:
        call()
    return caught.value.message


def test_string_to_int_rounds_half_to_even(table: TypeTable) -> None:
    assert convert_to("2.5", "int", table) == 2
    assert convert_to("3.5", "int", table) == 4
    assert convert_to(-2.5, "int", table) == -2
    assert convert_to(" 42 ", "int", table) == 42
    assert convert_to("", "int", table) == 0
    assert convert_to("0x1F", "int", table) == 31


def test_bad_string_to_int_reports_input_format(table: TypeTable) -> None:
    text = message_of(lambda: convert_to("abc", "int", table))
    assert text == 'Cannot convert value "abc" to type "System.Int32". Error: "Input string was not in a correct format."'
    assert message_of(lambda: convert_to("1,000", "int", table)).startswith('Cannot convert value "1,000"')


def test_cast_failure_is_catchable_as_invalid_cast(table: TypeTable) -> None:
    with pytest.raises(errors.RuntimeException) as caught:
        convert_to("abc", "int", table)
    assert errors.exception_matches(caught.value, "System.InvalidCastException", table)
    assert errors.exception_matches(caught.value, "System.Management.Automation.RuntimeException", table)
    assert not errors.exception_matches(caught.value, "System.IO.IOException", table)


def test_byte_overflow_names_the_unsigned_byte(table: TypeTable) -> None:
    assert message_of(lambda: convert_to(300, "byte", table)) == (
        'Cannot convert value "300" to type "System.Byte". Error: "Value was either too large or too small for an '
        'unsigned byte."')


def test_truthiness_follows_powershell_rules() -> None:
    assert to_bool("False") and to_bool("0") and to_bool(" ")
    assert not to_bool("") and not to_bool(0) and not to_bool(None)
    assert not to_bool([0]) and not to_bool([None]) and not to_bool([""])
    assert to_bool([False, False]) and to_bool([[0]])
    assert to_bool(Hashtable()) and to_bool(PSObject())
    assert not to_bool([])


def test_string_of_values_uses_invariant_culture() -> None:
    assert to_string([1, "a", None, 2.5]) == "1 a  2.5"
    assert to_string([1, [2, 3]]) == "1 System.Object[]"
    assert to_string(datetime.datetime(2026, 11, 28, 15, 4, 5)) == "11/28/2026 15:04:05"
    assert to_string(True) == "True"
    assert to_string(Hashtable({"a": 1})) == "System.Collections.Hashtable"
    assert to_string(PSObject({"a": 1, "b": 2})) == "@{a=1; b=2}"
    assert to_string(decimal.Decimal("1.50")) == "1.50"
    assert to_string([1, 2], ofs="-") == "1-2"


def test_flags_enum_text_is_names_in_ascending_order() -> None:
    assert enum_text(Services.SMTP | Services.IIS | Services.IMAP | Services.POP) == "IIS, SMTP, POP, IMAP"
    assert enum_text(Services(0)) == "None"


def test_flags_enum_converts_from_names_lists_and_numbers(table: TypeTable) -> None:
    table.register_enum(Services)
    name = "Microsoft.Exchange.Data.AllowedServices"
    assert convert_to("IIS,SMTP", name, table) == Services.IIS | Services.SMTP
    assert convert_to("imap, pop", name, table) == Services.IMAP | Services.POP
    assert convert_to(["IIS", "SMTP"], name, table) == Services.IIS | Services.SMTP
    assert convert_to(12, name, table) == Services.IIS | Services.SMTP


def test_unknown_enum_name_lists_the_enumerators(table: TypeTable) -> None:
    table.register_enum(Services)
    text = message_of(lambda: convert_to("Web", "Microsoft.Exchange.Data.AllowedServices", table))
    assert text == (
        'Cannot convert value "Web" to type "Microsoft.Exchange.Data.AllowedServices". Error: "Unable to match the '
        "identifier name Web to a valid enumerator name. Specify one of the following enumerator names and try "
        'again: None, UM, IIS, SMTP, POP, IMAP"')


def test_non_flags_enum_refuses_commas_and_undefined_numbers(table: TypeTable) -> None:
    table.register_enum(Color)
    assert "no commas are allowed" in message_of(lambda: convert_to("Red,Green", "Lab.Color", table))
    assert message_of(lambda: convert_to(7, "Lab.Color", table)).endswith(
        'The possible enumeration values are "Red,Green".')
    assert convert_to("gr*", "Lab.Color", table) == Color.Green


def test_bool_cast_and_bool_parameter_differ() -> None:
    assert convert_to("false", "bool") is True
    assert convert_bool_parameter(0) is False
    with pytest.raises(errors.RuntimeException) as caught:
        convert_bool_parameter("false")
    assert "Boolean parameters accept only Boolean values and numbers" in caught.value.message


def test_string_parameter_joins_an_array(table: TypeTable) -> None:
    assert convert_to(["a", "b"], "string", table) == "a b"


def test_array_conversions_wrap_scalars_and_split_strings_to_chars(table: TypeTable) -> None:
    assert convert_to(5, "int[]", table) == [5]
    assert convert_to(["1", "2"], "int[]", table) == [1, 2]
    assert convert_to("ab", "char[]", table) == [Char("a"), Char("b")]
    assert convert_to(None, "string[]", table) is None
    assert convert_to([1, 2], "byte[]", table) == bytearray(b"\x01\x02")


def test_string_to_byte_array_failure_names_both_types(table: TypeTable) -> None:
    assert message_of(lambda: convert_to("x", "byte[]", table)) == (
        'Cannot convert the "x" value of type "System.String" to type "System.Byte[]".')


def test_array_to_int_fails(table: TypeTable) -> None:
    assert message_of(lambda: convert_to([1, 2], "int", table)) == (
        'Cannot convert the "System.Object[]" value of type "System.Object[]" to type "System.Int32".')


def test_datetime_cast_uses_invariant_month_first(table: TypeTable) -> None:
    assert convert_to("03/04/2026", "datetime", table) == datetime.datetime(2026, 3, 4)
    assert convert_to("2026-11-28 10:00", "datetime", table) == datetime.datetime(2026, 11, 28, 10, 0)
    assert "String was not recognized as a valid DateTime." in message_of(
        lambda: convert_to("someday", "datetime", table))


def test_timespan_cast_reads_days_and_clock(table: TypeTable) -> None:
    assert convert_to("1.02:03:04", "timespan", table) == datetime.timedelta(days=1, hours=2, minutes=3, seconds=4)
    assert convert_to("00:30", "timespan", table) == datetime.timedelta(minutes=30)


def test_null_casts(table: TypeTable) -> None:
    assert convert_to(None, "string", table) == ""
    assert convert_to(None, "int", table) == 0
    assert convert_to(None, "bool", table) is False


def test_hashtable_to_pscustomobject_keeps_order(table: TypeTable) -> None:
    source = Hashtable(ordered=True)
    source["b"] = 1
    source["a"] = 2
    made = convert_to(source, "pscustomobject", table)
    assert isinstance(made, PSObject)
    assert list(made.properties) == ["b", "a"]


def test_char_cast_requires_one_character(table: TypeTable) -> None:
    assert convert_to(65, "char", table) == "A"
    assert 'String must be exactly one character long.' in message_of(lambda: convert_to("ab", "char", table))


def test_decimal_cast_keeps_scale(table: TypeTable) -> None:
    assert to_string(convert_to("1.50", "decimal", table)) == "1.50"


def test_version_ipaddress_and_uri_casts(table: TypeTable) -> None:
    from exchange_sim.powershell.values.objects import get_property
    from exchange_sim.powershell.values.operators import compare

    version = convert_to("15.2.1118.7", "version", table)
    assert get_property(version, "Build") == 1118
    assert compare("gt", version, convert_to("15.1", "version", table)) is True
    assert compare("lt", version, "15.10") is True
    assert compare("eq", version, "15.2.1118.7") is True
    assert str(convert_to("10.0.0.1", "ipaddress", table)) == "10.0.0.1"
    assert "An invalid IP address was specified." in message_of(lambda: convert_to("10.0.0.300", "ipaddress", table))
    uri = convert_to("https://mail.contoso.com/owa", "uri", table)
    assert get_property(uri, "Host") == "mail.contoso.com"
    assert get_property(uri, "Port") == 443


def test_dotnet_enum_bases_print_like_dotnet(table: TypeTable) -> None:
    from exchange_sim.powershell.values.enum_conversion import DotNetFlags

    class Mask(DotNetFlags):
        none = 0
        IIS = 4
        SMTP = 8

    Mask.none._name_ = "None"
    Mask.ps_type_name = "Lab.Mask"  # type: ignore[attr-defined]
    table.register_enum(Mask)
    assert str(Mask.IIS | Mask.SMTP) == "IIS, SMTP"
    assert f"{Mask(0)}" == "None"
    assert convert_to("none", "Lab.Mask", table) == Mask(0)


def test_exception_text_names_its_type() -> None:
    assert to_string(errors.ItemNotFoundException("gone")) == "System.Management.Automation.ItemNotFoundException: gone"
