"""What a script says in its comments: `#requires` lines (§2.7) and comment-based help."""

from __future__ import annotations

import re

from exchange_sim.powershell import ast as A

_REQUIRES = re.compile(r"^[ \t]*#requires[ \t]+(.*)$", re.I | re.M)
_REQUIRES_WORD = re.compile(r"#requires", re.I)
_HELP_KEYWORD = re.compile(r"^\s*\.(SYNOPSIS|DESCRIPTION|PARAMETER|EXAMPLE|NOTES|LINK|INPUTS|OUTPUTS)\b", re.I | re.M)
_HELP_BLOCK = re.compile(r"\s*(<#(.*?)#>|(?:[ \t]*#[^\r\n]*(?:\r\n|\r|\n|$))+)", re.S)


def requirements(text: str) -> A.ScriptRequirements | None:
    if _REQUIRES_WORD.search(text) is None:  # the line-anchored search costs ~20x more; most scripts have none
        return None
    lines = [m.group(1).strip() for m in _REQUIRES.finditer(text)]
    if not lines:
        return None
    version: str | None = None
    editions: list[str] = []
    modules: list[str] = []
    snapins: list[str] = []
    elevation = False
    shell: str | None = None
    for line in lines:
        for m in re.finditer(r"-(\w+)(?:\s+([^-\s][^\s]*(?:\s*,\s*[^-\s][^\s]*)*))?", line):
            option, value = m.group(1).lower(), (m.group(2) or "").strip()
            values = [v.strip().strip("'\"") for v in value.split(",") if v.strip()]
            if "version".startswith(option):
                version = values[0] if values else None
            elif option == "psedition":
                editions.extend(values)
            elif option == "modules":
                modules.extend(values)
            elif option == "pssnapin":
                snapins.extend(values)
            elif option == "runasadministrator":
                elevation = True
            elif option == "shellid":
                shell = values[0] if values else None
    return A.ScriptRequirements(version, tuple(editions), tuple(modules), tuple(snapins), elevation, shell, tuple(lines))


def help_text(src: str, start: int) -> str | None:
    """Comment-based help at `start` (a block comment or a run of `#` lines holding `.SYNOPSIS`-style keywords)."""
    m = _HELP_BLOCK.match(src, start)
    if not m:
        return None
    body = m.group(2) if m.group(2) is not None else "\n".join(
        line.strip()[1:] for line in m.group(1).splitlines() if line.strip().startswith("#"))
    return body.strip("\r\n") if _HELP_KEYWORD.search(body) else None


def help_before(src: str, offset: int) -> str | None:
    """Comment-based help written just before `offset` (before a `function` keyword)."""
    # Only the text since the previous blank-free code matters; look at a bounded window so that
    # a script with many functions is not re-scanned from its start for each one.
    head = src[max(0, offset - 8192):offset].rstrip()
    if head.endswith("#>"):
        begin = head.rfind("<#")
        if begin >= 0:
            body = head[begin + 2:-2]
            return body.strip("\r\n") if _HELP_KEYWORD.search(body) else None
        return None
    collected: list[str] = []
    end = len(head)
    while end > 0:
        begin = max(head.rfind("\n", 0, end), head.rfind("\r", 0, end)) + 1
        line = head[begin:end].strip()
        if not line.startswith("#"):
            break
        collected.insert(0, line[1:])
        end = begin - 1
    body = "\n".join(collected)
    return body if collected and _HELP_KEYWORD.search(body) else None
