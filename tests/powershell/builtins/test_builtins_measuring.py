"""Compare-Object's verdicts and Measure-Object's statistics over PowerShell values."""

from __future__ import annotations

from exchange_sim.powershell.builtins.measuring import compare_sides, measure
from exchange_sim.powershell.values.objects import PSObject


def test_compare_sides_lists_difference_items_then_leftover_reference_items() -> None:
    assert compare_sides(["a", "b", "c"], ["b", "c", "d"], []) == [("b", "=="), ("c", "=="), ("d", "=>"), ("a", "<=")]


def test_compare_ignores_case_unless_asked() -> None:
    assert compare_sides(["IIS", "SMTP"], ["smtp", "iis"], []) == [("smtp", "=="), ("iis", "==")]
    assert [side for _, side in compare_sides(["IIS"], ["iis"], [], case_sensitive=True)] == ["=>", "<="]


def test_compare_by_property_and_duplicates_match_once() -> None:
    ref = [PSObject([("S", "IIS")]), PSObject([("S", "IIS")])]
    dif = [PSObject([("S", "iis")])]
    assert [side for _, side in compare_sides(ref, dif, ["S"])] == ["==", "<="]


def test_compare_numbers_with_numeric_strings() -> None:
    assert [side for _, side in compare_sides([1, 2], ["1", "2"], [])] == ["==", "=="]


def test_measure_gives_doubles_and_counts() -> None:
    info, bad = measure([1, 2, 3, 4], frozenset({"Sum", "Average", "Maximum", "Minimum"}), 4, None)
    assert bad == []
    assert dict(info.ps_properties()) == {"Count": 4, "Average": 2.5, "Sum": 10.0, "Maximum": 4.0, "Minimum": 1.0,
                                          "Property": None}


def test_measure_reports_non_numeric_values_and_sums_the_rest() -> None:
    info, bad = measure([1, "x", "2"], frozenset({"Sum"}), 3, "P")
    assert bad == ["x"] and info.ps_properties()["Sum"] == 3.0


def test_measure_maximum_of_strings_is_the_last_in_sort_order() -> None:
    info, _ = measure(["b", "C", "a"], frozenset({"Maximum", "Minimum"}), 3, None)
    assert (info.ps_properties()["Maximum"], info.ps_properties()["Minimum"]) == ("C", "a")


def test_statistics_not_asked_for_stay_null() -> None:
    info, _ = measure([5], frozenset(), 1, None)
    assert info.ps_properties()["Sum"] is None and info.ps_properties()["Count"] == 1
