"""Who is calling: Basic against the lab's users, Negotiate/NTLM through pyspnego's acceptor, per connection.

NTLM authenticates a TCP connection, not a request (reference/remoting.md §3, §4): one
`ConnectionAuth` lives with each connection and is stepped by the HTTP edge with the header it got.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import struct
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Iterable, Sequence

import spnego
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from spnego.channel_bindings import GssChannelBindings

ADVERTISEMENT = ("Negotiate", 'Basic realm="WSMAN"')
_NTLM_SIGNATURE = b"NTLMSSP\x00"
_MSV_AV_CHANNEL_BINDINGS = 0x000A
_MSV_AV_EOL = 0x0000


@dataclass(frozen=True)
class Account:
    """A user who may connect (a lab fixture's `[[users]]` entry)."""

    name: str
    password: str
    domain: str = ""
    role: str = "Organization Management"

    @property
    def windows_name(self) -> str:
        """`DOMAIN\\name`, as Windows names the signed-in user (`name` alone when there is no domain)."""
        return f"{self.domain}\\{self.name}" if self.domain else self.name


@dataclass(frozen=True)
class UserDirectory:
    """The accounts of the lab and the UPN suffixes (accepted domains) they may sign in with."""

    accounts: tuple[Account, ...]
    upn_suffixes: tuple[str, ...] = ()

    def find(self, typed: str) -> Account | None:
        """The account a typed name means: `user`, `DOMAIN\\user` or `user@suffix`, case-insensitively."""
        domain, name = _split_name(typed)
        for account in self.accounts:
            if account.name.lower() != name.lower():
                continue
            if domain is None:
                return account
            if "." in domain and domain.lower() in self._suffixes_of(account):
                return account
            if domain.lower() == account.domain.lower():
                return account
        return None

    def check_password(self, typed: str, password: str) -> Account | None:
        account = self.find(typed)
        if account is None:
            return None
        # Compare digests so the comparison time does not depend on where the strings differ.
        if hashlib.sha256(account.password.encode()).digest() != hashlib.sha256(password.encode()).digest():
            return None
        return account

    def _suffixes_of(self, account: Account) -> set[str]:
        suffixes = {suffix.lower() for suffix in self.upn_suffixes}
        if account.domain:
            suffixes.add(account.domain.lower())
        return suffixes

    def ntlm_credential_lines(self) -> list[str]:
        """Lines for pyspnego's NTLM_USER_FILE (`DOMAIN:USER:PASSWORD`); the acceptor matches the domain the
        client typed exactly, so each account gets a line per form it may be typed in (§4.2)."""
        lines: list[str] = []
        for account in self.accounts:
            # A colon or line break would split the line differently; such accounts sign in with Basic only.
            if any(ch in value for value in (account.name, account.password, account.domain) for ch in ":\r\n"):
                continue
            lines.append(f":{account.name}:{account.password}")
            if account.domain:
                lines.append(f"{account.domain}:{account.name}:{account.password}")
            for suffix in sorted(self._suffixes_of(account)):
                lines.append(f":{account.name}@{suffix}:{account.password}")
        return lines


def _split_name(typed: str) -> tuple[str | None, str]:
    if "\\" in typed:
        domain, name = typed.split("\\", 1)
        return domain, name
    if "@" in typed:
        name, suffix = typed.rsplit("@", 1)
        return suffix, name
    return None, typed


def write_credential_file(path: Path, directory: UserDirectory) -> None:
    """Write the NTLM acceptor's credential file privately (0600) and atomically, as it is re-read at every
    AUTHENTICATE message."""
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write("\n".join(directory.ntlm_credential_lines()) + "\n")
    os.replace(temporary, path)


def channel_binding_data(certificate_der: bytes) -> bytes:
    """RFC 5929 tls-server-end-point application data of the certificate this connection presented."""
    certificate = x509.load_der_x509_certificate(certificate_der)
    algorithm = certificate.signature_hash_algorithm
    if algorithm is None or isinstance(algorithm, (hashes.MD5, hashes.SHA1)):
        algorithm = hashes.SHA256()
    digest = hashes.Hash(algorithm)
    digest.update(certificate_der)
    return b"tls-server-end-point:" + digest.finalize()


def carries_channel_bindings(token: bytes) -> bool:
    """Whether an NTLM AUTHENTICATE (raw or inside SPNEGO) carries a non-zero channel-binding AV pair.

    Windows' default CBT hardening is "Relaxed": check bindings only when the client sent some. pyspnego's
    acceptor is strict when given bindings, so we give them only when this says the client sent them (§4.3).
    The message layout is MS-NLMP 2.2.1.3 / 2.2.2.7; offsets are relative to the NTLMSSP signature.
    """
    start = token.find(_NTLM_SIGNATURE + b"\x03\x00\x00\x00")
    if start < 0:
        return False
    message = token[start:]
    if len(message) < 28:
        return False
    nt_length, _, nt_offset = struct.unpack("<HHI", message[20:28])
    response = message[nt_offset:nt_offset + nt_length]
    # NTLMv2 response: 16-byte proof, then the client challenge whose AV pairs start 28 bytes in.
    if nt_length <= 24 or len(response) < 16 + 28:
        return False
    position = 16 + 28
    while position + 4 <= len(response):
        av_id, av_length = struct.unpack("<HH", response[position:position + 4])
        if av_id == _MSV_AV_EOL:
            return False
        if av_id == _MSV_AV_CHANNEL_BINDINGS:
            return response[position + 4:position + 4 + av_length].strip(b"\x00") != b""
        position += 4 + av_length
    return False


class Outcome(Enum):
    CHALLENGE = "challenge"  # answer 401 with a token; the handshake goes on on this connection
    ACCEPTED = "accepted"  # the request is authenticated; serve it
    REJECTED = "rejected"  # answer 401 with the plain advertisement; nothing runs


@dataclass(frozen=True)
class AuthStep:
    outcome: Outcome
    account: Account | None = None
    header: str | None = None  # WWW-Authenticate value to send back (challenge or SPNEGO's final token)
    reason: str = ""


@dataclass
class ConnectionAuth:
    """Authentication state of one TCP connection (mutable by nature: NTLM sequence numbers live here)."""

    directory: UserDirectory
    encrypted_transport: bool  # TLS underneath: Basic allowed, sealing optional
    allow_unencrypted: bool
    channel_binding: bytes | None = None  # tls-server-end-point data of the presented certificate
    account: Account | None = None
    _context: spnego.ContextProxy | None = field(default=None, repr=False)
    _scheme: str = ""

    @property
    def sealing(self) -> bool:
        """Whether this connection can seal messages (a completed NTLM/SPNEGO context)."""
        return self._context is not None and self._context.complete and self.account is not None

    def authenticate(self, authorization: str | None) -> AuthStep:
        if not authorization:
            if self.account is not None and self._context is not None:
                return AuthStep(Outcome.ACCEPTED, self.account)
            return AuthStep(Outcome.REJECTED, reason="no credentials")
        scheme, _, value = authorization.strip().partition(" ")
        scheme_key = scheme.lower()
        if scheme_key == "basic":
            return self._basic(value.strip())
        if scheme_key in ("negotiate", "ntlm"):
            return self._negotiate(scheme, value.strip())
        return AuthStep(Outcome.REJECTED, reason=f"authentication scheme {scheme!r} is not supported")

    def _basic(self, value: str) -> AuthStep:
        if not self.encrypted_transport and not self.allow_unencrypted:
            # WinRM's AllowUnencrypted=false: Basic on plain HTTP is refused without looking at the password.
            return AuthStep(Outcome.REJECTED, reason="Basic authentication over HTTP is not allowed")
        try:
            decoded = base64.b64decode(value, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return AuthStep(Outcome.REJECTED, reason="malformed Basic credentials")
        user, separator, password = decoded.partition(":")
        account = self.directory.check_password(user, password) if separator else None
        if account is None:
            return AuthStep(Outcome.REJECTED, reason="wrong user name or password")
        return AuthStep(Outcome.ACCEPTED, account)

    def _negotiate(self, scheme: str, value: str) -> AuthStep:
        try:
            token = base64.b64decode(value, validate=True)
        except binascii.Error:
            return self._fail("malformed Negotiate token")
        # A NEGOTIATE message (raw NTLM type 1 or a SPNEGO NegTokenInit) starts a new handshake; any old
        # context on this connection is thrown away (§4.2).
        if self._context is None or self._context.complete or _starts_handshake(token):
            self.account = None
            try:
                self._context = spnego.server(
                    protocol="negotiate",
                    options=spnego.NegotiateOptions.use_negotiate | spnego.NegotiateOptions.use_ntlm,
                )
            except spnego.exceptions.SpnegoError as exc:
                return self._fail(f"NTLM acceptor unavailable: {exc}")
            self._scheme = scheme
        bindings = None
        if self.channel_binding is not None and carries_channel_bindings(token):
            bindings = GssChannelBindings(application_data=self.channel_binding)
        try:
            out_token = self._context.step(token, channel_bindings=bindings)
        except Exception as exc:  # pyspnego raises many error types; every one means "not authenticated"
            return self._fail(f"{type(exc).__name__}: {exc}")
        header = f"{self._scheme} {base64.b64encode(out_token).decode()}" if out_token else None
        if not self._context.complete:
            return AuthStep(Outcome.CHALLENGE, header=header)
        account = self.directory.find(self._context.client_principal or "")
        if account is None:
            return self._fail("the authenticated principal is not a lab user")
        self.account = account
        return AuthStep(Outcome.ACCEPTED, account, header=header)

    def _fail(self, reason: str) -> AuthStep:
        self._context = None
        self.account = None
        return AuthStep(Outcome.REJECTED, reason=reason)

    def seal(self, plain: bytes) -> tuple[bytes, bytes]:
        if self._context is None:
            raise RuntimeError("cannot seal: the connection has no security context")
        result = self._context.wrap_winrm(plain)
        return result.header, result.data

    def unseal(self, signature: bytes, sealed: bytes) -> bytes:
        if self._context is None:
            raise RuntimeError("cannot unseal: the connection has no security context")
        return self._context.unwrap_winrm(signature, sealed)


def _starts_handshake(token: bytes) -> bool:
    if token.startswith(_NTLM_SIGNATURE):
        return token[8:12] == b"\x01\x00\x00\x00"
    # SPNEGO NegTokenInit is wrapped in an [APPLICATION 0] InitialContextToken (0x60); NegTokenResp is 0xA1.
    return token[:1] == b"\x60"


def advertisement() -> Sequence[str]:
    return ADVERTISEMENT


def users_from(accounts: Iterable[Account], upn_suffixes: Iterable[str] = ()) -> UserDirectory:
    return UserDirectory(tuple(accounts), tuple(upn_suffixes))
