"""The store contract for SQL stores, with what only they keep: the derived tables."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("sqlalchemy", reason="needs jobscore[service]")

import sqlalchemy as sa

from jobscore.store.derived import KEYS, all_rows
from jobscore.store.port import Store
from jobscore.store.sql import SqlStore
from jobscore.store.tables import metadata
from tests.conformance.store.contract import StoreContract

__all__ = ["SqlStoreContract", "table_rows"]


def table_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the store, sorted."""
    assert isinstance(store, SqlStore)
    with store.engine.connect() as connection:
        return {
            name: sorted(tuple(row) for row in connection.execute(sa.select(table)))
            for name, table in metadata.tables.items()
        }


class SqlStoreContract(StoreContract):
    def contents(self, store: Store) -> Any:
        return table_rows(store)

    def check_derived(self, store: Store) -> None:
        """The derived tables hold exactly the rows the state derives."""
        assert isinstance(store, SqlStore)
        expected = all_rows(store.state())
        with store.engine.connect() as connection:
            for name, rows in expected.items():
                table = metadata.tables[name]
                stored = [dict(row) for row in connection.execute(sa.select(table)).mappings()]

                def key(row: dict[str, Any], name: str = name) -> tuple[Any, ...]:
                    return tuple(row[column] for column in KEYS[name])

                assert sorted(stored, key=key) == sorted(rows, key=key), name

    def test_the_derived_tables_after_every_kind_of_fact(self, store: Store) -> None:
        from tests.conformance.store.story import LIFECYCLE

        for recorded in LIFECYCLE:
            store.record(recorded)
            self.check_derived(store)
        rows = table_rows(store)
        assert len(rows["event_log"]) == len(LIFECYCLE)
        assert [(r[0], r[1], r[4], r[5], r[6]) for r in rows["payments"]] == [
            ("k1", "p1", 50000, 5000, 45000),
            ("k1", "p2", 20000, 0, 20000),
        ]
