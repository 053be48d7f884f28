"""Select-String over pipeline text (files come through the content cmdlets' provider access)."""

from __future__ import annotations

import re
from typing import Any, ClassVar, Mapping

from exchange_sim.powershell.builtins import records, runtime
from exchange_sim.powershell.builtins.content_encoding import decode, split_lines
from exchange_sim.powershell.builtins.declaring import UTILITY, implementing, param, switch
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration
from exchange_sim.powershell.values.conversions import to_string


class MatchInfo:
    """Microsoft.PowerShell.Commands.MatchInfo; piped text shows as the line itself."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("Microsoft.PowerShell.Commands.MatchInfo", "System.Object")

    def __init__(self, line: str, number: int, pattern: str, ignore_case: bool, matches: list[Any],
                 path: str = "InputStream") -> None:
        self.line = line
        self.number = number
        self.pattern = pattern
        self.ignore_case = ignore_case
        self.matches = matches
        self.path = path

    def display_text(self) -> str:
        """MatchInfo.ToString(): the line for piped text, `path:number:line` for a file."""
        if self.path == "InputStream":
            return self.line
        return f"{self.path}:{self.number}:{self.line}"

    def ps_properties(self) -> Mapping[str, Any]:
        return {
            "IgnoreCase": self.ignore_case,
            "LineNumber": self.number,
            "Line": self.line,
            "Filename": self.path.replace("/", "\\").rsplit("\\", 1)[-1],
            "Path": self.path,
            "Pattern": self.pattern,
            "Context": None,
            "Matches": list(self.matches),
        }

    def __str__(self) -> str:
        if self.path == "InputStream":
            return self.line
        return f"{self.path}:{self.number}:{self.line}"


class SelectString(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        patterns = ctx.bound["Pattern"]
        self.patterns = [to_string(p) for p in (patterns if isinstance(patterns, (list, tuple)) else [patterns])]
        flags = 0 if ctx.bound.get("CaseSensitive") else re.IGNORECASE
        try:
            sources = [re.escape(p) if ctx.bound.get("SimpleMatch") else p for p in self.patterns]
            self.compiled = [re.compile(s, flags) for s in sources]
        except re.error as error:
            records.throw(ctx, f'The string {self.patterns[0]} is not a valid regular expression: {error}.',
                          "InvalidRegex", "InvalidArgument", self.patterns[0], "System.ArgumentException")
        self.number = 0
        self.any_match = False

    def process(self, ctx: CmdletContext) -> None:
        if ctx.parameter_set_name == "File":
            self._files(ctx)
            return
        if "InputObject" not in ctx.bound:
            return
        value = ctx.bound["InputObject"]
        text = to_string(value)
        self.number += 1
        for line in text.split("\n") if isinstance(value, str) else [text]:
            self._line(ctx, line.rstrip("\r"))

    def _files(self, ctx: CmdletContext) -> None:
        paths = ctx.bound.get("Path") or []
        for path in paths if isinstance(paths, (list, tuple)) else [paths]:
            data = runtime.read_file(ctx, to_string(path))
            if data is None:
                continue
            for number, line in enumerate(split_lines(decode(data)), start=1):
                self.number = number
                self._line(ctx, line, to_string(path))

    def _line(self, ctx: CmdletContext, line: str, path: str = "InputStream") -> None:
        hits = []
        for pattern, compiled in zip(self.patterns, self.compiled):
            found = list(compiled.finditer(line)) if ctx.bound.get("AllMatches") else [m for m in [compiled.search(line)] if m]
            if found:
                hits = [m.group(0) for m in found]
                chosen = pattern
                break
        matched = bool(hits)
        if ctx.bound.get("NotMatch"):
            matched = not matched
            chosen = self.patterns[0]
        if not matched:
            return
        self.any_match = True
        if ctx.bound.get("Quiet"):
            return
        ctx.write_object(MatchInfo(line, self.number, chosen, not ctx.bound.get("CaseSensitive"), hits, path))

    def end(self, ctx: CmdletContext) -> None:
        if ctx.bound.get("Quiet"):
            ctx.write_object(self.any_match)


DECLARATIONS = (
    CommandDeclaration(
        name="Select-String",
        parameters=(
            param("InputObject", "psobject", mandatory=True, pipeline=True, sets=("Object",), allow_empty_string=True,
                  allow_null=True),
            param("Pattern", "string[]", position=0, mandatory=True),
            param("Path", "string[]", position=1, mandatory=True, by_name=True, sets=("File",)),
            switch("SimpleMatch"),
            switch("CaseSensitive"),
            switch("Quiet"),
            switch("List"),
            switch("NotMatch"),
            switch("AllMatches"),
            param("Encoding", "string"),
            param("Context", "int[]"),
        ),
        implementation=SelectString,
        default_parameter_set="File",
        synopsis="Finds text in strings and files.",
        aliases=("sls",),
        module=UTILITY,
        implementing_type=implementing("Select-String"),
    ),
)
