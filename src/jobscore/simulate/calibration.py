"""Does a score mean what it says: calibration error, and how often an interval holds the truth.

Calibration error: freelancers are put in buckets of 10 points by the score they are shown;
in each bucket, the gap is |mean score − 100 × mean true quality|; the error is the mean gap
over buckets. Every mean counts a freelancer once per contract, as clients meet them: a score
shown to a busy freelancer is read more often.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jobscore.simulate.metrics import LENGTH_BINS, NEWCOMER_MAX_CONTRACTS

__all__ = [
    "BUCKET_POINTS",
    "CalibrationRow",
    "CoverageRow",
    "calibration_error",
    "calibration_row",
    "coverage_row",
]

BUCKET_POINTS = 10.0


def calibration_error(
    scores: Sequence[float | None], truth: Sequence[float], weights: Sequence[int]
) -> float | None:
    """The weighted mean, over buckets of 10 points of score, of |mean score − 100 × mean
    truth| in the bucket; None when nobody is scored."""
    sums: dict[int, list[float]] = {}
    for score, quality, weight in zip(scores, truth, weights, strict=True):
        if score is None or weight <= 0:
            continue
        bucket = min(int(score // BUCKET_POINTS), int(100 // BUCKET_POINTS) - 1)
        total = sums.setdefault(bucket, [0.0, 0.0, 0.0])
        total[0] += weight
        total[1] += weight * score
        total[2] += weight * 100.0 * quality
    everyone = sum(w for w, _, _ in sums.values())
    if everyone <= 0:
        return None
    return sum(abs(s - t) for _, s, t in sums.values()) / everyone


@dataclass(frozen=True, slots=True)
class CalibrationRow:
    policy: str
    error: float | None
    #: The same over freelancers with 1 to 3 contracts.
    newcomer_error: float | None


def calibration_row(
    policy: str, scores: Sequence[float | None], truth: Sequence[float], lengths: Sequence[int]
) -> CalibrationRow:
    newcomer = [n if n <= NEWCOMER_MAX_CONTRACTS else 0 for n in lengths]
    return CalibrationRow(
        policy,
        calibration_error(scores, truth, lengths),
        calibration_error(scores, truth, newcomer),
    )


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """How often a policy's interval holds 100 × true quality: overall, and by history
    length (bin label -> (share, freelancers))."""

    policy: str
    share: float | None
    freelancers: int
    by_bin: dict[str, tuple[float | None, int]]


def coverage_row(
    policy: str,
    intervals: Sequence[tuple[float, float] | None],
    truth: Sequence[float],
    lengths: Sequence[int],
) -> CoverageRow:
    """Over freelancers with at least one contract and an interval."""
    held = [
        (low <= 100.0 * t <= high, n)
        for interval, t, n in zip(intervals, truth, lengths, strict=True)
        if interval is not None and n > 0
        for low, high in (interval,)
    ]

    def share(items: list[bool]) -> float | None:
        return sum(items) / len(items) if items else None

    by_bin = {}
    for label, low, high in LENGTH_BINS:
        inside = [ok for ok, n in held if low <= n <= high]
        by_bin[label] = (share(inside), len(inside))
    return CoverageRow(policy, share([ok for ok, _ in held]), len(held), by_bin)
