"""A whole marketplace as of an instant, in the history columns the batch engine reads.

The in-memory store reduces each freelancer's history through the domain
(`domain.market_facts.history_of`, what `Store.history` gives) and writes its facts as columns
here; the SQL store computes the same columns in the database (`sql_market.py`). Either way
the columns go through `jobscore.io.arrow.history_table`: instants as epoch microseconds,
money in whole cents, flags as 0 or 1 on the way in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from jobscore.domain.facts import ContractFacts
from jobscore.domain.market import MarketState
from jobscore.domain.market_facts import history_of
from jobscore.io.arrow import history_table
from jobscore.scoring.sql import epoch_us
from jobscore.store.derived import cents
from jobscore.store.port import MarketRows

__all__ = ["STORE_COLUMNS", "facts_columns", "market_rows_of"]

#: The history columns a store gives: the clients' habits are not facts of the log.
STORE_COLUMNS = (
    "contract_id",
    "freelancer_id",
    "client_id",
    "kind",
    "started_at",
    "ended_at",
    "ended_by",
    "end_reason",
    "earned",
    "refunded",
    "last_payment_at",
    "paid_quarters",
    "stars",
    "private_score",
    "feedback_at",
    "feedback_removed",
    "dispute",
    "client_flagged",
    "category",
    "currency",
)


def _us(instant: datetime | None) -> int | None:
    return None if instant is None else epoch_us(instant)


def _row(c: ContractFacts) -> tuple[Any, ...]:
    return (
        c.contract_id,
        c.freelancer_id,
        c.client_id,
        c.kind.value,
        _us(c.started_at),
        _us(c.ended_at),
        c.ended_by.value if c.ended_by else None,
        c.end_reason.value if c.end_reason else None,
        cents(c.earned),
        cents(c.refunded),
        _us(c.last_payment_at),
        c.paid_quarters,
        c.stars,
        c.private_score,
        _us(c.feedback_at),
        int(c.feedback_removed),
        c.dispute.value if c.dispute else None,
        int(c.client_flagged),
        c.category,
        c.currency,
    )


def facts_columns(facts: Iterable[ContractFacts]) -> dict[str, list[Any]]:
    """The facts as `history_table` takes them, column by column."""
    rows = [_row(c) for c in facts]
    if not rows:
        return {name: [] for name in STORE_COLUMNS}
    values = zip(*rows, strict=True)
    return {name: list(column) for name, column in zip(STORE_COLUMNS, values, strict=True)}


def market_rows_of(state: MarketState, as_of: datetime) -> MarketRows:
    """The marketplace of `state` as of `as_of`, each history reduced as `Store.history`
    reduces it."""
    facts = [
        c
        for freelancer in state.freelancers
        for c in history_of(state, freelancer, as_of).contracts
    ]
    columns = facts_columns(facts)
    table = history_table({name: columns[name] for name in STORE_COLUMNS})
    registered = tuple(f.freelancer_id for f in state.freelancers.values() if f.at <= as_of)
    return MarketRows(table, registered)
