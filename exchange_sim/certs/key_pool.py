"""A warm pool of RSA keys, refilled in the background by a child process (certs.key_process)."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Sequence

from cryptography.hazmat.primitives.asymmetric import rsa

from exchange_sim.certs.key_process import KeyProcess, KeyProcessGone
from exchange_sim.certs.keys import InvalidKeySize, SUPPORTED_KEY_SIZES, generate_rsa_key, load_private_key_der, private_key_der


class KeyPool:
    """Keeps a few pre-generated RSA keys per size so creating a certificate feels instant.

    A daemon thread refills the pool whenever a key is taken, asking a child process for each key
    (generating in this process would hold the GIL and stall the caller); `take` never waits for
    it and generates inline when the pool for that size is empty.
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
        self._process: KeyProcess | None = None

    @property
    def sizes(self) -> tuple[int, ...]:
        return self._sizes

    @property
    def depth(self) -> int:
        return self._depth

    @property
    def refill_process_id(self) -> int | None:
        """The child process making refill keys (None until it is first asked, or once stopped)."""
        with self._changed:
            process = self._process
        return process.pid if process is not None else None

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
            self._process = KeyProcess()
            self._thread = threading.Thread(
                target=self._refill, args=(signal, self._process), name="key-pool", daemon=True
            )
            self._thread.start()

    def stop(self, wait: bool = True) -> None:
        """Stops refilling; with wait=False the caller does not wait for a key being made."""
        with self._changed:
            thread, signal, process = self._thread, self._stop_signal, self._process
            self._thread, self._stop_signal, self._process = None, None, None
            if signal is not None:
                signal.set()
            self._changed.notify_all()
        if process is not None:
            # Ending the child also wakes a refill thread waiting for its key.
            process.stop()
        if thread is not None and wait:
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

    def _refill(self, stop: threading.Event, process: KeyProcess) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: stop.is_set() or self._missing_size() is not None)
                if stop.is_set():
                    return
                bits = self._missing_size()
            if bits is None:
                continue
            # Made outside the lock so take() stays instant while a key is being made.
            try:
                key = process.generate(bits)
            except KeyProcessGone:
                if stop.is_set():
                    return
                # No child to be had (or it died): slower for the caller, but the pool still fills.
                key = generate_rsa_key(bits)
            with self._changed:
                bucket = self._keys[bits]
                if len(bucket) < self._depth:
                    bucket.append(key)
                self._changed.notify_all()
