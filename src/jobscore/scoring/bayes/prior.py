"""Empirical Bayes for the `bayes` prior: fit Beta(α₀, β₀) to many freelancers' evidence.

Each freelancer contributes its evidence (r, s) = (Σ w·p, Σ w·(1 − p)). If every freelancer's
chance of a good outcome θ is drawn from Beta(α₀, β₀) and r of n = r + s outcomes are good,
r/n varies between freelancers by θ's spread plus the noise of a finite n:

    Var(r/n) = m(1 − m)/n + (1 − 1/n)·Var(θ),    m = α₀ / (α₀ + β₀)

`moments` solves that for Var(θ) with the averages over freelancers; `likelihood` maximizes
the beta-binomial likelihood Σ [ln B(α₀ + r, β₀ + s) − ln B(α₀, β₀)], starting from the
moments fit. Pure Python: no numeric library; a caller with whole columns of evidence may
pass a vectorised `log_likelihood` (the batch engines pass `jobscore.stats`'s).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["Evidence", "FitMethod", "FittedPrior", "LogLikelihood", "fit_beta_prior"]

FitMethod = str  # "moments" | "likelihood"
#: Given every freelancer's (r, s), the beta-binomial log-likelihood as a function of (α₀, β₀).
LogLikelihood = Callable[[Sequence[tuple[float, float]]], Callable[[float, float], float]]
#: One freelancer's evidence: (r, s), or (r, s, n) where n is the effective number of
#: independent outcomes behind it (less than r + s when weights are unequal).
Evidence = tuple[float, float] | tuple[float, float, float]

#: Bounds on the prior's strength α₀ + β₀ (in contracts): a fit outside them is clamped.
MIN_STRENGTH = 0.5
MAX_STRENGTH = 1000.0


@dataclass(frozen=True, slots=True)
class FittedPrior:
    alpha: float
    beta: float
    method: str
    freelancers: int

    @property
    def mean(self) -> float:
        return self.alpha / (self.alpha + self.beta)

    @property
    def strength(self) -> float:
        return self.alpha + self.beta

    def describe(self) -> str:
        if self.freelancers == 0:
            return "hand-set (too few freelancers to fit)"
        return f"fitted by {self.method} on {self.freelancers} freelancers"


def _checked(evidence: Sequence[Evidence], min_evidence: float) -> list[tuple[float, float]]:
    kept = []
    for item in evidence:
        r, s = item[0], item[1]
        size = item[2] if len(item) > 2 else r + s
        if r < 0 or s < 0 or r + s <= 0 or size < min_evidence:
            continue
        # Rescaled to the number of independent outcomes the evidence is worth, so that the
        # binomial noise the fit subtracts is the noise there really is.
        share = r / (r + s)
        kept.append((share * size, (1 - share) * size))
    if len(kept) < 2:
        raise ValueError(
            f"fitting a prior needs at least 2 freelancers with {min_evidence:g}+ contracts "
            f"of evidence; got {len(kept)}"
        )
    return kept


def _from_mean_strength(mean: float, strength: float) -> tuple[float, float]:
    mean = min(max(mean, 1e-6), 1 - 1e-6)
    strength = min(max(strength, MIN_STRENGTH), MAX_STRENGTH)
    return mean * strength, (1 - mean) * strength


def _moments(data: Sequence[tuple[float, float]]) -> tuple[float, float]:
    ratios = [r / (r + s) for r, s in data]
    count = len(ratios)
    mean = sum(ratios) / count
    variance = sum((x - mean) ** 2 for x in ratios) / (count - 1)
    inverse_n = sum(1.0 / (r + s) for r, s in data) / count
    binomial = mean * (1 - mean)
    if binomial <= 0 or inverse_n >= 1:
        return _from_mean_strength(mean, MAX_STRENGTH)
    between = (variance - binomial * inverse_n) / (1 - inverse_n)
    strength = binomial / between - 1 if between > 0 else MAX_STRENGTH
    return _from_mean_strength(mean, strength)


def pure_log_likelihood(data: Sequence[tuple[float, float]]) -> Callable[[float, float], float]:
    """Σ [ln B(α₀ + r, β₀ + s) − ln B(α₀, β₀)] over `data`, as a function of (α₀, β₀)."""

    def at(alpha: float, beta: float) -> float:
        base = math.lgamma(alpha + beta) - math.lgamma(alpha) - math.lgamma(beta)
        total = 0.0
        for r, s in data:
            total += base + math.lgamma(alpha + r) + math.lgamma(beta + s)
            total -= math.lgamma(alpha + beta + r + s)
        return total

    return at


def _nelder_mead(
    f: Callable[[tuple[float, float]], float], start: tuple[float, float], step: float = 0.3
) -> tuple[float, float]:
    """Minimize f over the plane (two parameters are all a Beta prior has)."""
    simplex = [start, (start[0] + step, start[1]), (start[0], start[1] + step)]
    values = [f(p) for p in simplex]
    for _ in range(400):
        order = sorted(range(3), key=lambda i: values[i])
        simplex = [simplex[i] for i in order]
        values = [values[i] for i in order]
        size = max(abs(p[k] - simplex[0][k]) for p in simplex[1:] for k in (0, 1))
        if abs(values[2] - values[0]) < 1e-10 or size < 1e-6:
            break
        cx = (simplex[0][0] + simplex[1][0]) / 2
        cy = (simplex[0][1] + simplex[1][1]) / 2
        worst = simplex[2]

        def toward(
            t: float, w: tuple[float, float] = worst, x: float = cx, y: float = cy
        ) -> tuple[float, float]:
            return (x + t * (w[0] - x), y + t * (w[1] - y))

        reflected = toward(-1.0)
        fr = f(reflected)
        if fr < values[0]:
            expanded = toward(-2.0)
            fe = f(expanded)
            simplex[2], values[2] = (expanded, fe) if fe < fr else (reflected, fr)
        elif fr < values[1]:
            simplex[2], values[2] = reflected, fr
        else:
            contracted = toward(0.5)
            fc = f(contracted)
            if fc < values[2]:
                simplex[2], values[2] = contracted, fc
            else:
                best = simplex[0]
                simplex = [best] + [
                    ((p[0] + best[0]) / 2, (p[1] + best[1]) / 2) for p in simplex[1:]
                ]
                values = [values[0]] + [f(p) for p in simplex[1:]]
    return min(zip(values, simplex, strict=True))[1]


def _likelihood(
    data: Sequence[tuple[float, float]], likelihood: LogLikelihood
) -> tuple[float, float]:
    alpha0, beta0 = _moments(data)
    of = likelihood(data)
    low, high = math.log(MIN_STRENGTH), math.log(MAX_STRENGTH)

    def negative(point: tuple[float, float]) -> float:
        logit_mean, log_strength = point
        if not low <= log_strength <= high or abs(logit_mean) > 30:
            return math.inf
        mean = 1 / (1 + math.exp(-logit_mean))
        strength = math.exp(log_strength)
        return -of(mean * strength, (1 - mean) * strength)

    mean0 = alpha0 / (alpha0 + beta0)
    start = (math.log(mean0 / (1 - mean0)), math.log(alpha0 + beta0))
    logit_mean, log_strength = _nelder_mead(negative, start)
    return _from_mean_strength(1 / (1 + math.exp(-logit_mean)), math.exp(log_strength))


def fit_beta_prior(
    evidence: Sequence[Evidence],
    *,
    method: FitMethod = "moments",
    min_evidence: float = 3.0,
    log_likelihood: LogLikelihood = pure_log_likelihood,
) -> FittedPrior:
    """Fit (α₀, β₀) to per-freelancer evidence (r, s) or (r, s, n), using freelancers whose
    evidence is worth at least `min_evidence` outcomes. Raises ValueError when fewer than 2
    freelancers qualify."""
    data = _checked(evidence, min_evidence)
    if method == "moments":
        alpha, beta = _moments(data)
    elif method == "likelihood":
        alpha, beta = _likelihood(data, log_likelihood)
    else:
        raise ValueError(f"unknown prior fit method {method!r}; use 'moments' or 'likelihood'")
    return FittedPrior(alpha, beta, method, len(data))
