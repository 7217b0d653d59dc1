"""A large store for the snapshot benchmark, written in bulk: the log and the derived tables at
once, as the service would have written them fact by fact.

Recording millions of facts one write at a time would take hours; this writes the same rows
directly. Each fact is a domain fact, encoded by the store's own codec (`encode_fact`,
`to_json`, the digest of the same document) and named as the store names it (`record_of`);
the derived rows are the ones `jobscore.store.derived` gives for the state the log makes
(`tests/bench/test_snapshot_bench.py` replays a small store's log and compares). The facts
follow the lifecycle rules, each recorded when it took effect by the side the rules allow.

The SQLite file is built first, under `.bench-cache/`; a PostgreSQL schema is then filled from
it with COPY, so both stores hold the same rows.
"""

from __future__ import annotations

import heapq
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.snapshot_facts import (
    DAY,
    NOW,
    NOW_S,
    START_S,
    Entry,
    check_row,
    log_row,
    sql_instant,
    window_closes,
)
from jobscore.domain.enums import EndReason

__all__ = ["NOW", "Market", "build_sqlite", "copy_to_postgresql", "generate"]

_REASONS = (
    (EndReason.COMPLETED, 0.88),
    (EndReason.CANCELLED, 0.04),
    (EndReason.NO_WORK, 0.03),
    (EndReason.UNRESPONSIVE, 0.02),
    (EndReason.QUALITY, 0.02),
    (EndReason.OTHER, 0.01),
)
_EVENT_INDEXES = ("record", "recorded_at", "actor_id", "fact_digest")


@dataclass
class _Contract:
    """One contract's facts and its derived rows."""

    entries: list[Any] = field(default_factory=list)
    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Market:
    contracts: int
    freelancers: int
    clients: int
    seed: int


#: Each table's columns, in the order the rows are written.
_COLUMNS = {
    "freelancers": ("freelancer_id", "registered_at", "profile_complete"),
    "clients": ("client_id", "registered_at", "payment_verified", "flagged_at", "suspended_at"),
    "contracts": (
        "contract_id", "freelancer_id", "client_id", "kind", "category", "currency", "opened_at",
        "started_at", "status", "ended_at", "ended_by", "end_reason", "feedback_revealed_at",
    ),
    "payments": (
        "contract_id", "payment_id", "paid_at", "kind", "amount_cents", "refunded_cents",
        "refundable_cents",
    ),
    "refunds": ("contract_id", "refund_id", "payment_id", "refunded_at", "amount_cents"),
    "disputes": ("contract_id", "dispute_id", "opened_at", "resolved_at", "result"),
    "feedback": (
        "contract_id", "side", "given_at", "stars", "private_score", "edited_at",
        "edited_stars", "removed_at",
    ),
    # The sequence is the order of insertion, which is the order the facts took effect.
    "event_log": (
        "kind", "record", "effective_at", "recorded_at", "actor_role", "actor_id",
        "idempotency_key", "fact_digest", "body",
    ),
}  # fmt: skip


def _contract(rng: random.Random, market: Market, n: int, start: int) -> _Contract:
    k = f"k{n:08d}"
    f = f"f{rng.randrange(market.freelancers):07d}"
    c = f"c{rng.randrange(market.clients):07d}"
    hourly = rng.random() < 0.3
    end: int | None = start + rng.randint(2 * DAY, (400 if hourly else 120) * DAY)
    assert end is not None
    if end > NOW_S:
        end = None
    last = end if end is not None else NOW_S
    record = f"contract {k}"
    out = _Contract()
    add = out.entries.append
    kind = "hourly" if hourly else "fixed"
    add((start, "contract_opened", "client", c, record, (k, f, c, kind)))
    paid: list[tuple[str, int, int, str]] = []  # payment id, instant, cents, kind
    if hourly:
        for step in range(max(1, (last - start) // (30 * DAY))):
            at = min(start + 30 * DAY * (step + 1), last)
            paid.append((f"p{step + 1}", at, rng.randint(5_000, 300_000), "invoice"))
    elif end is not None or rng.random() < 0.5:
        at = end if end is not None else start + (last - start) // 2
        paid.append(("p1", at, rng.randint(1_000, 500_000), "milestone"))
    for payment_id, at, cents, payment_kind in paid:
        add((at, "payment_made", "client", c, record, (k, payment_id, cents, payment_kind)))
    refunds: list[tuple[str, int, int]] = []  # payment id, instant, cents
    if paid and rng.random() < 0.04:
        payment_id, at, cents, _ = paid[-1]
        refund = (payment_id, at + 3600, rng.randint(1, cents))
        if refund[1] <= NOW_S:
            refunds.append(refund)
            add(
                (
                    refund[1],
                    "refund_made",
                    "freelancer",
                    f,
                    record,
                    (k, "r1", *refund[:1], refund[2]),
                )
            )
    disputes: list[tuple[int, int, str]] = []
    if end is not None and rng.random() < 0.01:
        opened = start + (end - start) // 2
        result = "won" if rng.random() < 0.5 else "lost"
        disputes.append((opened, opened + 7200, result))
        add((opened, "dispute_opened", "client", c, record, (k, "d1")))
        add((opened + 7200, "dispute_resolved", "operator", None, record, (k, "d1", result)))
    given: dict[str, tuple[int, float, int | None]] = {}
    removed: int | None = None
    reason: str | None = None
    if end is not None:
        reason = rng.choices([r.value for r, _ in _REASONS], [w for _, w in _REASONS])[0]
        add((end, "contract_ended", "client", c, record, (k, reason)))
        window = 13 * DAY + rng.randrange(DAY)
        if rng.random() < 0.85:
            at = end + rng.randrange(window)
            stars = rng.choice((5.0, 5.0, 5.0, 5.0, 4.5, 4.0, 4.0, 3.0, 2.0, 1.0))
            if at <= NOW_S:
                given["client"] = (at, stars, rng.randint(0, 10) if rng.random() < 0.6 else None)
        if rng.random() < 0.75:
            at = end + rng.randrange(window)
            if at <= NOW_S:
                given["freelancer"] = (at, rng.choice((5.0, 5.0, 4.0, 3.0)), None)
        for side, (at, stars, private) in given.items():
            actor = c if side == "client" else f
            add((at, "feedback_given", side, actor, record, (k, side, stars, private)))
        if "client" in given and rng.random() < 0.003 and given["client"][0] + 20 * DAY <= NOW_S:
            removed = given["client"][0] + 20 * DAY
            add((removed, "feedback_removed", "operator", None, record, (k,)))
    if len(given) == 2:
        revealed = sql_instant(max(at for at, _, _ in given.values()))
    else:
        revealed = None if end is None else window_closes(end)
    out.rows = {
        "contracts": [
            (k, f, c, kind, None, "USD", sql_instant(start), sql_instant(start),
             "open" if end is None else "ended", sql_instant(end),
             None if end is None else "client", reason, revealed)
        ],
        "payments": [
            (k, pid, sql_instant(at), pkind, cents,
             sum(r[2] for r in refunds if r[0] == pid),
             cents - sum(r[2] for r in refunds if r[0] == pid))
            for pid, at, cents, pkind in paid
        ],
        "refunds": [(k, "r1", pid, sql_instant(at), cents) for pid, at, cents in refunds],
        "disputes": [
            (k, "d1", sql_instant(o), sql_instant(r), result) for o, r, result in disputes
        ],
        "feedback": [
            (k, side, sql_instant(at), stars, private, None, None,
             sql_instant(removed) if side == "client" else None)
            for side, (at, stars, private) in sorted(given.items())
        ],
    }  # fmt: skip
    return out


def generate(market: Market) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """(table, rows) batches of the whole store; the log's rows come in the order its facts
    took effect (contracts are made in the order they start, and each one's facts wait in a
    heap until no later contract can start before them)."""
    rng = random.Random(market.seed)
    registered = START_S - DAY
    people: list[Entry] = []
    for n in range(market.freelancers):
        f = f"f{n:07d}"
        people.append(
            (registered, "freelancer_registered", "operator", None, f"freelancer {f}", (f,))
        )
    clients = []
    pending: list[tuple[int, int, Entry]] = []
    order = 0
    for n in range(market.clients):
        c = f"c{n:07d}"
        people.append((registered, "client_registered", "operator", None, f"client {c}", (c,)))
        flagged = None
        if rng.random() < 0.01:
            flagged = START_S + rng.randrange(NOW_S - START_S)
            order += 1
            entry = (flagged, "client_flagged", "operator", None, f"client {c}", (c,))
            heapq.heappush(pending, (flagged, order, entry))
        clients.append((c, sql_instant(registered), 1, sql_instant(flagged), None))
    yield (
        "freelancers",
        [(p[5][0], sql_instant(registered), 1) for p in people[: market.freelancers]],
    )
    yield "clients", clients
    checked = 0

    def written(entries: list[Entry]) -> list[tuple[Any, ...]]:
        nonlocal checked
        rows = []
        for entry in entries:
            row = log_row(entry)
            checked += 1
            if checked <= 5_000 or checked % 1_009 == 0:
                check_row(entry, row)
            rows.append(row)
        return rows

    yield "event_log", written(people)
    starts = sorted(START_S + rng.randrange(NOW_S - START_S) for _ in range(market.contracts))
    ready: list[Entry] = []
    for n, start in enumerate(starts):
        while pending and pending[0][0] < start:
            ready.append(heapq.heappop(pending)[2])
        if len(ready) >= 20_000:
            yield "event_log", written(ready)
            ready = []
        made = _contract(rng, market, n, start)
        for table, rows in made.rows.items():
            if rows:
                yield table, rows
        for entry in made.entries:
            order += 1
            heapq.heappush(pending, (entry[0], order, entry))
    while pending:
        ready.append(heapq.heappop(pending)[2])
    yield "event_log", written(ready)


def build_sqlite(path: Path, market: Market) -> None:
    """The store at `path` (a new file): the schema by the migrations, then every row."""
    from jobscore.store.migrate import upgrade

    upgrade(f"sqlite:///{path}")
    connection = sqlite3.connect(path)
    try:
        # Written in one go, not by the service: no journal, until the file is whole.
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        for column in _EVENT_INDEXES:
            connection.execute(f"DROP INDEX ix_event_log_{column}")
        batches: dict[str, list[tuple[Any, ...]]] = {}
        for table, rows in generate(market):
            kept = batches.setdefault(table, [])
            kept.extend(rows)
            if len(kept) >= 50_000:
                _insert(connection, table, kept)
                batches[table] = []
        for table, rows in batches.items():
            _insert(connection, table, rows)
        for column in _EVENT_INDEXES:
            connection.execute(f"CREATE INDEX ix_event_log_{column} ON event_log ({column})")
        connection.commit()
        connection.execute("ANALYZE")
        connection.commit()
        connection.execute("PRAGMA journal_mode=WAL")
    finally:
        connection.close()


def _insert(connection: sqlite3.Connection, table: str, rows: list[tuple[Any, ...]]) -> None:
    columns = _COLUMNS[table]
    marks = ", ".join("?" for _ in columns)
    connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


_COPY_ORDER = (
    "freelancers", "clients", "contracts", "payments", "refunds", "disputes", "feedback",
    "event_log",
)  # fmt: skip


def copy_to_postgresql(sqlite_path: Path, url: str, schema: str) -> None:
    """Fill `schema` (new, at the latest migration) of the PostgreSQL database at `url` with
    the rows of the SQLite store at `sqlite_path`."""
    import psycopg

    from jobscore.store.migrate import upgrade

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.execute(f'CREATE SCHEMA "{schema}"')
    upgrade(schema_url(url, schema))
    source = sqlite3.connect(sqlite_path)
    try:
        with psycopg.connect(url) as target:
            target.execute(f'SET search_path TO "{schema}"')
            target.execute("SET TIME ZONE 'UTC'")
            for column in _EVENT_INDEXES:
                target.execute(f"DROP INDEX ix_event_log_{column}")
            for table in _COPY_ORDER:
                names = _COLUMNS[table]
                columns = ", ".join(("sequence", *names) if table == "event_log" else names)
                cursor = source.execute(f"SELECT {columns} FROM {table}")
                with target.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    while rows := cursor.fetchmany(50_000):
                        for row in rows:
                            copy.write_row(row)
            for column in _EVENT_INDEXES:
                target.execute(f"CREATE INDEX ix_event_log_{column} ON event_log ({column})")
            target.execute(
                "SELECT setval(pg_get_serial_sequence('event_log', 'sequence'),"
                " (SELECT MAX(sequence) FROM event_log))"
            )
            target.execute(f"COMMENT ON SCHEMA \"{schema}\" IS 'complete'")
            target.commit()
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'SET search_path TO "{schema}"')
            admin.execute("ANALYZE")
    finally:
        source.close()


def schema_url(url: str, schema: str) -> str:
    """`url` with every connection's search path set to `schema`."""
    from urllib.parse import quote

    return f"{url}{'&' if '?' in url else '?'}options={quote(f'-csearch_path={schema}')}"
