"""PowerShell 5.1 tokenizer: regex-driven, mode-sensitive, position-addressed.

The parser asks for "the token at offset P scanned in mode M" (`Tokenizer.next`), so switching
between expression mode and command (argument) mode is just asking again at the same offset —
PowerShell's own parser does the same with its `Resync`. Results are cached per (offset, mode).

What the tokenizer knows (reference `powershell-language.md` §1–§2):
- the character classes of §1 (dashes, typographic quotes, NBSP and other blanks), backtick rules;
- numbers with suffixes and multipliers typed by the 5.1 rules (§2.4);
- variables, splats, strings, here-strings, with the nested `$x` / `$( )` pieces of expandable
  strings and barewords located (the parser parses `$( )` bodies);
- command-mode barewords (generic tokens), parameters, `--`, `--%`, redirections.
Errors are raised as `ParseFailure` with PowerShell's id, message and offset.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import accumulate

from exchange_sim.powershell.ast import Extent, StringConstantType
from exchange_sim.powershell.numeric_literals import number_value
from exchange_sim.powershell.parse_errors import ParseError, ParseFailure

DASHES = "-\u2013\u2014\u2015"
SQUOTES = "'\u2018\u2019\u201a\u201b"
DQUOTES = '"\u201c\u201d\u201e'
_BLANKS = " \t\x0b\x0c\xa0\x85\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
WHITESPACE = frozenset(_BLANKS)
# ForceStartNewToken: these end a bareword in any mode ("" stands for end of input).
FORCE_NEW = frozenset(_BLANKS + "\r\n;,|&(){}") | {""}
# ForceStartNewTokenAfterNumber: in expression mode an operator character also ends a number.
_AFTER_NUMBER = FORCE_NEW | frozenset("!#%*+/<=>]." + DASHES)

EXPR, CMD = 0, 1  # tokenizer modes

_WS_CLASS = "[" + re.escape(_BLANKS) + "]"
_D = "[" + DASHES + "]"
_SQ = "[" + SQUOTES + "]"

# Whitespace, line continuations (backtick + newline; backtick + blank is a blank) and comments.
_SKIP = re.compile(rf"(?:{_WS_CLASS}+|`(?:\r\n|[\r\n \t])|<#.*?#>|#[^\r\n]*)+", re.S)
_SKIP_FIRST = frozenset(_BLANKS + "`<#")
# Characters that are a whole token by themselves in expression mode.
_SINGLE_EXPRESSION_SYMBOLS = frozenset("(){};,[]")
# Token kinds that do not depend on the mode (their scan is shared between modes).
_MODE_INVARIANT = frozenset({"eof", "nl", "str", "xstr", "$(", "@(", "@{", "splat", ";", "(", ")", "{", "}", "|", ",",
                             "||", "&&"})
_NUMBER = re.compile(
    r"(?:0[xX](?P<hex>[0-9a-fA-F]*)|(?P<dec>(?:\d+(?:\.(?!\.)\d*)?|\.\d+)(?:[eE](?P<exp>"
    + _D[:-1] + r"+]?\d*))?))(?P<suffix>[dDlL])?(?:(?P<mult>[kKmMgGtTpP])(?P<b>[bB])?)?"
)
_EXPR_SYMBOL = re.compile(
    rf"\+\+|\+=|{_D}{_D}|{_D}=|\*=|/=|%=|\.\.|::|&&|\|\||[1-6*]?>>|[1-6*]>&[1-6]|[1-6*]>|>|"
    rf"@\(|@\{{|\$\(|[+*/%=!,.;|&(){{}}\[\]<]|{_D}"
)
_DASH_WORD = re.compile(rf"{_D}([A-Za-z]+)")
_IDENTIFIER = re.compile(r"[^\W\d]\w*|_\w*")
_CMD_PARAM = re.compile(rf"{_D}([A-Za-z_?][^\s&(),.;\[{{|}}:{SQUOTES}{DQUOTES}]*)(:)?")
_REDIRECTION = re.compile(r"([1-6*])?(>>|>)(?:&([1-6]))?")
_GENERIC_PLAIN = re.compile(rf"[^\s;,|&(){{}}`$" + SQUOTES + DQUOTES + "]+")
_DQ_PLAIN = re.compile("[^`$" + DQUOTES + "]+")
_HERE_PLAIN = re.compile(r"[^`$\r\n]+")
_SQ_STRING = re.compile(rf"(?:[^{SQUOTES}]|{_SQ}{_SQ})*({_SQ})?")
_SQ_PAIR = re.compile(rf"{_SQ}({_SQ})")
_SQ_ANY = re.compile(_SQ)
_NEWLINE = re.compile(r"\r\n|\r|\n")
_VAR_NAME = re.compile(r"[\w?]+")
# `$name` with nothing after the name that could extend it (`:` scope, `?`, more name characters).
_PLAIN_VARIABLE = re.compile(r"\$([^\W\d]\w*|_\w*)(?![\w?:])")

_COMPARISON = (
    "eq ne gt ge lt le like notlike match notmatch replace contains notcontains in notin split"
).split()
OPERATOR_WORDS: frozenset[str] = frozenset(
    [p + b for b in _COMPARISON for p in ("", "i", "c")]
    + "join is isnot as shl shr band bor bxor and or xor not bnot f".split()
)

# Tokenizer errors that are only ever found at the end of the text (an open string, comment...).
_END_OF_TEXT_ERRORS = frozenset({
    "TerminatorExpectedAtEndOfString", "WhitespaceBeforeHereStringFooter", "MissingTerminatorMultiLineComment",
    "IncompleteDollarSubexpressionReference", "IncompleteDollarVariableReference",
})
_SCOPES = frozenset({"global", "local", "private", "script", "using", "workflow"})
_BACKTICK = {"0": "\0", "a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def _extent_factory(file: str | None, source: str, line_starts: list[int]) -> "Callable[[int, int], Extent]":
    """A constructor of `Extent`s of one text that fills only the offsets: the parser makes one
    extent per node and most are never asked for a line number, so line and column are computed on
    first use (`Extent.__getattr__`). The dataclass `__init__` would cost several times more
    (scripts/bench_parse.py)."""
    new = object.__new__
    set_file = Extent.file.__set__  # type: ignore[attr-defined]
    set_start = Extent.start_offset.__set__  # type: ignore[attr-defined]
    set_end = Extent.end_offset.__set__  # type: ignore[attr-defined]
    set_source = Extent.source.__set__  # type: ignore[attr-defined]
    set_lines = Extent.line_starts.__set__  # type: ignore[attr-defined]

    def extent(start: int, end: int) -> Extent:
        made = new(Extent)
        set_file(made, file)
        set_start(made, start)
        set_end(made, end)
        set_source(made, source)
        set_lines(made, line_starts)
        return made

    return extent


def line_starts(source: str) -> list[int]:
    """Offsets at which the lines of `source` start (after `\r\n`, `\r` or `\n`)."""
    if "\r" in source:
        return [0] + [m.end() for m in _NEWLINE.finditer(source)]
    # Only `\n`: adding up line lengths is several times quicker than a match object per line.
    return [0, *accumulate(len(line) + 1 for line in source.split("\n")[:-1])]


class Token:
    """One token. `kind` is a short string (see module constants in the parser); `value` depends on
    the kind (number value, string value, list of expandable parts, parameter name...)."""

    __slots__ = ("kind", "start", "end", "value", "sub", "text")

    def __init__(self, kind: str, start: int, end: int, text: str, value: object = None,
                 sub: object = None) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text
        self.value = value
        self.sub = sub

    def __repr__(self) -> str:
        return f"Token({self.kind!r}, {self.text!r}, {self.start})"


def backtick_char(c: str) -> str:
    """The character a backtick escape stands for in 5.1 (§1.4)."""
    return _BACKTICK.get(c, c)


class Tokenizer:
    """Scans one script text; every offset is an index into that text."""

    def __init__(self, source: str, file: str | None = None) -> None:
        self.source = source
        self.file = file
        self.length = len(source)
        self._line_starts = line_starts(source)
        self.extent = _extent_factory(file, source, self._line_starts)  # extent(start, end) -> Extent
        self.reached_end = False  # set once a scan ran into the end of the text
        # The token scanned at each offset in each mode, at index 2 * offset + mode. A list indexed
        # by offset is cheaper to fill and to read than a dict keyed by it (scripts/bench_parse.py).
        self.tokens: list[Token | None] = [None] * (2 * self.length + 2)

    # ------------------------------------------------------------------ positions and errors

    def fail(self, error_id: str, message: str, start: int, end: int | None = None) -> ParseFailure:
        if error_id in _END_OF_TEXT_ERRORS:
            self.reached_end = True
        return ParseFailure(ParseError(error_id, message, self.extent(start, start if end is None else end)))

    def skip(self, pos: int) -> int:
        """Offset of the next token start after blanks, continuations and comments (not newlines)."""
        src = self.source
        if pos >= self.length or src[pos] not in _SKIP_FIRST:
            return pos
        # The common case, one space between tokens, without the regular expression.
        if src[pos] == " " and (pos + 1 >= self.length or src[pos + 1] not in _SKIP_FIRST):
            return pos + 1
        m = _SKIP.match(src, pos)
        return m.end() if m else pos

    def char(self, pos: int) -> str:
        return self.source[pos] if pos < self.length else ""

    # ------------------------------------------------------------------ main entry

    def next(self, pos: int, mode: int) -> Token:
        token = self.tokens[pos + pos + mode]
        if token is None:
            token = self._scan(pos, mode)
        return token

    def _scan(self, pos: int, mode: int) -> Token:
        src = self.source
        cache = self.tokens
        start = pos if pos >= self.length or src[pos] not in _SKIP_FIRST else self.skip(pos)
        if start != pos:  # the same token may already be known from its own offset
            token = cache[start + start + mode]
            if token is not None:
                cache[pos + pos + mode] = token
                return token
        if start >= self.length:
            self.reached_end = True
            token = Token("eof", start, start, "")
        else:
            c = src[start]
            if c == "\r" or c == "\n":
                end = start + 2 if src.startswith("\r\n", start) else start + 1
                token = Token("nl", start, end, src[start:end])
            elif c == "<" and src.startswith("<#", start):
                raise self.fail("MissingTerminatorMultiLineComment",
                                "The terminator '#>' is missing from the multiline comment.", start, start + 2)
            elif mode == EXPR:
                token = self._scan_expression(start, c)
            else:
                token = self._scan_command(start, c)
        cache[pos + pos + mode] = token
        cache[start + start + mode] = token
        if token.kind in _MODE_INVARIANT:  # scanned the same way in both modes: scan once
            other = 1 - mode
            cache[pos + pos + other] = token
            cache[start + start + other] = token
        return token

    # ------------------------------------------------------------------ expression mode

    def _scan_expression(self, start: int, c: str) -> Token:
        if c in _SINGLE_EXPRESSION_SYMBOLS:
            return Token(c, start, start + 1, c)
        src = self.source
        if c == "$":
            if src.startswith("$(", start):
                return Token("$(", start, start + 2, "$(")
            token = self.scan_variable(start, EXPR)
            if token is not None:
                return token
            return self.scan_generic(start)
        if c == "@":
            return self._scan_at(start, EXPR)
        if c in "123456" and self.char(start + 1) == ">":  # `2>&1` after an expression too
            return self._redirection(start)
        if c.isdigit() or (c == "." and start + 1 < self.length and src[start + 1].isdigit()):
            token = self.scan_number(start, EXPR)
            return token if token is not None else self.scan_generic(start)
        if c in SQUOTES:
            return self.scan_single_quoted(start)
        if c in DQUOTES:
            return self.scan_double_quoted(start)
        if c in DASHES:
            m = _DASH_WORD.match(src, start)
            if m:
                word = m.group(1).lower()
                if word in OPERATOR_WORDS:
                    return Token("op", start, m.end(), src[start:m.end()], "-" + word)
                return Token("param", start, m.end(), src[start:m.end()], m.group(1), sub=False)
        if c == "!" and (self.char(start + 1).isalpha() or self.char(start + 1) == "_"):
            return self.scan_generic(start)  # 5.1 reads `!Name` as a bareword (a command name), not `!` + name
        if c.isalpha() or c == "_":
            m = _IDENTIFIER.match(src, start)
            end = m.end() if m else start + 1
            return Token("word", start, end, src[start:end], src[start:end])
        m = _EXPR_SYMBOL.match(src, start)
        if m:
            return self._symbol(start, m.group())
        return self.scan_generic(start)

    def _symbol(self, start: int, text: str) -> Token:
        end = start + len(text)
        first = text[0]
        if ">" in text:
            return self._redirection(start)
        if first in DASHES:
            if len(text) == 1:
                return Token("op", start, end, text, "-")
            if text[1] == "=":
                return Token("assign", start, end, text, "-=")
            return Token("--", start, end, text, "--")
        if text in ("=", "+=", "*=", "/=", "%="):
            return Token("assign", start, end, text, text)
        if text in ("+", "*", "/", "%", "!", ".."):
            return Token("op", start, end, text, text)
        return Token(text, start, end, text, text)

    def _redirection(self, start: int) -> Token:
        m = _REDIRECTION.match(self.source, start)
        assert m is not None
        stream = m.group(1) or "1"
        return Token("redir", start, m.end(), m.group(), (stream, m.group(2) == ">>", m.group(3)))

    def _scan_at(self, start: int, mode: int) -> Token:
        src = self.source
        nxt = self.char(start + 1)
        if nxt == "(":
            return Token("@(", start, start + 2, "@(")
        if nxt == "{":
            return Token("@{", start, start + 2, "@{")
        if nxt and (nxt in SQUOTES or nxt in DQUOTES):
            return self.scan_here_string(start)
        m = _VAR_NAME.match(src, start + 1)
        if m:
            name = m.group()
            return Token("splat", start, m.end(), src[start:m.end()], name)
        raise self.fail("UnrecognizedToken", "Unrecognized token in source text.", start, start + 1)

    # ------------------------------------------------------------------ command mode

    def _scan_command(self, start: int, c: str) -> Token:
        src = self.source
        if c in ";|(){},":
            if c == "|" and src.startswith("||", start):
                return Token("||", start, start + 2, "||")
            return Token(c, start, start + 1, c)
        if c == "&":
            if src.startswith("&&", start):
                return Token("&&", start, start + 2, "&&")
            return Token("&", start, start + 1, "&")
        if c == "$":
            if src.startswith("$(", start):
                return Token("$(", start, start + 2, "$(")
            token = self.scan_variable(start, CMD)
            return token if token is not None else self.scan_generic(start)
        if c == "@":
            return self._scan_at(start, CMD)
        if c in SQUOTES:
            return self.scan_single_quoted(start)
        if c in DQUOTES:
            return self.scan_double_quoted(start)
        if c.isdigit() or c == "*" or c == ">" or c == "<":
            m = _REDIRECTION.match(src, start)
            if m and (c != "*" or m.group(1)) and m.group(2):
                return self._redirection(start)
            if c == "<":
                return Token("<", start, start + 1, "<")
        if c.isdigit() or (c == "." and self.char(start + 1).isdigit()):
            token = self.scan_number(start, CMD)
            if token is not None:
                return token
        if c in DASHES:
            return self._scan_dash_command(start)
        if c == ".":
            nxt = self.char(start + 1)
            if nxt in FORCE_NEW or nxt in "$'\"" or nxt in SQUOTES or nxt in DQUOTES:
                return Token(".", start, start + 1, ".")
        return self.scan_generic(start)

    def _scan_dash_command(self, start: int) -> Token:
        src = self.source
        nxt = self.char(start + 1)
        if nxt and nxt in DASHES:
            after = self.char(start + 2)
            if after == "%" and self.char(start + 3) in FORCE_NEW:
                return Token("--%", start, start + 3, src[start:start + 3])
            if after in FORCE_NEW:
                return Token("dashdash", start, start + 2, src[start:start + 2])
            return self.scan_generic(start)
        m = _CMD_PARAM.match(src, start)
        if m:
            end = m.end()
            if not m.group(2) and self.char(end) and (self.char(end) in SQUOTES or self.char(end) in DQUOTES):
                return self.scan_generic(start)
            return Token("param", start, end, src[start:end], m.group(1), sub=bool(m.group(2)))
        return self.scan_generic(start)

    def scan_generic(self, start: int) -> Token:
        """A command-mode bareword: ends at whitespace or `; , | & ( ) { }`; quoted pieces are spliced,
        `$x`/`${x}`/`$( )` expand, backticks escape (§2.2). `value` is a str or a list of parts."""
        src = self.source
        n = self.length
        m = _GENERIC_PLAIN.match(src, start)
        if m is not None:  # the common case: nothing to splice, escape or expand
            end = m.end()
            if end >= n or src[end] in FORCE_NEW:
                text = m.group()
                return Token("generic", start, end, text, text, sub=False)
        i = start
        parts: list[object] = []
        buf: list[str] = []
        while i < n:
            m = _GENERIC_PLAIN.match(src, i)
            if m:
                buf.append(m.group())
                i = m.end()
                continue
            c = src[i]
            if c in FORCE_NEW or c.isspace():
                break
            if c == "`":
                nxt = self.char(i + 1)
                if nxt in ("\r", "\n"):
                    break
                buf.append(backtick_char(nxt))
                i += 2 if nxt else 1
            elif c in SQUOTES:
                value, i = self._single_quoted_body(i)
                buf.append(value)
            elif c in DQUOTES:
                inner, i = self._expandable_body(i + 1, here=False, opener=i)
                for piece in inner:
                    if isinstance(piece, str):
                        buf.append(piece)
                    else:
                        if buf:
                            parts.append("".join(buf))
                            buf = []
                        parts.append(piece)
            else:  # "$"
                piece = self._dollar_in_string(i)
                if piece is None:
                    buf.append("$")
                    i += 1
                else:
                    if buf:
                        parts.append("".join(buf))
                        buf = []
                    parts.append(piece)
                    i = piece.end
        if i == start:  # a lone character no rule claimed (e.g. `]` in command mode)
            i = start + 1
            buf.append(src[start])
        text = src[start:i]
        if parts:
            if buf:
                parts.append("".join(buf))
            return Token("generic", start, i, text, parts, sub=True)
        return Token("generic", start, i, text, "".join(buf), sub=False)

    # ------------------------------------------------------------------ variables

    def scan_variable(self, start: int, mode: int, in_string: bool = False) -> Token | None:
        """`$name`, `$scope:name`, `${...}`, `$$ $? $^`. Returns None when `$` starts no variable (the
        caller then treats it as literal text). In command mode a variable glued to other text
        becomes part of a bareword (returns None so the caller scans a generic token)."""
        src = self.source
        m = _PLAIN_VARIABLE.match(src, start)
        if m is not None:  # the common case `$name` (no scope, no braces) in one regular expression
            end = m.end()
            nxt = src[end] if end < self.length else ""
            if in_string or mode == EXPR or nxt in FORCE_NEW or nxt == "." or nxt == "[":
                name = m.group(1)
                return Token("var", start, end, src[start:end], name, sub=(None, name, False))
            return None
        i = start + 1
        c = self.char(i)
        if c == "{":
            return self._braced_variable(start, mode, in_string)
        if c in ("$", "^"):
            end = i + 1
            name = c
        elif c and (c.isalnum() or c in "_?"):
            if c == "?":
                end = i + 1
                name = "?"
            else:
                end = i
                while True:
                    m = _VAR_NAME.match(src, end)
                    end = m.end() if m else end
                    if self.char(end) == ":" and self.char(end + 1) != ":":
                        end += 1
                        continue
                    break
                name = src[i:end]
        else:
            return None
        if mode == CMD and not in_string:
            nxt = self.char(end)
            if nxt not in FORCE_NEW and nxt not in ".[":
                return None
        prefix: str | None = None
        bare = name
        if ":" in name and name not in ("$", "^", "?"):
            prefix, bare = name.split(":", 1)
            if not bare or ":" in bare:
                if prefix.lower() in _SCOPES:  # `$script:` names a scope, not a drive (VariablePath)
                    raise self.fail("InvalidVariableReference",
                                    "Variable reference is not valid. '$' was not followed by a valid variable "
                                    "name character. Consider using ${} to delimit the name.", start, end)
                raise self.fail("InvalidVariableReferenceWithDrive",
                                "Variable reference is not valid. ':' was not followed by a valid variable "
                                "name character. Consider using ${} to delimit the name.", start, end)
        return Token("var", start, end, src[start:end], name, sub=(prefix, bare, False))

    def _braced_variable(self, start: int, mode: int, in_string: bool) -> Token | None:
        src = self.source
        i = start + 2
        buf: list[str] = []
        while i < self.length:
            c = src[i]
            if c == "}":
                break
            if c == "`" and i + 1 < self.length:
                buf.append(backtick_char(src[i + 1]))
                i += 2
                continue
            if c == "{":
                raise self.fail("OpenBraceNeedsToBeBackTickedInVariableName",
                                "Use `{ instead of { in variable names.", i, i + 1)
            buf.append(c)
            i += 1
        else:
            raise self.fail("IncompleteDollarVariableReference",
                            "${{variable}} reference starting is missing the closing '}}'.", start, self.length)
        name = "".join(buf)
        end = i + 1
        if not name:
            raise self.fail("EmptyVariableReference",
                            "An empty ${} variable reference was found. A name is required inside the braces.",
                            i, end)
        if mode == CMD and not in_string:
            nxt = self.char(end)
            if nxt not in FORCE_NEW and nxt not in ".[":
                return None
        prefix, bare = (name.split(":", 1) if ":" in name else (None, name))
        return Token("var", start, end, src[start:end], name, sub=(prefix, bare, True))

    def _dollar_in_string(self, i: int, here: bool = False) -> Token | None:
        """The nested piece at a `$` inside an expandable string or bareword, or None (literal `$`)."""
        if self.char(i + 1) == "(":
            return self._subexpression_span(i, here)
        return self.scan_variable(i, EXPR, in_string=True)

    def _subexpression_span(self, i: int, here: bool) -> Token:
        """`$( ... )` inside a string: its end is found by counting parentheses, as PowerShell's
        tokenizer does before the parser reads the inside. Outside here-strings a doubled double
        quote (or a backtick before a double quote) stands for one quote inside the `$( )`; the
        'subexpr' token's `value` is then the collapsed text, else None."""
        src = self.source
        depth = 1
        j = i + 2
        pieces: list[str] | None = None
        begin = i
        while j < self.length:
            c = src[j]
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    collapsed = None if pieces is None else "".join(pieces) + src[begin:j + 1]
                    return Token("subexpr", i, j + 1, src[i:j + 1], collapsed)
            elif not here and (c == "`" or c in DQUOTES) and j + 1 < self.length and src[j + 1] in DQUOTES:
                pieces = pieces if pieces is not None else []
                pieces.append(src[begin:j])
                begin = j + 1  # keep the second character of the pair
                j += 1
            j += 1
        raise self.fail("IncompleteDollarSubexpressionReference",
                        "$(subexpression) is missing the closing ')'.", i, self.length)

    # ------------------------------------------------------------------ strings

    def scan_single_quoted(self, start: int) -> Token:
        value, end = self._single_quoted_body(start)
        return Token("str", start, end, self.source[start:end], value, sub=StringConstantType.SINGLE_QUOTED)

    def _single_quoted_body(self, start: int) -> tuple[str, int]:
        m = _SQ_STRING.match(self.source, start + 1)
        assert m is not None
        if m.group(1) is None:
            raise self.fail("TerminatorExpectedAtEndOfString", "The string is missing the terminator: '.",
                            start, self.length)
        body = self.source[start + 1:m.end() - 1]
        if _SQ_ANY.search(body) is None:
            return body, m.end()
        return _SQ_PAIR.sub(r"\1", body), m.end()

    def scan_double_quoted(self, start: int) -> Token:
        parts, end = self._expandable_body(start + 1, here=False, opener=start)
        return self._string_token(start, end, parts, StringConstantType.DOUBLE_QUOTED, start + 1, end - 1)

    def _string_token(self, start: int, end: int, parts: list[object], kind: StringConstantType,
                      body_start: int, body_end: int) -> Token:
        text = self.source[start:end]
        if all(isinstance(p, str) for p in parts):
            return Token("str", start, end, text, "".join(parts), sub=kind)  # type: ignore[arg-type]
        return Token("xstr", start, end, text, parts, sub=(kind, self.source[body_start:body_end]))

    def _expandable_body(self, i: int, here: bool, opener: int, limit: int | None = None) -> tuple[list[object], int]:
        """Scan the inside of `"..."` (from after the quote) or a here-string body (up to `limit`).
        Returns the parts (str pieces and 'var'/'subexpr' tokens) and the offset after the closer."""
        src = self.source
        end_limit = self.length if limit is None else limit
        plain = _HERE_PLAIN if here else _DQ_PLAIN
        parts: list[object] = []
        buf: list[str] = []
        while i < end_limit:
            m = plain.match(src, i, end_limit)
            if m:
                buf.append(m.group())
                i = m.end()
                continue
            c = src[i]
            if c == "`":
                if i + 1 < end_limit:
                    buf.append(backtick_char(src[i + 1]))
                    i += 2
                else:
                    i += 1
            elif c == "$":
                piece = self._dollar_in_string(i, here)
                if piece is None:
                    buf.append("$")
                    i += 1
                else:
                    if buf:
                        parts.append("".join(buf))
                        buf = []
                    parts.append(piece)
                    i = piece.end
            elif here:  # a line break inside a here-string body is kept as written
                buf.append(c)
                i += 1
            else:  # a double quote: doubled = one literal quote, else the end
                if i + 1 < self.length and src[i + 1] in DQUOTES:
                    buf.append(src[i + 1])
                    i += 2
                else:
                    if buf:
                        parts.append("".join(buf))
                    return parts, i + 1
        if here:
            if buf:
                parts.append("".join(buf))
            return parts, end_limit
        raise self.fail("TerminatorExpectedAtEndOfString", 'The string is missing the terminator: ".',
                        opener, self.length)

    def scan_here_string(self, start: int) -> Token:
        """`@'...'@` / `@"..."@` (§2.6): header alone on its line, closer at the start of a line."""
        src = self.source
        quote = src[start + 1]
        double = quote in DQUOTES
        quotes = DQUOTES if double else SQUOTES
        closer_text = '"@' if double else "'@"
        i = start + 2
        while i < self.length and src[i] in WHITESPACE:
            i += 1
        if i >= self.length:
            raise self.fail("TerminatorExpectedAtEndOfString", f"The string is missing the terminator: {closer_text}.",
                            start, self.length)
        if src[i] not in "\r\n":
            raise self.fail("UnexpectedCharactersAfterHereStringHeader",
                            "No characters are allowed after a here-string header but before the end of the line.",
                            i, i + 1)
        body_start = i + (2 if src.startswith("\r\n", i) else 1)
        if body_start < self.length - 1 and src[body_start] in quotes and src[body_start + 1] == "@":
            body_end, end = body_start, body_start + 2
        else:
            closer = re.compile(r"(\r\n|\r|\n)[" + quotes + "]@")
            m = closer.search(src, body_start)
            if m is None:
                false_footer = re.compile(r"(?:^|\r\n|\r|\n)[" + re.escape(_BLANKS) + "]+([" + quotes + "])@", re.M)
                f = false_footer.search(src, body_start)
                if f is not None:
                    raise self.fail("WhitespaceBeforeHereStringFooter",
                                    "White space is not allowed before the string terminator.",
                                    f.start(1), f.start(1) + 1)
                raise self.fail("TerminatorExpectedAtEndOfString",
                                f"The string is missing the terminator: {closer_text}.", start, self.length)
            body_end, end = m.start(), m.end()
        if double:
            parts, _ = self._expandable_body(body_start, here=True, opener=start, limit=body_end)
            return self._string_token(start, end, parts, StringConstantType.DOUBLE_QUOTED_HERE_STRING,
                                      body_start, body_end)
        return Token("str", start, end, src[start:end], src[body_start:body_end],
                     sub=StringConstantType.SINGLE_QUOTED_HERE_STRING)

    # ------------------------------------------------------------------ numbers

    def scan_number(self, start: int, mode: int) -> Token | None:
        """A numeric literal typed by the 5.1 rules, or None when the text is not a number here
        (then it is a bareword). Unrepresentable literals in expression mode are errors."""
        src = self.source
        m = _NUMBER.match(src, start)
        if not m or m.end() == start:
            return None
        end = m.end()
        nxt = self.char(end)
        if nxt not in (_AFTER_NUMBER if mode == EXPR else FORCE_NEW):
            return None
        if (m.group("hex") == "" and m.group("dec") is None) or m.group("exp") in ("", *DASHES, "+"):
            return None
        if m.group("mult") and not m.group("b"):
            return None
        typed = number_value(m.group("hex"), m.group("dec"), m.group("suffix"), m.group("mult"))
        if typed is None:
            if mode != EXPR:
                return None
            raise self.fail("BadNumericConstant", f"The numeric constant {src[start:end]} is not valid.", end, end + 1)
        return Token("num", start, end, src[start:end], typed[0], sub=typed[1])
