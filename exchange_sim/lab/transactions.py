"""The lab's database sessions: one connection per thread, one transaction per cmdlet.

Each thread (the remoting service runs cmdlets on workers) gets its own SQLite connection, so a
reader sees only committed state (WAL snapshots) while another thread's cmdlet is half-way. Writing
transactions are serialised within the process by a lock and across processes by SQLite itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from exchange_sim.db import Database, open_database
from exchange_sim.lab.errors import LabError


class _ThreadState(threading.local):
    def __init__(self) -> None:
        self.db: Database | None = None
        self.depth = 0
        self.after: list[Callable[[], None]] = []


class TransactionScope:
    """Opens a transaction on first entry; nested entries join it; the outermost exit decides."""

    def __init__(self, database_path: Path) -> None:
        self._path = database_path
        self._state = _ThreadState()
        self._writer = threading.Lock()
        self._connections: list[Database] = []
        self._connections_lock = threading.Lock()
        self._closed = False
        self.db  # open (and migrate) on the creating thread so errors surface at open time

    @property
    def db(self) -> Database:
        if self._closed:
            raise LabError("The lab has been closed")
        state = self._state
        if state.db is None:
            state.db = open_database(self._path)
            with self._connections_lock:
                self._connections.append(state.db)
        return state.db

    @property
    def active(self) -> bool:
        return self._state.depth > 0

    @contextmanager
    def transaction(self) -> Iterator[None]:
        state = self._state
        if state.depth:
            state.depth += 1
            try:
                yield
            finally:
                state.depth -= 1
            return
        db = self.db
        after: list[Callable[[], None]] = []
        try:
            with self._writer:
                state.depth = 1
                try:
                    with _immediate(db):
                        yield
                finally:
                    state.depth = 0
                    after, state.after = state.after, []
        finally:
            # Outside the writer lock: these actions open transactions of their own.
            for action in after:
                action()

    def after_outermost(self, action: Callable[[], None]) -> None:
        """Runs `action` once this thread's transaction has committed or rolled back (now if none)."""
        if self._state.depth:
            self._state.after.append(action)
            return
        action()

    def close(self) -> None:
        with self._connections_lock:
            self._closed = True
            connections, self._connections = self._connections, []
        for db in connections:
            db.conn.close()


@contextmanager
def _immediate(db: Database) -> Iterator[None]:
    # BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that read first could
    # not upgrade once another process (`exchange-sim lab clock` beside `serve`) had committed, and
    # would fail with "database is locked" instead of waiting its turn.
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:
            db.conn.rollback()
        raise
    db.conn.commit()
