"""The migrations shipped in the package build, from an empty database, exactly the tables the
store uses (Alembic's comparison finds no difference), on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("sqlalchemy", reason="needs jobscore[service]")

import sqlalchemy as sa

from jobscore.errors import JobScoreError
from jobscore.store.engine import make_engine
from jobscore.store.migrate import (
    check_current,
    current_revision,
    differences,
    head_revision,
    prepare,
    upgrade,
)
from jobscore.store.tables import metadata

TABLES = set(metadata.tables) | {"alembic_version"}


def tables_of(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return set(sa.inspect(connection).get_table_names())
    finally:
        engine.dispose()


def from_empty_to_head(url: str) -> None:
    assert current_revision(url) is None
    assert tables_of(url) == set()
    assert upgrade(url) is None
    assert current_revision(url) == head_revision()
    assert tables_of(url) == TABLES
    assert differences(url) == []
    # At the latest version already: nothing to do.
    assert upgrade(url) == head_revision()
    assert differences(url) == []


def test_from_empty_to_head_on_sqlite(tmp_path: Path) -> None:
    from_empty_to_head(f"sqlite:///{tmp_path / 'new.db'}")


@pytest.mark.postgres
def test_from_empty_to_head_on_postgresql(postgres_schema: str) -> None:
    from_empty_to_head(postgres_schema)


def test_the_comparison_sees_a_table_the_migrations_lack(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'short.db'}"
    upgrade(url)
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE tokens")
    engine.dispose()
    assert [diff[0] for diff in differences(url)] == ["add_table"]


def test_a_new_database_is_prepared_and_an_old_one_refused(tmp_path: Path) -> None:
    new = f"sqlite:///{tmp_path / 'new.db'}"
    prepare(new)
    assert current_revision(new) == head_revision()
    check_current(new)
    old = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(old)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE something_else (x INTEGER)")
    engine.dispose()
    with pytest.raises(JobScoreError, match="jobscore db upgrade --database URL"):
        prepare(old)
