"""Vectorised statistics from scipy: the only jobscore module that imports scipy.

scipy is loaded on the first call, so importing this module costs nothing. The scorers keep
their own pure-Python Beta distribution (`scoring.beta_distribution`); these are for whole
columns at once (batch intervals) and for the simulator's measurements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from jobscore.errors import MissingExtra

__all__ = ["beta_binomial_log_likelihood", "beta_quantiles", "floats", "kendall_tau_b"]


def _stats(extra: str) -> Any:
    try:
        import scipy.stats
    except ImportError as exc:
        raise MissingExtra("scipy", extra) from exc
    return scipy.stats


def floats(values: Iterable[float]) -> Any:
    """`values` as an array, for the functions here that work on whole columns."""
    _stats("duckdb")  # numpy comes with scipy
    import numpy

    return numpy.fromiter(values, float)


def beta_binomial_log_likelihood(
    data: Sequence[tuple[float, float]],
) -> Callable[[float, float], float]:
    """Σ [ln B(α₀ + r, β₀ + s) − ln B(α₀, β₀)] over every (r, s) of `data`, as a function of
    (α₀, β₀): `prior.pure_log_likelihood` over whole columns, for a whole marketplace's fit."""
    import scipy.special

    good = floats(r for r, _ in data)
    bad = floats(s for _, s in data)

    total = good + bad
    ln_gamma = scipy.special.gammaln

    def at(alpha: float, beta: float) -> float:
        base = ln_gamma(alpha + beta) - ln_gamma(alpha) - ln_gamma(beta)
        joint = ln_gamma(alpha + good).sum() + ln_gamma(beta + bad).sum()
        return float(len(data) * base + joint - ln_gamma(alpha + beta + total).sum())

    return at


def beta_quantiles(q: float, alpha: Any, beta: Any) -> Any:
    """The `q` quantile of Beta(alpha, beta), element by element over arrays."""
    # Batch engines check their extra up front; `duckdb` is the default engine's.
    return _stats("duckdb").beta.ppf(q, alpha, beta)


def kendall_tau_b(x: Sequence[float], y: Sequence[float]) -> float:
    """Kendall's τ-b of two equally long sequences; NaN when either side is constant."""
    return float(_stats("sim").kendalltau(x, y).statistic)
