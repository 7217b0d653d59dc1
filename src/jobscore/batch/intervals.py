"""Credible intervals for the `bayes` batch output: Beta quantiles, vectorised with scipy.

SQL engines have no Beta quantile function, so the engines write each freelancer's posterior
parameters and this one step — the same for every engine — adds the interval columns.
"""

from __future__ import annotations

from pathlib import Path

from jobscore.errors import MissingExtra

__all__ = ["add_intervals"]


def add_intervals(path: Path, mass: float) -> None:
    """Add `interval_lo` and `interval_hi` (percent) after `score_trending`, in place."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
        from scipy.stats import beta
    except ImportError as exc:
        raise MissingExtra(exc.name or "scipy", "duckdb") from exc
    table = pq.read_table(path)
    alpha = table.column("posterior_alpha").to_numpy()
    beta_ = table.column("posterior_beta").to_numpy()
    tail = (1.0 - mass) / 2.0
    position = table.schema.get_field_index("score_trending") + 1
    table = table.add_column(
        position, "interval_lo", pa.array(100.0 * beta.ppf(tail, alpha, beta_))
    )
    table = table.add_column(
        position + 1, "interval_hi", pa.array(100.0 * beta.ppf(1.0 - tail, alpha, beta_))
    )
    pq.write_table(table, path, compression="zstd")
