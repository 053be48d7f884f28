"""Operators (§5.2, §5.3): the left operand decides; collections on the left filter."""

from __future__ import annotations

import datetime
import enum

import pytest

from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.conversions import to_string
from exchange_sim.powershell.values.objects import Char, Hashtable, PSObject
from exchange_sim.powershell.values.operators import binary_op, compare, match_operator, unary_op
from exchange_sim.powershell.values.types import TypeTable


class Services(enum.IntFlag):
    none = 0
    IIS = 4
    SMTP = 8


Services.none._name_ = "None"
Services.ps_type_name = "Microsoft.Exchange.Data.AllowedServices"  # type: ignore[attr-defined]


def failure(call) -> errors.RuntimeException:  # type: ignore[no-untyped-def]
    with pytest.raises(errors.RuntimeException) as caught:
        call()
    return caught.value


def test_string_left_concatenates_and_number_left_adds() -> None:
    assert binary_op("+", "5", 3) == "53"
    assert binary_op("+", 3, "5") == 8
    assert binary_op("*", "5", 3) == "555"
    assert binary_op("*", 3, "5") == 15
    assert binary_op("/", "10", "4") == 2.5
    assert binary_op("-", "10", "4") == 6


def test_division_is_double_only_when_not_exact() -> None:
    assert binary_op("/", 7, 2) == 3.5
    result = binary_op("/", 6, 2)
    assert result == 3 and isinstance(result, int)
    assert binary_op("%", -7, 2) == -1


def test_int_overflow_widens_to_double() -> None:
    result = binary_op("+", 2147483647, 1)
    assert isinstance(result, float) and to_string(result) == "2147483648"


def test_integer_division_by_zero_is_an_error_but_double_gives_infinity() -> None:
    assert failure(lambda: binary_op("/", 1, 0)).message == "Attempted to divide by zero."
    assert to_string(binary_op("/", 1.0, 0)) == "Infinity"


def test_null_and_boolean_and_char_operands() -> None:
    assert binary_op("+", None, 1) == 1
    assert binary_op("+", None, "a") == "a"
    assert binary_op("+", True, 1) == 2
    assert binary_op("+", Char("a"), 1) == "a1"


def test_pscustomobject_has_no_addition() -> None:
    error = failure(lambda: binary_op("+", PSObject(), 1))
    assert error.error_id == "MethodNotFound"
    assert error.message == ("Method invocation failed because [System.Management.Automation.PSCustomObject] does not "
                             "contain a method named 'op_Addition'.")


def test_array_arithmetic_builds_new_arrays() -> None:
    assert binary_op("+", [1, 2], 3) == [1, 2, 3]
    assert binary_op("+", [1, 2], [3, 4]) == [1, 2, 3, 4]
    assert binary_op("*", [1, 2], 2) == [1, 2, 1, 2]
    assert binary_op("+", [1], 2) == [1, 2]
    assert failure(lambda: binary_op("+", 1, [2])).message.startswith('Cannot convert the "System.Object[]"')


def test_hashtable_addition_merges() -> None:
    merged = binary_op("+", Hashtable({"a": 1}), Hashtable({"b": 2}))
    assert list(merged.items()) == [("a", 1), ("b", 2)]


def test_hashtable_addition_duplicate_key_fails() -> None:
    with pytest.raises(errors.ArgumentException) as caught:
        binary_op("+", Hashtable({"a": 1}), Hashtable({"A": 2}))
    assert caught.value.message == "Item has already been added. Key in dictionary: 'a'  Key being added: 'A'"


def test_date_arithmetic() -> None:
    d1, d2 = datetime.datetime(2026, 1, 1), datetime.datetime(2026, 1, 31, 12)
    assert binary_op("-", d2, d1) == datetime.timedelta(days=30, hours=12)
    assert binary_op("+", d1, datetime.timedelta(days=2)) == datetime.datetime(2026, 1, 3)
    assert binary_op("-", d1, datetime.timedelta(days=1)) == datetime.datetime(2025, 12, 31)


def test_comparisons_convert_the_right_side_to_the_left_type() -> None:
    assert compare("eq", 1, "1.0") is True
    assert compare("eq", "1.0", 1) is False
    assert compare("eq", None, 0) is False and compare("eq", 0, None) is False and compare("eq", "", None) is False
    assert compare("lt", None, 1) is True
    assert compare("eq", "ABC", "abc") is True
    assert compare("ceq", "ABC", "abc") is False
    assert compare("lt", "a", "B") is True
    assert compare("lt", datetime.datetime(2026, 1, 1), "2026-06-01") is True
    assert compare("eq", 1, "abc") is False


def test_number_left_ordering_with_text_right_fails() -> None:
    error = failure(lambda: compare("lt", 1, "abc"))
    assert error.error_id == "ComparisonFailure"
    assert error.message.startswith('Could not compare "1" to "abc". Error: "Cannot convert value "abc" to type')


def test_collection_on_left_of_eq_filters() -> None:
    assert compare("gt", [1, 2, 3], 1) == [2, 3]
    assert compare("eq", [1, 2], 5) == []
    assert compare("eq", [0], 0) == [0]
    assert compare("eq", [1, None, 2], None) == [None]
    assert compare("like", ["mail", "web", "mx"], "m*") == ["mail", "mx"]


def test_contains_and_in_return_booleans() -> None:
    assert compare("contains", ["IIS", "SMTP"], "smtp") is True
    assert compare("ccontains", ["IIS", "SMTP"], "smtp") is False
    assert compare("in", "IIS", ["IIS", "SMTP"]) is True
    assert compare("notin", 3, [1, 2]) is True


def test_flags_enum_eq_true_only_when_sole_flag() -> None:
    both = Services.IIS | Services.SMTP
    assert compare("eq", Services.IIS, "IIS") is True
    assert compare("eq", both, "IIS") is False
    assert compare("eq", both, "IIS, SMTP") is True
    assert compare("match", both, "SMTP") is True
    assert compare("like", both, "*IIS*") is True


def test_like_wildcards_and_escapes() -> None:
    assert compare("like", "mail.contoso.com", "*.contoso.com") is True
    assert compare("like", "a1", "a[0-9]") is True
    assert compare("like", "a*", "a`*") is True
    assert compare("like", "ab", "a`*") is False
    assert failure(lambda: compare("like", "a", "[a")).message.startswith(
        "The specified wildcard character pattern is not valid")


def test_match_sets_matches_with_int_and_named_keys() -> None:
    result, matches = match_operator("CN=mail.contoso.com", r"CN=(?<host>[^.]+)\.(\w+)")
    assert result is True and matches is not None
    assert matches[0] == "CN=mail.contoso"
    assert matches["host"] == "mail"
    assert matches[1] == "contoso"
    assert list(matches.keys()) == ["host", 1, 0]


def test_match_failure_keeps_old_matches_and_collections_filter() -> None:
    assert match_operator("abc", "x") == (False, None)
    assert match_operator(["a1", "b", "c2"], r"\d") == (["a1", "c2"], None)


def test_bad_regex_reports_pattern() -> None:
    assert failure(lambda: compare("match", "a", "(")).message == "The regular expression pattern ( is not valid."


def test_replace_uses_dotnet_tokens_case_insensitively() -> None:
    assert binary_op("replace", "Hello World", ["o", "0"]) == "Hell0 W0rld"
    assert binary_op("replace", "john smith", [r"(\w+) (\w+)", "$2, $1"]) == "smith, john"
    assert binary_op("replace", "ABC", ["b", "$$"]) == "A$C"
    assert binary_op("replace", "a-b", [r"(?<x>\w)-", "${x}+"]) == "a+b"
    assert binary_op("replace", "ABC", "b") == "AC"
    assert binary_op("creplace", "ABC", ["b", "x"]) == "ABC"
    assert binary_op("replace", ["a1", "b1"], ["1", "2"]) == ["a2", "b2"]


def test_split_is_regex_keeps_empty_fields_and_emits_groups() -> None:
    assert binary_op("split", "a,b,,c", ",") == ["a", "b", "", "c"]
    assert binary_op("split", "a.b", ".") == ["", "", "", ""]
    assert binary_op("split", "a.b", [".", 0, "SimpleMatch"]) == ["a", "b"]
    assert binary_op("split", "a1b2c", r"(\d)") == ["a", "1", "b", "2", "c"]
    assert binary_op("split", "a,b,c,d", [",", 2]) == ["a", "b,c,d"]
    assert unary_op("split", "  a  b ") == ["a", "b"]


def test_join_converts_elements_to_text() -> None:
    assert binary_op("join", [1, None, "x"], ",") == "1,,x"
    assert unary_op("join", ["a", "b"]) == "ab"


def test_is_and_as() -> None:
    types = TypeTable()
    assert binary_op("is", 5, "int", types) is True
    assert binary_op("is", 5, "long", types) is False
    assert binary_op("is", None, "object", types) is False
    assert binary_op("is", [1], "array", types) is True
    assert binary_op("is", Hashtable(), "System.Collections.IDictionary", types) is True
    assert binary_op("as", "5", "int", types) == 5
    assert binary_op("as", "x", "int", types) is None


def test_bitwise_on_ints_and_enums() -> None:
    assert binary_op("band", 12, 4) == 4
    assert binary_op("bor", 1, 2) == 3
    assert binary_op("bxor", 3, 1) == 2
    assert binary_op("shl", 1, 4) == 16
    assert binary_op("shr", 16, 2) == 4
    assert binary_op("bor", Services.IIS, "SMTP") == Services.IIS | Services.SMTP
    assert unary_op("bnot", 0) == -1


def test_not_and_logical_operators_return_booleans() -> None:
    assert unary_op("not", "") is True
    assert unary_op("!", [0]) is True
    assert binary_op("and", 1, "x") is True
    assert binary_op("xor", True, True) is False


def test_unary_minus_parses_strings() -> None:
    assert unary_op("-", "5") == -5
    assert unary_op("-", 2.5) == -2.5


def test_range_counts_up_or_down_over_int32() -> None:
    from exchange_sim.powershell.values.operators import range_operator

    assert range_operator(1, 3) == [1, 2, 3]
    assert range_operator(3, 1) == [3, 2, 1]
    assert range_operator("2", 2.5) == [2]
    assert failure(lambda: range_operator("a", 2)).message.startswith('Cannot convert value "a" to type "System.Int32"')
