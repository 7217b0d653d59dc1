"""The snapshot benchmark's own code at a tiny scale: the bulk writer writes what the store
would have written fact by fact, on SQLite and, copied, on PostgreSQL; the runner times
`jobscore snapshot` and reads its report."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sqlalchemy", reason="needs jobscore[service]")
pytest.importorskip("duckdb", reason="needs jobscore[duckdb]")

import sqlalchemy as sa
from bench.snapshot import report, run_once, summary
from bench.snapshot_store import Market, build_sqlite, copy_to_postgresql, schema_url

from jobscore.store.codec import decode_fact, encode_fact, to_json
from jobscore.store.derived import KEYS, all_rows
from jobscore.store.engine import make_engine
from jobscore.store.sql import SqlStore
from jobscore.store.tables import metadata

SMALL = Market(contracts=300, freelancers=30, clients=10, seed=3)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "store.db"
    build_sqlite(path, SMALL)
    return path


def rows_of(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows, in the order of their primary key."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return {
                name: [
                    dict(r)
                    for r in connection.execute(
                        sa.select(table).order_by(*table.primary_key.columns)
                    ).mappings()
                ]
                for name, table in metadata.tables.items()
            }
    finally:
        engine.dispose()


def check_store(url: str) -> None:
    """The log replays under the rules into exactly the derived rows stored beside it, and
    every body is the codec's, in the order the facts took effect."""
    store = SqlStore(make_engine(url))
    try:
        expected = all_rows(store.state())
    finally:
        store.close()
    stored = rows_of(url)
    for name, rows in expected.items():

        def key(row: dict[str, Any], name: str = name) -> tuple[Any, ...]:
            return tuple(row[column] for column in KEYS[name])

        assert sorted(stored[name], key=key) == sorted(rows, key=key), name
    log = sorted(stored["event_log"], key=lambda row: row["sequence"])
    assert len(log) > 6 * SMALL.contracts / 2
    for row in log:
        fact = decode_fact(json.loads(row["body"]))
        assert row["body"] == to_json(encode_fact(fact))
        assert row["fact_digest"] == hashlib.sha256(row["body"].encode()).hexdigest()
        assert row["effective_at"] == row["recorded_at"] == fact.at
    assert [row["effective_at"] for row in log] == sorted(row["effective_at"] for row in log)


def test_the_bulk_writer_writes_what_the_store_would(built: Path) -> None:
    check_store(f"sqlite:///{built}")


@pytest.mark.postgres
def test_the_postgresql_copy_holds_the_same_rows(
    built: Path, postgres_namespace: tuple[str, Any]
) -> None:
    import os

    prefix, _ = postgres_namespace
    base = os.environ["JOBSCORE_TEST_DATABASE_URL"]
    copy_to_postgresql(built, base, f"{prefix}_bench")
    url = schema_url(base, f"{prefix}_bench")
    check_store(url)
    assert rows_of(url) == rows_of(f"sqlite:///{built}")


def test_the_runner_times_the_command(built: Path) -> None:
    run = run_once(f"sqlite:///{built}")
    assert run["freelancers"] == SMALL.freelancers
    assert run["rows"] == 3 * SMALL.freelancers
    assert run["peak_mib"] > 0
    table = report([summary("sqlite", [run, run])], SMALL)
    assert "| sqlite | 2 |" in table
