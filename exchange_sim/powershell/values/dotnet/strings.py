"""Members of System.String. .NET semantics, not PowerShell's: Contains/StartsWith/Replace are
case-sensitive, and 5.1's `Split(", ")` splits on each character (there is no Split(string) in .NET 4)."""

from __future__ import annotations

import enum
import unicodedata
from typing import Any, Callable, Mapping

from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.objects import Char, is_collection


class StringSplitOptions(enum.IntFlag):
    none = 0
    RemoveEmptyEntries = 1


StringSplitOptions.ps_type_name = "System.StringSplitOptions"  # type: ignore[attr-defined]  # set after creation: an Enum would make it a member


StringSplitOptions.none._name_ = "None"  # .NET's member is called None, a Python keyword


class StringComparison(enum.IntEnum):
    CurrentCulture = 0
    CurrentCultureIgnoreCase = 1
    InvariantCulture = 2
    InvariantCultureIgnoreCase = 3
    Ordinal = 4
    OrdinalIgnoreCase = 5


StringComparison.ps_type_name = "System.StringComparison"  # type: ignore[attr-defined]  # set after creation: an Enum would make it a member


_WHITESPACE = " \t\n\r\x0b\x0c\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
              "\u2028\u2029\u202f\u205f\u3000"


def _ignore_case(comparison: Any) -> bool:
    if comparison is None:
        return False
    if isinstance(comparison, (bool,)):
        return comparison
    if isinstance(comparison, int):
        return int(comparison) % 2 == 1
    return str(comparison).lower().endswith("ignorecase")


def _chars(args: tuple[Any, ...]) -> str:
    text = ""
    for arg in args:
        if is_collection(arg):
            text += "".join(str(a) for a in arg)
        elif arg is not None:
            text += str(arg)
    return text


def _options(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        return 1 if value.strip().lower() == "removeemptyentries" else 0
    return int(value)


def split(text: str, *args: Any) -> list[str]:
    separators: list[str]
    count: int | None = None
    options = 0
    options_given = False
    rest = list(args)
    if len(rest) >= 2 and (isinstance(rest[-1], enum.Enum) or (
            isinstance(rest[-1], str) and rest[-1].lower() in ("removeemptyentries", "none"))):
        options = _options(rest.pop())
        options_given = True
    if len(rest) >= 2 and isinstance(rest[-1], int) and not isinstance(rest[-1], (bool, enum.Enum)):
        count = int(rest.pop())
    if rest and is_collection(rest[0]) and options_given:
        separators = [str(s) for s in rest[0] if str(s) != ""]
    else:
        separators = list(_chars(tuple(rest)))
    if not separators:
        separators = list(_WHITESPACE)
    pieces: list[str] = []
    index = 0
    start = 0
    while index <= len(text):
        if count is not None and len(pieces) == count - 1:
            break
        hit = next((s for s in separators if text.startswith(s, index)), None) if index < len(text) else None
        if hit is None:
            index += 1
            continue
        pieces.append(text[start:index])
        index += len(hit)
        start = index
    pieces.append(text[start:])
    if options & 1:
        pieces = [p for p in pieces if p != ""]
    if count is not None and count <= 0:
        return []
    return pieces


def _out_of_range(message: str, parameter: str) -> errors.ArgumentOutOfRangeException:
    return errors.ArgumentOutOfRangeException(f"{message}\r\nParameter name: {parameter}")


def substring(text: str, start: Any, length: Any = None) -> str:
    begin = int(start)
    if begin < 0 or begin > len(text):
        if begin > len(text):
            raise _out_of_range("startIndex cannot be larger than length of string.", "startIndex")
        raise _out_of_range("StartIndex cannot be less than zero.", "startIndex")
    if length is None:
        return text[begin:]
    size = int(length)
    if size < 0:
        raise _out_of_range("Length cannot be less than zero.", "length")
    if begin + size > len(text):
        raise _out_of_range("Index and length must refer to a location within the string.", "length")
    return text[begin:begin + size]


def replace(text: str, old: Any, new: Any) -> str:
    if old is None:
        raise errors.ArgumentNullException("Value cannot be null.\r\nParameter name: oldValue")
    if str(old) == "":
        raise errors.ArgumentException("String cannot be of zero length.\r\nParameter name: oldValue")
    return text.replace(str(old), "" if new is None else str(new))


def index_of(text: str, value: Any, start: Any = 0, count: Any = None, *, last: bool = False) -> int:
    if isinstance(start, (str, enum.Enum)) and not isinstance(start, Char):
        needle, hay = (str(value).lower(), text.lower()) if _ignore_case(start) else (str(value), text)
        return hay.rfind(needle) if last else hay.find(needle)
    begin = int(start)
    if last:
        return text.rfind(str(value), 0, begin + 1 if start != 0 else len(text))
    end = len(text) if count is None else begin + int(count)
    return text.find(str(value), begin, end)


def _compare(a: str, b: str, ignore: bool) -> int:
    left, right = (a.lower(), b.lower()) if ignore else (a, b)
    key_l, key_r = (left.lower(), left), (right.lower(), right)
    if left == right:
        return 0
    # Culture order: letters compare ignoring case first, then lower case before upper case.
    first = (key_l[0], key_l[1].swapcase()) < (key_r[0], key_r[1].swapcase())
    return -1 if first else 1


def pad(text: str, width: Any, ch: Any = " ", *, left: bool) -> str:
    size = int(width)
    if size < 0:
        raise _out_of_range("Non-negative number required.", "totalWidth")
    fill = str(ch)[:1] or " "
    return text.rjust(size, fill) if left else text.ljust(size, fill)


def string_methods(text: str) -> Mapping[str, Callable[..., Any]]:
    plain = str.__str__(text)
    return {
        "Split": lambda *a: split(plain, *a),
        "Trim": lambda *a: plain.strip(_chars(a) or _WHITESPACE),
        "TrimStart": lambda *a: plain.lstrip(_chars(a) or _WHITESPACE),
        "TrimEnd": lambda *a: plain.rstrip(_chars(a) or _WHITESPACE),
        "ToUpper": lambda *a: plain.upper(), "ToLower": lambda *a: plain.lower(),
        "ToUpperInvariant": plain.upper, "ToLowerInvariant": plain.lower,
        "Contains": lambda v: str(v) in plain,
        "StartsWith": lambda v, c=None, *a: (plain.lower().startswith(str(v).lower()) if _ignore_case(c)
                                             else plain.startswith(str(v))),
        "EndsWith": lambda v, c=None, *a: (plain.lower().endswith(str(v).lower()) if _ignore_case(c)
                                           else plain.endswith(str(v))),
        "IndexOf": lambda v, s=0, c=None: index_of(plain, v, s, c),
        "LastIndexOf": lambda v, s=0, c=None: index_of(plain, v, s, c, last=True),
        "IndexOfAny": lambda chars, s=0: min((i for i, ch in enumerate(plain) if i >= int(s) and ch in _chars((chars,))),
                                             default=-1),
        "Substring": lambda s, n=None: substring(plain, s, n),
        "Replace": lambda o, n: replace(plain, o, n),
        "PadLeft": lambda w, ch=" ": pad(plain, w, ch, left=True),
        "PadRight": lambda w, ch=" ": pad(plain, w, ch, left=False),
        "Insert": lambda i, v: _insert(plain, i, v),
        "Remove": lambda i, n=None: _remove(plain, i, n),
        "ToCharArray": lambda *a: [Char(c) for c in plain],
        "Equals": lambda v, c=None: isinstance(v, str) and (
            plain.lower() == str(v).lower() if _ignore_case(c) else plain == str(v)),
        "CompareTo": lambda v: 1 if v is None else _compare(plain, str(v), False),
        "Normalize": lambda *a: unicodedata.normalize("NFC", plain),
        "IsNormalized": lambda *a: unicodedata.is_normalized("NFC", plain),
        "Clone": lambda: plain,
        "GetEnumerator": lambda: iter([Char(c) for c in plain]),
        "get_Chars": lambda i: Char(plain[int(i)]),
        "get_Length": lambda: len(plain),
    }


def _insert(text: str, index: Any, value: Any) -> str:
    position = int(index)
    if not 0 <= position <= len(text):
        raise _out_of_range("Index and length must refer to a location within the string.", "startIndex")
    return text[:position] + str(value) + text[position:]


def _remove(text: str, index: Any, count: Any) -> str:
    position = int(index)
    if not 0 <= position < len(text) + (1 if count is not None else 0):
        raise _out_of_range("startIndex must be less than length of string.", "startIndex")
    if count is None:
        return text[:position]
    size = int(count)
    if position + size > len(text):
        raise _out_of_range("Index and count must refer to a location within the string.", "count")
    return text[:position] + text[position + size:]


def string_properties(text: str) -> Mapping[str, Callable[[], Any]]:
    return {"Length": lambda: len(text)}


def compare_strings(a: str, b: str, ignore_case: bool = True) -> int:
    """Culture-style ordering used by -lt/-gt and Sort-Object on strings."""
    return _compare(a, b, ignore_case)
