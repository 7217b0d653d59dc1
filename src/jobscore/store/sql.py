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
from jobscore.domain.lifecycle import replay
from jobscore.domain.market import MarketState
from jobscore.domain.market_facts import history_of
from jobscore.errors import Conflict, JobScoreError
from jobscore.store.codec import decode_fact
from jobscore.store.engine import begin_write, database_errors
from jobscore.store.group_commit import GroupCommit
from jobscore.store.port import LogEntry, Receipt, TokenRow
from jobscore.store.sql_ledger import Pending, SqlLedger, flush
from jobscore.store.sql_snapshots import SqlSnapshots
from jobscore.store.tables import (
    event_log,
    idempotency_keys,
    tokens,
)
from jobscore.store.writes import record_in

__all__ = ["LARGEST_SEQUENCE", "SqlStore"]

#: Sequence numbers are 64-bit integers on every database.
LARGEST_SEQUENCE = 2**63 - 1

#: How many tokens a store remembers having found.
_TOKENS_KEPT = 10_000


def _entry(row: RowMapping) -> LogEntry:
    recorded = Recorded(
        fact=decode_fact(json.loads(row["body"])),
        recorded_at=row["recorded_at"],
        actor_role=Role(row["actor_role"]),
        actor_id=row["actor_id"],
        idempotency_key=row["idempotency_key"],
    )
    return LogEntry(row["sequence"], row["record"], recorded)


class SqlStore(SqlSnapshots):
    """The `Store` port on a SQLAlchemy engine whose database is at the latest migration
    (`jobscore.store.upgrade`)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._write_lock = threading.Lock()
        self._cache_lock = threading.Lock()
        #: The state after the log's entries up to this sequence number.
        self._cached: tuple[MarketState, int] = (MarketState(), 0)
        self._writes: GroupCommit[Sequence[Recorded], list[Receipt]] = GroupCommit(
            self._record_group
        )
        #: For reads of one statement, which need no transaction around them: on PostgreSQL
        #: they run in autocommit, saving a BEGIN and a ROLLBACK, two round trips, each.
        #: (SQLite begins its transactions locally, at no such cost: see `engine`.)
        self._one_statement = (
            engine.execution_options(isolation_level="AUTOCOMMIT")
            if engine.dialect.name == "postgresql"
            else engine
        )
        #: Tokens found, by hash. A kept token is never changed nor taken back, so one found
        #: once holds for good; a token not found is looked for again each time.
        self._tokens: dict[str, TokenRow] = {}

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
        return self._writes.submit(recorded)

    def _record_group(self, batches: list[Sequence[Recorded]]) -> list[list[Receipt] | Exception]:
        """Record the batches in one transaction, each of them whole or not at all, and
        commit before any is answered. A batch refused by the rules or its key
        (`JobScoreError`) is answered with that error and the others are recorded: a batch of
        several facts is made inside a savepoint, rolled back on refusal; a single fact needs
        none, as `record_in` refuses a fact before it writes anything of it. Any other error
        (the database failing) rolls the whole group back, and every batch of it fails."""
        answers: list[list[Receipt] | Exception] = []
        pending = Pending()
        with self._writing() as connection:
            state, last = self._catch_up(connection)
            for batch in batches:
                nested = len(batches) > 1 and len(batch) > 1
                savepoint = connection.begin_nested() if nested else None
                ledger = SqlLedger(connection, pending)
                try:
                    state, receipts = record_in(ledger, state, batch)
                except JobScoreError as refused:
                    if len(batches) == 1:
                        raise
                    if savepoint is not None:
                        savepoint.rollback()
                    answers.append(refused)
                    continue
                if savepoint is not None:
                    savepoint.commit()
                pending.take(ledger.pending)
                last = max([last, *(r.sequence for r in receipts if not r.replayed)])
                answers.append(receipts)
            flush(connection, pending)
        # Committed: the state with these writes is the log's up to their last entry.
        self._keep(state, last)
        return answers

    @database_errors
    def state(self, recorded_by: datetime | None = None) -> MarketState:
        if recorded_by is None:
            with self._one_statement.connect() as connection:
                return self._catch_up(connection)[0]
        with self.engine.connect() as connection:
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

    @database_errors
    def find_key(self, role: Role, actor_id: str | None, key: str) -> LogEntry | None:
        k = idempotency_keys.c
        query = (
            sa.select(event_log)
            .join(idempotency_keys, k.sequence == event_log.c.sequence)
            .where(
                k.actor_role == role.value,
                k.actor_id == (actor_id or ""),
                k.idempotency_key == key,
            )
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).mappings().first()
        return None if row is None else _entry(row)

    @database_errors
    def audit(
        self,
        record: str | None = None,
        actor_id: str | None = None,
        limit: int = 100,
        before: int | None = None,
    ) -> list[LogEntry]:
        c = event_log.c
        query = sa.select(event_log).order_by(c.sequence.desc()).limit(max(limit, 0))
        if record is not None:
            query = query.where(c.record == record)
        if actor_id is not None:
            query = query.where(c.actor_id == actor_id)
        if before is not None:
            # Past the largest sequence a column holds, every entry is before it.
            query = query.where(c.sequence < min(before, LARGEST_SEQUENCE))
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
        found = self._tokens.get(token_hash)
        if found is None:
            with self._one_statement.connect() as connection:
                found = self._find_token(connection, token_hash)
            if found is not None:
                if len(self._tokens) >= _TOKENS_KEPT:
                    self._tokens.clear()
                self._tokens[token_hash] = found
        return found

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
