"""The syntax tree of a PowerShell 5.1 script, shaped like PowerShell's own `System.Management.Automation.Language`.

Every node is a frozen, slotted dataclass whose first field is `extent` (where it sits in the text).
The parser builds the tree; the evaluator walks it. Names follow PowerShell's classes with Python
spelling (`IfStatementAst`, `clauses`, `else_clause` ...), so the C# documentation of a node also
describes ours.

Conventions the evaluator can rely on:
- Operators are canonical strings: dashes are ASCII, operator words are lower case with their dash
  (`-eq`, `-ceq`, `-ieq`, `-and`, `-f`, `-join`), symbols as typed (`+`, `-`, `*`, `/`, `%`, `..`,
  `!`, `++`, `--`, `,`). Assignment operators: `=`, `+=`, `-=`, `*=`, `/=`, `%=`.
- Numbers are already typed: `ConstantExpressionAst.value` is `int`/`float`/`Decimal` and
  `type_name` says which .NET type PowerShell gave it (`System.Int32`, `System.Int64`, ...).
- String escapes (backticks, doubled quotes, typographic quote pairs) are already resolved in
  `StringConstantExpressionAst.value` and in the literal parts of `ExpandableStringExpressionAst`.
- A parse with errors produces no tree (`ParseResult.ast is None`), so the evaluator never sees a
  partial or error node.
"""

from __future__ import annotations

import enum
from bisect import bisect_right
from dataclasses import MISSING, dataclass, field, fields
from decimal import Decimal
from typing import Iterator, Sequence, Union


_LAZY_POSITION = frozenset({"start_line", "start_column", "end_line", "end_column"})


@dataclass(frozen=True, slots=True)
class Extent:
    """A span of the script text.

    Lines and columns are 1-based like PowerShell's `IScriptExtent`; `end_column` is the column just
    after the last character (so a one-character token at column 5 ends at column 6). Offsets are
    0-based indexes into `source` (`end_offset` exclusive). `source` is the whole script text so
    error messages can print the line and put tildes under the span.
    """

    file: str | None
    start_line: int
    start_column: int
    end_line: int
    end_column: int
    start_offset: int
    end_offset: int
    source: str = field(default="", repr=False, compare=False)
    # Line-start offsets of `source`, set only by the tokenizer's fast constructor: then the four
    # line/column fields are left unset and computed on first access (`__getattr__` below), because
    # most extents of a parse are never asked for a line number.
    line_starts: "Sequence[int] | None" = field(default=None, repr=False, compare=False)

    def __getattr__(self, name: str) -> int:
        if name not in _LAZY_POSITION or name == "line_starts":
            raise AttributeError(name)
        starts = object.__getattribute__(self, "line_starts")
        if starts is None:
            raise AttributeError(name)
        start, end = self.start_offset, self.end_offset
        line = bisect_right(starts, start)
        end_line = line if line >= len(starts) or end < starts[line] else bisect_right(starts, end)
        object.__setattr__(self, "start_line", line)
        object.__setattr__(self, "start_column", start - starts[line - 1] + 1)
        object.__setattr__(self, "end_line", end_line)
        object.__setattr__(self, "end_column", end - starts[end_line - 1] + 1)
        return int(object.__getattribute__(self, name))

    @property
    def text(self) -> str:
        """The exact source text covered by the extent."""
        return self.source[self.start_offset:self.end_offset]

    @property
    def start_line_text(self) -> str:
        """The whole source line the extent starts on, without its line break."""
        begin = max(self.source.rfind("\n", 0, self.start_offset), self.source.rfind("\r", 0, self.start_offset)) + 1
        end = self.start_offset
        while end < len(self.source) and self.source[end] not in "\r\n":
            end += 1
        return self.source[begin:end]

    @staticmethod
    def empty(file: str | None = None) -> "Extent":
        return Extent(file, 1, 1, 1, 1, 0, 0, "")


@dataclass(frozen=True, slots=True, eq=False)
class Ast:
    """Base of every node.

    Nodes compare by identity and share this one `__repr__`: generating equality and repr for each of
    the ~70 node classes costs a noticeable share of every start-up (the parser never compares nodes).
    """

    extent: Extent

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.name != "extent")
        return f"{type(self).__name__}({shown})"


def iter_children(node: Ast) -> Iterator[Ast]:
    """Yield the direct child nodes of `node` in source order (fields, tuples and pairs are walked).
    An expandable string's expressions are yielded once (from `nested_expressions`; `parts` holds
    the same objects)."""
    for f in fields(node):
        if f.name == "extent" or (f.name == "parts" and isinstance(node, ExpandableStringExpressionAst)):
            continue
        yield from _nodes_in(getattr(node, f.name))


def walk(node: Ast) -> Iterator[Ast]:
    """`node` and every node below it, depth first in source order (like `Ast.FindAll`)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(list(iter_children(current))))


def _nodes_in(value: object) -> Iterator[Ast]:
    if isinstance(value, Ast):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _nodes_in(item)


# ---------------------------------------------------------------------------------------------- types


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class TypeName(Ast):
    """A type as written inside `[ ]`: `int`, `System.IO.File`, `List[string]`, `byte[]`, `int[,]`.

    `full_name` is the text as written (whitespace removed), e.g. `System.Collections.Generic.List[string]`.
    `name` is the dotted name without generic arguments or array brackets (`System.Collections.Generic.List`).
    `generic_arguments` holds the type arguments of a generic (`[Dictionary[string,int]]` -> two).
    For an array type `array_rank` is the rank (1 for `[]`, 2 for `[,]`) and `element_type` the element
    type; otherwise `array_rank` is 0 and `element_type` None. Resolution (accelerators, `System.`
    prefix) is the evaluator's job: the parser does not know which types exist.
    """

    full_name: str
    name: str
    generic_arguments: tuple["TypeName", ...] = ()
    array_rank: int = 0
    element_type: "TypeName | None" = None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class AttributeBaseAst(Ast):
    """Base of `TypeConstraintAst` and `AttributeAst` (both appear in `ParameterAst.attributes`)."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class TypeConstraintAst(AttributeBaseAst):
    """`[int]` in front of a parameter, variable, cast or `catch`: just a type name."""

    type_name: TypeName


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class NamedAttributeArgumentAst(Ast):
    """`Mandatory=$true` inside an attribute. `expression_omitted` is True for a bare `Mandatory`,
    in which case `argument` is a `ConstantExpressionAst` holding True (PowerShell's meaning)."""

    argument_name: str
    argument: "ExpressionAst"
    expression_omitted: bool = False


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class AttributeAst(AttributeBaseAst):
    """`[Parameter(Mandatory, Position=0)]`, `[ValidateSet('a','b')]`, `[CmdletBinding()]`.

    `type_name.name` is the attribute name as written (`Parameter`, `CmdletBinding`, `ValidateSet`);
    the `Attribute` suffix may or may not be present (`ParameterAttribute`). Arguments are
    expressions (constants in practice; `ValidateScript` takes a script block).
    """

    type_name: TypeName
    positional_arguments: tuple["ExpressionAst", ...] = ()
    named_arguments: tuple[NamedAttributeArgumentAst, ...] = ()


# ------------------------------------------------------------------------------- script blocks


@dataclass(frozen=True, slots=True)
class ScriptRequirements:
    """What `#requires` lines ask for (they apply to the whole script wherever placed).

    `raw` keeps each `#requires` comment text in order for messages.
    """

    required_version: str | None = None
    required_editions: tuple[str, ...] = ()
    required_modules: tuple[str, ...] = ()
    required_snapins: tuple[str, ...] = ()
    requires_elevation: bool = False
    required_shell_id: str | None = None
    raw: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ParameterAst(Ast):
    """One parameter of a `param(...)` block or of `function f($a, [int]$b = 2)`.

    `name` is the variable (`$Thumbprint`). `attributes` holds, in source order, the attributes and
    type constraints written before it (`[Parameter(Mandatory)][string[]]`). `default_value` is the
    expression after `=` (evaluated at bind time, in the function's scope) or None.
    """

    name: "VariableExpressionAst"
    attributes: tuple[AttributeBaseAst, ...] = ()
    default_value: "ExpressionAst | None" = None

    @property
    def type_constraint(self) -> TypeConstraintAst | None:
        """The last type constraint (PowerShell converts with it), or None (= `[object]`)."""
        found: TypeConstraintAst | None = None
        for attribute in self.attributes:
            if isinstance(attribute, TypeConstraintAst):
                found = attribute
        return found


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ParamBlockAst(Ast):
    """`[CmdletBinding()] param(...)`: the attributes before `param` (CmdletBinding, OutputType,
    Alias...) and the parameters. A script or function with `[CmdletBinding()]` or any
    `[Parameter()]` attribute is an advanced function (common parameters apply)."""

    attributes: tuple[AttributeAst, ...] = ()
    parameters: tuple[ParameterAst, ...] = ()


class BlockKind(enum.Enum):
    """Which named block a `NamedBlockAst` is."""

    BEGIN = "begin"
    PROCESS = "process"
    END = "end"
    DYNAMICPARAM = "dynamicparam"


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class NamedBlockAst(Ast):
    """`begin { }`, `process { }`, `end { }` or `dynamicparam { }`.

    A script block written without named blocks gets one *unnamed* `end` block (`unnamed=True`) —
    or `process` for a `filter`. `traps` are the `trap` statements of this block (they cover the
    whole block, even statements before them); they also appear in `statements` at their position,
    where executing them does nothing.
    """

    block_kind: BlockKind
    statements: tuple["StatementAst", ...] = ()
    traps: tuple["TrapStatementAst", ...] = ()
    unnamed: bool = False


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class UsingStatementAst(Ast):
    """`using namespace System.Text` / `using module X` / `using assembly X` at the top of a script.
    `using_kind` is `namespace`, `module` or `assembly`; `name` the text after it."""

    using_kind: str
    name: str


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ScriptBlockAst(Ast):
    """A whole script, a function body or the inside of `{ ... }`.

    Run order: bind `param_block` (or the function's own parameters), then `begin_block` once,
    `process_block` per pipeline input object (once with no input), `end_block` once. Missing blocks
    are None. `requirements` is set only on the script (file) level. `help_comment` is the text of
    the comment-based help block found for this script block (the comment before `param`, at the
    start of the body, or before a function), without the `<# #>`/`#` markers, or None.
    `text` of the extent includes the braces for a script block expression; `body_text` is what
    PowerShell's `ScriptBlock.ToString()` returns (the text between the braces).
    """

    param_block: ParamBlockAst | None = None
    begin_block: NamedBlockAst | None = None
    process_block: NamedBlockAst | None = None
    end_block: NamedBlockAst | None = None
    dynamicparam_block: NamedBlockAst | None = None
    using_statements: tuple[UsingStatementAst, ...] = ()
    requirements: ScriptRequirements | None = None
    help_comment: str | None = None
    body_text: str = ""


# --------------------------------------------------------------------------------- statements


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class StatementAst(Ast):
    """Base of every statement (pipelines and assignments included)."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class StatementBlockAst(Ast):
    """A `{ ... }` body of `if`, loops, `try`... (not a script block: no param, runs in place).
    `traps` as in `NamedBlockAst`."""

    statements: tuple[StatementAst, ...] = ()
    traps: tuple["TrapStatementAst", ...] = ()


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class PipelineBaseAst(StatementAst):
    """Base of what may stand where PowerShell expects a pipeline: a `PipelineAst` or an
    `AssignmentStatementAst` (e.g. `if ($c = Get-X)`, `( $x = 5 )`)."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class CommandElementAst(Ast):
    """Base of what can appear in `CommandAst.command_elements`: expressions, parameters,
    verbatim (`--%`) arguments."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ExpressionAst(CommandElementAst):
    """Base of every expression."""


class RedirectionStream(enum.Enum):
    """A stream named in a redirection (`*` = ALL, `1`/none = OUTPUT, `2` = ERROR ...)."""

    ALL = "*"
    OUTPUT = "1"
    ERROR = "2"
    WARNING = "3"
    VERBOSE = "4"
    DEBUG = "5"
    INFORMATION = "6"


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class RedirectionAst(Ast):
    """Base of redirections; `from_stream` is the redirected stream."""

    from_stream: RedirectionStream


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class FileRedirectionAst(RedirectionAst):
    """`> f`, `>> f`, `2> f`, `*>> f`, `> $null`: write the stream to the file (`Out-File`, UTF-16LE
    in 5.1) or append. `location` is the target expression (a bareword string, a variable...);
    `$null` as target discards."""

    location: ExpressionAst
    append: bool = False


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class MergingRedirectionAst(RedirectionAst):
    """`2>&1`, `*>&1`: merge `from_stream` into `to_stream` (always OUTPUT in 5.1)."""

    to_stream: RedirectionStream = RedirectionStream.OUTPUT


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class CommandBaseAst(StatementAst):
    """Base of pipeline elements; `redirections` in source order."""

    redirections: tuple[RedirectionAst, ...] = ()


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class CommandAst(CommandBaseAst):
    """A command invocation: `Get-X -A 1 b`, `& $sb 1`, `. .\\x.ps1`.

    `command_elements[0]` is the command name: a `StringConstantExpressionAst` (bareword or quoted),
    an `ExpandableStringExpressionAst`, or any expression after `&`/`.` (`& $sb`, `& (Get-Cmd)`).
    The rest are, in order, `CommandParameterAst` (`-Name`, `-Name:value`), argument expressions
    (each a *primary* expression: `Write-Output $a + 1` has three arguments), `VerbatimArgumentAst`
    for `--%`, and a `StringConstantExpressionAst` with value `--` for the end-of-parameters marker.
    Splatting is a `VariableExpressionAst` with `splatted=True`. A bareword list `IIS,SMTP` is one
    `ArrayLiteralAst` argument. `invocation_operator` is `&`, `.` or None.
    """

    command_elements: tuple[CommandElementAst, ...] = ()
    invocation_operator: str | None = None

    def get_command_name(self) -> str | None:
        """The literal command name, or None when it is computed (`& $sb`)."""
        first = self.command_elements[0] if self.command_elements else None
        if isinstance(first, StringConstantExpressionAst):
            return first.value
        return None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class CommandExpressionAst(CommandBaseAst):
    """An expression used as a pipeline element (only the first element may be one):
    `$x | Out-File f`, `1 + 1`, `$a > f.txt`."""

    expression: ExpressionAst | None = None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class CommandParameterAst(CommandElementAst):
    """`-Name`, `-Name:value`, `-Name: value`.

    `parameter_name` is without the dash (an en/em dash was typed as well as `-`). `argument` is the
    attached value for the colon form, else None — the binder then takes the next element as the
    value if the parameter needs one. `has_colon` distinguishes `-Force:$false` (argument given) from
    `-Force` (switch present). `text` is the token as typed (for `-1`-like bareword fallbacks and
    messages).
    """

    parameter_name: str
    argument: ExpressionAst | None = None
    has_colon: bool = False
    text: str = ""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class VerbatimArgumentAst(CommandElementAst):
    """The text after `--%` up to the end of line or an unquoted `|`: passed raw to a native command
    (only `%VAR%` environment references expand, at run time)."""

    text: str


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class PipelineAst(PipelineBaseAst):
    """`a | b | c`. One element = a plain command or expression statement."""

    pipeline_elements: tuple[CommandBaseAst, ...] = ()


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class AssignmentStatementAst(PipelineBaseAst):
    """`left op right`: `operator` is `=`, `+=`, `-=`, `*=`, `/=`, `%=`.

    `left` is a `VariableExpressionAst`, a `ConvertExpressionAst` wrapping one (`[int]$n = 5`: a typed
    variable), an `AttributedExpressionAst`, a `MemberExpressionAst`, an `IndexExpressionAst`, or an
    `ArrayLiteralAst` of these (`$a, $b = 1, 2`). `right` is a statement: a pipeline, another
    assignment (`$a = $b = 5`), `if`, `switch`, `foreach`, `try`...: its output is the value.
    """

    left: ExpressionAst
    operator: str
    right: StatementAst


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class IfClauseAst(Ast):
    """One `if (condition) { body }` or `elseif (...) { ... }` clause."""

    condition: PipelineBaseAst
    body: StatementBlockAst


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class IfStatementAst(StatementAst):
    """`if (...) {...} elseif (...) {...} else {...}`: first clause whose condition is true runs."""

    clauses: tuple[IfClauseAst, ...]
    else_clause: StatementBlockAst | None = None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class LabeledStatementAst(StatementAst):
    """Base of loops and `switch`; `label` is the `:name` before the statement (without `:`), or None."""

    label: str | None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class SwitchClauseAst(Ast):
    """One `pattern { body }` of a switch. A bareword pattern is a `StringConstantExpressionAst`
    (`IIS`), a number a `ConstantExpressionAst`; `{ ... }` a `ScriptBlockExpressionAst` (evaluated
    with `$_`); anything else an expression evaluated then compared."""

    pattern: ExpressionAst
    body: StatementBlockAst


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class SwitchStatementAst(LabeledStatementAst):
    """`switch -Regex -CaseSensitive (value) { clauses; default {...} }`.

    `flags` holds the canonical option names given (`Regex`, `Wildcard`, `Exact`, `CaseSensitive`,
    `File`), already resolved from abbreviations with the last of Regex/Wildcard/Exact winning.
    With `File`, `condition` is None and `file_path` is the path expression; else `condition` is the
    value pipeline. `default` is the body of the `default` clause or None.
    """

    condition: PipelineBaseAst | None
    clauses: tuple[SwitchClauseAst, ...] = ()
    default: StatementBlockAst | None = None
    flags: tuple[str, ...] = ()
    file_path: ExpressionAst | None = None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ForEachStatementAst(LabeledStatementAst):
    """`foreach ($variable in condition) { body }`: `condition` evaluated once and enumerated."""

    variable: "VariableExpressionAst"
    condition: PipelineBaseAst
    body: StatementBlockAst


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ForStatementAst(LabeledStatementAst):
    """`for (initializer; condition; iterator) { body }`: each part optional (None); a missing
    condition is true."""

    initializer: PipelineBaseAst | None
    condition: PipelineBaseAst | None
    iterator: PipelineBaseAst | None
    body: StatementBlockAst


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class WhileStatementAst(LabeledStatementAst):
    """`while (condition) { body }`."""

    condition: PipelineBaseAst
    body: StatementBlockAst


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class DoWhileStatementAst(LabeledStatementAst):
    """`do { body } while (condition)`: body first, repeat while true."""

    condition: PipelineBaseAst
    body: StatementBlockAst


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class DoUntilStatementAst(LabeledStatementAst):
    """`do { body } until (condition)`: body first, repeat until true."""

    condition: PipelineBaseAst
    body: StatementBlockAst


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class FunctionDefinitionAst(StatementAst):
    """`function [scope:]Name [(params)] { body }` or `filter Name { body }`.

    `name` is as written (may contain `-`, `.`, a scope prefix such as `global:`). `parameters` holds
    the `function f($a, $b)` form, else None (then `body.param_block` may declare them). A filter's
    body statements are in `body.process_block`.
    """

    name: str
    body: ScriptBlockAst
    is_filter: bool = False
    parameters: tuple[ParameterAst, ...] | None = None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class CatchClauseAst(Ast):
    """`catch [T1], [T2] { body }`; `catch_types` empty = catches everything."""

    catch_types: tuple[TypeConstraintAst, ...]
    body: StatementBlockAst

    @property
    def is_catch_all(self) -> bool:
        return not self.catch_types


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class TryStatementAst(StatementAst):
    """`try {...} catch ... {...} finally {...}`: at least one catch or a finally."""

    body: StatementBlockAst
    catch_clauses: tuple[CatchClauseAst, ...] = ()
    finally_clause: StatementBlockAst | None = None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class TrapStatementAst(StatementAst):
    """`trap [T] { body }`; `trap_type` None = every terminating error."""

    trap_type: TypeConstraintAst | None
    body: StatementBlockAst


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class BreakStatementAst(StatementAst):
    """`break [label]`: `label` is None, a `StringConstantExpressionAst` (bareword `outer`) or an
    expression evaluated to a label name."""

    label: ExpressionAst | None = None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ContinueStatementAst(StatementAst):
    """`continue [label]`; `label` as in `BreakStatementAst`."""

    label: ExpressionAst | None = None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ReturnStatementAst(StatementAst):
    """`return [pipeline]`: write the pipeline's output, then leave the script block."""

    pipeline: PipelineBaseAst | None = None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ExitStatementAst(StatementAst):
    """`exit [pipeline]`: end the script with that exit code (converted to int)."""

    pipeline: PipelineBaseAst | None = None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ThrowStatementAst(StatementAst):
    """`throw [pipeline]`; None = rethrow inside `catch`, else `ScriptHalted`."""

    pipeline: PipelineBaseAst | None = None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class DataStatementAst(StatementAst):
    """`data [Name] [-SupportedCommand a,b] { body }`: body restricted to literals; its output is
    assigned to `$Name` when a name is given, else written."""

    variable: str | None
    body: StatementBlockAst
    supported_commands: tuple[ExpressionAst, ...] = ()


# -------------------------------------------------------------------------------- expressions


class StringConstantType(enum.Enum):
    """How a string was written (decides quoting in messages and `ToString()` of arguments)."""

    BAREWORD = "BareWord"
    SINGLE_QUOTED = "SingleQuoted"
    SINGLE_QUOTED_HERE_STRING = "SingleQuotedHereString"
    DOUBLE_QUOTED = "DoubleQuoted"
    DOUBLE_QUOTED_HERE_STRING = "DoubleQuotedHereString"


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ConstantExpressionAst(ExpressionAst):
    """A number (or, for attribute shorthands, a bool): `value` is already the typed Python value and
    `type_name` the .NET type PowerShell gives it: `System.Int32`, `System.Int64`, `System.Double`,
    `System.Decimal` (or `System.Boolean`). In command mode a number argument keeps its source text
    in `extent.text`, which a `[string]` parameter receives instead of the value (`0x10` stays `0x10`).
    """

    value: int | float | Decimal | bool
    type_name: str = "System.Int32"


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class StringConstantExpressionAst(ExpressionAst):
    """A string with nothing to expand: `'x'`, `"x"` without `$`, a bareword `IIS`, a command name.
    `value` has escapes already resolved."""

    value: str
    string_kind: StringConstantType = StringConstantType.BAREWORD


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ExpandableStringExpressionAst(ExpressionAst):
    """A string with expansions: `"Cert $thumb expires $($c.NotAfter)"`, a bareword `$dir\\x.txt`.

    `parts` is what the evaluator needs: literal `str` pieces (escapes resolved) interleaved, in
    order, with the nested expressions (`VariableExpressionAst` for `$x` / `${x}` / `$env:X`,
    `SubExpressionAst` for `$( )`). To get the value, concatenate the strings and each expression's
    value converted to string (arrays joined with `$OFS`). Note `"$cert.Thumbprint"` is the
    variable `$cert` followed by the literal text `.Thumbprint`. `value` is the raw source text
    between the quotes (before escape processing); `nested_expressions` the expressions alone.
    """

    value: str
    string_kind: StringConstantType
    parts: tuple["str | ExpressionAst", ...] = ()
    nested_expressions: tuple[ExpressionAst, ...] = ()


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class VariableExpressionAst(ExpressionAst):
    """`$name`, `$script:x`, `$env:TEMP`, `${any name}`, `@splat`.

    `name` is the variable name without prefix (`TEMP`, `x`, `_`, `?`); `prefix` is the scope or
    drive before the colon (`global`, `script`, `local`, `private`, `env`, `variable`, `function`,
    any drive name; lower-cased only for comparison by the evaluator) or None. `path` is the full
    text without `$`/`@`/braces (`env:TEMP`). `splatted` is True for `@name` (only valid as a command
    argument). `braced` for `${...}` (which may name a provider item such as `${C:\\x.txt}`).
    """

    name: str
    prefix: str | None = None
    path: str = ""
    splatted: bool = False
    braced: bool = False


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class UsingExpressionAst(ExpressionAst):
    """`$using:name` (remote/job scopes): the value of `sub_expression` in the caller's session."""

    sub_expression: ExpressionAst


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class TypeExpressionAst(ExpressionAst):
    """A type literal used as a value: `[int]`, `[System.IO.File]` in `[System.IO.File]::ReadAllBytes`."""

    type_name: TypeName


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ConvertExpressionAst(ExpressionAst):
    """A cast `[T]child` (`[int]"5"`, `[ordered]@{...}`, `[pscustomobject]@{...}`, `[void](...)`).

    As an assignment target (`[int]$n = 5`) it declares a typed variable."""

    type: TypeConstraintAst
    child: ExpressionAst


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class AttributedExpressionAst(ExpressionAst):
    """An attribute before an expression, e.g. `[ValidateRange(1,5)][int]$x = 3`."""

    attribute: AttributeAst
    child: ExpressionAst


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class BinaryExpressionAst(ExpressionAst):
    """`left operator right` for every binary operator except `,` (see `ArrayLiteralAst`).
    `operator` is canonical (module docstring); `error_position` is the operator's extent, where
    runtime operator errors point."""

    left: ExpressionAst
    operator: str
    right: ExpressionAst
    error_position: Extent | None = None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class UnaryExpressionAst(ExpressionAst):
    """Prefix `-not ! -bnot - + ++ -- -split -csplit -isplit -join ,` or postfix `++ --`.

    `postfix` True for `$i++` (value before the change is the result). Unary `,` makes a one-element
    array of `child`."""

    operator: str
    child: ExpressionAst
    postfix: bool = False


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ArrayLiteralAst(ExpressionAst):
    """`1, 2, 3` (the binary comma): `elements` in order; each element is evaluated (an element that
    is itself an array stays nested)."""

    elements: tuple[ExpressionAst, ...]


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ArrayExpressionAst(ExpressionAst):
    """`@( statements )`: everything written, collected into an `object[]` (a single inner array is
    not double-wrapped)."""

    sub_expression: StatementBlockAst


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class SubExpressionAst(ExpressionAst):
    """`$( statements )`: 0 outputs -> `$null`, 1 -> that object, more -> `object[]`."""

    sub_expression: StatementBlockAst


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ParenExpressionAst(ExpressionAst):
    """`( pipeline )`: one pipeline or assignment used as a value (`(Get-Date).Year`, `($x = 5)`)."""

    pipeline: PipelineBaseAst


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class HashtableAst(ExpressionAst):
    """`@{ key = value; ... }`: `key_value_pairs` in source order; a key is an expression (bareword
    keys are `StringConstantExpressionAst`), a value a statement (its output is the value). Ordered
    only when wrapped in `[ordered]`/`[pscustomobject]` (a `ConvertExpressionAst`)."""

    key_value_pairs: tuple[tuple[ExpressionAst, StatementAst], ...] = ()


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ScriptBlockExpressionAst(ExpressionAst):
    """`{ ... }` used as a value: a script block object, not run until invoked."""

    script_block: ScriptBlockAst


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class MemberExpressionAst(ExpressionAst):
    """`expression.member` or `expression::member` (`static=True`, e.g. `[Net.SecurityProtocolType]::Tls12`).

    `member` is a `StringConstantExpressionAst` for a name (bare or quoted), otherwise an expression
    whose value names the member (`$o.$name`, `$o.($expr)`)."""

    expression: ExpressionAst
    member: CommandElementAst
    static: bool = False

    @property
    def member_name(self) -> str | None:
        """The literal member name, or None when computed."""
        return self.member.value if isinstance(self.member, StringConstantExpressionAst) else None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class InvokeMemberExpressionAst(ExpressionAst):
    """`expression.member(arguments)` / `[T]::member(arguments)`; also `.Where{...}`/`.ForEach{...}`
    (then `arguments` is the single `ScriptBlockExpressionAst`). `member` as in
    `MemberExpressionAst`. Not a subclass of it: dispatch on the exact type."""

    expression: ExpressionAst
    member: CommandElementAst
    arguments: tuple[ExpressionAst, ...] = ()
    static: bool = False

    @property
    def member_name(self) -> str | None:
        return self.member.value if isinstance(self.member, StringConstantExpressionAst) else None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class IndexExpressionAst(ExpressionAst):
    """`target[index]`: `index` is one expression; a slice is an `ArrayLiteralAst` (`$a[0,2]`) or a
    range (`$a[1..3]`, a `BinaryExpressionAst` with `..`) that the evaluator enumerates."""

    target: ExpressionAst
    index: ExpressionAst


AnyAst = Union[Ast, ExpressionAst, StatementAst]


def _fast_initializer(cls: type) -> None:
    """Give a node class an `__init__` that fills its slots through the slot descriptors.

    The frozen dataclass `__init__` stores each field with `object.__setattr__(self, name, value)`,
    which looks the name up again for every field of every node; a parse builds thousands of nodes
    and that lookup was a tenth of its time (scripts/bench_parse.py). The signature, defaults and
    frozenness stay those the dataclass declared.
    """
    names = [f.name for f in fields(cls)]
    scope: dict[str, object] = {}
    parameters = []
    for name in names:
        scope[f"_set_{name}"] = getattr(cls, name).__set__
        default = cls.__dataclass_fields__[name].default  # type: ignore[attr-defined]
        if default is MISSING:
            parameters.append(name)
        else:
            scope[f"_default_{name}"] = default
            parameters.append(f"{name}=_default_{name}")
    body = "".join(f"\n    _set_{name}(self, {name})" for name in names)
    exec(f"def __init__(self, {', '.join(parameters)}):{body}", scope)  # noqa: S102 - our own field names
    initializer = scope["__init__"]
    initializer.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    cls.__init__ = initializer  # type: ignore[misc]


# The module's own node classes: `dataclass(slots=True)` replaces each class it decorates, so the
# replaced ones may still linger in `Ast.__subclasses__()`.
for _node_class in [value for value in list(globals().values())
                    if isinstance(value, type) and issubclass(value, Ast) and "__slots__" in value.__dict__]:
    _fast_initializer(_node_class)
