"""Rules of the core cmdlets that are pure functions of PowerShell values: calculated-property
hashtables, Sort-Object's ordering of mixed values, and the objects the cmdlets emit."""

from __future__ import annotations

import datetime
import functools

import pytest

from exchange_sim.powershell.builtins.measuring import GenericMeasureInfo
from exchange_sim.powershell.builtins.ordering import GroupInfo, compare_values
from exchange_sim.powershell.builtins.properties import (
    FORMAT_TABLE_KEYS,
    SELECT_KEYS,
    PropertySpecError,
    expand_names,
    parse_specs,
)
from exchange_sim.powershell.builtins.text_search import MatchInfo
from exchange_sim.powershell.values.conversions import to_string
from exchange_sim.powershell.values.objects import Hashtable, PSObject, get_property


def test_calculated_property_accepts_short_and_long_keys() -> None:
    (a, b) = parse_specs([Hashtable({"n": "Days", "e": "NotAfter"}), Hashtable({"Label": "X", "Expression": "Y"})],
                         SELECT_KEYS)
    assert (a.name, a.expression, b.name, b.expression) == ("Days", "NotAfter", "X", "Y")


def test_calculated_property_key_prefix_and_table_options() -> None:
    (spec,) = parse_specs([Hashtable({"na": "N", "ex": "P", "w": 12, "a": "right"})], FORMAT_TABLE_KEYS)
    assert (spec.name, spec.option("width"), spec.option("alignment")) == ("N", 12, "right")


def test_calculated_property_unknown_key_is_refused_with_powershell_text() -> None:
    with pytest.raises(PropertySpecError, match='The "Foo" key is not valid.'):
        parse_specs([Hashtable({"n": "x", "Foo": 1, "e": "y"})], SELECT_KEYS)


def test_calculated_property_name_given_twice_is_refused() -> None:
    with pytest.raises(PropertySpecError, match="already been specified"):
        parse_specs([Hashtable({"n": "x", "Label": "y", "e": "z"})], SELECT_KEYS)


def test_wildcard_names_expand_in_the_objects_own_order() -> None:
    target = PSObject([("NotBefore", 1), ("Name", 2), ("NotAfter", 3)])
    assert [s.name for s in expand_names(parse_specs(["Not*", "Name"], SELECT_KEYS), target)] == [
        "NotBefore", "NotAfter", "Name"]


def _sorted(values: list) -> list:
    return sorted(values, key=functools.cmp_to_key(compare_values))


def test_sort_order_puts_null_first_and_compares_numbers_by_value() -> None:
    assert _sorted([10, None, 9, 100]) == [None, 9, 10, 100]


def test_sort_order_of_strings_ignores_case() -> None:
    assert _sorted(["b", "A", "c"]) == ["A", "b", "c"]


def test_sort_order_converts_the_right_side_to_the_left_type() -> None:
    assert compare_values(10, "9") == 1


def test_sort_order_of_dates() -> None:
    early, late = datetime.datetime(2025, 1, 1), datetime.datetime(2026, 1, 1)
    assert _sorted([late, early]) == [early, late]


def test_objects_without_natural_order_sort_by_their_string_form() -> None:
    a, b = PSObject([("X", 2)]), PSObject([("X", 1)])
    expected = sorted([to_string(a), to_string(b)], key=str.lower)
    assert [to_string(v) for v in _sorted([a, b])] == expected


def test_group_info_counts_its_members() -> None:
    group = GroupInfo("x", ["x"])
    group.group += ["x", "x"]
    assert (get_property(group, "Count"), get_property(group, "Name")) == (2, "x")
    group.no_element = True
    assert get_property(group, "Group") is None


def test_measure_info_has_powershells_property_order() -> None:
    info = GenericMeasureInfo(3, None, 6.0, None, None, None)
    assert list(info.ps_properties()) == ["Count", "Average", "Sum", "Maximum", "Minimum", "Property"]


def test_match_info_of_piped_text_prints_the_line_and_of_a_file_its_path() -> None:
    assert str(MatchInfo("abc", 1, "b", True, ["b"])) == "abc"
    assert str(MatchInfo("abc", 7, "b", True, ["b"], "C:\\logs\\a.txt")) == "C:\\logs\\a.txt:7:abc"


def test_select_window_skip_first_last() -> None:
    from exchange_sim.powershell.builtins.selecting import window

    items = list(range(1, 11))
    assert window(items, 3, None) == [1, 2, 3]
    assert window(items, None, 2) == [9, 10]
    assert window(items, None, None, skip=8) == [9, 10]
    assert window(items, 2, None, skip=1) == [2, 3]
    assert window(items, None, None, skip_last=8) == [1, 2]
    assert window(items, 1, 1) == [1, 10]
    assert window([1, 2], 5, 5) == [1, 2]
    assert window(items, None, 0) == []


def test_foreach_object_unnamed_blocks_are_assigned_like_5_1() -> None:
    from exchange_sim.powershell.builtins.filtering import assign_blocks

    assert assign_blocks(None, ["p"], None) == (None, ["p"], None)
    assert assign_blocks(None, ["b", "p"], None) == ("b", ["p"], None)
    assert assign_blocks(None, ["b", "p1", "p2", "e"], None) == ("b", ["p1", "p2"], "e")
    assert assign_blocks("B", ["p1", "p2"], None) == ("B", ["p1", "p2"], None)


def test_get_date_parts_replace_and_clamp_like_dotnet() -> None:
    from exchange_sim.powershell.builtins.dates import with_part

    moment = datetime.datetime(2026, 1, 31, 10, 0, 0)
    assert with_part(moment, "Month", 2) == datetime.datetime(2026, 2, 28, 10, 0, 0)
    assert with_part(moment, "Millisecond", 250).microsecond == 250000
    assert with_part(datetime.datetime(2026, 2, 1), "Day", 30) == datetime.datetime(2026, 3, 2)


def test_where_simplified_comparisons() -> None:
    from exchange_sim.powershell.builtins.filtering import where_matches

    assert where_matches("Valid", "EqualSet", "valid")
    assert not where_matches("Valid", "CaseSensitiveEqualSet", "valid")
    assert where_matches(30, "LessThanSet", "31")
    assert where_matches("IIS, SMTP", "LikeSet", "*SMTP*")
    assert where_matches("IIS, SMTP", "MatchSet", "iis")
    assert where_matches(["IIS", "SMTP"], "ContainsSet", "smtp")
    assert where_matches("IIS", "InSet", ["iis", "pop"])
    assert not where_matches("", "EqualSet", None, explicit=False)
    assert where_matches(True, "EqualSet", None, explicit=False)
    assert where_matches("x", "IsSet", "string")


def test_sort_items_descending_per_key_and_unique() -> None:
    from exchange_sim.powershell.builtins.ordering import sort_items

    items = ["b", "A", "a", "c"]
    assert sort_items(items, [[i] for i in items], [False], unique=True) == ["A", "b", "c"]
    rows = [("x", 2), ("y", 1), ("x", 1)]
    keys = [[name, number] for name, number in rows]
    assert sort_items(rows, keys, [False, True]) == [("x", 2), ("x", 1), ("y", 1)]


def test_group_items_keep_first_appearance_order_and_ignore_case() -> None:
    from exchange_sim.powershell.builtins.ordering import group_items

    groups = group_items(["b", "a", "B"], [["b"], ["a"], ["B"]])
    assert [(g.name, len(g.group)) for g in groups] == [("b", 2), ("a", 1)]
    assert [g.name for g in group_items(["b", "B"], [["b"], ["B"]], case_sensitive=True)] == ["b", "B"]
