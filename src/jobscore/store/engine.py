"""Opening a database: the URL, the engine, and how a write transaction holds the lock.

- SQLite: every connection is set to WAL with `synchronous=FULL` (an acknowledged write is on
  disk) and foreign keys on; SQLAlchemy, not the driver, begins transactions, so that a write
  begins with `BEGIN IMMEDIATE` and holds the database's write lock from its first read.
- PostgreSQL (psycopg): a write takes a transaction-level advisory lock for the schema it
  works in (`pg_advisory_xact_lock`), released when it commits or rolls back.

Either way, writes are one at a time, and each reads the state inside its own transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, ParamSpec, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine, make_url

from jobscore.errors import JobScoreError

__all__ = ["begin_write", "database_errors", "database_url", "make_engine"]

#: How long a SQLite write waits for the file's write lock before giving up, in seconds.
SQLITE_BUSY_TIMEOUT = 60.0
#: Connections an engine keeps open, and how many more it opens at busy times: enough for
#: every thread of the API's thread pool (40) to hold one, so that none waits for a
#: connection and none is opened and closed again for one request.
POOL_SIZE = 20
POOL_OVERFLOW = 20
_WRITE = "jobscore_write"


def database_url(url: str | URL) -> URL:
    """The SQLAlchemy URL for a store URL: `postgresql://` (or `postgres://`) goes through
    psycopg 3; `sqlite:///path` is a file."""
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # The driver would begin transactions on its own (and not before a read): SQLAlchemy's
    # `begin` event below does it instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str | URL, **options: Any) -> Engine:
    """An engine for the store at `url`. Creating it connects to nothing yet."""
    parsed = database_url(url)
    if "poolclass" not in options:
        options = {"pool_size": POOL_SIZE, "max_overflow": POOL_OVERFLOW} | options
    if parsed.get_backend_name() == "sqlite":
        connect_args = {"timeout": SQLITE_BUSY_TIMEOUT, "check_same_thread": False}
        engine = sa.create_engine(parsed, connect_args=connect_args, **options)
        sa.event.listen(engine, "connect", _sqlite_connection)
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    return sa.create_engine(parsed, **options)


def begin_write(connection: Connection) -> None:
    """Begin a write transaction on `connection` holding the store's write lock; it is
    released when the transaction ends."""
    backend = connection.dialect.name
    if backend == "sqlite":
        connection.execution_options(**{_WRITE: True}).begin()
        return
    connection.begin()
    if backend == "postgresql":
        # One lock per schema, so stores in other schemas of the database do not wait.
        connection.execute(
            sa.text("SELECT pg_advisory_xact_lock(hashtext('jobscore.store.' || current_schema()))")
        )


P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except sa.exc.DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise JobScoreError(f"the database failed: {reason}") from error


def database_errors(function: Callable[P, R]) -> Callable[P, R]:
    """Turn the driver's errors (a database that cannot be reached, a table that is missing)
    into a `JobScoreError` that says so; the driver's error stays its cause."""

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with _translated():
            return function(*args, **kwargs)

    return wrapper
