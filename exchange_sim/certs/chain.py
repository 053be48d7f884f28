"""Certificate status and root CA type as Exchange derives them from a chain (§2.3, §2.4)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Literal

from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, ExtensionOID

from exchange_sim.certs.facts import is_self_signed
from exchange_sim.certs.signatures import signature_verifies
from exchange_sim.certs.thumbprint import Thumbprint

CertificateStatus = Literal[
    "Unknown",
    "Valid",
    "Revoked",
    "DateInvalid",
    "Untrusted",
    "Invalid",
    "RevocationCheckFailure",
    "PendingRequest",
]
CertificateAuthorityType = Literal[
    "None", "ThirdParty", "Enterprise", "Registry", "GroupPolicy", "Unknown"
]

CERTIFICATE_STATUSES: tuple[CertificateStatus, ...] = (
    "Unknown",
    "Valid",
    "Revoked",
    "DateInvalid",
    "Untrusted",
    "Invalid",
    "RevocationCheckFailure",
    "PendingRequest",
)
# The root stores a trusted anchor can come from, in the enum's order (§2.4); when a root sits in
# several of them the first one here names the RootCAType.
ROOT_STORE_KINDS: tuple[CertificateAuthorityType, ...] = (
    "ThirdParty",
    "Enterprise",
    "Registry",
    "GroupPolicy",
)
# Windows gives up on chains longer than this; a loop of cross-signed CAs must end somewhere.
_MAX_CHAIN_LENGTH = 16


class UnknownRootStore(ValueError):
    def __init__(self, kind: str) -> None:
        super().__init__(
            f"'{kind}' is not a root store kind; use one of {', '.join(ROOT_STORE_KINDS)}"
        )


@dataclass(frozen=True)
class TrustVerdict:
    status: CertificateStatus
    root_ca_type: CertificateAuthorityType
    chain: tuple[x509.Certificate, ...] = ()


PENDING_REQUEST = TrustVerdict("PendingRequest", "Unknown")


def evaluate_trust(
    cert: x509.Certificate,
    *,
    intermediates: Sequence[x509.Certificate],
    roots: Mapping[str, Sequence[x509.Certificate]],
    now: datetime,
) -> TrustVerdict:
    """Builds the chain from `cert` towards a trusted root and names the outcome.

    `chain` in the verdict runs leaf first and ends with the anchor (or the last certificate
    that could be reached). Revocation is not checked: the lab publishes no CRLs.
    """
    anchors = _anchors(roots)
    moment = now.replace(tzinfo=timezone.utc) if now.tzinfo is None else now
    candidates = list(intermediates) + [
        root for kind in ROOT_STORE_KINDS for root in roots.get(kind, ())
    ]
    chain, anchor_kind, broken = _build(cert, candidates, anchors)
    if broken:
        return TrustVerdict("Invalid", "Unknown", chain)
    if not _allows_server_auth(cert):
        return TrustVerdict("Invalid", "Unknown", chain)
    if anchor_kind is not None:
        root_type: CertificateAuthorityType = anchor_kind
    elif len(chain) == 1 and is_self_signed(cert):
        # §2.3: a self-signed certificate whose only problem is its untrusted root is Valid.
        root_type = "None"
    else:
        root_type = "Unknown"
    if any(not _time_valid(link, moment) for link in chain):
        return TrustVerdict("DateInvalid", root_type, chain)
    if root_type == "Unknown":
        return TrustVerdict("Untrusted", "Unknown", chain)
    return TrustVerdict("Valid", root_type, chain)


def _anchors(
    roots: Mapping[str, Sequence[x509.Certificate]],
) -> dict[Thumbprint, CertificateAuthorityType]:
    for kind in roots:
        if kind not in ROOT_STORE_KINDS:
            raise UnknownRootStore(kind)
    anchors: dict[Thumbprint, CertificateAuthorityType] = {}
    for kind in ROOT_STORE_KINDS:
        for root in roots.get(kind, ()):
            anchors.setdefault(Thumbprint.of(root), kind)
    return anchors


def _build(
    cert: x509.Certificate,
    issuers: list[x509.Certificate],
    anchors: dict[Thumbprint, CertificateAuthorityType],
) -> tuple[tuple[x509.Certificate, ...], CertificateAuthorityType | None, bool]:
    """(chain, kind of the trusted anchor or None, whether a signature or CA role failed)."""
    chain = [cert]
    current, current_print = cert, Thumbprint.of(cert)
    seen = {current_print}
    while len(chain) <= _MAX_CHAIN_LENGTH:
        kind = anchors.get(current_print)
        if kind is not None:
            # Windows trusts whatever sits in a root store as an anchor, self-signed or not.
            return tuple(chain), kind, False
        if current.issuer == current.subject:
            broken = not is_self_signed(current)
            return tuple(chain), None, broken
        named = [
            candidate
            for candidate in issuers
            if candidate.subject == current.issuer and Thumbprint.of(candidate) not in seen
        ]
        if not named:
            return tuple(chain), None, False
        issuer = next(
            (candidate for candidate in named if signature_verifies(current, candidate)), None
        )
        if issuer is None or not _may_issue(issuer):
            return tuple(chain), None, True
        chain.append(issuer)
        current, current_print = issuer, Thumbprint.of(issuer)
        seen.add(current_print)
    return tuple(chain), None, True


def _may_issue(issuer: x509.Certificate) -> bool:
    # BasicConstraints CA:FALSE cannot vouch for another (TRUST_E_BASIC_CONSTRAINTS);
    # old v1 CA certificates without the extension are still accepted, as Windows does.
    try:
        constraints = issuer.extensions.get_extension_for_oid(ExtensionOID.BASIC_CONSTRAINTS).value
    except x509.ExtensionNotFound:
        return True
    except ValueError:
        return False
    return isinstance(constraints, x509.BasicConstraints) and constraints.ca


def _allows_server_auth(cert: x509.Certificate) -> bool:
    # Exchange builds the chain for the server-authentication usage (§2.3).
    try:
        usage = cert.extensions.get_extension_for_oid(ExtensionOID.EXTENDED_KEY_USAGE).value
    except x509.ExtensionNotFound:
        return True
    except ValueError:
        return False
    if not isinstance(usage, x509.ExtendedKeyUsage):
        return False
    purposes = set(usage)
    return bool(
        purposes & {ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE}
    )


def _time_valid(cert: x509.Certificate, moment: datetime) -> bool:
    return cert.not_valid_before_utc <= moment <= cert.not_valid_after_utc
