"""Wildcards and .NET regular expressions: `-like`, `-match`/`$Matches`, `-replace`, `-split`, `[regex]`.

.NET pattern syntax is translated to Python's `re` where they differ (named groups `(?<n>)`, `\\k<n>`,
replacement tokens `$1`, `${name}`, `$&`, `$$`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.objects import Hashtable


def wildcard_regex(pattern: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """A PowerShell wildcard (`*`, `?`, `[a-z]`, backtick escapes) as an anchored regex."""
    return _wildcard_regex(pattern, case_sensitive)


@lru_cache(maxsize=512)
def _wildcard_regex(pattern: str, case_sensitive: bool) -> re.Pattern[str]:
    out = ""
    index = 0
    while index < len(pattern):
        ch = pattern[index]
        if ch == "`" and index + 1 < len(pattern):
            index += 1
            out += re.escape(pattern[index])
        elif ch == "*":
            out += ".*"
        elif ch == "?":
            out += "."
        elif ch == "[":
            close = pattern.find("]", index + 1)
            if close < 0:
                raise errors.WildcardPatternException(
                    f"The specified wildcard character pattern is not valid: {pattern}",
                    error_id="RuntimeException", category=errors.ErrorCategory.NotSpecified)
            body = pattern[index + 1:close]
            out += "[" + body.replace("\\", "\\\\").replace("^", "\\^") + "]" if body else ""
            index = close
        else:
            out += re.escape(ch)
        index += 1
    return re.compile(out + r"\Z", re.DOTALL | (0 if case_sensitive else re.IGNORECASE))


def wildcard_match(pattern: str, text: str, case_sensitive: bool = False) -> bool:
    return wildcard_regex(pattern, case_sensitive).match(text) is not None


def has_wildcards(text: str) -> bool:
    return any(ch in text for ch in "*?[")


# ----------------------------------------------------------------------------------------------------------
# Regular expressions

_NAMED_GROUP = re.compile(r"\(\?<(?![=!])([A-Za-z_]\w*)>|\(\?'([A-Za-z_]\w*)'")
_BACKREF = re.compile(r"\\k<([A-Za-z_]\w*)>|\\k'([A-Za-z_]\w*)'")


def _translate(pattern: str) -> str:
    translated = _NAMED_GROUP.sub(lambda m: f"(?P<{m.group(1) or m.group(2)}>", pattern)
    translated = _BACKREF.sub(lambda m: f"(?P={m.group(1) or m.group(2)})", translated)
    # .NET allows possessive-free `\Z`, `\z`; Python spells end-of-string `\Z`.
    return translated.replace(r"\z", r"\Z")


def regex_options(options: Any) -> int:
    flags = 0
    names = options if isinstance(options, (list, tuple)) else str(options or "").replace(" ", "").split(",")
    for name in names:
        key = str(name).lower()
        if key == "ignorecase":
            flags |= re.IGNORECASE
        elif key == "multiline":
            flags |= re.MULTILINE
        elif key == "singleline":
            flags |= re.DOTALL
        elif key == "ignorepatternwhitespace":
            flags |= re.VERBOSE
    if isinstance(options, int) and not isinstance(options, bool):
        value = int(options)
        flags = (re.IGNORECASE if value & 1 else 0) | (re.MULTILINE if value & 2 else 0) | \
            (re.DOTALL if value & 16 else 0) | (re.VERBOSE if value & 32 else 0)
    return flags


def compile_regex(pattern: str, case_sensitive: bool = False, flags: int = 0) -> re.Pattern[str]:
    return _compile(pattern, flags | (0 if case_sensitive else re.IGNORECASE))


@lru_cache(maxsize=512)
def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    try:
        return re.compile(_translate(pattern), flags)
    except re.error as exc:
        raise errors.RuntimeException(
            f"The regular expression pattern {pattern} is not valid.", errors.ArgumentException(
                f'parsing "{pattern}" - {exc.msg}.'),
            error_id="InvalidRegularExpression", category=errors.ErrorCategory.InvalidOperation,
            target_object=pattern) from None


def group_numbers(compiled: re.Pattern[str]) -> list[tuple[Any, int]]:
    """(.NET group key, Python group index): unnamed groups numbered first, named groups after (as .NET does)."""
    named = {index: name for name, index in compiled.groupindex.items()}
    keys: list[tuple[Any, int]] = []
    unnamed = [i for i in range(1, compiled.groups + 1) if i not in named]
    for number, index in enumerate(unnamed, start=1):
        keys.append((number, index))
    for index in sorted(named):
        keys.append((named[index], index))
    return keys


def matches_table(match: re.Match[str]) -> Hashtable:
    """`$Matches` after a successful -match: named groups, numbered groups (descending), then 0 (§5.3)."""
    table = Hashtable()
    keys = group_numbers(match.re)
    for key, index in [k for k in keys if isinstance(k[0], str)]:
        if match.group(index) is not None:
            table[key] = match.group(index)
    for key, index in sorted([k for k in keys if isinstance(k[0], int)], key=lambda k: -k[0]):
        if match.group(index) is not None:
            table[key] = match.group(index)
    table[0] = match.group(0)
    return table


def expand_replacement(template: str, match: re.Match[str]) -> str:
    """.NET replacement tokens: `$1`, `${name}`, `$0`/`$&`, `` $` ``, `$'`, `$+`, `$_`, `$$`."""
    keys = dict(group_numbers(match.re))
    out = ""
    index = 0
    while index < len(template):
        ch = template[index]
        if ch != "$" or index + 1 >= len(template):
            out += ch
            index += 1
            continue
        nxt = template[index + 1]
        if nxt == "$":
            out += "$"
            index += 2
        elif nxt == "&":
            out += match.group(0)
            index += 2
        elif nxt == "`":
            out += match.string[: match.start()]
            index += 2
        elif nxt == "'":
            out += match.string[match.end():]
            index += 2
        elif nxt == "_":
            out += match.string
            index += 2
        elif nxt == "+":
            last = max((i for i in range(1, match.re.groups + 1) if match.group(i) is not None), default=0)
            out += match.group(last) or ""
            index += 2
        elif nxt == "{":
            close = template.find("}", index)
            name = template[index + 2:close] if close > 0 else ""
            if close > 0 and name.isdigit():
                out += _group_text(match, keys, int(name))
                index = close + 1
            elif close > 0 and name in match.re.groupindex:
                out += match.group(name) or ""
                index = close + 1
            else:
                out += ch
                index += 1
        elif nxt.isdigit():
            end = index + 1
            while end < len(template) and template[end].isdigit():
                end += 1
            number = int(template[index + 1:end])
            if number == 0 or number in keys:
                out += _group_text(match, keys, number)
                index = end
            else:
                out += template[index:end]
                index = end
        else:
            out += ch
            index += 1
    return out


def _group_text(match: re.Match[str], keys: dict[Any, int], number: int) -> str:
    if number == 0:
        return match.group(0)
    index = keys.get(number)
    return (match.group(index) or "") if index is not None else f"${number}"


def regex_replace(text: str, pattern: str, replacement: str, case_sensitive: bool = False, flags: int = 0,
                  count: int = 0) -> str:
    compiled = compile_regex(pattern, case_sensitive, flags)
    return compiled.sub(lambda m: expand_replacement(replacement, m), text, count=count)


def regex_split(text: str, pattern: str, limit: int = 0, case_sensitive: bool = False, flags: int = 0,
                simple: bool = False) -> list[str]:
    """`-split`: captured groups are emitted, empty fields kept, `limit` caps the piece count."""
    compiled = re.compile(re.escape(pattern), 0 if case_sensitive else re.IGNORECASE) if simple else \
        compile_regex(pattern, case_sensitive, flags)
    pieces: list[str] = []
    start = 0
    made = 1
    for match in compiled.finditer(text):
        if limit > 0 and made >= limit:
            break
        if match.end() == match.start() and (match.start() == 0 or match.start() == len(text)):
            continue
        pieces.append(text[start:match.start()])
        for index in range(1, compiled.groups + 1):
            if match.group(index) is not None:
                pieces.append(match.group(index))
        start = match.end()
        made += 1
    pieces.append(text[start:])
    return pieces


def escape(text: str) -> str:
    """[regex]::Escape: .NET escapes `\\ * + ? | { [ ( ) ^ $ . #` and white space."""
    out = ""
    for ch in text:
        if ch in "\\*+?|{[()^$.# ":
            out += "\\" + ch
        elif ch == "\t":
            out += "\\t"
        elif ch == "\n":
            out += "\\n"
        elif ch == "\r":
            out += "\\r"
        elif ch == "\f":
            out += "\\f"
        else:
            out += ch
    return out
