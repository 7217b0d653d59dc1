"""The SQL store's snapshots: the rows of each snapshot, the runs, the `bayes` statistics
fitted at them, and the marketplace a snapshot reads (`sql_market.py`).

A snapshot writes a row per freelancer and policy: hundreds of thousands at once on a large
marketplace. They go in as one statement run over every row (an upsert: a row saved again
for the same freelancer, policy and instant replaces the first).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine, RowMapping

from jobscore.store.engine import database_errors
from jobscore.store.port import (
    ClientHabits,
    MarketRows,
    MarketStatistics,
    SnapshotRow,
    SnapshotRun,
)
from jobscore.store.sql_market import read_market
from jobscore.store.tables import (
    freelancers,
    snapshot_client_habits,
    snapshot_markets,
    snapshot_runs,
    snapshots,
)

__all__ = ["SqlSnapshots"]

_BATCH = 20_000


def _chunks(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == _BATCH:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class SqlSnapshots:
    """The snapshot part of `SqlStore`."""

    engine: Engine

    def _writing(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    @database_errors
    def save_snapshot(self, rows: Iterable[SnapshotRow]) -> int:
        saved = {(r.freelancer_id, r.policy, r.as_of): r for r in rows}
        with self._writing() as connection:
            if connection.dialect.name == "postgresql":
                _copy_snapshots(connection, saved.values())
            elif connection.dialect.name == "sqlite":
                _insert_sqlite_snapshots(connection, saved.values())
            else:
                upsert = _upsert(connection)
                for chunk in _chunks(_snapshot_row(r) for r in saved.values()):
                    connection.execute(upsert, chunk)
        return len(saved)

    @database_errors
    def snapshots(self, freelancer_id: str, policy: str) -> list[SnapshotRow]:
        c = snapshots.c
        query = (
            sa.select(snapshots)
            .where(c.freelancer_id == freelancer_id, c.policy == policy)
            .order_by(c.as_of)
        )
        with self.engine.connect() as connection:
            return [_snapshot(row) for row in connection.execute(query).mappings()]

    @database_errors
    def latest_snapshots(self, policy: str) -> list[SnapshotRow]:
        c = snapshots.c
        latest = sa.select(sa.func.max(c.as_of)).where(c.policy == policy).scalar_subquery()
        query = (
            sa.select(snapshots)
            .where(c.policy == policy, c.as_of == latest)
            .order_by(c.freelancer_id)
        )
        with self.engine.connect() as connection:
            return [_snapshot(row) for row in connection.execute(query).mappings()]

    @database_errors
    def has_freelancer(self, freelancer_id: str) -> bool:
        query = sa.select(freelancers.c.freelancer_id).where(
            freelancers.c.freelancer_id == freelancer_id
        )
        with self.engine.connect() as connection:
            return connection.execute(query).first() is not None

    def market_rows(self, as_of: datetime) -> MarketRows:
        tables, registered = read_market(self.engine.url, as_of)
        return MarketRows(tables, registered)

    @database_errors
    def save_snapshot_run(self, run: SnapshotRun, habits: ClientHabits) -> SnapshotRun:
        with self._writing() as connection:
            inserted = connection.execute(
                sa.insert(snapshot_runs).values(
                    as_of=run.as_of,
                    taken_at=run.taken_at,
                    policies=json.dumps(list(run.policies)),
                    freelancers=run.freelancers,
                    rows=run.rows,
                    read_seconds=run.read_seconds,
                    score_seconds=run.score_seconds,
                    save_seconds=run.save_seconds,
                )
            )
            key = inserted.inserted_primary_key
            assert key is not None
            run_id = int(key[0])
            for market in run.markets:
                connection.execute(
                    sa.insert(snapshot_markets).values(
                        run_id=run_id,
                        policy=market.policy,
                        prior_alpha=market.prior_alpha,
                        prior_beta=market.prior_beta,
                        prior_source=market.prior_source,
                        fitted_freelancers=market.fitted_freelancers,
                        market_stars_mean=market.market_stars_mean,
                    )
                )
            habit_rows = (
                {"run_id": run_id, "client_id": c, "stars_mean": m, "stars_count": n}
                for c, (m, n) in habits.items()
            )
            for chunk in _chunks(habit_rows):
                connection.execute(sa.insert(snapshot_client_habits), chunk)
        return SnapshotRun(**{**_fields(run), "run_id": run_id})

    @database_errors
    def last_snapshot_run(self) -> SnapshotRun | None:
        query = sa.select(snapshot_runs).order_by(snapshot_runs.c.run_id.desc()).limit(1)
        with self.engine.connect() as connection:
            row = connection.execute(query).mappings().first()
            return None if row is None else _run(connection, row)

    @database_errors
    def market_statistics(
        self, policy: str, as_of: datetime | None = None
    ) -> tuple[SnapshotRun, MarketStatistics] | None:
        m, r = snapshot_markets.c, snapshot_runs.c
        query = (
            sa.select(snapshot_runs)
            .join(snapshot_markets, m.run_id == r.run_id)
            .where(m.policy == policy)
            .order_by(r.as_of.desc(), r.run_id.desc())
            .limit(1)
        )
        if as_of is not None:
            query = query.where(r.as_of <= as_of)
        with self.engine.connect() as connection:
            row = connection.execute(query).mappings().first()
            if row is None:
                return None
            run = _run(connection, row)
        market = run.market(policy)
        assert market is not None
        return run, market

    @database_errors
    def client_habits(self, run_id: int, client_ids: Iterable[str]) -> dict[str, tuple[float, int]]:
        wanted = sorted(set(client_ids))
        if not wanted:
            return {}
        h = snapshot_client_habits.c
        found: dict[str, tuple[float, int]] = {}
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), 500):
                query = sa.select(h.client_id, h.stars_mean, h.stars_count).where(
                    h.run_id == run_id, h.client_id.in_(wanted[start : start + 500])
                )
                for client_id, mean, count in connection.execute(query):
                    found[client_id] = (float(mean), int(count))
        return found


_KEY = ("freelancer_id", "policy", "as_of")
_SNAPSHOT_COLUMNS = (
    "freelancer_id", "policy", "as_of", "score", "score_window", "eligible", "badges",
    "interval_lo", "interval_hi",
)  # fmt: skip


def _upsert(connection: Connection) -> Any:
    """An insert that replaces the row of the same freelancer, policy and instant."""
    dialect = sqlite if connection.dialect.name == "sqlite" else postgresql
    insert = dialect.insert(snapshots)
    return insert.on_conflict_do_update(
        index_elements=list(_KEY),
        set_={c.name: insert.excluded[c.name] for c in snapshots.c if c.name not in _KEY},
    )


def _copy_snapshots(connection: Connection, rows: Iterable[SnapshotRow]) -> None:
    """PostgreSQL: the rows by COPY into a table of this transaction, then one upsert from
    it; many times faster than an insert per row."""
    columns = [c.name for c in snapshots.c]
    connection.exec_driver_sql(
        "CREATE TEMPORARY TABLE snapshot_rows (LIKE snapshots) ON COMMIT DROP"
    )
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY snapshot_rows ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            values = _snapshot_row(row)
            copy.write_row([values[name] for name in columns])
    updates = ", ".join(f"{name} = EXCLUDED.{name}" for name in columns if name not in _KEY)
    connection.exec_driver_sql(
        f"INSERT INTO snapshots SELECT * FROM snapshot_rows"
        f" ON CONFLICT ({', '.join(_KEY)}) DO UPDATE SET {updates}"
    )


def _upsert_sql(marks: str) -> str:
    columns = [c.name for c in snapshots.c]
    updates = ", ".join(f"{name} = excluded.{name}" for name in columns if name not in _KEY)
    return (
        f"INSERT INTO snapshots ({', '.join(columns)}) VALUES ({marks})"
        f" ON CONFLICT ({', '.join(_KEY)}) DO UPDATE SET {updates}"
    )


def _insert_sqlite_snapshots(connection: Connection, rows: Iterable[SnapshotRow]) -> None:
    """SQLite: one statement run over every row by the driver, the values written as
    SQLAlchemy writes them (an instant as UTC text, a flag as 0 or 1); SQLAlchemy's own
    handling of each row cost ten times more."""
    columns = [c.name for c in snapshots.c]
    assert columns == list(_SNAPSHOT_COLUMNS)
    sql = _upsert_sql(", ".join("?" for _ in columns))
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    instants: dict[datetime, str] = {}

    def text(at: datetime) -> str:
        if at not in instants:
            instants[at] = at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        return instants[at]

    # In the order of the primary key, each row lands next to the one before it.
    ordered = sorted(rows, key=lambda r: (r.freelancer_id, r.policy, r.as_of))
    values = (
        (
            r.freelancer_id, r.policy, text(r.as_of), r.score, r.window, int(r.eligible),
            json.dumps(list(r.badges)) if r.badges else "[]",
            r.interval[0] if r.interval else None, r.interval[1] if r.interval else None,
        )
        for r in ordered
    )  # fmt: skip
    cursor.executemany(sql, values)


def _fields(run: SnapshotRun) -> dict[str, Any]:
    return {name: getattr(run, name) for name in SnapshotRun.__slots__}


def _run(connection: Connection, row: RowMapping) -> SnapshotRun:
    m = snapshot_markets.c
    markets = tuple(
        MarketStatistics(
            policy=market["policy"],
            prior_alpha=market["prior_alpha"],
            prior_beta=market["prior_beta"],
            prior_source=market["prior_source"],
            fitted_freelancers=market["fitted_freelancers"],
            market_stars_mean=market["market_stars_mean"],
        )
        for market in connection.execute(
            sa.select(snapshot_markets).where(m.run_id == row["run_id"]).order_by(m.policy)
        ).mappings()
    )
    return SnapshotRun(
        as_of=row["as_of"],
        taken_at=row["taken_at"],
        policies=tuple(json.loads(row["policies"])),
        freelancers=row["freelancers"],
        rows=row["rows"],
        read_seconds=row["read_seconds"],
        score_seconds=row["score_seconds"],
        save_seconds=row["save_seconds"],
        markets=markets,
        run_id=int(row["run_id"]),
    )


def _snapshot_row(row: SnapshotRow) -> dict[str, Any]:
    lo, hi = row.interval if row.interval is not None else (None, None)
    return {
        "freelancer_id": row.freelancer_id,
        "policy": row.policy,
        "as_of": row.as_of,
        "score": row.score,
        "score_window": row.window,
        "eligible": row.eligible,
        "badges": json.dumps(list(row.badges)) if row.badges else "[]",
        "interval_lo": lo,
        "interval_hi": hi,
    }


def _snapshot(row: RowMapping) -> SnapshotRow:
    lo, hi = row["interval_lo"], row["interval_hi"]
    return SnapshotRow(
        freelancer_id=row["freelancer_id"],
        policy=row["policy"],
        as_of=row["as_of"],
        score=row["score"],
        window=row["score_window"],
        eligible=bool(row["eligible"]),
        badges=tuple(json.loads(row["badges"])),
        interval=None if lo is None or hi is None else (lo, hi),
    )
