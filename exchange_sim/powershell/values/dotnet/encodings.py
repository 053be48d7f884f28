"""System.Text.Encoding: UTF8 (no BOM from GetBytes), ASCII ('?' for the rest), Unicode (UTF-16LE),
BigEndianUnicode, UTF32, Default (Windows-1252 on an en-US Windows)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Mapping

from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.objects import is_collection


@dataclass(frozen=True)
class TextEncoding:
    codec: str
    web_name: str
    encoding_name: str
    code_page: int
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Text.Encoding", "System.Object")

    def get_bytes(self, value: Any, *rest: Any) -> bytearray:
        if value is None:
            raise errors.ArgumentNullException("Array cannot be null.\r\nParameter name: chars")
        text = "".join(str(c) for c in value) if is_collection(value) else str(value)
        return bytearray(text.encode(self.codec, errors="replace"))

    def get_string(self, data: Any, index: Any = None, count: Any = None) -> str:
        if data is None:
            raise errors.ArgumentNullException("Array cannot be null.\r\nParameter name: bytes")
        raw = bytes(int(b) & 0xFF for b in data)
        if index is not None:
            start = int(index)
            raw = raw[start:start + int(count)] if count is not None else raw[start:]
        return raw.decode(self.codec, errors="replace")

    def ps_properties(self) -> Mapping[str, Any]:
        return {"BodyName": self.web_name, "EncodingName": self.encoding_name, "HeaderName": self.web_name,
                "WebName": self.web_name, "WindowsCodePage": self.code_page if self.code_page != 65001 else 1200,
                "IsSingleByte": self.code_page in (20127, 1252), "CodePage": self.code_page}

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        return {"GetBytes": self.get_bytes, "GetString": self.get_string,
                "GetByteCount": lambda v: len(self.get_bytes(v)), "GetPreamble": self._preamble,
                "ToString": lambda: str(self)}

    def _preamble(self) -> bytearray:
        return bytearray({"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff",
                          "utf-32-le": b"\xff\xfe\x00\x00"}.get(self.codec, b""))

    def __str__(self) -> str:
        return {"utf-8": "System.Text.UTF8Encoding", "ascii": "System.Text.ASCIIEncoding",
                "utf-16-le": "System.Text.UnicodeEncoding", "utf-16-be": "System.Text.UnicodeEncoding",
                "utf-32-le": "System.Text.UTF32Encoding"}.get(self.codec, "System.Text.SBCSCodePageEncoding")


ENCODINGS: dict[str, TextEncoding] = {
    "UTF8": TextEncoding("utf-8", "utf-8", "Unicode (UTF-8)", 65001),
    "ASCII": TextEncoding("ascii", "us-ascii", "US-ASCII", 20127),
    "Unicode": TextEncoding("utf-16-le", "utf-16", "Unicode", 1200),
    "BigEndianUnicode": TextEncoding("utf-16-be", "utf-16BE", "Unicode (Big-Endian)", 1201),
    "UTF32": TextEncoding("utf-32-le", "utf-32", "Unicode (UTF-32)", 12000),
    "Default": TextEncoding("cp1252", "Windows-1252", "Western European (Windows)", 1252),
}


def get_encoding(name: Any) -> TextEncoding:
    wanted = str(name).lower().replace("-", "")
    for encoding in ENCODINGS.values():
        if wanted in (encoding.web_name.lower().replace("-", ""), str(encoding.code_page)):
            return encoding
    if wanted in ("utf8", "65001"):
        return ENCODINGS["UTF8"]
    raise errors.ArgumentException(f"'{name}' is not a supported encoding name. For information on defining a custom "
                                   "encoding, see the documentation for the Encoding.RegisterProvider method."
                                   "\r\nParameter name: name")
