"""Tab completion for the interactive shell: command names (with aliases), parameter names of the
command being typed (declared ones, then the common parameters), variable names after `$`, and the
allowed values of a parameter that has a ValidateSet or an enum type.

Every candidate is the full replacement of the word that ends at the cursor; `word_start` tells the
shell where that word begins.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable

from exchange_sim.powershell.commands import CommandDeclaration, CommandTable
from exchange_sim.powershell.help import COMMON_PARAMETERS, SHOULD_PROCESS_PARAMETERS, parameter_visible

EnumNames = Callable[[str], "tuple[str, ...] | None"]

# Characters that end a word for completion; quotes are left out so `'ab` stays one word.
_WORD_BREAK = re.compile(r"[\s|;(){},=]")
# PowerShell accepts typographic dashes wherever `-` starts a parameter (reference §1.2).
_DASHES = "-\u2013\u2014\u2015"
_ELEMENT_BREAK = re.compile(r"[|;{(]")


def word_start(text: str, cursor: int) -> int:
    """Offset where the word being completed starts."""
    start = cursor
    while start > 0 and not _WORD_BREAK.match(text[start - 1]):
        start -= 1
    return start


def _element_words(text: str) -> list[str]:
    """The words of the pipeline element that ends at the end of `text`."""
    last_break = -1
    for match in _ELEMENT_BREAK.finditer(text):
        last_break = match.end()
    return [w for w in re.split(r"\s+", text[last_break if last_break >= 0 else 0 :]) if w]


def _starts(candidate: str, prefix: str) -> bool:
    return candidate.lower().startswith(prefix.lower())


def _command_candidates(prefix: str, commands: CommandTable) -> list[str]:
    names = {d.name for d in commands} | set(commands.aliases())
    return sorted((n for n in names if _starts(n, prefix)), key=str.lower)


def _parameter_candidates(
    prefix: str, declaration: CommandDeclaration, product_version: str | None
) -> list[str]:
    names = [p.name for p in declaration.parameters if parameter_visible(p, product_version)]
    names += [name for name, _ in COMMON_PARAMETERS]
    if declaration.supports_should_process:
        names += [name for name, _ in SHOULD_PROCESS_PARAMETERS]
    return ["-" + n for n in names if _starts(n, prefix)]


def _value_candidates(
    prefix: str, declaration: CommandDeclaration, parameter_word: str, enum_names: EnumNames | None
) -> list[str]:
    wanted = parameter_word.lstrip(_DASHES).rstrip(":").lower()
    for parameter in declaration.parameters:
        if parameter.name.lower() == wanted or wanted in (a.lower() for a in parameter.aliases):
            choices = parameter.validate_set
            if choices is None and enum_names is not None:
                choices = enum_names(parameter.type_name)
            return [c for c in choices or () if _starts(c, prefix)]
    return []


def complete_text(
    text: str,
    cursor: int,
    commands: CommandTable,
    variables: Iterable[str] = (),
    product_version: str | None = None,
    enum_names: EnumNames | None = None,
) -> list[str]:
    """Completion candidates for the word that ends at `cursor` in `text`."""
    before = text[:cursor]
    start = word_start(before, cursor)
    word = before[start:]
    if word.startswith("$"):
        prefix = word[1:]
        return sorted({"$" + v for v in variables if _starts(v, prefix)}, key=str.lower)
    words = _element_words(before[:start])
    if not words:
        return _command_candidates(word, commands) if word else []
    declaration = commands.resolve(words[0].lstrip("&."))
    if declaration is None:
        return []
    if word[:1] and word[0] in _DASHES:
        return _parameter_candidates(word[1:], declaration, product_version)
    if len(words) > 1 and words[-1][:1] in tuple(_DASHES):
        return _value_candidates(word, declaration, words[-1], enum_names)
    return []


def complete(text: str, cursor: int, session: Any) -> list[str]:
    """Candidates against a live session: its command table, its variables and its product version.

    The session is read through the attributes the evaluator's `Session` publishes (`registry`,
    `variable_names()`, `product_version`); a missing one simply contributes nothing.
    """
    registry = getattr(session, "registry", None)
    commands = getattr(session, "commands", None) or getattr(registry, "commands", None) or CommandTable()
    names_of = getattr(session, "variable_names", None)
    variables: Iterable[str] = names_of() if callable(names_of) else ()
    types = getattr(registry, "types", None)
    return complete_text(
        text,
        cursor,
        commands,
        variables,
        getattr(session, "product_version", None),
        enum_names_from(types),
    )


def enum_names_from(types: Any) -> EnumNames | None:
    """Enumerator names for parameter types that resolve (through a TypeTable) to an enum."""
    resolve = getattr(types, "resolve_optional", None) or getattr(types, "resolve", None)
    if not callable(resolve):
        return None

    def names(type_name: str) -> tuple[str, ...] | None:
        try:
            resolved = resolve(type_name)
        except Exception:  # an unknown type simply has no completable values
            return None
        members = getattr(getattr(resolved, "py_class", resolved), "__members__", None)
        if not members:
            return None
        return tuple(name for name, member in members.items() if member.name == name)

    return names
