"""How Exchange reads `-Identity` and `-Thumbprint` arguments (§2.7)."""
from __future__ import annotations

from dataclasses import dataclass


class IdentityError(ValueError):
    """An identity or thumbprint argument Exchange rejects before looking anything up."""


@dataclass(frozen=True)
class CertificateIdentity:
    """`<server>\\<thumbprint>`, or a bare thumbprint when no server was named."""

    server: str | None
    thumbprint: str


def normalize_thumbprint(value: str) -> str:
    """Strip the spaces of MMC's "xx xx xx" form; Exchange normalizes nothing else."""
    if len(value) > 2 and value[2] == " ":
        return value.replace(" ", "")
    return value


def parse_identity(text: str) -> CertificateIdentity:
    """Split on the first backslash: the server part, then the thumbprint."""
    if not text:
        raise IdentityError("The identity parameter cannot be empty.")
    server, separator, thumbprint = text.partition("\\")
    if not separator:
        return CertificateIdentity(server=None, thumbprint=normalize_thumbprint(text))
    if not server or not thumbprint:
        raise IdentityError(f"The certificate identity '{text}' is not valid: expected <Server>\\<Thumbprint>.")
    return CertificateIdentity(server=server, thumbprint=normalize_thumbprint(thumbprint))
