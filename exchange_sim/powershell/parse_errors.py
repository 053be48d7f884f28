"""Parse errors as PowerShell reports them: id, message, position, and the console layout (§6.6)."""

from __future__ import annotations

from dataclasses import dataclass

from exchange_sim.powershell.ast import Extent

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
    """`At <where>:<L> char:<C>` plus the `+ line` / `+ ~~~` pair, as `InvocationInfo.PositionMessage`."""
    where = f"{script_path}:" if script_path else "line:"
    line_text = extent.start_line_text
    # Tabs count as one column in the position but print as 4 spaces (§6.6).
    prefix = line_text[: extent.start_column - 1]
    start = len(prefix.expandtabs(_TAB_WIDTH))
    shown = line_text.expandtabs(_TAB_WIDTH)
    if extent.end_line == extent.start_line:
        width = max(1, extent.end_column - extent.start_column)
        width = len(line_text[extent.start_column - 1 : extent.start_column - 1 + width].expandtabs(_TAB_WIDTH)) or 1
    else:
        width = max(1, len(shown) - start)
    if len(shown) > _CLIP_WIDTH:
        shown, start = _clip(shown, start, width)
    tildes = " " * start + "~" * width
    return f"At {where}{extent.start_line} char:{extent.start_column}\n+ {shown}\n+ {tildes}"


def _clip(line: str, start: int, width: int) -> tuple[str, int]:
    """Clip a long line around the error like PowerShell: `... ` before and ` ...` after."""
    begin = max(0, start - 30)
    end = min(len(line), max(begin + _CLIP_WIDTH, start + width + 5))
    clipped = line[begin:end]
    new_start = start - begin
    if begin > 0:
        clipped = "... " + clipped
        new_start += 4
    if end < len(line):
        clipped = clipped + " ..."
    return clipped, new_start


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
