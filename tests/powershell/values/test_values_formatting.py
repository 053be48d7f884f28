"""Default formatting (§9) against golden files: tables, lists, hashtables, views, cells."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any, Iterator, Mapping

import pytest

from exchange_sim.powershell.values.formatting import TableColumn, TableView, ViewTable, format_default, format_list, format_table
from exchange_sim.powershell.values.objects import Hashtable, PSObject

CERT = "Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate"



class Cert:
    """An adapter-protocol object standing in for the Exchange engineer's certificate view."""

    ps_type_names = (CERT, "System.Security.Cryptography.X509Certificates.X509Certificate2", "System.Object")

    def __init__(self, thumbprint: str, services: str, subject: str) -> None:
        self.t, self.s, self.subj = thumbprint, services, subject

    def ps_properties(self) -> Mapping[str, Any]:
        return {"Thumbprint": self.t, "Services": self.s, "Subject": self.subj, "HasPrivateKey": True,
                "IsSelfSigned": False}


def cases() -> Iterator[tuple[str, str]]:
    views = ViewTable()
    views.register(TableView(CERT, (TableColumn("Thumbprint", "Thumbprint", 41), TableColumn("Services", "Services", 10), TableColumn("Subject", "Subject"))))
    certs = [Cert("3F7C0A9B2D4E6F8011223344556677889900AABB", "...WS..", "CN=mail.contoso.com, O=Contoso, C=US"),
             Cert("611C687DFC4343A5A03E0005A1EC6E9B6AFF586D", "IP.WS..", "CN=EX01")]
    yield "table_pscustomobject", format_default([PSObject({"Name": "mail01", "Days": 30, "Valid": True})], views)
    yield "list_five_properties", format_default([PSObject({"Thumbprint": "0123456789ABCDEF0123456789ABCDEF01234567", "Subject": "CN=mail.contoso.com", "NotAfter": datetime.datetime(2026, 11, 28, 10), "Services": "IIS, SMTP", "HasKey": True})], views)
    h = Hashtable(); h["Thumbprint"] = "0123456789ABCDEF0123456789ABCDEF01234567"; h["Services"] = "IIS, SMTP"
    yield "hashtable", format_default([h], views)
    yield "exchange_certificate_view", format_default(certs, views)
    yield "first_object_fixes_columns", format_default([PSObject({"a": 1, "b": "x"}), "between", PSObject({"b": "y", "c": 3})], views)
    yield "cells_collections_and_truncation", format_table([PSObject({"List": [1, 2, 3, 4, 5], "Empty": [], "Nested": PSObject({"a": 1}), "Long": "x" * 150})], views=views, width=80)
    calc = Hashtable(); calc["n"] = "Twice"; calc["e"] = lambda o: o.properties["v"] * 2; calc["width"] = 8; calc["alignment"] = "left"
    yield "calculated_property", format_table([PSObject({"v": 1}), PSObject({"v": 21})], ["v", calc], views=views)
    yield "format_list_selected_and_wrapped", format_list([PSObject({"Name": "a", "Text": "word " * 30})], ["Name", "Text"], views=views, width=60)
    yield "mixed_registered_then_other", format_default([certs[0], PSObject({"Name": "x", "A": 1, "B": 2, "C": 3, "D": 4})], views)


GOLDEN = Path(__file__).parent / "golden"
CASES = dict(cases())


@pytest.mark.parametrize("name", sorted(CASES))
def test_default_formatting_matches_golden(name: str) -> None:
    assert CASES[name] == (GOLDEN / f"format_{name}.txt").read_text(encoding="utf-8")


def test_table_numbers_right_aligned_and_strings_left() -> None:
    text = format_default([PSObject({"Name": "a", "Size": 5})], ViewTable())
    assert text.splitlines()[1:4] == ["Name Size", "---- ----", "a       5"]


def test_lone_scalars_print_without_blank_lines() -> None:
    assert format_default([1, "two", 2.5, True], ViewTable()) == "1\ntwo\n2.5\nTrue\n"


def test_lone_date_prints_long_form_with_blank_lines() -> None:
    assert format_default([datetime.datetime(2026, 11, 28, 15, 4, 5)], ViewTable()) == (
        "\nSaturday, November 28, 2026 3:04:05 PM\n\n\n")


def test_null_prints_nothing() -> None:
    assert format_default([None], ViewTable()) == ""


def test_narrow_console_narrows_the_last_column() -> None:
    text = format_default([PSObject({"A": "x" * 30, "B": "y" * 60})], ViewTable(), width=60)
    assert all(len(line) <= 59 for line in text.splitlines())
    assert text.splitlines()[3].endswith("...")


def test_format_table_with_named_properties_and_wildcards() -> None:
    rows = [PSObject({"Name": "a", "NotAfter": "x", "NotBefore": "y", "Other": 1})]
    text = format_table(rows, ["Name", "Not*"])
    assert text.splitlines()[1] == "Name NotAfter NotBefore"


def test_format_table_autosize_measures_registered_view_columns_only_when_asked() -> None:
    views = ViewTable()
    views.register(TableView("Lab.Item", (TableColumn("Id", "Id", 20), TableColumn("Tag", "Tag", 6))))

    class Item:
        ps_type_names = ("Lab.Item", "System.Object")

        def ps_properties(self) -> Mapping[str, Any]:
            return {"Id": "ab", "Tag": "t"}

    fixed = format_table([Item()], views=views)
    assert fixed.splitlines()[1] == "Id                   Tag   "
    assert format_default([Item()], views).splitlines()[1] == "Id                   Tag   "


def test_out_string_width_narrows_tables() -> None:
    row = PSObject({"Key": "k" * 10, "Text": "t" * 200})
    assert max(len(line) for line in format_default([row], ViewTable(), width=80).splitlines()) == 79


def test_error_record_in_output_prints_its_layout() -> None:
    from exchange_sim.powershell.values import errors

    record = errors.ErrorRecord(errors.RuntimeException("broken"), "Broken", errors.ErrorCategory.InvalidOperation)
    assert format_default([record], ViewTable()).startswith("broken\n    + CategoryInfo")


def test_enum_and_collection_cells() -> None:
    from exchange_sim.powershell.values.dotnet.dates import DayOfWeek

    text = format_default([PSObject({"Day": DayOfWeek.Monday, "Tags": ["a", None]})], ViewTable())
    assert text.splitlines()[3] == "Monday {a, $null}"


def test_wrap_keeps_long_cells_on_more_lines() -> None:
    text = format_table([PSObject({"A": "1", "B": "x" * 150})], width=60, wrap=True)
    body = text.splitlines()[3:]
    assert body[0].startswith("1 ") and body[1].startswith("  x")


def test_first_list_object_fixes_the_entries_of_later_objects() -> None:
    first = PSObject({"A": 1, "B": 2, "C": 3, "D": 4, "E": 5})
    second = PSObject({"A": "x", "Z": "hidden"})
    text = format_default([first, second], ViewTable())
    blocks = [b for b in text.split("\n\n") if b.strip()]
    assert blocks[1].splitlines() == ["A : x", "B : ", "C : ", "D : ", "E : "]


def test_autosize_measures_even_registered_view_columns() -> None:
    views = ViewTable()
    views.register(TableView("Lab.Thing", (TableColumn("Id", "Id", 20),)))
    thing = PSObject({"Id": "ab"}, ["Lab.Thing", "System.Object"])
    assert format_table([thing], views=views, auto_size=True).splitlines()[1] == "Id"


def test_consecutive_list_objects_form_one_list() -> None:
    first = PSObject({"A": 1, "B": 2, "C": 3, "D": 4, "E": 5})
    second = PSObject({"A": 6, "B": 7, "C": 8, "D": 9, "E": 10})
    text = format_default([first, second], ViewTable())
    assert text.startswith("\n\nA : 1\n")
    assert "E : 5\n\nA : 6\n" in text
    assert text.endswith("E : 10\n\n\n\n")
