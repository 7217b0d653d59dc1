"""Databases for the store tests: a SQLite file per test, and on PostgreSQL a schema per test
inside this run's own namespace (`jobscore_test_<random>_<n>`), created with the migrations
and dropped afterwards, so that runs sharing the database never meet."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from itertools import count
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from jobscore.store.port import Store


@pytest.fixture
def closing() -> Iterator[Callable[[Store], Store]]:
    """Close every SQL store a test opens when it ends."""
    opened: list[Store] = []

    def keep(store: Store) -> Store:
        opened.append(store)
        return store

    yield keep
    for store in opened:
        store.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A new SQLite file at the latest schema."""
    pytest.importorskip("sqlalchemy", reason="needs jobscore[service]")
    from jobscore.store.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'store.db'}"
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def postgres_namespace() -> Iterator[tuple[str, Any]]:
    """This run's schema prefix and an engine on the test database; every schema with the
    prefix is dropped at the end of the run."""
    pytest.importorskip("psycopg", reason="needs jobscore[service]")
    from jobscore.store.engine import make_engine

    url = os.environ["JOBSCORE_TEST_DATABASE_URL"]
    prefix = f"jobscore_test_{secrets.token_hex(4)}"
    engine = make_engine(url, pool_size=1)
    yield prefix, engine
    with engine.begin() as connection:
        names = connection.exec_driver_sql(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE %(p)s", {"p": f"{prefix}%"}
        ).scalars()
        for name in list(names):
            connection.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')
    engine.dispose()


_SCHEMAS = count(1)


def schema_url(base: str, schema: str) -> str:
    """`base` with every connection's search path set to `schema`."""
    options = quote(f"-csearch_path={schema}")
    return f"{base}{'&' if '?' in base else '?'}options={options}"


@pytest.fixture
def postgres_schema(postgres_namespace: tuple[str, Any]) -> Iterator[str]:
    """The URL of a new, empty schema of the test database; dropped after the test."""
    prefix, engine = postgres_namespace
    schema = f"{prefix}_{next(_SCHEMAS)}"
    with engine.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    yield schema_url(os.environ["JOBSCORE_TEST_DATABASE_URL"], schema)
    with engine.begin() as connection:
        connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def postgres_url(postgres_schema: str) -> str:
    """A new schema at the latest migration."""
    from jobscore.store.migrate import upgrade

    upgrade(postgres_schema)
    return postgres_schema
