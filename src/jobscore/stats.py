"""Vectorised statistics from scipy: the only jobscore module that imports scipy.

scipy is loaded on the first call, so importing this module costs nothing. The scorers keep
their own pure-Python Beta distribution (`scoring.beta_distribution`); these are for whole
columns at once (batch intervals) and for the simulator's measurements.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jobscore.errors import MissingExtra

__all__ = ["beta_quantiles", "kendall_tau_b"]


def _stats(extra: str) -> Any:
    try:
        import scipy.stats
    except ImportError as exc:
        raise MissingExtra("scipy", extra) from exc
    return scipy.stats


def beta_quantiles(q: float, alpha: Any, beta: Any) -> Any:
    """The `q` quantile of Beta(alpha, beta), element by element over arrays."""
    # Batch engines check their extra up front; `duckdb` is the default engine's.
    return _stats("duckdb").beta.ppf(q, alpha, beta)


def kendall_tau_b(x: Sequence[float], y: Sequence[float]) -> float:
    """Kendall's τ-b of two equally long sequences; NaN when either side is constant."""
    return float(_stats("sim").kendalltau(x, y).statistic)
