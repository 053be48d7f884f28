"""Opening a lab's SQLite file: WAL journal, one connection shared by the lab's threads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from exchange_sim.db.database import Database
from exchange_sim.db.migrations import SchemaTooNew, migrate


class DatabaseError(Exception):
    """The lab database cannot be opened or is newer than this program understands."""


def open_database(path: Path) -> Database:
    try:
        # The remoting service runs cmdlets on worker threads; the lab serialises transactions
        # with its own lock, so one connection may be used from several threads.
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30.0)
        db = Database(conn)
        if db.journal_mode != "wal":
            db.execute("PRAGMA journal_mode=wal;")
        db.execute("PRAGMA foreign_keys = ON")
        # In WAL mode NORMAL still never corrupts the file and a killed process loses nothing
        # committed; only a power cut may drop the last commits. FULL's fsync per commit made the
        # three commits of a New-ExchangeCertificate cost more than the certificate.
        db.execute("PRAGMA synchronous = NORMAL")
        migrate(db)
    except SchemaTooNew as error:
        raise DatabaseError(str(error)) from error
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"The lab database '{path}' cannot be opened: {error}") from error
    return db
