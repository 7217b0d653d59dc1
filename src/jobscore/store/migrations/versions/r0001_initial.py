"""The store's first schema: the log, idempotency keys, the derived current state, snapshots
and tokens.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

INSTANT = sa.DateTime(timezone=True)
SEQUENCE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _id(name: str, *, nullable: bool) -> sa.Column[str]:
    return sa.Column(name, sa.String(200), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "event_log",
        sa.Column("sequence", SEQUENCE, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("record", sa.String(220), nullable=False),
        sa.Column("effective_at", INSTANT, nullable=False),
        sa.Column("recorded_at", INSTANT, nullable=False),
        sa.Column("actor_role", sa.String(20), nullable=False),
        _id("actor_id", nullable=True),
        _id("idempotency_key", nullable=True),
        sa.Column("fact_digest", sa.String(64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("sequence", name="pk_event_log"),
    )
    for column in ("record", "recorded_at", "actor_id", "fact_digest"):
        op.create_index(f"ix_event_log_{column}", "event_log", [column])

    op.create_table(
        "idempotency_keys",
        sa.Column("actor_role", sa.String(20), nullable=False),
        _id("actor_id", nullable=False),
        _id("idempotency_key", nullable=False),
        sa.Column("request_digest", sa.String(64), nullable=False),
        sa.Column("sequence", SEQUENCE, nullable=False),
        sa.Column("recorded_at", INSTANT, nullable=False),
        sa.PrimaryKeyConstraint(
            "actor_role", "actor_id", "idempotency_key", name="pk_idempotency_keys"
        ),
    )

    op.create_table(
        "freelancers",
        _id("freelancer_id", nullable=False),
        sa.Column("registered_at", INSTANT, nullable=False),
        sa.Column("profile_complete", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("freelancer_id", name="pk_freelancers"),
    )

    op.create_table(
        "clients",
        _id("client_id", nullable=False),
        sa.Column("registered_at", INSTANT, nullable=False),
        sa.Column("payment_verified", sa.Boolean(), nullable=False),
        sa.Column("flagged_at", INSTANT, nullable=True),
        sa.Column("suspended_at", INSTANT, nullable=True),
        sa.PrimaryKeyConstraint("client_id", name="pk_clients"),
    )

    op.create_table(
        "contracts",
        _id("contract_id", nullable=False),
        _id("freelancer_id", nullable=False),
        _id("client_id", nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("category", sa.String(200), nullable=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("opened_at", INSTANT, nullable=False),
        sa.Column("started_at", INSTANT, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("ended_at", INSTANT, nullable=True),
        sa.Column("ended_by", sa.String(20), nullable=True),
        sa.Column("end_reason", sa.String(20), nullable=True),
        sa.Column("feedback_revealed_at", INSTANT, nullable=True),
        sa.PrimaryKeyConstraint("contract_id", name="pk_contracts"),
        sa.ForeignKeyConstraint(
            ["freelancer_id"],
            ["freelancers.freelancer_id"],
            name="fk_contracts_freelancer_id_freelancers",
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.client_id"], name="fk_contracts_client_id_clients"
        ),
    )
    op.create_index("ix_contracts_freelancer_id", "contracts", ["freelancer_id"])
    op.create_index("ix_contracts_client_id", "contracts", ["client_id"])

    op.create_table(
        "payments",
        _id("contract_id", nullable=False),
        _id("payment_id", nullable=False),
        sa.Column("paid_at", INSTANT, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("refunded_cents", sa.BigInteger(), nullable=False),
        sa.Column("refundable_cents", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("contract_id", "payment_id", name="pk_payments"),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.contract_id"], name="fk_payments_contract_id_contracts"
        ),
    )

    op.create_table(
        "snapshots",
        _id("freelancer_id", nullable=False),
        sa.Column("policy", sa.String(100), nullable=False),
        sa.Column("as_of", INSTANT, nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("score_window", sa.String(20), nullable=True),
        sa.Column("eligible", sa.Boolean(), nullable=False),
        sa.Column("badges", sa.Text(), nullable=False),
        sa.Column("interval_lo", sa.Float(), nullable=True),
        sa.Column("interval_hi", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("freelancer_id", "policy", "as_of", name="pk_snapshots"),
    )

    op.create_table(
        "tokens",
        sa.Column("token_hash", sa.String(128), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        _id("actor_id", nullable=True),
        sa.PrimaryKeyConstraint("token_hash", name="pk_tokens"),
    )


def downgrade() -> None:
    for table in (
        "tokens",
        "snapshots",
        "payments",
        "contracts",
        "clients",
        "freelancers",
        "idempotency_keys",
        "event_log",
    ):
        op.drop_table(table)
