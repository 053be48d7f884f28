"""The .NET surface: string, date, collection and hashtable members, statics, secrets, indexing, errors."""

from __future__ import annotations

import datetime
import uuid

import pytest

from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.conversions import convert_to
from exchange_sim.powershell.values.dotnet.security import NetworkCredential, PSCredential, SecureString
from exchange_sim.powershell.values.dotnet.statics import construct, get_static_member, get_static_method
from exchange_sim.powershell.values.indexing import get_index, set_index
from exchange_sim.powershell.values.objects import (
    Char,
    Hashtable,
    PSObject,
    call_method,
    enumerate_for_pipeline,
    get_property,
    property_names,
    set_property,
    type_names,
)
from exchange_sim.powershell.values.types import TypeTable


def static(types: TypeTable, type_name: str, member: str, *args: object) -> object:
    method = get_static_method(types.resolve(type_name), member, None, types)
    assert method is not None, f"[{type_name}]::{member}"
    return method(*args)


def failure(call) -> errors.RuntimeException:  # type: ignore[no-untyped-def]
    with pytest.raises(errors.RuntimeException) as caught:
        call()
    return caught.value


def test_string_methods_are_case_sensitive_like_dotnet() -> None:
    assert call_method("Contoso", "Contains", ["cont"]) is False
    assert call_method("Contoso", "StartsWith", ["Con"]) is True
    assert call_method("Contoso", "StartsWith", ["con"]) is False
    assert call_method("Contoso", "StartsWith", ["con", "OrdinalIgnoreCase"]) is True
    assert call_method("aXa", "Replace", ["x", "y"]) == "aXa"
    assert call_method("a.b.c", "Replace", [".", "-"]) == "a-b-c"


def test_string_split_on_a_string_splits_on_each_character_in_51() -> None:
    assert call_method("a, b", "Split", [", "]) == ["a", "", "b"]
    assert call_method("a, b", "Split", [[", "], "None"]) == ["a", "b"]
    assert call_method("a,,b", "Split", [",", "RemoveEmptyEntries"]) == ["a", "b"]
    assert call_method("a b", "Split", []) == ["a", "b"]


def test_string_trim_pad_substring_index() -> None:
    assert call_method("  x  ", "Trim", []) == "x"
    assert call_method("--x--", "TrimStart", ["-"]) == "x--"
    assert call_method("x.pfx", "TrimEnd", [[".", "p", "f", "x"]]) == ""
    assert call_method("7", "PadLeft", [3, "0"]) == "007"
    assert call_method("abc", "Substring", [1, 1]) == "b"
    assert call_method("abcabc", "IndexOf", ["c"]) == 2
    assert call_method("abcabc", "LastIndexOf", ["c"]) == 5
    assert call_method("abc", "ToCharArray", []) == ["a", "b", "c"]
    assert call_method("abc", "Insert", [1, "X"]) == "aXbc"
    assert call_method("abc", "Remove", [1]) == "a"
    assert get_property("abc", "Length") == 3


def test_substring_out_of_range_is_a_method_invocation_error() -> None:
    error = failure(lambda: call_method("abc", "Substring", [5]))
    assert isinstance(error, errors.MethodInvocationException)
    assert error.message == ('Exception calling "Substring" with "1" argument(s): "startIndex cannot be larger than '
                             'length of string.\r\nParameter name: startIndex"')


def test_unknown_method_and_null_method_errors() -> None:
    assert failure(lambda: call_method("a", "Foo", [])).message == (
        "Method invocation failed because [System.String] does not contain a method named 'Foo'.")
    error = failure(lambda: call_method(None, "Foo", []))
    assert error.error_id == "InvokeMethodOnNull"
    assert error.message == "You cannot call a method on a null-valued expression."
    assert failure(lambda: call_method("a", "Substring", [1, 2, 3, 4])).error_id == "MethodCountCouldNotFindBest"


def test_member_enumeration_collects_properties_and_calls_methods() -> None:
    items = [PSObject({"Name": "a"}), PSObject({"Name": "b"}), PSObject({"Other": 1})]
    assert get_property(items, "Name") == ["a", "b"]
    assert get_property(items, "Count") == 3
    assert get_property([PSObject({"Name": "only"})], "Name") == "only"
    assert call_method(["a", "b"], "ToUpper", []) == ["A", "B"]
    assert get_property(None, "Anything") is None
    assert get_property(5, "Count") == 1


def test_hashtable_keys_case_insensitive_and_shadow_properties() -> None:
    table = Hashtable()
    table["Count"] = "key"
    table["Name"] = 1
    assert get_property(table, "count") == "key"
    assert get_property(table, "NAME") == 1
    assert get_property(table, "missing") is None
    assert get_property(Hashtable({"a": 1}), "Count") == 1
    assert call_method(table, "ContainsKey", ["name"]) is True
    assert [get_property(e, "Key") for e in call_method(table, "GetEnumerator", [])] == ["Count", "Name"]
    with pytest.raises(errors.MethodInvocationException) as caught:
        call_method(table, "Add", ["NAME", 2])
    assert "Item has already been added. Key in dictionary: 'Name'  Key being added: 'NAME'" in caught.value.message
    set_property(table, "New", 3)
    assert table["new"] == 3


def test_hashtable_does_not_unroll_but_lists_do() -> None:
    assert enumerate_for_pipeline(Hashtable({"a": 1})) is None
    assert enumerate_for_pipeline("text") is None
    assert list(enumerate_for_pipeline([1, 2]) or []) == [1, 2]
    assert list(enumerate_for_pipeline(b"\x01\x02") or []) == [1, 2]


def test_generic_list_and_arraylist(types: TypeTable) -> None:
    names = construct(types.resolve("System.Collections.Generic.List[string]"), [], types)
    assert call_method(names, "Add", [5]) is None
    call_method(names, "AddRange", [["b", "c"]])
    assert list(names) == ["5", "b", "c"]
    assert call_method(names, "Contains", ["B"]) is False
    assert call_method(names, "IndexOf", ["c"]) == 2
    assert call_method(names, "Remove", ["b"]) is True
    assert get_property(names, "Count") == 2
    assert call_method(names, "ToArray", []) == ["5", "c"]
    array_list = construct(types.resolve("System.Collections.ArrayList"), [], types)
    assert call_method(array_list, "Add", ["x"]) == 0
    assert call_method(array_list, "Add", ["y"]) == 1
    ints = convert_to(["1", "2"], "System.Collections.Generic.List[int]", types)
    assert list(ints) == [1, 2]


def test_pscustomobject_properties_in_definition_order() -> None:
    item = PSObject({"b": 1, "a": 2})
    assert property_names(item) == ["b", "a"]
    assert type_names(item)[0] == "System.Management.Automation.PSCustomObject"
    set_property(item, "A", 5)
    assert item.properties["a"] == 5
    with pytest.raises(errors.RuntimeException) as caught:
        set_property(item, "missing", 1)
    assert caught.value.error_id == "PropertyNotFound"


def test_date_members() -> None:
    moment = datetime.datetime(2026, 1, 31, 10, 30)
    assert call_method(moment, "AddMonths", [1]) == datetime.datetime(2026, 2, 28, 10, 30)
    assert call_method(moment, "AddDays", [-30]) == datetime.datetime(2026, 1, 1, 10, 30)
    assert call_method(moment, "AddHours", [1.5]) == datetime.datetime(2026, 1, 31, 12, 0)
    assert get_property(moment, "DayOfWeek").name == "Saturday"
    assert get_property(moment, "Date") == datetime.datetime(2026, 1, 31)
    assert get_property(moment, "Year") == 2026
    span = call_method(moment, "Subtract", [datetime.datetime(2026, 1, 1)])
    assert get_property(span, "Days") == 30
    assert get_property(span, "TotalHours") == 30 * 24 + 10.5


def test_timespan_members() -> None:
    span = datetime.timedelta(days=1, hours=2, minutes=3, seconds=4, milliseconds=5)
    assert [get_property(span, n) for n in ("Days", "Hours", "Minutes", "Seconds", "Milliseconds")] == [1, 2, 3, 4, 5]
    assert get_property(datetime.timedelta(hours=-1), "Hours") == -1


def test_static_members(types: TypeTable) -> None:
    assert static(types, "string", "IsNullOrEmpty", None) is True
    assert static(types, "string", "IsNullOrWhiteSpace", "  ") is True
    assert static(types, "string", "Join", ", ", ["a", "b"]) == "a, b"
    assert static(types, "string", "Format", "{0}-{1}", "a", "b") == "a-b"
    assert get_static_member(types.resolve("string"), "Empty") == (True, "")
    assert static(types, "Math", "Round", 2.5) == 2.0
    assert static(types, "Math", "Round", 3.5) == 4.0
    assert static(types, "Math", "Round", 3.14159, 2) == 3.14
    assert static(types, "Math", "Max", 3, 7) == 7
    assert static(types, "int", "Parse", "42") == 42
    assert get_static_member(types.resolve("int"), "MaxValue") == (True, 2147483647)
    assert static(types, "timespan", "FromDays", 30) == datetime.timedelta(days=30)
    assert static(types, "datetime", "ParseExact", "28.11.2026", "dd.MM.yyyy", None) == datetime.datetime(2026, 11, 28)
    assert get_static_member(types.resolve("Environment"), "NewLine") == (True, "\r\n")
    assert isinstance(static(types, "guid", "NewGuid"), uuid.UUID)
    assert len(call_method(static(types, "guid", "NewGuid"), "ToString", ["N"])) == 32


def test_convert_and_encoding_round_trip(types: TypeTable) -> None:
    _, utf8 = get_static_member(types.resolve("Text.Encoding"), "UTF8")
    data = call_method(utf8, "GetBytes", ["Grüße"])
    text = static(types, "Convert", "ToBase64String", data)
    assert text == "R3LDvMOfZQ=="
    assert call_method(utf8, "GetString", [static(types, "Convert", "FromBase64String", text)]) == "Grüße"
    with pytest.raises(errors.FormatException):
        static(types, "Convert", "FromBase64String", "%%%")
    assert static(types, "Convert", "ToInt32", "ff", 16) == 255


def test_path_members_follow_windows_rules(types: TypeTable) -> None:
    assert static(types, "IO.Path", "Combine", "C:\\certs", "mail.pfx") == "C:\\certs\\mail.pfx"
    assert static(types, "IO.Path", "Combine", "C:\\certs\\", "D:\\x") == "D:\\x"
    assert static(types, "IO.Path", "GetFileName", "C:\\certs\\mail.pfx") == "mail.pfx"
    assert static(types, "IO.Path", "GetExtension", "C:\\certs\\mail.pfx") == ".pfx"
    assert static(types, "IO.Path", "GetDirectoryName", "C:\\certs\\mail.pfx") == "C:\\certs"
    assert static(types, "IO.Path", "GetFilenameWithoutExtension", "\\\\srv\\share\\a.req") == "a"
    assert static(types, "IO.Path", "ChangeExtension", "C:\\a.req", ".cer") == "C:\\a.cer"


def test_file_members_need_the_session_hooks(types: TypeTable) -> None:
    stored: dict[str, bytes] = {}

    class Files:
        def read_file_bytes(self, path: str) -> bytes:
            return stored[path]

        def write_file_bytes(self, path: str, data: bytes) -> None:
            stored[path] = data

    method = get_static_method(types.resolve("IO.File"), "WriteAllBytes", Files(), types)
    assert method is not None
    method("C:\\x.bin", bytearray(b"\x01\x02"))
    reader = get_static_method(types.resolve("IO.File"), "ReadAllBytes", Files(), types)
    assert reader is not None and reader("C:\\x.bin") == bytearray(b"\x01\x02")
    lonely = get_static_method(types.resolve("IO.File"), "ReadAllBytes", None, types)
    assert lonely is not None
    with pytest.raises(errors.NotSupportedException):
        lonely("C:\\x.bin")


def test_secure_string_reads_back_only_through_dotnet_doors(types: TypeTable) -> None:
    secret = SecureString("P@ssw0rd")
    assert str(secret) == "System.Security.SecureString"
    assert get_property(NetworkCredential("", secret), "Password") == "P@ssw0rd"
    bstr = static(types, "Runtime.InteropServices.Marshal", "SecureStringToBSTR", secret)
    assert static(types, "Runtime.InteropServices.Marshal", "PtrToStringAuto", bstr) == "P@ssw0rd"
    credential = PSCredential("CONTOSO\\admin", secret)
    network = call_method(credential, "GetNetworkCredential", [])
    assert get_property(network, "Password") == "P@ssw0rd"
    assert get_property(network, "Domain") == "CONTOSO"
    assert get_property(credential, "UserName") == "CONTOSO\\admin"
    call_method(secret, "AppendChar", [Char("!")])
    assert get_property(NetworkCredential("u", secret), "Password") == "P@ssw0rd!"


def test_pscredential_refuses_plain_text_password() -> None:
    with pytest.raises(errors.PSInvalidCastException):
        PSCredential("admin", "plain")


def test_indexing_arrays_strings_hashtables() -> None:
    assert get_index([1, 2, 3], -1) == 3
    assert get_index([1, 2, 3], [0, 2]) == [1, 3]
    assert get_index([1, 2, 3], 10) is None
    assert get_index("abc", 1) == Char("b") and isinstance(get_index("abc", 1), Char)
    assert get_index(Hashtable({"K": 1}), "k") == 1
    assert get_index(5, 0) == 5
    assert failure(lambda: get_index(None, 0)).message == "Cannot index into a null array."
    items = [1, 2]
    set_index(items, 1, "x")
    assert items == [1, "x"]
    with pytest.raises(errors.IndexOutOfRangeException):
        set_index(items, 5, 0)


def test_type_literals_resolve_like_powershell(types: TypeTable) -> None:
    assert types.resolve("string").full_name == "System.String"
    assert types.resolve("System.String").full_name == "System.String"
    assert types.resolve("Text.Encoding").full_name == "System.Text.Encoding"
    assert types.resolve("byte[]").full_name == "System.Byte[]"
    assert types.resolve("System.Collections.Generic.Dictionary[string,int]").generic_args[1].full_name == \
        "System.Int32"
    error = failure(lambda: types.resolve("Contoso.Widget"))
    assert error.message == "Unable to find type [Contoso.Widget]."
    assert error.error_id == "TypeNotFound"


def test_gettype_returns_a_type_with_names(types: TypeTable) -> None:
    kind = call_method("x", "GetType", [])
    assert get_property(kind, "FullName") == "System.String"
    assert get_property(kind, "Name") == "String"
    assert str(call_method([1], "GetType", [])) == "System.Object[]"


def test_psobject_member_set_lists_properties() -> None:
    item = PSObject({"Name": "mail", "Days": 30})
    infos = get_property(get_property(item, "PSObject"), "Properties")
    assert get_property(infos, "Name") == ["Name", "Days"]
    assert get_property(infos, "Value") == ["mail", 30]
    assert get_property(item, "PSTypeNames")[0] == "System.Management.Automation.PSCustomObject"


def test_tostring_of_arrays_and_pscustomobjects_is_dotnet_text() -> None:
    assert call_method([1, 2], "ToString", []) == "System.Object[]"
    assert call_method(PSObject({"a": 1}), "ToString", []) == ""
    assert call_method(Hashtable(), "ToString", []) == "System.Collections.Hashtable"
    assert call_method(True, "ToString", []) == "True"


class _Host:
    """The session side of `.Where({})`/`.ForEach({})`: here a script block is a Python function of `$_`."""

    def now(self) -> datetime.datetime:
        return datetime.datetime(2026, 11, 28, 10, 0)

    def invoke(self, block: object, dollar_under: object, args: list[object]) -> list[object]:
        assert callable(block)
        result = block(dollar_under)
        return result if isinstance(result, list) else [result]


def test_where_and_foreach_run_through_the_host() -> None:
    from exchange_sim.powershell.values.objects import get_method

    where = get_method([1, 2, 3, 4], "Where", _Host())
    assert where is not None
    assert where(lambda x: x > 2) == [3, 4]
    assert where(lambda x: x > 1, "First") == [2]
    assert where(lambda x: x % 2 == 0, "Split") == [[2, 4], [1, 3]]
    for_each = get_method([PSObject({"N": 1}), PSObject({"N": 2})], "ForEach", _Host())
    assert for_each is not None
    assert for_each("N") == [1, 2]
    assert get_method(5, "ForEach", _Host())(lambda x: x * 2) == [10]  # type: ignore[misc]


def test_datetime_now_comes_from_the_session_clock(types: TypeTable) -> None:
    assert get_static_member(types.resolve("datetime"), "Now", _Host()) == (True, datetime.datetime(2026, 11, 28, 10))
    assert get_static_member(types.resolve("datetime"), "Today", _Host())[1] == datetime.datetime(2026, 11, 28)


def test_bad_arguments_become_method_invocation_errors_not_python_ones() -> None:
    error = failure(lambda: call_method("abc", "Substring", ["x"]))
    assert isinstance(error, errors.MethodInvocationException)
    assert error.message == ('Exception calling "Substring" with "1" argument(s): "Input string was not in a correct '
                             'format."')


def test_regex_statics_and_match_objects(types: TypeTable) -> None:
    assert static(types, "regex", "Escape", "a.b*c (1)") == "a\\.b\\*c\\ \\(1\\)"
    assert static(types, "regex", "Replace", "2026-11-28", r"(\d+)-(\d+)-(\d+)", "$3/$2/$1") == "28/11/2026"
    found = static(types, "regex", "Matches", "a1b22c333", r"\d+")
    assert [get_property(m, "Value") for m in found] == ["1", "22", "333"]
    match = static(types, "regex", "Match", "CN=mail, O=Contoso", r"O=(?<org>\w+)")
    assert get_property(match, "Success") is True
    assert get_property(get_index(get_property(match, "Groups"), "org"), "Value") == "Contoso"
    assert get_property(get_index(get_property(match, "Groups"), 1), "Value") == "Contoso"
    assert static(types, "regex", "IsMatch", "abc", "B") is False
    assert static(types, "regex", "Split", "a1b2c", r"\d") == ["a", "b", "c"]
