"""The store in memory: for tests, demos and one-off runs. Nothing survives the process.

One lock is held around each write, so the rules see every write before it; a write works
on copies and keeps them only once every fact of it is accepted.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import islice

from jobscore.domain.events import Recorded, Role
from jobscore.domain.facts import History
from jobscore.domain.lifecycle import record_of, replay
from jobscore.domain.market import MarketState
from jobscore.domain.market_facts import history_of
from jobscore.errors import Conflict
from jobscore.store.market_rows import market_rows_of
from jobscore.store.port import (
    ClientHabits,
    LogEntry,
    MarketRows,
    MarketStatistics,
    Receipt,
    SnapshotRow,
    SnapshotRun,
    TokenRow,
)
from jobscore.store.writes import KeptKey, record_in

__all__ = ["MemoryStore"]

_KeyId = tuple[str, str | None, str]


@dataclass
class _Pending:
    """One write's view: what the store holds, and what this write adds to it."""

    store: MemoryStore
    entries: list[LogEntry] = field(default_factory=list)
    keys: dict[_KeyId, KeptKey] = field(default_factory=dict)
    facts: dict[str, Receipt] = field(default_factory=dict)

    def find_key(self, role: Role, actor_id: str | None, key: str) -> KeptKey | None:
        name = (role.value, actor_id, key)
        return self.keys.get(name) or self.store._keys.get(name)

    def find_fact(self, digest: str) -> Receipt | None:
        return self.store._facts.get(digest) or self.facts.get(digest)

    def append(self, recorded: Recorded, digest: str, state: MarketState) -> Receipt:
        sequence = len(self.store._log) + len(self.entries) + 1
        self.entries.append(LogEntry(sequence, record_of(recorded.fact), recorded))
        receipt = Receipt(sequence, recorded.recorded_at)
        self.facts.setdefault(digest, receipt)
        return receipt

    def keep_key(self, recorded: Recorded, key: str, kept: KeptKey) -> None:
        self.keys[(recorded.actor_role.value, recorded.actor_id, key)] = kept


class MemoryStore:
    """The `Store` port in memory."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._log: list[LogEntry] = []
        self._keys: dict[_KeyId, KeptKey] = {}
        self._facts: dict[str, Receipt] = {}
        self._state = MarketState()
        self._snapshots: dict[tuple[str, str, datetime], SnapshotRow] = {}
        self._tokens: dict[str, TokenRow] = {}
        self._runs: list[tuple[SnapshotRun, dict[str, tuple[float, int]]]] = []

    def record(self, recorded: Recorded) -> Receipt:
        return self.record_all([recorded])[0]

    def record_all(self, recorded: Sequence[Recorded]) -> list[Receipt]:
        with self._lock:
            pending = _Pending(self)
            state, receipts = record_in(pending, self._state, recorded)
            self._log.extend(pending.entries)
            self._keys.update(pending.keys)
            for digest, receipt in pending.facts.items():
                self._facts.setdefault(digest, receipt)
            self._state = state
            return receipts

    def state(self, recorded_by: datetime | None = None) -> MarketState:
        with self._lock:
            if recorded_by is None:
                return self._state
            log = list(self._log)
        return replay(entry.recorded for entry in _recorded_by(log, recorded_by))

    def history(
        self, freelancer_id: str, as_of: datetime, recorded_by: datetime | None = None
    ) -> History:
        return history_of(self.state(recorded_by), freelancer_id, as_of)

    def find_key(self, role: Role, actor_id: str | None, key: str) -> LogEntry | None:
        with self._lock:
            kept = self._keys.get((role.value, actor_id, key))
            # Sequences count the log from 1, with no gap.
            return None if kept is None else self._log[kept.receipt.sequence - 1]

    def audit(
        self,
        record: str | None = None,
        actor_id: str | None = None,
        limit: int = 100,
        before: int | None = None,
    ) -> list[LogEntry]:
        with self._lock:
            end = len(self._log) if before is None else min(max(before - 1, 0), len(self._log))
            log = self._log[:end]
        found = (
            entry
            for entry in reversed(log)
            if (record is None or entry.record == record)
            and (actor_id is None or entry.recorded.actor_id == actor_id)
        )
        return list(islice(found, max(limit, 0)))

    def save_snapshot(self, rows: Iterable[SnapshotRow]) -> int:
        saved = {(r.freelancer_id, r.policy, r.as_of): r for r in rows}
        with self._lock:
            self._snapshots.update(saved)
        return len(saved)

    def snapshots(self, freelancer_id: str, policy: str) -> list[SnapshotRow]:
        with self._lock:
            rows = list(self._snapshots.values())
        mine = [r for r in rows if (r.freelancer_id, r.policy) == (freelancer_id, policy)]
        return sorted(mine, key=lambda r: r.as_of)

    def latest_snapshots(self, policy: str) -> list[SnapshotRow]:
        with self._lock:
            rows = [r for r in self._snapshots.values() if r.policy == policy]
        latest = max((r.as_of for r in rows), default=None)
        return sorted((r for r in rows if r.as_of == latest), key=lambda r: r.freelancer_id)

    def has_freelancer(self, freelancer_id: str) -> bool:
        with self._lock:
            return freelancer_id in self._state.freelancers

    def market_rows(self, as_of: datetime) -> MarketRows:
        with self._lock:
            state = self._state
        return market_rows_of(state, as_of)

    def save_snapshot_run(self, run: SnapshotRun, habits: ClientHabits) -> SnapshotRun:
        with self._lock:
            kept = replace(run, run_id=len(self._runs) + 1)
            self._runs.append((kept, dict(habits)))
        return kept

    def last_snapshot_run(self) -> SnapshotRun | None:
        with self._lock:
            return self._runs[-1][0] if self._runs else None

    def market_statistics(
        self, policy: str, as_of: datetime | None = None
    ) -> tuple[SnapshotRun, MarketStatistics] | None:
        with self._lock:
            runs = [run for run, _ in self._runs]
        found = [
            (run, market)
            for run in runs
            if (market := run.market(policy)) is not None and (as_of is None or run.as_of <= as_of)
        ]
        return max(found, key=lambda pair: (pair[0].as_of, pair[0].run_id or 0), default=None)

    def client_habits(self, run_id: int, client_ids: Iterable[str]) -> dict[str, tuple[float, int]]:
        with self._lock:
            habits = next((h for run, h in self._runs if run.run_id == run_id), {})
        return {c: habits[c] for c in client_ids if c in habits}

    def add_token(self, token_hash: str, role: Role, actor_id: str | None = None) -> TokenRow:
        token = TokenRow(token_hash, role, actor_id)
        with self._lock:
            kept = self._tokens.setdefault(token_hash, token)
        if kept != token:
            raise Conflict("this token is already kept for another holder", field="token")
        return kept

    def find_token(self, token_hash: str) -> TokenRow | None:
        with self._lock:
            return self._tokens.get(token_hash)

    def close(self) -> None:
        """Nothing to let go of: the data lives as long as the instance."""


def _recorded_by(log: Sequence[LogEntry], instant: datetime) -> Sequence[LogEntry]:
    """The entries recorded by `instant`: the log up to the first entry recorded later. (With
    a clock that never goes back, that is every entry recorded by then; cutting at the first
    later one keeps a prefix of the log, which always replays.)"""
    for index, entry in enumerate(log):
        if entry.recorded.recorded_at > instant:
            return log[:index]
    return log
