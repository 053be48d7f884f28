"""The opaque text ConvertFrom-SecureString writes and ConvertTo-SecureString reads back.

Windows protects it with DPAPI (user- and machine-bound); the lab only needs a stable, opaque hex
string that round-trips, so the text is XORed with a SHA-256 key stream (of `-Key` bytes, or a fixed
lab key) behind the DPAPI blob's well-known header. This is not protection and says so.
"""

from __future__ import annotations

import hashlib

# The first bytes every DPAPI blob starts with (version 1 + the DPAPI provider GUID), so the text looks
# like what scripts see on Windows.
DPAPI_HEADER = "01000000d08c9ddf0115d1118c7a00c04fc297eb01000000"
_LAB_KEY = b"exchange-sim lab: not a secret"


class BlobError(ValueError):
    """The text is not one ConvertFrom-SecureString wrote (or the key differs)."""


def _stream(key: bytes, length: int) -> bytes:
    out = bytearray()
    counter = 0
    while len(out) < length:
        out += hashlib.sha256(key + counter.to_bytes(4, "little")).digest()
        counter += 1
    return bytes(out[:length])


def _check(key: bytes) -> str:
    return hashlib.sha256(b"check" + key).hexdigest()[:16]


def protect(text: str, key: bytes | None = None) -> str:
    data = text.encode("utf-16-le")
    secret = key or _LAB_KEY
    masked = bytes(a ^ b for a, b in zip(data, _stream(secret, len(data))))
    return DPAPI_HEADER + _check(secret) + masked.hex()


def unprotect(blob: str, key: bytes | None = None) -> str:
    secret = key or _LAB_KEY
    text = blob.strip().lower()
    if not text.startswith(DPAPI_HEADER):
        raise BlobError("Input string was not in a correct format.")
    body = text[len(DPAPI_HEADER) :]
    if body[:16] != _check(secret):
        raise BlobError("Key not valid for use in specified state.")
    try:
        masked = bytes.fromhex(body[16:])
    except ValueError as error:
        raise BlobError("Input string was not in a correct format.") from error
    data = bytes(a ^ b for a, b in zip(masked, _stream(secret, len(masked))))
    try:
        return data.decode("utf-16-le")
    except UnicodeDecodeError as error:
        raise BlobError("Input string was not in a correct format.") from error
