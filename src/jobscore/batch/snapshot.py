"""Score a whole marketplace handed over as Arrow tables, under several policies, in one
engine: what `jobscore snapshot` runs on the rows a store gives.

The tables are reduced to the history columns (`store_view.py`), staged and checked once, as
a file would be (`validate.stage_input`), and kept as a table that every policy's SQL then
reads. A policy that learns from the marketplace (`bayes`) first measures the clients' habits
and fits its prior there (`market_fit.py`), and is scored with what it learned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from jobscore.batch.engine import BatchEngine, EngineFailure, open_engine
from jobscore.batch.intervals import interval_bounds
from jobscore.batch.market_fit import (
    HABITS_TABLE,
    MEASURED_TABLE,
    STAGED_TABLE,
    MarketFit,
    fit_market,
)
from jobscore.batch.staging_sql import FILE_VIEW
from jobscore.batch.store_view import store_source
from jobscore.batch.validate import refuse_broken_rows, stage_input
from jobscore.scoring.catalog import CATALOG
from jobscore.scoring.result import Policy
from jobscore.scoring.sql import INVALID, TYPED_VIEW, SqlPlan, quote
from jobscore.stats import floats

__all__ = ["PolicyScores", "ScoredRow", "market_history_rows", "score_market"]

_RESULT = "snapshot_result"


@dataclass(frozen=True, slots=True)
class ScoredRow:
    freelancer_id: str
    score: float | None
    eligible: bool
    window: str | None
    interval: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class PolicyScores:
    """One policy's scores, one row per freelancer with a contract; with what the policy
    learned of the marketplace, if it learns."""

    policy: Policy
    as_of: datetime
    rows: tuple[ScoredRow, ...]
    fit: MarketFit | None = None


def score_market(
    tables: Mapping[str, Any],
    policies: Sequence[Policy],
    as_of: datetime,
    *,
    name: str = "the store",
    engine: BatchEngine | None = None,
) -> list[PolicyScores]:
    """Score the marketplace of a store's `tables` (`Store.market_rows`) under each policy as
    of `as_of`, on `engine` (a new DuckDB engine when None)."""
    runner = engine or open_engine("duckdb")
    try:
        source = store_source(tables, as_of, name)
        staged = stage_input(runner, source, runner.load(source))
        runner.materialize(STAGED_TABLE, f"SELECT * FROM {TYPED_VIEW}")
        broken = runner.query(f"SELECT COALESCE(SUM({INVALID}), 0) AS n FROM {STAGED_TABLE}")
        if broken[0]["n"]:
            refuse_broken_rows(runner, source, staged)
            raise EngineFailure("the store's rows break a check that the detailed search missed")
        return [_score(runner, policy, as_of) for policy in policies]
    finally:
        for table in (_RESULT, MEASURED_TABLE, HABITS_TABLE, STAGED_TABLE):
            runner.forget(table)
        if engine is None:
            runner.close()


def market_history_rows(tables: Mapping[str, Any], as_of: datetime) -> list[dict[str, Any]]:
    """The history columns of every contract of a store's `tables` as of `as_of`, as a
    snapshot reads them, one dictionary per contract."""
    instants = ("started_at", "ended_at", "last_payment_at", "feedback_at")
    # Instants come out as epoch microseconds: DuckDB gives zoned timestamps through pytz.
    as_numbers = ", ".join(f"EPOCH_US({name}) AS {name}" for name in instants)
    runner = open_engine("duckdb")
    try:
        runner.load(store_source(tables, as_of, "the store"))
        rows = runner.query(
            f"SELECT * REPLACE ({as_numbers}) FROM {FILE_VIEW} ORDER BY contract_id"
        )
    finally:
        runner.close()
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    for row in rows:
        for name in instants:
            if row[name] is not None:
                row[name] = epoch + timedelta(microseconds=row[name])
    return rows


def _score(engine: BatchEngine, policy: Policy, as_of: datetime) -> PolicyScores:
    fit = None
    if CATALOG.fits_marketplace(policy):
        fit = fit_market(engine, policy, as_of, _RESULT)
        policy = fit.policy
    plan = CATALOG.sql_plan(policy, as_of, engine.computes_shared_steps_once)
    if fit is None:
        engine.materialize(_RESULT, plan.sql)
    return PolicyScores(policy, as_of, _rows(engine, plan), fit)


def _rows(engine: BatchEngine, plan: SqlPlan) -> tuple[ScoredRow, ...]:
    wanted = ["freelancer_id", "score", "eligible", "window"]
    if plan.interval_mass is not None:
        wanted += ["posterior_alpha", "posterior_beta"]
    columns = ", ".join(quote(c) for c in wanted)
    found = engine.query(f"SELECT {columns} FROM {_RESULT} ORDER BY freelancer_id")
    intervals: list[tuple[float, float] | None] = [None] * len(found)
    if plan.interval_mass is not None and found:
        low, high = interval_bounds(
            plan,
            floats(row["posterior_alpha"] for row in found),
            floats(row["posterior_beta"] for row in found),
        )
        intervals = [(float(lo), float(hi)) for lo, hi in zip(low, high, strict=True)]
    return tuple(
        ScoredRow(
            freelancer_id=str(row["freelancer_id"]),
            score=None if row["score"] is None else float(row["score"]),
            eligible=bool(row["eligible"]),
            window=row["window"],
            interval=interval,
        )
        for row, interval in zip(found, intervals, strict=True)
    )
