"""Credible intervals for the `bayes` batch output: Beta quantiles, vectorised with scipy.

SQL engines have no Beta quantile function, so the engines write each freelancer's posterior
parameters and this one step — the same for every engine — adds the interval columns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jobscore.io.arrow import insert_column, read_table, write_table
from jobscore.scoring.bayes.scorer import interval_worth
from jobscore.scoring.sql import SqlPlan
from jobscore.stats import beta_quantiles

__all__ = ["add_intervals", "interval_bounds"]


def interval_bounds(plan: SqlPlan, posterior_alpha: Any, posterior_beta: Any) -> tuple[Any, Any]:
    """The plan's credible interval (percent) of every posterior, over whole columns: a Beta
    with the posterior's mean, worth what `interval_worth` says."""
    assert plan.interval_mass is not None, "the plan has no interval"
    strength = posterior_alpha + posterior_beta
    mean = posterior_alpha / strength
    counted = interval_worth(
        strength, plan.interval_prior, plan.interval_evidence, plan.interval_steadiness
    )
    alpha, beta = mean * counted, (1.0 - mean) * counted
    tail = (1.0 - plan.interval_mass) / 2.0
    low, high = beta_quantiles(tail, alpha, beta), beta_quantiles(1.0 - tail, alpha, beta)
    return 100.0 * low, 100.0 * high


def add_intervals(path: Path, plan: SqlPlan) -> None:
    """Add the plan's `interval_lo` and `interval_hi` (percent) after `score_trending`, in
    place."""
    table = read_table(path)
    low, high = interval_bounds(
        plan,
        table.column("posterior_alpha").to_numpy(),
        table.column("posterior_beta").to_numpy(),
    )
    position = table.schema.get_field_index("score_trending") + 1
    table = insert_column(table, position, "interval_lo", low)
    table = insert_column(table, position + 1, "interval_hi", high)
    write_table(table, path)
