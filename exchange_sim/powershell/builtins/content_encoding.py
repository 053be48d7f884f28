"""Text encodings of the 5.1 content cmdlets (`-Encoding` names, byte-order marks, line handling).

5.1 defaults differ per cmdlet and scripts depend on them: Set-Content/Add-Content write "Default"
(the ANSI code page, Windows-1252 on en-US), Out-File and `>` write "Unicode" (UTF-16LE with a BOM),
Export-Csv writes ASCII, and `UTF8` always means UTF-8 *with* a BOM. Reading honours a BOM and
otherwise uses the ANSI code page.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

ENCODING_NAMES = ("Unknown", "String", "Unicode", "Byte", "BigEndianUnicode", "UTF8", "UTF7", "UTF32", "Ascii",
                  "Default", "Oem", "BigEndianUTF32")


@dataclass(frozen=True)
class TextEncoding:
    name: str
    codec: str
    bom: bytes = b""


_ENCODINGS = {
    "unicode": TextEncoding("Unicode", "utf-16-le", codecs.BOM_UTF16_LE),
    "string": TextEncoding("Unicode", "utf-16-le", codecs.BOM_UTF16_LE),
    "unknown": TextEncoding("Unicode", "utf-16-le", codecs.BOM_UTF16_LE),
    "bigendianunicode": TextEncoding("BigEndianUnicode", "utf-16-be", codecs.BOM_UTF16_BE),
    "utf8": TextEncoding("UTF8", "utf-8", codecs.BOM_UTF8),
    "utf7": TextEncoding("UTF7", "utf-7"),
    "utf32": TextEncoding("UTF32", "utf-32-le", codecs.BOM_UTF32_LE),
    "bigendianutf32": TextEncoding("BigEndianUTF32", "utf-32-be", codecs.BOM_UTF32_BE),
    "ascii": TextEncoding("Ascii", "ascii"),
    "default": TextEncoding("Default", "cp1252"),
    "oem": TextEncoding("Oem", "cp437"),
}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
)


class UnknownEncoding(ValueError):
    """An -Encoding name 5.1 does not accept."""


def encoding_named(name: str | None, default: str) -> TextEncoding:
    key = (name or default).replace("-", "").lower()
    if key not in _ENCODINGS:
        raise UnknownEncoding(name)
    return _ENCODINGS[key]


def is_byte_encoding(name: str | None) -> bool:
    return (name or "").lower() == "byte"


def encode_lines(lines: list[str], encoding: TextEncoding, no_newline: bool = False, with_bom: bool = True) -> bytes:
    """The bytes Set-Content/Out-File write: each line ends with CRLF unless -NoNewline."""
    text = "".join(lines) if no_newline else "".join(line + "\r\n" for line in lines)
    ascii_safe = encoding.codec in ("ascii", "cp1252", "cp437")
    body = text.encode(encoding.codec, errors="replace" if ascii_safe else "strict")
    return (encoding.bom if with_bom else b"") + body


def decode(data: bytes, encoding: TextEncoding | None = None) -> str:
    """Text of a file: a BOM decides; otherwise `encoding` (or the ANSI code page)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    codec = encoding.codec if encoding is not None else "cp1252"
    return data.decode(codec, errors="replace")


def split_lines(text: str) -> list[str]:
    """Get-Content's lines: CRLF, LF or CR end a line; a final line ending adds no empty line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines
