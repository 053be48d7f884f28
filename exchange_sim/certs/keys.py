"""RSA key material: generation, a warm pool, and encryption for keys at rest."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Sequence

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

# §5.2 step 6: New-ExchangeCertificate accepts only these sizes.
SUPPORTED_KEY_SIZES = (1024, 2048, 4096)
_PUBLIC_EXPONENT = 65537


class InvalidKeySize(ValueError):
    def __init__(self, bits: object) -> None:
        super().__init__(f"Key size {bits} is not supported; use 1024, 2048 or 4096")
        self.bits = bits


class PrivateKeyDataInvalid(ValueError):
    """Stored key bytes are damaged, not RSA, or the secret does not open them."""


def generate_rsa_key(bits: int) -> rsa.RSAPrivateKey:
    if isinstance(bits, bool) or bits not in SUPPORTED_KEY_SIZES:
        raise InvalidKeySize(bits)
    return rsa.generate_private_key(public_exponent=_PUBLIC_EXPONENT, key_size=bits)


def private_key_der(key: rsa.RSAPrivateKey) -> bytes:
    """Unencrypted PKCS#8 DER; callers that persist it should prefer encrypt_private_key."""
    return key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def load_private_key_der(der: bytes) -> rsa.RSAPrivateKey:
    return _as_rsa(_load_der(der, None))


def encrypt_private_key(key: rsa.RSAPrivateKey, secret: bytes) -> bytes:
    """PKCS#8 DER encrypted with PBES2/AES-256 under `secret` (openssl can open it too)."""
    if not secret:
        raise ValueError("An empty secret cannot protect a private key")
    return key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(secret),
    )


def decrypt_private_key(blob: bytes, secret: bytes) -> rsa.RSAPrivateKey:
    return _as_rsa(_load_der(blob, secret))


def _load_der(der: bytes, secret: bytes | None) -> object:
    """Opens a key this program generated and stored itself (lab database, pool export).

    OpenSSL's RSA consistency check (primality of p and q) costs 100–300 ms per 2048-bit key —
    more than New-ExchangeCertificate's whole budget with a warm pool — and proves nothing for keys
    we made, so it is skipped here; keys from users' files are loaded elsewhere, with the check."""
    try:
        return serialization.load_der_private_key(der, password=secret, unsafe_skip_rsa_key_validation=True)
    except (ValueError, TypeError) as error:
        raise PrivateKeyDataInvalid(
            "The stored private key is damaged or the secret does not open it"
        ) from error


def _as_rsa(key: object) -> rsa.RSAPrivateKey:
    if not isinstance(key, rsa.RSAPrivateKey):
        raise PrivateKeyDataInvalid("The stored private key is not an RSA key")
    return key


class KeyPool:
    """Keeps a few pre-generated RSA keys per size so creating a certificate feels instant.

    A daemon thread refills the pool whenever a key is taken; `take` never waits for it and
    generates inline when the pool for that size is empty.
    """

    def __init__(self, sizes: Sequence[int] = (2048,), depth: int = 4) -> None:
        for bits in sizes:
            if isinstance(bits, bool) or bits not in SUPPORTED_KEY_SIZES:
                raise InvalidKeySize(bits)
        if depth < 0:
            raise ValueError("A key pool depth cannot be negative")
        self._sizes = tuple(dict.fromkeys(sizes))
        self._depth = depth
        self._keys: dict[int, deque[rsa.RSAPrivateKey]] = {bits: deque() for bits in self._sizes}
        self._changed = threading.Condition()
        # Each start() gets its own stop signal, so a refiller told to stop (and not waited
        # for) can never be revived by a later start().
        self._stop_signal: threading.Event | None = None
        self._thread: threading.Thread | None = None

    @property
    def sizes(self) -> tuple[int, ...]:
        return self._sizes

    @property
    def depth(self) -> int:
        return self._depth

    @property
    def running(self) -> bool:
        with self._changed:
            return self._thread is not None

    def start(self) -> None:
        with self._changed:
            if self._thread is not None:
                return
            signal = threading.Event()
            self._stop_signal = signal
            self._thread = threading.Thread(
                target=self._refill, args=(signal,), name="key-pool", daemon=True
            )
            self._thread.start()

    def stop(self, wait: bool = True) -> None:
        """Stops refilling; with wait=False the caller does not wait for a key being made."""
        with self._changed:
            thread, signal = self._thread, self._stop_signal
            self._thread, self._stop_signal = None, None
            if signal is not None:
                signal.set()
            self._changed.notify_all()
        if thread is not None and wait:
            # At most one key generation (seconds for 4096 bits) stands between here and exit.
            thread.join()

    def __enter__(self) -> KeyPool:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def available(self, bits: int) -> int:
        with self._changed:
            return len(self._keys.get(bits, ()))

    def take(self, bits: int) -> rsa.RSAPrivateKey:
        if isinstance(bits, bool) or bits not in SUPPORTED_KEY_SIZES:
            raise InvalidKeySize(bits)
        with self._changed:
            pooled = self._keys.get(bits)
            if pooled:
                key = pooled.popleft()
                self._changed.notify_all()
                return key
        return generate_rsa_key(bits)

    def wait_until_full(self, timeout: float | None = None) -> bool:
        """Block until every size holds `depth` keys (for warm-up and benchmarks)."""
        with self._changed:
            self._changed.wait_for(
                lambda: self._thread is None or self._missing_size() is None, timeout
            )
            return self._missing_size() is None

    def export_pooled(self) -> list[bytes]:
        """Unused keys as PKCS#8 DER, so a lab can keep its warm pool across restarts."""
        with self._changed:
            keys = [key for bucket in self._keys.values() for key in bucket]
        return [private_key_der(key) for key in keys]

    def preload(self, blobs: Iterable[bytes]) -> int:
        """Adds stored keys (PKCS#8 DER) up to the pool depth; returns how many were taken in."""
        loaded = [load_private_key_der(blob) for blob in blobs]
        accepted = 0
        with self._changed:
            for key in loaded:
                bucket = self._keys.get(key.key_size)
                if bucket is not None and len(bucket) < self._depth:
                    bucket.append(key)
                    accepted += 1
            self._changed.notify_all()
        return accepted

    def _missing_size(self) -> int | None:
        for bits in self._sizes:
            if len(self._keys[bits]) < self._depth:
                return bits
        return None

    def _refill(self, stop: threading.Event) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: stop.is_set() or self._missing_size() is not None)
                if stop.is_set():
                    return
                bits = self._missing_size()
            if bits is None:
                continue
            # Generated outside the lock so take() stays instant while a key is being made.
            key = generate_rsa_key(bits)
            with self._changed:
                bucket = self._keys[bits]
                if len(bucket) < self._depth:
                    bucket.append(key)
                self._changed.notify_all()
