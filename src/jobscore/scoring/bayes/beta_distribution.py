"""The Beta distribution's CDF and quantile in pure Python, for the `bayes` credible interval.

The scoring core imports no numeric library, so the regularized incomplete beta function is
evaluated here by its continued fraction (modified Lentz), and the quantile by Newton steps
kept inside a bisection bracket. Tests check both against SciPy to 1e-9.
"""

from __future__ import annotations

import math

__all__ = ["beta_cdf", "beta_interval", "beta_ppf"]

_TINY = 1e-300
_EPS = 1e-15
_MAX_TERMS = 500


def _continued_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of I_x(a, b); converges fast for x < (a + 1) / (a + b + 2)."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, _MAX_TERMS + 1):
        m2 = 2 * m
        for numerator in (
            m * (b - m) * x / ((qam + m2) * (a + m2)),
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + numerator / c
            c = c if abs(c) > _TINY else _TINY
            step = d * c
            h *= step
        if abs(step - 1.0) < _EPS:
            break
    return h


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def beta_cdf(x: float, a: float, b: float) -> float:
    """P(X <= x) for X ~ Beta(a, b), a, b > 0."""
    if a <= 0 or b <= 0:
        raise ValueError(f"Beta parameters must be positive, got a={a}, b={b}")
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(a * math.log(x) + b * math.log1p(-x) - _log_beta(a, b))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _continued_fraction(a, b, x) / a
    return 1.0 - front * _continued_fraction(b, a, 1.0 - x) / b


def _beta_pdf(x: float, a: float, b: float) -> float:
    return math.exp((a - 1.0) * math.log(x) + (b - 1.0) * math.log1p(-x) - _log_beta(a, b))


def beta_ppf(q: float, a: float, b: float) -> float:
    """The x with P(X <= x) = q for X ~ Beta(a, b)."""
    if not 0.0 <= q <= 1.0:
        raise ValueError(f"a quantile needs 0 <= q <= 1, got {q}")
    if q == 0.0:
        return 0.0
    if q == 1.0:
        return 1.0
    lo, hi = 0.0, 1.0
    x = a / (a + b)
    for _ in range(200):
        f = beta_cdf(x, a, b) - q
        if abs(f) < 1e-14:
            return x
        if f < 0:
            lo = x
        else:
            hi = x
        if hi - lo <= 4 * math.ulp(hi):  # relative: quantiles near 0 can be 1e-15 or less
            return x
        density = _beta_pdf(x, a, b) if 0.0 < x < 1.0 else 0.0
        candidate = x - f / density if density > 0 else -1.0
        # A Newton step that leaves the bracket is replaced by bisection.
        x = candidate if lo < candidate < hi else (lo + hi) / 2.0
    return x


def beta_interval(mass: float, a: float, b: float) -> tuple[float, float]:
    """The equal-tailed interval holding `mass` of Beta(a, b)."""
    if not 0.0 < mass < 1.0:
        raise ValueError(f"an interval's mass must be between 0 and 1, got {mass}")
    tail = (1.0 - mass) / 2.0
    return beta_ppf(tail, a, b), beta_ppf(1.0 - tail, a, b)
