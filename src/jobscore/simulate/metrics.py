"""How well each policy's scores match the world's hidden truth (docs/evaluation.md)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from jobscore.stats import kendall_tau_b

__all__ = [
    "LENGTH_BINS",
    "ErrorRow",
    "NewcomerRow",
    "TauRow",
    "error_by_length",
    "good_newcomers",
    "kendall_tau",
    "tau_row",
]

#: History length bins (contracts): 1, 2, 3, 4-5, 6-10, 11-30, 31+.
LENGTH_BINS: tuple[tuple[str, int, int], ...] = (
    ("1", 1, 1),
    ("2", 2, 2),
    ("3", 3, 3),
    ("4-5", 4, 5),
    ("6-10", 6, 10),
    ("11-30", 11, 30),
    ("31+", 31, 10**9),
)
GOOD_NEWCOMER_QUALITY = 0.9
NEWCOMER_MAX_CONTRACTS = 3
FILTER_SCORE = 80.0


def kendall_tau(scores: Sequence[float], truth: Sequence[float]) -> float | None:
    """Kendall's τ-b; None when fewer than 2 values or either side is constant."""
    if len(scores) < 2:
        return None
    value = kendall_tau_b(scores, truth)
    return None if math.isnan(value) else value


@dataclass(frozen=True, slots=True)
class TauRow:
    policy: str
    covered: int
    population: int
    tau_scored: float | None
    #: τ of the ranking a client sees: "no score yet" below every score.
    tau_as_seen: float | None
    mean_abs_error: float | None


def tau_row(
    policy: str,
    scores: Sequence[float | None],
    truth: Sequence[float],
    in_population: Sequence[bool],
) -> TauRow:
    pairs = [(s, t) for s, t, keep in zip(scores, truth, in_population, strict=True) if keep]
    scored = [(s, t) for s, t in pairs if s is not None]
    seen = [(-1.0 if s is None else s, t) for s, t in pairs]
    error = sum(abs(s - 100.0 * t) for s, t in scored) / len(scored) if scored else None
    return TauRow(
        policy=policy,
        covered=len(scored),
        population=len(pairs),
        tau_scored=kendall_tau([s for s, _ in scored], [t for _, t in scored]),
        tau_as_seen=kendall_tau([s for s, _ in seen], [t for _, t in seen]),
        mean_abs_error=error,
    )


@dataclass(frozen=True, slots=True)
class ErrorRow:
    policy: str
    #: Bin label -> (mean |score − 100·quality| over those scored, how many scored, how many).
    by_bin: dict[str, tuple[float | None, int, int]]


def error_by_length(
    policy: str, scores: Sequence[float | None], truth: Sequence[float], lengths: Sequence[int]
) -> ErrorRow:
    out: dict[str, tuple[float | None, int, int]] = {}
    for label, low, high in LENGTH_BINS:
        members = [
            (s, t) for s, t, n in zip(scores, truth, lengths, strict=True) if low <= n <= high
        ]
        scored = [abs(s - 100.0 * t) for s, t in members if s is not None]
        out[label] = (sum(scored) / len(scored) if scored else None, len(scored), len(members))
    return ErrorRow(policy, out)


@dataclass(frozen=True, slots=True)
class NewcomerRow:
    policy: str
    good_newcomers: int
    below_filter: int
    no_score: int

    @property
    def below_share(self) -> float:
        return self.below_filter / self.good_newcomers if self.good_newcomers else 0.0

    @property
    def no_score_share(self) -> float:
        return self.no_score / self.good_newcomers if self.good_newcomers else 0.0


def good_newcomers(
    policy: str, scores: Sequence[float | None], truth: Sequence[float], lengths: Sequence[int]
) -> NewcomerRow:
    """Freelancers with true quality ≥ 0.9 and at most 3 contracts: how many show below 80,
    and how many show no score at all."""
    chosen = [
        s
        for s, t, n in zip(scores, truth, lengths, strict=True)
        if t >= GOOD_NEWCOMER_QUALITY and n <= NEWCOMER_MAX_CONTRACTS
    ]
    below = sum(1 for s in chosen if s is not None and s < FILTER_SCORE)
    return NewcomerRow(policy, len(chosen), below, sum(1 for s in chosen if s is None))
