"""The store's tables (SQLAlchemy Core). The migrations in `migrations/versions` build the same
schema, and a test holds the two together.

- `event_log`: the facts, append-only, each with its effective and recording instants, the
  actor, the idempotency key and the fact's JSON body.
- `idempotency_keys`: each actor's keys, the request they came with and the first answer.
- `freelancers`, `clients`, `contracts`, `payments`, `refunds`, `disputes`, `feedback`: the
  current state derived from the log in the same transaction, for the reads the service makes
  often and for snapshots, which read a whole marketplace as of an instant from them. Money is
  in whole cents.
- `snapshots`: one score per freelancer, policy and instant.
- `snapshot_runs`: each snapshot taken, with what it took; `snapshot_markets` and
  `snapshot_client_habits`: the `bayes` marketplace statistics fitted at it.
- `tokens`: access tokens by their hash.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

__all__ = [
    "clients",
    "contracts",
    "disputes",
    "event_log",
    "feedback",
    "freelancers",
    "idempotency_keys",
    "metadata",
    "payments",
    "refunds",
    "snapshot_client_habits",
    "snapshot_markets",
    "snapshot_runs",
    "snapshots",
    "tokens",
]

#: The names of constraints and indexes, so that migrations can name them the same way.
metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class Instant(sa.TypeDecorator[datetime]):
    """A UTC instant. Written in UTC (SQLite keeps no zone), read back with its zone."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value.astimezone(UTC)  # type: ignore[no-any-return]


def _id(name: str, *args: Any, **options: Any) -> sa.Column[str]:
    return sa.Column(name, sa.String(200), *args, **options)


_SEQUENCE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

event_log = sa.Table(
    "event_log",
    metadata,
    sa.Column("sequence", _SEQUENCE, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("record", sa.String(220), nullable=False, index=True),
    sa.Column("effective_at", Instant(), nullable=False),
    sa.Column("recorded_at", Instant(), nullable=False, index=True),
    sa.Column("actor_role", sa.String(20), nullable=False),
    _id("actor_id", nullable=True, index=True),
    _id("idempotency_key", nullable=True),
    sa.Column("fact_digest", sa.String(64), nullable=False, index=True),
    sa.Column("body", sa.Text(), nullable=False),
)

idempotency_keys = sa.Table(
    "idempotency_keys",
    metadata,
    sa.Column("actor_role", sa.String(20), primary_key=True),
    # '' for an actor without an id (the operator), so that the key is one primary key.
    _id("actor_id", primary_key=True),
    _id("idempotency_key", primary_key=True),
    sa.Column("request_digest", sa.String(64), nullable=False),
    sa.Column("sequence", _SEQUENCE, nullable=False),
    sa.Column("recorded_at", Instant(), nullable=False),
)

freelancers = sa.Table(
    "freelancers",
    metadata,
    _id("freelancer_id", primary_key=True),
    sa.Column("registered_at", Instant(), nullable=False),
    sa.Column("profile_complete", sa.Boolean(), nullable=False),
)

clients = sa.Table(
    "clients",
    metadata,
    _id("client_id", primary_key=True),
    sa.Column("registered_at", Instant(), nullable=False),
    sa.Column("payment_verified", sa.Boolean(), nullable=False),
    sa.Column("flagged_at", Instant(), nullable=True),
    sa.Column("suspended_at", Instant(), nullable=True),
)

contracts = sa.Table(
    "contracts",
    metadata,
    _id("contract_id", primary_key=True),
    _id("freelancer_id", sa.ForeignKey("freelancers.freelancer_id"), nullable=False, index=True),
    _id("client_id", sa.ForeignKey("clients.client_id"), nullable=False, index=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("category", sa.String(200), nullable=True),
    sa.Column("currency", sa.String(3), nullable=False),
    sa.Column("opened_at", Instant(), nullable=False),
    sa.Column("started_at", Instant(), nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("ended_at", Instant(), nullable=True),
    sa.Column("ended_by", sa.String(20), nullable=True),
    sa.Column("end_reason", sa.String(20), nullable=True),
    sa.Column("feedback_revealed_at", Instant(), nullable=True),
)

payments = sa.Table(
    "payments",
    metadata,
    _id("contract_id", sa.ForeignKey("contracts.contract_id"), primary_key=True),
    _id("payment_id", primary_key=True),
    sa.Column("paid_at", Instant(), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("amount_cents", sa.BigInteger(), nullable=False),
    sa.Column("refunded_cents", sa.BigInteger(), nullable=False),
    sa.Column("refundable_cents", sa.BigInteger(), nullable=False),
)

refunds = sa.Table(
    "refunds",
    metadata,
    _id("contract_id", sa.ForeignKey("contracts.contract_id"), primary_key=True),
    _id("refund_id", primary_key=True),
    _id("payment_id", nullable=False),
    sa.Column("refunded_at", Instant(), nullable=False),
    sa.Column("amount_cents", sa.BigInteger(), nullable=False),
)

disputes = sa.Table(
    "disputes",
    metadata,
    _id("contract_id", sa.ForeignKey("contracts.contract_id"), primary_key=True),
    _id("dispute_id", primary_key=True),
    sa.Column("opened_at", Instant(), nullable=False),
    sa.Column("resolved_at", Instant(), nullable=True),
    sa.Column("result", sa.String(20), nullable=True),
)

#: Each side's feedback on a contract; it counts from the contract's `feedback_revealed_at`.
feedback = sa.Table(
    "feedback",
    metadata,
    _id("contract_id", sa.ForeignKey("contracts.contract_id"), primary_key=True),
    sa.Column("side", sa.String(20), primary_key=True),
    sa.Column("given_at", Instant(), nullable=False),
    sa.Column("stars", sa.Float(), nullable=False),
    sa.Column("private_score", sa.Integer(), nullable=True),
    sa.Column("edited_at", Instant(), nullable=True),
    sa.Column("edited_stars", sa.Float(), nullable=True),
    sa.Column("removed_at", Instant(), nullable=True),
)

snapshots = sa.Table(
    "snapshots",
    metadata,
    _id("freelancer_id", primary_key=True),
    sa.Column("policy", sa.String(100), primary_key=True),
    sa.Column("as_of", Instant(), primary_key=True),
    sa.Column("score", sa.Float(), nullable=True),
    sa.Column("score_window", sa.String(20), nullable=True),
    sa.Column("eligible", sa.Boolean(), nullable=False),
    sa.Column("badges", sa.Text(), nullable=False),
    sa.Column("interval_lo", sa.Float(), nullable=True),
    sa.Column("interval_hi", sa.Float(), nullable=True),
)

tokens = sa.Table(
    "tokens",
    metadata,
    sa.Column("token_hash", sa.String(128), primary_key=True),
    sa.Column("role", sa.String(20), nullable=False),
    _id("actor_id", nullable=True),
)

snapshot_runs = sa.Table(
    "snapshot_runs",
    metadata,
    sa.Column("run_id", _SEQUENCE, primary_key=True, autoincrement=True),
    sa.Column("as_of", Instant(), nullable=False),
    sa.Column("taken_at", Instant(), nullable=False, index=True),
    sa.Column("policies", sa.Text(), nullable=False),
    sa.Column("freelancers", sa.Integer(), nullable=False),
    sa.Column("rows", sa.Integer(), nullable=False),
    sa.Column("read_seconds", sa.Float(), nullable=False),
    sa.Column("score_seconds", sa.Float(), nullable=False),
    sa.Column("save_seconds", sa.Float(), nullable=False),
)

snapshot_markets = sa.Table(
    "snapshot_markets",
    metadata,
    sa.Column("run_id", _SEQUENCE, sa.ForeignKey("snapshot_runs.run_id"), primary_key=True),
    sa.Column("policy", sa.String(100), primary_key=True),
    sa.Column("prior_alpha", sa.Float(), nullable=False),
    sa.Column("prior_beta", sa.Float(), nullable=False),
    sa.Column("prior_source", sa.Text(), nullable=False),
    sa.Column("fitted_freelancers", sa.Integer(), nullable=False),
    sa.Column("market_stars_mean", sa.Float(), nullable=False),
)

snapshot_client_habits = sa.Table(
    "snapshot_client_habits",
    metadata,
    sa.Column("run_id", _SEQUENCE, sa.ForeignKey("snapshot_runs.run_id"), primary_key=True),
    _id("client_id", primary_key=True),
    sa.Column("stars_mean", sa.Float(), nullable=False),
    sa.Column("stars_count", sa.Integer(), nullable=False),
)
