"""The store on SQLAlchemy Core: SQLite (the default, a file) and PostgreSQL.

Each write is one transaction holding the store's write lock (`engine.begin_write`): it reads
the log entries other processes appended since this store last looked, applies them to its
copy of the state, checks the idempotency key, applies the rules, appends the fact, updates
the derived tables and commits before answering. The state is kept in memory between writes
and brought up to date from the log's tail (by sequence number), so a write costs the new
entries, not a replay of the whole log, and several processes on one database stay correct.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, RowMapping

from jobscore.domain.events import Recorded, Role
from jobscore.domain.facts import History
from jobscore.domain.lifecycle import record_of, replay
from jobscore.domain.market import MarketState
from jobscore.domain.market_facts import history_of
from jobscore.errors import Conflict
from jobscore.store.codec import decode_fact, encode_fact, fact_kind, to_json
from jobscore.store.derived import KEYS, Row, rows_after
from jobscore.store.engine import begin_write, database_errors
from jobscore.store.port import LogEntry, Receipt, TokenRow
from jobscore.store.sql_snapshots import SqlSnapshots
from jobscore.store.tables import event_log, idempotency_keys, metadata, tokens
from jobscore.store.writes import KeptKey, record_in

__all__ = ["SqlStore"]


def _entry(row: RowMapping) -> LogEntry:
    recorded = Recorded(
        fact=decode_fact(json.loads(row["body"])),
        recorded_at=row["recorded_at"],
        actor_role=Role(row["actor_role"]),
        actor_id=row["actor_id"],
        idempotency_key=row["idempotency_key"],
    )
    return LogEntry(row["sequence"], row["record"], recorded)


def _upsert(connection: Connection, table: str, row: Row) -> None:
    target = metadata.tables[table]
    keys = KEYS[table]
    where = sa.and_(*(target.c[k] == row[k] for k in keys))
    changed = connection.execute(sa.update(target).where(where).values(row)).rowcount
    if not changed:
        connection.execute(sa.insert(target).values(row))


class _Transaction:
    """The `Ledger` of one SQL write transaction."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def find_key(self, role: Role, actor_id: str | None, key: str) -> KeptKey | None:
        k = idempotency_keys.c
        row = (
            self.connection.execute(
                sa.select(idempotency_keys).where(
                    k.actor_role == role.value,
                    k.actor_id == (actor_id or ""),
                    k.idempotency_key == key,
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
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
            _upsert(self.connection, table, row)
        return Receipt(int(key[0]), recorded.recorded_at)

    def keep_key(self, recorded: Recorded, key: str, kept: KeptKey) -> None:
        self.connection.execute(
            sa.insert(idempotency_keys).values(
                actor_role=recorded.actor_role.value,
                actor_id=recorded.actor_id or "",
                idempotency_key=key,
                request_digest=kept.request_digest,
                sequence=kept.receipt.sequence,
                recorded_at=kept.receipt.recorded_at,
            )
        )


class SqlStore(SqlSnapshots):
    """The `Store` port on a SQLAlchemy engine whose database is at the latest migration
    (`jobscore.store.upgrade`)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._write_lock = threading.Lock()
        self._cache_lock = threading.Lock()
        #: The state after the log's entries up to this sequence number.
        self._cached: tuple[MarketState, int] = (MarketState(), 0)

    def close(self) -> None:
        self.engine.dispose()

    def _catch_up(self, connection: Connection) -> tuple[MarketState, int]:
        """The state with every entry appended since the cached one."""
        with self._cache_lock:
            state, last = self._cached
        rows = connection.execute(
            sa.select(event_log).where(event_log.c.sequence > last).order_by(event_log.c.sequence)
        ).mappings()
        for row in rows:
            state = replay([_entry(row).recorded], state)
            last = row["sequence"]
        self._keep(state, last)
        return state, last

    def _keep(self, state: MarketState, last: int) -> None:
        with self._cache_lock:
            if last >= self._cached[1]:
                self._cached = (state, last)

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One write transaction holding the store's write lock, committed on leaving."""
        with self._write_lock, self.engine.connect() as connection:
            begin_write(connection)
            try:
                yield connection
            except BaseException:
                connection.rollback()
                raise
            connection.commit()

    def record(self, recorded: Recorded) -> Receipt:
        return self.record_all([recorded])[0]

    @database_errors
    def record_all(self, recorded: Sequence[Recorded]) -> list[Receipt]:
        with self._writing() as connection:
            state, last = self._catch_up(connection)
            after, receipts = record_in(_Transaction(connection), state, recorded)
        # Committed: the state with this write is the log's up to its last entry.
        appended = [r.sequence for r in receipts if not r.replayed]
        self._keep(after, max([last, *appended]))
        return receipts

    @database_errors
    def state(self, recorded_by: datetime | None = None) -> MarketState:
        with self.engine.connect() as connection:
            if recorded_by is None:
                return self._catch_up(connection)[0]
            c = event_log.c
            first_later = connection.execute(
                sa.select(sa.func.min(c.sequence)).where(c.recorded_at > recorded_by)
            ).scalar()
            query = sa.select(event_log).order_by(c.sequence)
            if first_later is not None:
                query = query.where(c.sequence < first_later)
            rows = connection.execute(query).mappings()
            return replay(_entry(row).recorded for row in rows)

    def history(
        self, freelancer_id: str, as_of: datetime, recorded_by: datetime | None = None
    ) -> History:
        return history_of(self.state(recorded_by), freelancer_id, as_of)

    def audit(
        self, record: str | None = None, actor_id: str | None = None, limit: int = 100
    ) -> list[LogEntry]:
        c = event_log.c
        query = sa.select(event_log).order_by(c.sequence.desc()).limit(max(limit, 0))
        if record is not None:
            query = query.where(c.record == record)
        if actor_id is not None:
            query = query.where(c.actor_id == actor_id)
        with self.engine.connect() as connection:
            return [_entry(row) for row in connection.execute(query).mappings()]

    @database_errors
    def add_token(self, token_hash: str, role: Role, actor_id: str | None = None) -> TokenRow:
        token = TokenRow(token_hash, role, actor_id)
        with self._writing() as connection:
            kept = self._find_token(connection, token_hash)
            if kept is None:
                connection.execute(
                    sa.insert(tokens).values(
                        token_hash=token_hash, role=role.value, actor_id=actor_id
                    )
                )
        if kept is not None and kept != token:
            raise Conflict("this token is already kept for another holder", field="token")
        return token

    @database_errors
    def find_token(self, token_hash: str) -> TokenRow | None:
        with self.engine.connect() as connection:
            return self._find_token(connection, token_hash)

    @staticmethod
    def _find_token(connection: Connection, token_hash: str) -> TokenRow | None:
        row = (
            connection.execute(sa.select(tokens).where(tokens.c.token_hash == token_hash))
            .mappings()
            .first()
        )
        if row is None:
            return None
        return TokenRow(row["token_hash"], Role(row["role"]), row["actor_id"])
