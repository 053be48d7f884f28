"""Certificate thumbprints: SHA-1 of the DER encoding, shown as upper-case hex."""

from __future__ import annotations

import hashlib
import string
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

_HEX_DIGITS = frozenset(string.hexdigits)


class InvalidThumbprint(ValueError):
    """The text is not a 40-digit hexadecimal SHA-1 thumbprint."""

    def __init__(self, text: str) -> None:
        super().__init__(f"'{text}' is not a valid certificate thumbprint (40 hexadecimal digits)")
        self.text = text


@dataclass(frozen=True)
class Thumbprint:
    hex: str

    def __post_init__(self) -> None:
        if (
            not isinstance(self.hex, str)
            or len(self.hex) != 40
            or not set(self.hex) <= _HEX_DIGITS
            or self.hex != self.hex.upper()
        ):
            raise InvalidThumbprint(self.hex)

    @classmethod
    def of_der(cls, der: bytes) -> Thumbprint:
        return cls(hashlib.sha1(der).hexdigest().upper())

    @classmethod
    def of(cls, cert: x509.Certificate) -> Thumbprint:
        return cls.of_der(cert.public_bytes(Encoding.DER))

    @classmethod
    def parse(cls, text: str) -> Thumbprint:
        if not isinstance(text, str):
            raise InvalidThumbprint(repr(text))
        # §2.7: Exchange strips spaces only for the MMC "xx xx xx" form (space at index 2);
        # any other stray character (including invisible ones copied from MMC) stays and fails.
        candidate = text.replace(" ", "") if len(text) > 2 and text[2] == " " else text
        if len(candidate) != 40 or not set(candidate) <= _HEX_DIGITS:
            raise InvalidThumbprint(text)
        return cls(candidate.upper())

    def __str__(self) -> str:
        return self.hex
