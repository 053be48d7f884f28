"""Parse errors as PowerShell reports them: id, message, position, and the console layout (§6.6)."""

from __future__ import annotations

from dataclasses import dataclass

from exchange_sim.powershell.ast import Extent
from exchange_sim.powershell.values.errors import clip_source_line

# PowerShell prints at most this many parse errors, then a note (§6.6).
_MAX_REPORTED = 10
_TAB_WIDTH = 4
_CLIP_WIDTH = 69


@dataclass(frozen=True, slots=True)
class ParseError:
    """One syntax error: PowerShell's ErrorId (`MissingEndCurlyBrace`), its en-US message, and where."""

    error_id: str
    message: str
    extent: Extent
    # True when more text could complete the script (PowerShell's `IncompleteInput`): the parser hit
    # the end of the text while a construct was open, e.g. after `if ($x) {`. An interactive shell
    # then asks for another line instead of printing the error.
    incomplete_input: bool = False

    @property
    def line(self) -> int:
        return self.extent.start_line

    @property
    def column(self) -> int:
        return self.extent.start_column

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.message}"


class ParseFailure(Exception):
    """Raised inside the tokenizer/parser at the first error; `parse()` turns it into a result."""

    def __init__(self, error: ParseError) -> None:
        super().__init__(error.message)
        self.error = error


def position_message(extent: Extent, script_path: str | None) -> str:
    """`At <where>:<L> char:<C>` plus the `+ line` / `+ ~~~` pair, as PowerShell 5.1's
    `PositionUtilities.VerboseMessage` writes it: tabs shown as 4 spaces, lines over 69 characters
    clipped around the error with `... ` / ` ...`, at least one tilde."""
    where = script_path if script_path else "line"
    line = extent.start_line_text.rstrip()
    detail = ""
    if line:
        before = extent.start_column - 1
        if extent.start_line == extent.end_line:
            width = extent.end_column - extent.start_column
        else:
            width = len(line) - extent.start_column + 1
        if "\t" in line:
            head = line[:before].replace("\t", " " * _TAB_WIDTH)
            marked = line[before:before + width].replace("\t", " " * _TAB_WIDTH)
            line = head + marked + line[before + width:].replace("\t", " " * _TAB_WIDTH)
            before, width = len(head), len(marked)
        clipped_before = clipped_after = False
        if len(line) > _CLIP_WIDTH:
            line, before, width, clipped_before, clipped_after = clip_source_line(line, before, width)
        detail = (("... " if clipped_before else "") + line + (" ..." if clipped_after else "") + "\n+ "
                  + " " * (before + (4 if clipped_before else 0)) + "~" * (width if width > 0 else 1))
    return f"At {where}:{extent.start_line} char:{extent.start_column}\n+ {detail}"


def format_parse_errors(errors: tuple[ParseError, ...] | list[ParseError], script_path: str | None) -> str:
    """The console text PowerShell 5.1 prints when a script does not parse (§6.6)."""
    if not errors:
        return ""
    blocks = [f"{position_message(e.extent, script_path)}\n{e.message}" for e in errors[:_MAX_REPORTED]]
    text = "\n\n".join(blocks)
    if len(errors) > _MAX_REPORTED:
        text += "\n\nNot all parse errors were reported.  Correct the reported errors and try again."
    reason = "ParseException" if script_path else "ParentContainsErrorRecordException"
    return (
        f"{text}\n"
        f"    + CategoryInfo          : ParserError: (:) [], {reason}\n"
        f"    + FullyQualifiedErrorId : {errors[0].error_id}\n"
        " \n"
    )
