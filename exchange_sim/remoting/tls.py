"""TLS for the HTTPS listeners: the certificate is asked for at every handshake (SNI callback swapping the
context), so a binding changed by a cmdlet is what the next client sees (DESIGN.md, listeners).

The lab hands certificates in as PEM bytes; `ssl` only loads files, so they are written into a private
directory (0700, files 0600) and loaded from there, one context per distinct certificate.
"""

from __future__ import annotations

import hashlib
import os
import ssl
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


@dataclass(frozen=True)
class PresentedCertificate:
    """A listener certificate: its DER (for channel binding), and PEM of key + certificate (+ chain)."""

    certificate_der: bytes
    certificate_pem: bytes
    private_key_pem: bytes
    chain_pem: bytes = b""

    @property
    def fingerprint(self) -> str:
        return hashlib.sha1(self.certificate_der).hexdigest().upper()


CertificateSource = Callable[[], PresentedCertificate | None]


class NoListenerCertificate(RuntimeError):
    """The lab has no certificate for this listener (e.g. nothing bound to IIS)."""


class HandshakeContexts:
    """Builds the server `SSLContext` whose SNI callback presents `source()`'s certificate on each handshake."""

    def __init__(self, source: CertificateSource, private_dir: Path, label: str) -> None:
        self._source = source
        self._dir = private_dir
        self._label = label
        self._contexts: dict[str, ssl.SSLContext] = {}
        self._lock = threading.Lock()

    def server_context(self) -> ssl.SSLContext:
        """The listening context; fails now, loudly, if the lab has no certificate for this listener."""
        first = self._source()
        if first is None:
            raise NoListenerCertificate(f"no certificate is available for the {self._label} listener")
        base = self._context_for(first)
        base.sni_callback = self._on_client_hello
        return base

    def _on_client_hello(self, connection: ssl.SSLObject, _server_name: str | None, _ctx: ssl.SSLContext) -> int | None:
        # Called for every ClientHello, also without SNI (clients connecting to an IP address send none).
        try:
            presented = self._source()
        except Exception:  # a lab read failing must abort this handshake, not the listener
            return ssl.ALERT_DESCRIPTION_INTERNAL_ERROR
        if presented is None:
            return ssl.ALERT_DESCRIPTION_HANDSHAKE_FAILURE
        connection.context = self._context_for(presented)
        return None

    def _context_for(self, presented: PresentedCertificate) -> ssl.SSLContext:
        key = presented.fingerprint
        with self._lock:
            context = self._contexts.get(key)
            if context is None:
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                context.minimum_version = ssl.TLSVersion.TLSv1_2
                path = self._write_pem(key, presented)
                context.load_cert_chain(path)
                # Channel binding needs the DER of the certificate presented on *this* connection (§4.3);
                # the connection's context carries it.
                context.certificate_der = presented.certificate_der  # type: ignore[attr-defined]
                context.sni_callback = self._on_client_hello
                self._contexts[key] = context
            return context

    def _write_pem(self, fingerprint: str, presented: PresentedCertificate) -> str:
        self._dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = self._dir / f"{self._label}-{fingerprint}.pem"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(presented.private_key_pem.rstrip(b"\n") + b"\n")
            handle.write(presented.certificate_pem.rstrip(b"\n") + b"\n")
            if presented.chain_pem:
                handle.write(presented.chain_pem.rstrip(b"\n") + b"\n")
        return str(path)


def presented_der(ssl_object: ssl.SSLObject | None) -> bytes | None:
    if ssl_object is None:
        return None
    return getattr(ssl_object.context, "certificate_der", None)
