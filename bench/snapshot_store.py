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

import hashlib
import heapq
import random
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from jobscore.domain.enums import DisputeResult, EndedBy, EndReason, Kind, Party, PaymentKind
from jobscore.domain.events import (
    ClientFlagged,
    ClientRegistered,
    ContractEnded,
    ContractOpened,
    DisputeOpened,
    DisputeResolved,
    Fact,
    FeedbackGiven,
    FeedbackRemoved,
    FreelancerRegistered,
    PaymentMade,
    RefundMade,
)
from jobscore.domain.lifecycle import record_of
from jobscore.store.codec import encode_fact, fact_digest, fact_kind, to_json

__all__ = ["NOW", "Market", "build_sqlite", "copy_to_postgresql", "generate"]

#: The marketplace's "now": every fact took effect by then; snapshots are as of it.
NOW = datetime(2026, 11, 1, tzinfo=UTC)
_FIRST = datetime(2023, 1, 1, tzinfo=UTC)
_SPAN = int((NOW - _FIRST).total_seconds())
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

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DAY = 86_400


@cache
def _date(day: int) -> str:
    return (_EPOCH + timedelta(days=day)).strftime("%Y-%m-%d")


def _hms(t: int) -> str:
    s = t % _DAY
    return f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"


def _sql(t: int | None) -> str | None:
    """A whole-second instant (epoch seconds) as SQLAlchemy writes it in SQLite."""
    return None if t is None else f"{_date(t // _DAY)} {_hms(t)}.000000"


def _iso(t: int) -> str:
    """As the codec writes an instant."""
    return f"{_date(t // _DAY)}T{_hms(t)}+00:00"


def _instant(t: int) -> datetime:
    return _EPOCH + timedelta(seconds=t)


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _window_closes(end: int) -> str:
    """`end_of_day(end, 14)` as SQLite holds it."""
    return f"{_date(end // _DAY + 14)} 23:59:59.999999"


_NOW = int((NOW - _EPOCH).total_seconds())
_START = int((_FIRST - _EPOCH).total_seconds())

#: Each kind of fact: its body, written as the codec writes it (sorted keys, no spaces), and
#: the domain fact, to check the two agree (`_check`).
_BODIES: dict[str, Callable[..., str]] = {
    "freelancer_registered": lambda t, f: (
        f'{{"at":"{_iso(t)}","fact":"freelancer_registered","freelancer_id":"{f}",'
        '"profile_complete":true}'
    ),
    "client_registered": lambda t, c: (
        f'{{"at":"{_iso(t)}","client_id":"{c}","fact":"client_registered","payment_verified":true}}'
    ),
    "client_flagged": lambda t, c: (
        f'{{"at":"{_iso(t)}","client_id":"{c}","fact":"client_flagged","flag":"flagged",'
        '"reason":""}'
    ),
    "contract_opened": lambda t, k, f, c, kind: (
        f'{{"at":"{_iso(t)}","category":null,"client_id":"{c}","contract_id":"{k}",'
        f'"currency":"USD","fact":"contract_opened","freelancer_id":"{f}","kind":"{kind}",'
        '"started_at":null}'
    ),
    "payment_made": lambda t, k, p, cents, kind: (
        f'{{"amount":"{_money(cents)}","at":"{_iso(t)}","contract_id":"{k}",'
        f'"fact":"payment_made","kind":"{kind}","payment_id":"{p}"}}'
    ),
    "refund_made": lambda t, k, r, p, cents: (
        f'{{"amount":"{_money(cents)}","at":"{_iso(t)}","contract_id":"{k}",'
        f'"fact":"refund_made","payment_id":"{p}","refund_id":"{r}"}}'
    ),
    "dispute_opened": lambda t, k, d: (
        f'{{"at":"{_iso(t)}","by":"client","contract_id":"{k}","dispute_id":"{d}",'
        '"escrow":"0.00","fact":"dispute_opened"}'
    ),
    "dispute_resolved": lambda t, k, d, result: (
        f'{{"at":"{_iso(t)}","contract_id":"{k}","dispute_id":"{d}","fact":"dispute_resolved",'
        f'"freelancer_share":"0.00","result":"{result}"}}'
    ),
    "contract_ended": lambda t, k, reason: (
        f'{{"at":"{_iso(t)}","by":"client","contract_id":"{k}","fact":"contract_ended",'
        f'"reason":"{reason}"}}'
    ),
    "feedback_given": lambda t, k, by, stars, private: (
        f'{{"at":"{_iso(t)}","by":"{by}","category_stars":[],"comment":"","contract_id":"{k}",'
        f'"fact":"feedback_given","private_reason":null,'
        f'"private_score":{"null" if private is None else private},"stars":{stars!r}}}'
    ),
    "feedback_removed": lambda t, k: (
        f'{{"at":"{_iso(t)}","contract_id":"{k}","fact":"feedback_removed","of":"client",'
        '"reason":"abusive","under_allowance":false}'
    ),
}

_FACTS: dict[str, Callable[..., Fact]] = {
    "freelancer_registered": lambda at, f: FreelancerRegistered(at, f),
    "client_registered": lambda at, c: ClientRegistered(at, c, payment_verified=True),
    "client_flagged": lambda at, c: ClientFlagged(at, c),
    "contract_opened": lambda at, k, f, c, kind: ContractOpened(at, k, f, c, Kind(kind)),
    "payment_made": lambda at, k, p, cents, kind: PaymentMade(
        at, k, p, Decimal(cents) / 100, PaymentKind(kind)
    ),
    "refund_made": lambda at, k, r, p, cents: RefundMade(at, k, r, p, Decimal(cents) / 100),
    "dispute_opened": lambda at, k, d: DisputeOpened(at, k, d, Party.CLIENT),
    "dispute_resolved": lambda at, k, d, result: DisputeResolved(
        at, k, d, Decimal(0), DisputeResult(result)
    ),
    "contract_ended": lambda at, k, reason: ContractEnded(at, k, EndedBy.CLIENT, EndReason(reason)),
    "feedback_given": lambda at, k, by, stars, private: FeedbackGiven(
        at, k, Party(by), stars, private_score=private
    ),
    "feedback_removed": lambda at, k: FeedbackRemoved(at, k, Party.CLIENT, "abusive"),
}

#: One fact of the log before it is written: when, which kind, who recorded it, about what,
#: and the fact's own values.
_Entry = tuple[int, str, str, str | None, str, tuple[Any, ...]]


def _log_row(entry: _Entry) -> tuple[Any, ...]:
    t, kind, role, actor, record, values = entry
    body = _BODIES[kind](t, *values)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    at = _sql(t)
    return (kind, record, at, at, role, actor, None, digest, body)


def _check(entry: _Entry, row: tuple[Any, ...]) -> None:
    """The row is what the store writes for the fact: its codec's body and digest, its
    name of the record."""
    t, kind, _, _, _, values = entry
    fact = _FACTS[kind](_instant(t), *values)
    body = to_json(encode_fact(fact))
    expected = (fact_kind(fact), record_of(fact), fact_digest(fact), body)
    if (row[0], row[1], row[7], row[8]) != expected:
        raise AssertionError(f"the bulk writer and the store disagree on {fact}: {row}")


def _contract(rng: random.Random, market: Market, n: int, start: int) -> _Contract:
    k = f"k{n:08d}"
    f = f"f{rng.randrange(market.freelancers):07d}"
    c = f"c{rng.randrange(market.clients):07d}"
    hourly = rng.random() < 0.3
    end: int | None = start + rng.randint(2 * _DAY, (400 if hourly else 120) * _DAY)
    assert end is not None
    if end > _NOW:
        end = None
    last = end if end is not None else _NOW
    record = f"contract {k}"
    out = _Contract()
    add = out.entries.append
    kind = "hourly" if hourly else "fixed"
    add((start, "contract_opened", "client", c, record, (k, f, c, kind)))
    paid: list[tuple[str, int, int, str]] = []  # payment id, instant, cents, kind
    if hourly:
        for step in range(max(1, (last - start) // (30 * _DAY))):
            at = min(start + 30 * _DAY * (step + 1), last)
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
        if refund[1] <= _NOW:
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
        window = 13 * _DAY + rng.randrange(_DAY)
        if rng.random() < 0.85:
            at = end + rng.randrange(window)
            stars = rng.choice((5.0, 5.0, 5.0, 5.0, 4.5, 4.0, 4.0, 3.0, 2.0, 1.0))
            if at <= _NOW:
                given["client"] = (at, stars, rng.randint(0, 10) if rng.random() < 0.6 else None)
        if rng.random() < 0.75:
            at = end + rng.randrange(window)
            if at <= _NOW:
                given["freelancer"] = (at, rng.choice((5.0, 5.0, 4.0, 3.0)), None)
        for side, (at, stars, private) in given.items():
            actor = c if side == "client" else f
            add((at, "feedback_given", side, actor, record, (k, side, stars, private)))
        if "client" in given and rng.random() < 0.003 and given["client"][0] + 20 * _DAY <= _NOW:
            removed = given["client"][0] + 20 * _DAY
            add((removed, "feedback_removed", "operator", None, record, (k,)))
    if len(given) == 2:
        revealed = _sql(max(at for at, _, _ in given.values()))
    else:
        revealed = None if end is None else _window_closes(end)
    out.rows = {
        "contracts": [
            (k, f, c, kind, None, "USD", _sql(start), _sql(start),
             "open" if end is None else "ended", _sql(end),
             None if end is None else "client", reason, revealed)
        ],
        "payments": [
            (k, pid, _sql(at), pkind, cents,
             sum(r[2] for r in refunds if r[0] == pid),
             cents - sum(r[2] for r in refunds if r[0] == pid))
            for pid, at, cents, pkind in paid
        ],
        "refunds": [(k, "r1", pid, _sql(at), cents) for pid, at, cents in refunds],
        "disputes": [(k, "d1", _sql(o), _sql(r), result) for o, r, result in disputes],
        "feedback": [
            (k, side, _sql(at), stars, private, None, None,
             _sql(removed) if side == "client" else None)
            for side, (at, stars, private) in sorted(given.items())
        ],
    }  # fmt: skip
    return out


def generate(market: Market) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """(table, rows) batches of the whole store; the log's rows come in the order its facts
    took effect (contracts are made in the order they start, and each one's facts wait in a
    heap until no later contract can start before them)."""
    rng = random.Random(market.seed)
    registered = _START - _DAY
    people: list[_Entry] = []
    for n in range(market.freelancers):
        f = f"f{n:07d}"
        people.append(
            (registered, "freelancer_registered", "operator", None, f"freelancer {f}", (f,))
        )
    clients = []
    pending: list[tuple[int, int, _Entry]] = []
    order = 0
    for n in range(market.clients):
        c = f"c{n:07d}"
        people.append((registered, "client_registered", "operator", None, f"client {c}", (c,)))
        flagged = None
        if rng.random() < 0.01:
            flagged = _START + rng.randrange(_NOW - _START)
            order += 1
            entry = (flagged, "client_flagged", "operator", None, f"client {c}", (c,))
            heapq.heappush(pending, (flagged, order, entry))
        clients.append((c, _sql(registered), 1, _sql(flagged), None))
    yield "freelancers", [(p[5][0], _sql(registered), 1) for p in people[: market.freelancers]]
    yield "clients", clients
    checked = 0

    def written(entries: list[_Entry]) -> list[tuple[Any, ...]]:
        nonlocal checked
        rows = []
        for entry in entries:
            row = _log_row(entry)
            checked += 1
            if checked <= 5_000 or checked % 1_009 == 0:
                _check(entry, row)
            rows.append(row)
        return rows

    yield "event_log", written(people)
    starts = sorted(_START + rng.randrange(_NOW - _START) for _ in range(market.contracts))
    ready: list[_Entry] = []
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
