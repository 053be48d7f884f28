"""SQLite storage for a lab, through sqlite-utils.

Public API:
    open_database(path) -> Database   WAL journal, schema migrated to the latest version; reads through
        sqlite3, `db["table"]` (and any other sqlite_utils.Database attribute) loads sqlite-utils
    schema_version(db) -> int
    MIGRATIONS                                       the numbered migrations, applied in order
    DatabaseError                                    a lab database that cannot be opened or upgraded
"""

from __future__ import annotations

from exchange_sim.db.connection import DatabaseError, open_database
from exchange_sim.db.database import Database
from exchange_sim.db.migrations import MIGRATIONS, schema_version

__all__ = ["MIGRATIONS", "Database", "DatabaseError", "open_database", "schema_version"]
