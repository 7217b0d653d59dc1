"""The store: the log of recorded facts and what is derived from it, behind one port.

`make_store(url)` opens one: in memory, or SQL (SQLite by default, PostgreSQL) through
`jobscore.store.sql`, which alone imports SQLAlchemy, with its migrations in
`jobscore.store.migrate`. Importing this package loads neither.
"""

from jobscore.store.factory import DEFAULT_DATABASE, DEFAULT_DATABASE_URL, MEMORY_URL, make_store
from jobscore.store.memory import MemoryStore
from jobscore.store.port import LogEntry, Receipt, SnapshotRow, Store, TokenRow

__all__ = [
    "DEFAULT_DATABASE",
    "DEFAULT_DATABASE_URL",
    "MEMORY_URL",
    "LogEntry",
    "MemoryStore",
    "Receipt",
    "SnapshotRow",
    "Store",
    "TokenRow",
    "make_store",
]
