"""Credible intervals for the `bayes` batch output: Beta quantiles, vectorised with scipy.

SQL engines have no Beta quantile function, so the engines write each freelancer's posterior
parameters and this one step — the same for every engine — adds the interval columns.
"""

from __future__ import annotations

from pathlib import Path

from jobscore.io.arrow import insert_column, read_table, write_table
from jobscore.stats import beta_quantiles

__all__ = ["add_intervals"]


def add_intervals(path: Path, mass: float, evidence: float = 1.0, prior: float = 0.0) -> None:
    """Add `interval_lo` and `interval_hi` (percent) after `score_trending`, in place. The
    interval's Beta has the posterior's mean, and counts its evidence beyond the prior's
    `prior` outcomes at `evidence` of their worth (the arithmetic of `interval_shape`)."""
    table = read_table(path)
    posterior_alpha = table.column("posterior_alpha").to_numpy()
    posterior_beta = table.column("posterior_beta").to_numpy()
    strength = posterior_alpha + posterior_beta
    mean = posterior_alpha / strength
    counted = prior + evidence * (strength - prior)
    alpha = mean * counted
    beta = (1.0 - mean) * counted
    tail = (1.0 - mass) / 2.0
    position = table.schema.get_field_index("score_trending") + 1
    low = 100.0 * beta_quantiles(tail, alpha, beta)
    high = 100.0 * beta_quantiles(1.0 - tail, alpha, beta)
    table = insert_column(table, position, "interval_lo", low)
    table = insert_column(table, position + 1, "interval_hi", high)
    write_table(table, path)
