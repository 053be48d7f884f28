"""[regex]: Regex instances, Match/Group objects, and the static Match/Matches/Replace/Split/Escape/IsMatch."""

from __future__ import annotations

import re
from typing import Any, Callable, ClassVar, Mapping

from exchange_sim.powershell.values import errors, patterns


class RegexGroup:
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Text.RegularExpressions.Group",
                                                "System.Text.RegularExpressions.Capture", "System.Object")

    def __init__(self, match: re.Match[str], index: int, name: str) -> None:
        self._match, self._index, self.name = match, index, name

    @property
    def value(self) -> str:
        return self._match.group(self._index) or ""

    def ps_properties(self) -> Mapping[str, Any]:
        hit = self._match.group(self._index) is not None
        start = self._match.start(self._index) if hit else 0
        return {"Groups": None, "Success": hit, "Name": self.name, "Captures": [self] if hit else [],
                "Index": start, "Length": len(self.value), "Value": self.value}

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        return {"ToString": lambda: self.value}

    def __str__(self) -> str:
        return self.value


class GroupCollection:
    """`$m.Groups[1]`, `$m.Groups['name']`: indexed by number or name (.NET numbering)."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Text.RegularExpressions.GroupCollection", "System.Object")

    def __init__(self, match: re.Match[str]) -> None:
        self._groups = [RegexGroup(match, 0, "0")] + [
            RegexGroup(match, index, str(key)) for key, index in patterns.group_numbers(match.re)]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._groups)

    def __len__(self) -> int:
        return len(self._groups)

    def __getitem__(self, key: Any) -> RegexGroup | None:
        if isinstance(key, str) and not key.isdigit():
            return next((g for g in self._groups if g.name.lower() == key.lower()), None)
        index = int(key)
        return self._groups[index] if 0 <= index < len(self._groups) else None

    def ps_properties(self) -> Mapping[str, Any]:
        return {"Count": len(self._groups)}

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        return {"Item": self.__getitem__, "get_Item": self.__getitem__}

    def ps_enumerate(self) -> list[RegexGroup]:
        return list(self._groups)


class RegexMatch:
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Text.RegularExpressions.Match",
                                                "System.Text.RegularExpressions.Group",
                                                "System.Text.RegularExpressions.Capture", "System.Object")

    def __init__(self, match: re.Match[str] | None, regex: "Regex | None" = None) -> None:
        self._match, self._regex = match, regex

    @property
    def value(self) -> str:
        return self._match.group(0) if self._match else ""

    def ps_properties(self) -> Mapping[str, Any]:
        m = self._match
        return {"Groups": GroupCollection(m) if m else [], "Success": m is not None, "Name": "0",
                "Captures": [self] if m else [], "Index": m.start() if m else 0,
                "Length": len(self.value), "Value": self.value}

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        return {"ToString": lambda: self.value, "NextMatch": self._next,
                "Result": lambda template: patterns.expand_replacement(str(template), self._match)
                if self._match else ""}

    def _next(self) -> "RegexMatch":
        if self._match is None:
            return self
        start = self._match.end() + (1 if self._match.end() == self._match.start() else 0)
        return RegexMatch(self._match.re.search(self._match.string, start), self._regex)

    def __str__(self) -> str:
        return self.value


class Regex:
    """A `[regex]` instance; case-sensitive unless IgnoreCase is given, as in .NET."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Text.RegularExpressions.Regex", "System.Object")

    def __init__(self, pattern: Any, options: Any = None) -> None:
        if pattern is None:
            raise errors.ArgumentNullException("Value cannot be null.\r\nParameter name: pattern")
        self.pattern = str(pattern)
        self.flags = patterns.regex_options(options) if options is not None else 0
        self.compiled = patterns.compile_regex(self.pattern, case_sensitive=True, flags=self.flags)

    def ps_properties(self) -> Mapping[str, Any]:
        return {"Options": "IgnoreCase" if self.flags & re.IGNORECASE else "None", "RightToLeft": False,
                "MatchTimeout": None}

    def match(self, text: Any, start: Any = 0) -> RegexMatch:
        return RegexMatch(self.compiled.search(_text(text), int(start)), self)

    def matches(self, text: Any, start: Any = 0) -> list[RegexMatch]:
        return [RegexMatch(m, self) for m in self.compiled.finditer(_text(text), int(start))]

    def replace(self, text: Any, replacement: Any, count: Any = -1) -> str:
        limit = int(count)
        if callable(replacement):
            return self.compiled.sub(lambda m: str(replacement(RegexMatch(m, self))), _text(text),
                                     count=0 if limit < 0 else limit)
        return self.compiled.sub(lambda m: patterns.expand_replacement(str(replacement), m), _text(text),
                                 count=0 if limit < 0 else limit)

    def split(self, text: Any, count: Any = 0) -> list[str]:
        return patterns.regex_split(_text(text), self.pattern, int(count), True, self.flags)

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        return {"Match": self.match, "Matches": self.matches, "Replace": self.replace, "Split": self.split,
                "IsMatch": lambda t, s=0: self.compiled.search(_text(t), int(s)) is not None,
                "ToString": lambda: self.pattern, "GetGroupNames": self._group_names}

    def _group_names(self) -> list[str]:
        return ["0"] + [str(k) for k, _ in patterns.group_numbers(self.compiled)]

    def __str__(self) -> str:
        return self.pattern


def _text(value: Any) -> str:
    if value is None:
        raise errors.ArgumentNullException("Value cannot be null.\r\nParameter name: input")
    from exchange_sim.powershell.values.conversions import to_string

    return to_string(value)


def regex_statics() -> Mapping[str, Callable[..., Any]]:
    return {
        "Match": lambda t, p, o=None: Regex(p, o).match(t),
        "Matches": lambda t, p, o=None: Regex(p, o).matches(t),
        "IsMatch": lambda t, p, o=None: Regex(p, o).compiled.search(_text(t)) is not None,
        "Replace": lambda t, p, r, o=None: Regex(p, o).replace(t, r),
        "Split": lambda t, p, o=None: Regex(p, o).split(t),
        "Escape": lambda t: patterns.escape(_text(t)),
        "Unescape": lambda t: re.sub(r"\\(.)", r"\1", _text(t)),
    }
