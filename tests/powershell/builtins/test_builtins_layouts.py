"""Text layouts of ConvertTo-Json, the CSV cmdlets and ConvertTo-Html (Windows PowerShell 5.1)."""

from __future__ import annotations

import datetime
import json
from typing import Any

from exchange_sim.powershell.builtins.csv_layout import header_line, parse_csv, record_line
from exchange_sim.powershell.builtins.html_layout import HtmlRequest, html_lines
from exchange_sim.powershell.builtins.json_layout import ObjectReader, to_json

PLAIN = ObjectReader(
    members=lambda v: list(v.items()) if isinstance(v, dict) else None,
    items=lambda v: list(v) if isinstance(v, (list, tuple)) else None,
    text=lambda v: "System.Collections.Hashtable" if isinstance(v, dict) else str(v),
)


def test_json_nested_object_is_indented_past_its_opening_brace() -> None:
    text = to_json({"Name": "mail", "Cert": {"Days": 30}}, PLAIN)
    assert text == (
        "{\n"
        '    "Name":  "mail",\n'
        '    "Cert":  {\n'
        '                 "Days":  30\n'
        "             }\n"
        "}"
    )


def test_json_empty_array_keeps_an_empty_line() -> None:
    assert to_json([], PLAIN) == "[\n\n]"


def test_json_objects_below_depth_become_their_string_form() -> None:
    text = to_json({"a": {"b": {"c": {"d": 1}}}}, PLAIN, compress=True)
    assert text == '{"a":{"b":{"c":"System.Collections.Hashtable"}}}'


def test_json_escapes_like_javascriptserializer_and_stays_valid() -> None:
    text = to_json({"s": "it's <b>&", "t": True, "n": None}, PLAIN, compress=True)
    assert text == '{"s":"it\\u0027s \\u003cb\\u003e\\u0026","t":true,"n":null}'
    assert json.loads(text)["s"] == "it's <b>&"


def test_json_dates_use_the_microsoft_date_form() -> None:
    text = to_json(datetime.datetime(2026, 1, 1), PLAIN)
    assert text == '"\\/Date(1767225600000)\\/"'


def test_csv_quotes_every_value_and_leaves_null_empty() -> None:
    assert header_line(["Name", "Note"]) == '"Name","Note"'
    assert record_line(['say "hi"', None]) == '"say ""hi""",'


def test_csv_parse_reads_type_line_quoted_delimiters_and_missing_fields() -> None:
    table = parse_csv('#TYPE System.Management.Automation.PSCustomObject\n"A","B"\n"1,5","x""y"\n"2"\n')
    assert table.type_name == "System.Management.Automation.PSCustomObject"
    assert table.header == ("A", "B")
    assert table.records == (("1,5", 'x"y'), ("2", None))


def test_csv_parse_with_explicit_header_and_other_delimiter() -> None:
    table = parse_csv("1;2\n3;4", delimiter=";", header=["X", "Y"])
    assert table.records == (("1", "2"), ("3", "4"))


def test_html_document_has_xhtml_head_colgroup_and_rows() -> None:
    lines = html_lines(HtmlRequest(("Name", "Days"), (("a<b", "3"),), title="Expiry"))
    assert lines == [
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
        '<html xmlns="http://www.w3.org/1999/xhtml">',
        "<head>",
        "<title>Expiry</title>",
        "</head><body>",
        "<table>",
        "<colgroup><col/><col/></colgroup>",
        "<tr><th>Name</th><th>Days</th></tr>",
        "<tr><td>a&lt;b</td><td>3</td></tr>",
        "</table>",
        "</body></html>",
    ]


def test_html_fragment_is_only_the_table_between_pre_and_post_content() -> None:
    lines = html_lines(HtmlRequest(("A",), (("1",),), fragment=True, pre_content=("<h1>x</h1>",), post_content=("end",)))
    assert lines[0] == "<h1>x</h1>" and lines[1] == "<table>" and lines[-1] == "end"


def test_html_head_replaces_the_default_title() -> None:
    lines = html_lines(HtmlRequest((), (), head=("<style>td{}</style>",)))
    assert "<style>td{}</style>" in lines and not any("<title>" in line for line in lines)


def test_csv_records_become_pscustomobjects_typed_csv_colon() -> None:
    from exchange_sim.powershell.builtins.conversion import objects_from_csv
    from exchange_sim.powershell.values.objects import get_property

    (item,) = objects_from_csv(parse_csv('#TYPE Selected.X\n"Name","Days"\n"mail","30"'))
    assert (get_property(item, "Name"), get_property(item, "Days")) == ("mail", "30")
    assert item.type_names[0] == "CSV:Selected.X"


def test_json_objects_become_pscustomobjects_in_key_order() -> None:
    from exchange_sim.powershell.builtins.conversion import objects_from_json
    from exchange_sim.powershell.values.objects import PSObject, property_names

    value = objects_from_json(json.loads('{"b": 1, "a": {"c": [1, 2]}}'))
    assert isinstance(value, PSObject) and property_names(value) == ["b", "a"]
    assert property_names(value.properties["a"]) == ["c"]


def test_convertto_json_reads_values_layer_objects() -> None:
    from exchange_sim.powershell.builtins.conversion import READER
    from exchange_sim.powershell.values.objects import Hashtable, PSObject

    item = PSObject([("Name", "mail"), ("Tags", ["a"]), ("Map", Hashtable({"k": 1}))])
    assert to_json(item, READER, compress=True) == '{"Name":"mail","Tags":["a"],"Map":{"k":1}}'
