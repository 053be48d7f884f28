"""A lab's SQLite connection that reads through `sqlite3` and loads sqlite-utils only to write tables.

Importing sqlite-utils costs more than the rest of a `Get-ExchangeCertificate` (it pulls in click,
dateutil and pluggy), and a session that only reads never needs its table API: `execute` and
`table_names` are plain `sqlite3`; `db["table"]` and any other sqlite-utils attribute load it then.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from itertools import takewhile
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.db import Table, View

# Statements that manage the transaction themselves: sqlite-utils never commits after them either.
_TRANSACTION_CONTROL = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"})


class Database:
    """`sqlite_utils.Database` over `conn`, with its import put off until a table or method needs it."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._tables: sqlite_utils.Database | None = None
        # sqlite-utils turns this on for every connection it wraps; triggers behave the same before it loads.
        self.execute("PRAGMA recursive_triggers=on;")

    @property
    def tables(self) -> "sqlite_utils.Database":
        if self._tables is None:
            import sqlite_utils

            # Third-party sqlite-utils plugins have no business in a lab's connection, and finding them
            # scans every installed distribution's entry points.
            self._tables = sqlite_utils.Database(self.conn, execute_plugins=False, recursive_triggers=False)
        return self._tables

    def __getitem__(self, name: str) -> "Table | View":
        return self.tables[name]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.tables, name)

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> sqlite3.Cursor:
        """As `sqlite_utils.Database.execute`: a write outside a transaction commits at once."""
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")  # else the implicit transaction would capture later writes
            raise
        if (not was_in_transaction and self.conn.in_transaction and cursor.description is None
                and _first_keyword(sql) not in _TRANSACTION_CONTROL):
            self.conn.execute("COMMIT")
        return cursor

    def table_names(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]

    @property
    def journal_mode(self) -> str:
        return self.conn.execute("PRAGMA journal_mode;").fetchone()[0]

    def close(self) -> None:
        self.conn.close()


def _first_keyword(sql: str) -> str:
    text = sql.lstrip(" \t\r\n;\ufeff")
    return "".join(takewhile(str.isalpha, text)).upper()
