"""Snapshots read the marketplace from the derived tables: refunds, disputes and feedback are
derived from the log too (and filled from the log a database already holds); each snapshot
taken is recorded, with the `bayes` marketplace statistics fitted at it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INSTANT = sa.DateTime(timezone=True)
SEQUENCE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_NEW_DERIVED = ("refunds", "disputes", "feedback")


def _id(name: str, *, nullable: bool) -> sa.Column[str]:
    return sa.Column(name, sa.String(200), nullable=nullable)


def _contract_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["contract_id"], ["contracts.contract_id"], name=f"fk_{table}_contract_id_contracts"
    )


def _run_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["run_id"], ["snapshot_runs.run_id"], name=f"fk_{table}_run_id_snapshot_runs"
    )


def upgrade() -> None:
    op.create_table(
        "refunds",
        _id("contract_id", nullable=False),
        _id("refund_id", nullable=False),
        _id("payment_id", nullable=False),
        sa.Column("refunded_at", INSTANT, nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("contract_id", "refund_id", name="pk_refunds"),
        _contract_key("refunds"),
    )
    op.create_table(
        "disputes",
        _id("contract_id", nullable=False),
        _id("dispute_id", nullable=False),
        sa.Column("opened_at", INSTANT, nullable=False),
        sa.Column("resolved_at", INSTANT, nullable=True),
        sa.Column("result", sa.String(20), nullable=True),
        sa.PrimaryKeyConstraint("contract_id", "dispute_id", name="pk_disputes"),
        _contract_key("disputes"),
    )
    op.create_table(
        "feedback",
        _id("contract_id", nullable=False),
        sa.Column("side", sa.String(20), nullable=False),
        sa.Column("given_at", INSTANT, nullable=False),
        sa.Column("stars", sa.Float(), nullable=False),
        sa.Column("private_score", sa.Integer(), nullable=True),
        sa.Column("edited_at", INSTANT, nullable=True),
        sa.Column("edited_stars", sa.Float(), nullable=True),
        sa.Column("removed_at", INSTANT, nullable=True),
        sa.PrimaryKeyConstraint("contract_id", "side", name="pk_feedback"),
        _contract_key("feedback"),
    )
    op.create_table(
        "snapshot_runs",
        sa.Column("run_id", SEQUENCE, primary_key=True, autoincrement=True),
        sa.Column("as_of", INSTANT, nullable=False),
        sa.Column("taken_at", INSTANT, nullable=False),
        sa.Column("policies", sa.Text(), nullable=False),
        sa.Column("freelancers", sa.Integer(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("read_seconds", sa.Float(), nullable=False),
        sa.Column("score_seconds", sa.Float(), nullable=False),
        sa.Column("save_seconds", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("run_id", name="pk_snapshot_runs"),
    )
    op.create_index("ix_snapshot_runs_taken_at", "snapshot_runs", ["taken_at"])
    op.create_table(
        "snapshot_markets",
        sa.Column("run_id", SEQUENCE, nullable=False),
        sa.Column("policy", sa.String(100), nullable=False),
        sa.Column("prior_alpha", sa.Float(), nullable=False),
        sa.Column("prior_beta", sa.Float(), nullable=False),
        sa.Column("prior_source", sa.Text(), nullable=False),
        sa.Column("fitted_freelancers", sa.Integer(), nullable=False),
        sa.Column("market_stars_mean", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("run_id", "policy", name="pk_snapshot_markets"),
        _run_key("snapshot_markets"),
    )
    op.create_table(
        "snapshot_client_habits",
        sa.Column("run_id", SEQUENCE, nullable=False),
        _id("client_id", nullable=False),
        sa.Column("stars_mean", sa.Float(), nullable=False),
        sa.Column("stars_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("run_id", "client_id", name="pk_snapshot_client_habits"),
        _run_key("snapshot_client_habits"),
    )
    _derive_from_the_log()


def _derive_from_the_log() -> None:
    """The new derived tables as the log a database already holds makes them."""
    # The replay is the store's own: the same rows a write would have derived.
    from jobscore.domain.events import Recorded, Role
    from jobscore.domain.lifecycle import replay
    from jobscore.store.codec import decode_fact
    from jobscore.store.derived import all_rows
    from jobscore.store.tables import metadata

    connection = op.get_bind()
    event_log = metadata.tables["event_log"]
    log = connection.execute(sa.select(event_log).order_by(event_log.c.sequence)).mappings()
    state = replay(
        Recorded(
            decode_fact(json.loads(row["body"])),
            row["recorded_at"],
            Role(row["actor_role"]),
            row["actor_id"],
            row["idempotency_key"],
        )
        for row in log
    )
    rows = all_rows(state)
    for table in _NEW_DERIVED:
        if rows[table]:
            connection.execute(sa.insert(metadata.tables[table]), rows[table])


def downgrade() -> None:
    for table in ("snapshot_client_habits", "snapshot_markets", "snapshot_runs"):
        op.drop_table(table)
    for table in reversed(_NEW_DERIVED):
        op.drop_table(table)
