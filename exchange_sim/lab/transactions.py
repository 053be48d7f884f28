"""One database transaction per cmdlet, shared by everything the cmdlet touches."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import sqlite_utils


class TransactionScope:
    """Opens a transaction on first entry; nested entries join it; the outermost exit decides.

    A lock serialises cmdlets from different threads (the remoting service runs them on workers),
    because they share one SQLite connection.
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
        self._lock = threading.RLock()
        self._depth = 0
        self._after: list[Callable[[], None]] = []

    @property
    def active(self) -> bool:
        return self._depth > 0

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._depth = 1
            try:
                with self._db.atomic():
                    yield
            finally:
                self._depth = 0
                after, self._after = self._after, []
                for action in after:
                    action()

    def after_outermost(self, action: Callable[[], None]) -> None:
        """Runs `action` once the current transaction has committed or rolled back (now if none)."""
        with self._lock:
            if self._depth:
                self._after.append(action)
                return
        action()
