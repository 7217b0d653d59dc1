"""The `Ledger` of a SQL write transaction: what `record_in` reads and writes through.

A write transaction may record a group of writes (`store.group_commit`), so the ledger keeps
the statements it makes per fact to the one that must be made then, the log entry (its
sequence number is the receipt's). The rest waits in `Pending` until the group's end, where
`flush` writes it in one statement per table: the derived rows each fact changed (only the
last of each row: a later fact's row is read from a later state) and the idempotency keys
kept. Nothing in the transaction reads those tables through SQL before then: the ledger
answers for the keys it holds, and the rules read the state in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from jobscore.domain.events import Recorded, Role
from jobscore.domain.lifecycle import record_of
from jobscore.domain.market import MarketState
from jobscore.store.codec import encode_fact, fact_kind, to_json
from jobscore.store.derived import KEYS, Row, rows_after
from jobscore.store.port import Receipt
from jobscore.store.tables import event_log, idempotency_keys, metadata
from jobscore.store.writes import KeptKey

__all__ = ["Pending", "SqlLedger", "flush"]

_KeyId = tuple[str, str, str]


@dataclass
class Pending:
    """Rows not written yet: derived rows by (table, primary key), kept keys by
    (role, actor id, key)."""

    rows: dict[tuple[str, tuple[Any, ...]], Row] = field(default_factory=dict)
    keys: dict[_KeyId, Row] = field(default_factory=dict)

    def take(self, later: Pending) -> None:
        """Add what a later batch of the group left pending."""
        self.rows.update(later.rows)
        self.keys.update(later.keys)


def _key_id(role: Role, actor_id: str | None, key: str) -> _KeyId:
    return (role.value, actor_id or "", key)


class SqlLedger:
    """The ledger of one batch; `earlier` is what the batches before it in the group left
    pending, which it reads as written."""

    def __init__(self, connection: Connection, earlier: Pending) -> None:
        self.connection = connection
        self.earlier = earlier
        self.pending = Pending()

    def find_key(self, role: Role, actor_id: str | None, key: str) -> KeptKey | None:
        ident = _key_id(role, actor_id, key)
        row = self.pending.keys.get(ident) or self.earlier.keys.get(ident)
        if row is None:
            k = idempotency_keys.c
            query = sa.select(idempotency_keys).where(
                k.actor_role == ident[0], k.actor_id == ident[1], k.idempotency_key == key
            )
            found = self.connection.execute(query).mappings().first()
            if found is None:
                return None
            row = dict(found)
        return KeptKey(row["request_digest"], Receipt(row["sequence"], row["recorded_at"]))

    def find_fact(self, digest: str) -> Receipt | None:
        c = event_log.c
        row = self.connection.execute(
            sa.select(c.sequence, c.recorded_at)
            .where(c.fact_digest == digest)
            .order_by(c.sequence)
            .limit(1)
        ).first()
        return None if row is None else Receipt(row.sequence, row.recorded_at)

    def append(self, recorded: Recorded, digest: str, state: MarketState) -> Receipt:
        fact = recorded.fact
        inserted = self.connection.execute(
            sa.insert(event_log).values(
                kind=fact_kind(fact),
                record=record_of(fact),
                effective_at=fact.at,
                recorded_at=recorded.recorded_at,
                actor_role=recorded.actor_role.value,
                actor_id=recorded.actor_id,
                idempotency_key=recorded.idempotency_key,
                fact_digest=digest,
                body=to_json(encode_fact(fact)),
            )
        )
        key = inserted.inserted_primary_key
        assert key is not None
        for table, row in rows_after(state, fact):
            self.pending.rows[table, tuple(row[k] for k in KEYS[table])] = row
        return Receipt(int(key[0]), recorded.recorded_at)

    def keep_key(self, recorded: Recorded, key: str, kept: KeptKey) -> None:
        ident = _key_id(recorded.actor_role, recorded.actor_id, key)
        self.pending.keys[ident] = {
            "actor_role": ident[0],
            "actor_id": ident[1],
            "idempotency_key": key,
            "request_digest": kept.request_digest,
            "sequence": kept.receipt.sequence,
            "recorded_at": kept.receipt.recorded_at,
        }


def flush(connection: Connection, pending: Pending) -> None:
    """Write what is pending: each table's rows in one statement, parents before children."""
    for table in KEYS:
        rows = [row for (name, _), row in pending.rows.items() if name == table]
        if rows:
            upsert_rows(connection, table, rows)
    if pending.keys:
        connection.execute(sa.insert(idempotency_keys), list(pending.keys.values()))


def upsert_rows(connection: Connection, table: str, rows: list[Row]) -> None:
    """Write derived rows, new or not: INSERT ... ON CONFLICT on SQLite and PostgreSQL (one
    statement for them all), else an UPDATE per row and an INSERT where it changed nothing."""
    target = metadata.tables[table]
    keys = KEYS[table]
    dialect = connection.dialect.name
    if dialect in ("postgresql", "sqlite"):
        insert = (postgresql_insert if dialect == "postgresql" else sqlite_insert)(target)
        changed = {c: insert.excluded[c] for c in rows[0] if c not in keys}
        connection.execute(insert.on_conflict_do_update(index_elements=keys, set_=changed), rows)
        return
    for row in rows:
        where = sa.and_(*(target.c[k] == row[k] for k in keys))
        if not connection.execute(sa.update(target).where(where).values(row)).rowcount:
            connection.execute(sa.insert(target).values(row))
