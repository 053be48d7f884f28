"""Just enough DER to walk and rebuild the outer layers of certificates and PKCS files."""

from __future__ import annotations

from dataclasses import dataclass

SEQUENCE = 0x30
BIT_STRING = 0x03


class DerError(ValueError):
    """The bytes are not the DER element they were expected to be."""


@dataclass(frozen=True)
class DerElement:
    tag: int
    start: int
    content_start: int
    end: int

    def content(self, data: bytes) -> bytes:
        return data[self.content_start : self.end]

    def encoded(self, data: bytes) -> bytes:
        return data[self.start : self.end]


def read_element(data: bytes, offset: int = 0) -> DerElement:
    """The element at `offset` (definite lengths only)."""
    if offset + 2 > len(data):
        raise DerError("truncated DER header")
    tag = data[offset]
    first = data[offset + 1]
    content_start = offset + 2
    if first < 0x80:
        length = first
    else:
        count = first & 0x7F
        if count == 0 or count > 4 or content_start + count > len(data):
            raise DerError("unsupported or truncated DER length")
        length = int.from_bytes(data[content_start : content_start + count], "big")
        content_start += count
    end = content_start + length
    if end > len(data):
        raise DerError("DER element runs past the end of the data")
    return DerElement(tag, offset, content_start, end)


def children(data: bytes, parent: DerElement) -> list[DerElement]:
    items: list[DerElement] = []
    offset = parent.content_start
    while offset < parent.end:
        item = read_element(data, offset)
        if item.end > parent.end:
            raise DerError("DER element runs past its parent")
        items.append(item)
        offset = item.end
    return items


def encode(tag: int, content: bytes) -> bytes:
    length = len(content)
    if length < 0x80:
        header = bytes([tag, length])
    else:
        size = length.to_bytes((length.bit_length() + 7) // 8, "big")
        header = bytes([tag, 0x80 | len(size)]) + size
    return header + content
