"""`multipart/encrypted` framing of sealed WinRM bodies (reference/remoting.md §5).

Only the framing lives here; the sealing itself is the authenticated connection's security context
(`auth.Sealer`), handed in so this module never sees keys.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from typing import Protocol

PROTOCOL = "application/HTTP-SPNEGO-session-encrypted"
CONTENT_TYPE = f'multipart/encrypted;protocol="{PROTOCOL}";boundary="Encrypted Boundary"'
_BOUNDARY = b"--Encrypted Boundary"
_LENGTH = re.compile(rb"Length=(\d+)", re.IGNORECASE)


class EncryptionError(ValueError):
    """The sealed body is not in the framing both clients write, or does not unseal."""


class Sealer(Protocol):
    def seal(self, plain: bytes) -> tuple[bytes, bytes]: ...  # (signature, sealed data)
    def unseal(self, signature: bytes, sealed: bytes) -> bytes: ...


@dataclass(frozen=True)
class SealedBody:
    content_type: str
    body: bytes


def is_encrypted(content_type: str) -> bool:
    return content_type.lower().startswith("multipart/encrypted")


def open_body(body: bytes, sealer: Sealer) -> bytes:
    """The plaintext SOAP of a sealed request; its length must match the `Length=` the client declared."""
    parts = body.split(_BOUNDARY)
    # Expected: b"", header part, data part, b"--\r\n" (closing boundary); IIS writes "-- Encrypted Boundary"
    # but only on responses, which we never read.
    if len(parts) < 4:
        raise EncryptionError("the encrypted body does not have the two MIME parts")
    length_match = _LENGTH.search(parts[1])
    if not length_match:
        raise EncryptionError("the encrypted body does not declare the plaintext Length")
    declared = int(length_match.group(1))
    data_part = parts[2]
    marker = b"application/octet-stream\r\n"
    position = data_part.find(marker)
    if position < 0:
        raise EncryptionError("the encrypted body has no octet-stream part")
    payload = data_part[position + len(marker):]
    if len(payload) < 4:
        raise EncryptionError("the encrypted payload is truncated")
    (signature_length,) = struct.unpack("<I", payload[:4])
    if signature_length > len(payload) - 4 or signature_length > 1024:
        raise EncryptionError("the encrypted payload has an impossible signature length")
    signature = payload[4:4 + signature_length]
    sealed = payload[4 + signature_length:]
    try:
        plain = sealer.unseal(signature, sealed)
    except Exception as exc:  # the security library raises its own types; all mean "does not unseal"
        raise EncryptionError(f"the message could not be unsealed ({type(exc).__name__})") from None
    if len(plain) != declared:
        raise EncryptionError(f"the plaintext is {len(plain)} bytes, the client declared {declared}")
    return plain


def seal_body(plain: bytes, sealer: Sealer) -> SealedBody:
    signature, sealed = sealer.seal(plain)
    body = b"".join(
        (
            _BOUNDARY,
            b"\r\n\tContent-Type: ",
            PROTOCOL.encode(),
            b"\r\n\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=",
            str(len(plain)).encode(),
            b"\r\n",
            _BOUNDARY,
            b"\r\n\tContent-Type: application/octet-stream\r\n",
            struct.pack("<I", len(signature)),
            signature,
            sealed,
            _BOUNDARY,
            b"--\r\n",
        )
    )
    return SealedBody(CONTENT_TYPE, body)
