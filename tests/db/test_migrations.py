"""The lab database: WAL journal, numbered migrations recorded in a schema version table."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from exchange_sim.db import MIGRATIONS, DatabaseError, open_database, schema_version


def test_new_database_is_migrated_to_the_latest_version_in_wal_mode(tmp_path: Path) -> None:
    db = open_database(tmp_path / "lab.db")
    assert schema_version(db) == len(MIGRATIONS)
    assert db.journal_mode == "wal"
    assert {"servers", "store_entries", "private_keys", "audit_log"} <= set(db.table_names())
    versions = [row[0] for row in db.execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == list(range(1, len(MIGRATIONS) + 1))


def test_reopening_applies_no_migration_twice(tmp_path: Path) -> None:
    open_database(tmp_path / "lab.db").conn.close()
    db = open_database(tmp_path / "lab.db")
    assert db.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


def test_a_database_from_a_newer_program_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    db = open_database(tmp_path / "lab.db")
    db.execute("INSERT INTO schema_version (version, applied_at) VALUES (999, 'later')")
    db.conn.commit()
    db.conn.close()
    with pytest.raises(DatabaseError, match="newer"):
        open_database(tmp_path / "lab.db")


def test_a_file_that_is_not_a_database_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "lab.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match="cannot be opened"):
        open_database(tmp_path / "lab.db")


def test_a_half_applied_migration_leaves_no_trace(tmp_path: Path) -> None:
    # Each migration runs in a transaction: a crash inside it must not leave a table behind.
    conn = sqlite3.connect(tmp_path / "lab.db")
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
    conn.execute("CREATE TABLE servers (oops TEXT)")  # collides with migration 1
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError):
        open_database(tmp_path / "lab.db")
    conn = sqlite3.connect(tmp_path / "lab.db")
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "organization" not in tables
    assert conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == 0
