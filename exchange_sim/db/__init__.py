"""SQLite storage for a lab, through sqlite-utils.

Public API:
    open_database(path) -> sqlite_utils.Database   WAL journal, schema migrated to the latest version
    schema_version(db) -> int
    MIGRATIONS                                       the numbered migrations, applied in order
    DatabaseError                                    a lab database that cannot be opened or upgraded
"""

from __future__ import annotations

from exchange_sim.db.connection import DatabaseError, open_database
from exchange_sim.db.migrations import MIGRATIONS, schema_version

__all__ = ["MIGRATIONS", "DatabaseError", "open_database", "schema_version"]
