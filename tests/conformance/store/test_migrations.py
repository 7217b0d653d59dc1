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


def test_the_second_migration_derives_its_tables_from_the_log_a_database_holds(
    tmp_path: Path,
) -> None:
    from jobscore.store.derived import KEYS, all_rows
    from jobscore.store.sql import SqlStore
    from tests.conformance.store.story import LIFECYCLE

    # The story recorded by this jobscore; its log and first-schema tables copied into a
    # database at the first schema, as an older jobscore would have left it.
    full = f"sqlite:///{tmp_path / 'full.db'}"
    upgrade(full)
    store = SqlStore(make_engine(full))
    store.record_all(LIFECYCLE)
    expected = all_rows(store.state())
    first_schema = ("event_log", "freelancers", "clients", "contracts", "payments")
    with store.engine.connect() as connection:
        held = {
            name: [
                dict(row) for row in connection.execute(sa.select(metadata.tables[name])).mappings()
            ]
            for name in first_schema
        }
    store.close()
    old = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(old, "0001")
    engine = make_engine(old)
    with engine.begin() as connection:
        for name in first_schema:
            connection.execute(sa.insert(metadata.tables[name]), held[name])
    engine.dispose()
    assert upgrade(old) == "0001"
    assert differences(old) == []
    engine = make_engine(old)
    with engine.connect() as connection:
        for name in ("refunds", "disputes", "feedback"):
            rows = [
                dict(r) for r in connection.execute(sa.select(metadata.tables[name])).mappings()
            ]
            assert rows, name

            def key(row: dict[str, object], name: str = name) -> tuple[object, ...]:
                return tuple(row[column] for column in KEYS[name])

            assert sorted(rows, key=key) == sorted(expected[name], key=key), name
    engine.dispose()
