"""Where the lab's new RSA keys come from: spare keys kept in the database, then a warm pool.

A fresh process takes the spare keys stored (encrypted) by earlier processes, so its first
certificate is instant; the in-memory pool (refilled by a child process) is started only once a
key has been taken, after that command, so a process that only reads never starts one and the
first command does not share the machine with the pool's first key.
"""

from __future__ import annotations

import threading

from cryptography.hazmat.primitives.asymmetric import rsa

from exchange_sim.certs.key_pool import KeyPool
from exchange_sim.certs.keys import generate_rsa_key
from exchange_sim.lab.lab_key import LabSecret
from exchange_sim.lab.transactions import TransactionScope

SPARE_KEY_BITS = 2048
SPARE_KEY_DEPTH = 3


class KeySupply:
    def __init__(
        self,
        secret: LabSecret,
        scope: TransactionScope,
        depth: int = SPARE_KEY_DEPTH,
    ) -> None:
        self._secret = secret
        self._scope = scope
        self._depth = depth
        self._pool: KeyPool | None = None
        self._pool_lock = threading.Lock()

    @property
    def pool_running(self) -> bool:
        return self._pool is not None

    def take(self, bits: int) -> rsa.RSAPrivateKey:
        # Topping up happens after the cmdlet's transaction so a rollback cannot lose or
        # duplicate a stored spare key.
        self._scope.after_outermost(self._top_up)
        if bits == SPARE_KEY_BITS:
            spare = self._take_spare()
            if spare is not None:
                return spare
        pool = self._pool
        return pool.take(bits) if pool is not None else generate_rsa_key(bits)

    def spare_count(self) -> int:
        row = self._scope.db.execute(
            "SELECT COUNT(*) FROM spare_keys WHERE bits = ?", [SPARE_KEY_BITS]
        ).fetchone()
        return int(row[0])

    def store_spares(self) -> int:
        """Moves keys the pool has ready into the database, up to the spare depth."""
        pool = self._pool
        if pool is None:
            return 0
        moved = 0
        with self._scope.transaction():
            while self.spare_count() < self._depth and pool.available(SPARE_KEY_BITS) > 0:
                key = pool.take(SPARE_KEY_BITS)
                self._scope.db["spare_keys"].insert(
                    {"bits": SPARE_KEY_BITS, "encrypted_key": self._secret.seal_key(key)}
                )
                moved += 1
        return moved

    def fill_spares(self) -> None:
        """Generates spare keys until the database holds the full depth (lab creation, warm-up)."""
        pool = self._running_pool()
        while self.spare_count() < self._depth:
            key = pool.take(SPARE_KEY_BITS)
            with self._scope.transaction():
                self._scope.db["spare_keys"].insert(
                    {"bits": SPARE_KEY_BITS, "encrypted_key": self._secret.seal_key(key)}
                )

    def stop(self) -> None:
        """Stops the refill thread (waiting at most for the one key it may be generating)."""
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.stop()

    def _take_spare(self) -> rsa.RSAPrivateKey | None:
        with self._scope.transaction():
            row = self._scope.db.execute(
                "SELECT id, encrypted_key FROM spare_keys WHERE bits = ? ORDER BY id LIMIT 1",
                [SPARE_KEY_BITS],
            ).fetchone()
            if row is None:
                return None
            self._scope.db.execute("DELETE FROM spare_keys WHERE id = ?", [row[0]])
        return self._secret.open_key(row[1])

    def _top_up(self) -> None:
        self._running_pool()
        self.store_spares()

    def _running_pool(self) -> KeyPool:
        with self._pool_lock:
            if self._pool is None:
                self._pool = KeyPool((SPARE_KEY_BITS,), depth=self._depth)
                self._pool.start()
            return self._pool
