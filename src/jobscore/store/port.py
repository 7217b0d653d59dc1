"""The store port: what the service asks of a store, and the records it answers with.

A store keeps the log of recorded facts, and derives the marketplace's state from it. Every
write goes through the lifecycle rules (`domain.lifecycle.apply`) in the same transaction that
appends it, so a fact that breaks a rule is refused whole and nothing of it is stored.

These records are the store's own, not database rows: each adapter maps its rows to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from jobscore.domain.events import Recorded, Role
from jobscore.domain.facts import History
from jobscore.domain.market import MarketState

__all__ = [
    "ClientHabits",
    "LogEntry",
    "MarketRows",
    "MarketStatistics",
    "Receipt",
    "SnapshotRow",
    "SnapshotRun",
    "Store",
    "TokenRow",
]

#: Client id -> (the mean public stars it gave, how many), over the feedback counted by then.
ClientHabits = Mapping[str, tuple[float, int]]


@dataclass(frozen=True, slots=True)
class Receipt:
    """The answer to a write: where the fact stands in the log and when it was recorded.

    `replayed` is true when nothing new was recorded: a retry under the same idempotency key
    and the same body, or a fact the log already holds with the same content. The sequence
    and instant are then those of the first time.
    """

    sequence: int
    recorded_at: datetime
    replayed: bool = False


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One entry of the log, as the audit reads it. `record` names what the fact is about
    the way errors do (`contract k1`, `client c1`, `freelancer f1`)."""

    sequence: int
    record: str
    recorded: Recorded


@dataclass(frozen=True, slots=True)
class SnapshotRow:
    """One freelancer's reading under one policy as of one instant: the score (None while not
    eligible), the window displayed, the badges and, for `bayes`, the credible interval."""

    freelancer_id: str
    policy: str
    as_of: datetime
    score: float | None
    window: str | None
    eligible: bool
    badges: tuple[str, ...] = ()
    interval: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class MarketStatistics:
    """What a `bayes` policy learned of the whole marketplace at one snapshot: the prior
    Beta(alpha, beta) fitted to every freelancer's evidence (`prior_source` says how, or that
    there was too little to fit and the policy's own was kept) and the mean public stars. The
    clients' rating habits are kept beside it, by client."""

    policy: str
    prior_alpha: float
    prior_beta: float
    prior_source: str
    fitted_freelancers: int
    market_stars_mean: float


@dataclass(frozen=True, slots=True)
class SnapshotRun:
    """One snapshot taken: as of when, when it was taken, under which policies, how many
    freelancers and rows, and the time spent reading the store, scoring and saving."""

    as_of: datetime
    taken_at: datetime
    policies: tuple[str, ...]
    freelancers: int
    rows: int
    read_seconds: float
    score_seconds: float
    save_seconds: float = 0.0
    markets: tuple[MarketStatistics, ...] = ()
    #: Given by the store when the run is saved.
    run_id: int | None = None

    def market(self, policy: str) -> MarketStatistics | None:
        return next((m for m in self.markets if m.policy == policy), None)


@dataclass(frozen=True, slots=True)
class MarketRows:
    """A marketplace as of an instant, for the batch engine: `tables` are the derived tables
    a snapshot reads (`pyarrow.Table`s, by name; `jobscore.store.market_rows.MARKET_TABLES`),
    each with the rows that had happened by then; `freelancers` every freelancer registered
    by then. `jobscore.batch.store_view` reduces them to each contract's history columns as
    `Store.history` does."""

    tables: Mapping[str, Any]
    freelancers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TokenRow:
    """An access token, known only by its hash, and who it speaks for."""

    token_hash: str
    role: Role
    actor_id: str | None = None


class Store(Protocol):
    """What the service uses. Adapters: `MemoryStore` (tests and demos), `SqlStore` (SQLite
    and PostgreSQL); `make_store(url)` opens one."""

    def record(self, recorded: Recorded) -> Receipt:
        """Record one fact in one transaction: an idempotency key already used with the same
        body answers the first receipt and records nothing; with another body it raises
        `Conflict`. Otherwise the fact goes through the lifecycle rules (`RuleBroken`, nothing
        stored) and is appended to the log; the write is committed before this returns."""
        ...

    def record_all(self, recorded: Sequence[Recorded]) -> list[Receipt]:
        """Record several facts in one transaction, in order: all of them, or none when one
        breaks a rule or reuses a key with another body."""
        ...

    def state(self, recorded_by: datetime | None = None) -> MarketState:
        """The marketplace as the log makes it: every fact, or only the facts recorded by
        `recorded_by` (what the store knew then)."""
        ...

    def history(
        self, freelancer_id: str, as_of: datetime, recorded_by: datetime | None = None
    ) -> History:
        """One freelancer's history as of `as_of`, from the facts recorded by `recorded_by`
        (all of them when None). Raises `NotFound` for an unknown freelancer."""
        ...

    def find_key(self, role: Role, actor_id: str | None, key: str) -> LogEntry | None:
        """The entry of the fact first recorded under the idempotency key `key` by this actor
        (`actor_id` None for the operator), or None for a key it never used. When that first
        write was a retry of a fact the log already held, the entry is that fact's."""
        ...

    def audit(
        self,
        record: str | None = None,
        actor_id: str | None = None,
        limit: int = 100,
        before: int | None = None,
    ) -> list[LogEntry]:
        """The latest entries of the log, newest first: about one record (`contract k1`), or
        recorded by one actor, or both; only those before the sequence number `before` when
        given, so that the smallest sequence of one page asks for the next."""
        ...

    def save_snapshot(self, rows: Iterable[SnapshotRow]) -> int:
        """Keep snapshot rows, one per freelancer, policy and instant (a row saved again for
        the same three replaces the first); returns how many were saved."""
        ...

    def snapshots(self, freelancer_id: str, policy: str) -> list[SnapshotRow]:
        """One freelancer's snapshot rows under one policy, oldest first."""
        ...

    def latest_snapshots(self, policy: str) -> list[SnapshotRow]:
        """Every freelancer's row of the latest instant snapshotted under `policy`, by
        freelancer; none before a first snapshot."""
        ...

    def has_freelancer(self, freelancer_id: str) -> bool:
        """Whether the freelancer is registered, without bringing the state up to date."""
        ...

    def market_rows(self, as_of: datetime) -> MarketRows:
        """The marketplace's rows as of `as_of`, for a snapshot."""
        ...

    def save_snapshot_run(self, run: SnapshotRun, habits: ClientHabits) -> SnapshotRun:
        """Keep a snapshot run and the clients' habits fitted at it; returns it with its id."""
        ...

    def last_snapshot_run(self) -> SnapshotRun | None:
        """The snapshot taken last, or None before the first."""
        ...

    def market_statistics(
        self, policy: str, as_of: datetime | None = None
    ) -> tuple[SnapshotRun, MarketStatistics] | None:
        """The statistics fitted for `policy` at the last snapshot that fitted any (the last
        as of `as_of` or before, when given), and that snapshot; None when there is none."""
        ...

    def client_habits(self, run_id: int, client_ids: Iterable[str]) -> dict[str, tuple[float, int]]:
        """The habits fitted at a snapshot run, of the clients named that had any."""
        ...

    def add_token(self, token_hash: str, role: Role, actor_id: str | None = None) -> TokenRow:
        """Keep a token's hash for a role (and the client's or freelancer's id). The same
        hash again for the same holder changes nothing; for another, `Conflict`."""
        ...

    def find_token(self, token_hash: str) -> TokenRow | None:
        """The token with this hash, or None."""
        ...

    def close(self) -> None:
        """Let go of the store's connections; the store is not used after."""
        ...
