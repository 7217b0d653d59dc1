"""Opening a store by its URL: `memory://`, `sqlite:///path/to/file.db`, `postgresql://...`.

The SQL adapter and its drivers are imported here, when a SQL store is opened, so that a
command that opens none does not load them; a missing driver is named with the install
command of the `service` extra.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from jobscore.errors import InvalidInput, MissingExtra, Problem
from jobscore.store.memory import MemoryStore
from jobscore.store.port import Store

__all__ = ["DEFAULT_DATABASE", "DEFAULT_DATABASE_URL", "MEMORY_URL", "make_store", "require_sql"]

#: The file a store is kept in when no URL is given: in the current directory.
DEFAULT_DATABASE = "jobscore.db"
DEFAULT_DATABASE_URL = f"sqlite:///{DEFAULT_DATABASE}"
MEMORY_URL = "memory://"

_SQLITE = ("sqlite",)
_POSTGRESQL = ("postgresql", "postgres")


def _scheme(url: str) -> str:
    return url.split("://", 1)[0].split("+", 1)[0].lower() if "://" in url else ""


def require_sql(url: str) -> None:
    """Check that the modules a SQL store at `url` needs are installed; refuse a URL that is
    neither SQLite nor PostgreSQL."""
    scheme = _scheme(url)
    if scheme not in _SQLITE + _POSTGRESQL:
        raise InvalidInput(
            Problem(
                "database",
                f"{url!r} is not a store URL; use sqlite:///path/to/file.db, "
                f"postgresql://user@host/database or {MEMORY_URL}",
            )
        )
    modules = ("sqlalchemy", "alembic") + (("psycopg",) if scheme in _POSTGRESQL else ())
    missing = [module for module in modules if find_spec(module) is None]
    if missing:
        raise MissingExtra(missing, "service")


def make_store(url: str | None = None) -> Store:
    """The store at `url` (the SQLite file `jobscore.db` in the current directory when None).
    A SQL database must be at the latest schema (`jobscore db upgrade`)."""
    url = url or DEFAULT_DATABASE_URL
    if url.strip().lower() == MEMORY_URL:
        return MemoryStore()
    require_sql(url)
    engine = import_module("jobscore.store.engine").make_engine(url)
    store: Store = import_module("jobscore.store.sql").SqlStore(engine)
    return store
