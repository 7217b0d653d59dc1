"""A whole marketplace as of an instant, as the derived tables hold it, for the batch engine.

Each table comes as Arrow with the rows that had happened by the instant: contracts started
by then, payments and refunds made by then, disputes resolved by then, and every feedback
row (a feedback counts from the contract's reveal, which the batch engine reads with the
contract: `jobscore.batch.store_view`). The in-memory store takes its rows from the same
derivation the SQL store writes (`derived.all_rows`); the SQL store reads its tables
(`sql_market.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from jobscore.domain.market import MarketState
from jobscore.io.arrow import typed_table
from jobscore.store.derived import Row, all_rows
from jobscore.store.port import MarketRows

__all__ = ["MARKET_TABLES", "market_rows_of"]

#: The tables a snapshot reads, each column with its kind (`jobscore.io.arrow.typed_table`),
#: and the instant column that says whether a row had happened by the snapshot's instant.
MARKET_TABLES: Mapping[str, tuple[dict[str, str], str | None]] = {
    "contracts": (
        {
            "contract_id": "text", "freelancer_id": "text", "client_id": "text", "kind": "text",
            "category": "text", "currency": "text", "started_at": "instant",
            "ended_at": "instant", "ended_by": "text", "end_reason": "text",
            "feedback_revealed_at": "instant",
        },
        "started_at",
    ),
    "payments": (
        {"contract_id": "text", "paid_at": "instant", "amount_cents": "integer"},
        "paid_at",
    ),
    "refunds": (
        {"contract_id": "text", "refunded_at": "instant", "amount_cents": "integer"},
        "refunded_at",
    ),
    "disputes": (
        {
            "contract_id": "text", "dispute_id": "text", "opened_at": "instant",
            "resolved_at": "instant", "result": "text",
        },
        "resolved_at",
    ),
    "feedback": (
        {
            "contract_id": "text", "side": "text", "stars": "number", "private_score": "integer",
            "edited_at": "instant", "edited_stars": "number", "removed_at": "instant",
        },
        None,
    ),
    "clients": (
        {"client_id": "text", "flagged_at": "instant", "suspended_at": "instant"},
        None,
    ),
}  # fmt: skip


def _table(rows: list[Row], kinds: dict[str, str], since: str | None, as_of: datetime) -> Any:
    kept = [r for r in rows if since is None or (r[since] is not None and r[since] <= as_of)]
    return typed_table({name: [r[name] for r in kept] for name in kinds}, kinds)


def market_rows_of(state: MarketState, as_of: datetime) -> MarketRows:
    """The marketplace of `state`, its derived rows as of `as_of`."""
    rows = all_rows(state)
    tables = {
        name: _table(rows[name], kinds, since, as_of)
        for name, (kinds, since) in MARKET_TABLES.items()
    }
    registered = tuple(f.freelancer_id for f in state.freelancers.values() if f.at <= as_of)
    return MarketRows(tables, registered)
