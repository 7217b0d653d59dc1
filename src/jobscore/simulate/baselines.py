"""Two plain scores to measure the policies against: the average of public stars, and the
Wilson lower bound of the share of good outcomes."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from jobscore.domain.enums import Outcome
from jobscore.domain.facts import History
from jobscore.scoring.upwork.outcomes import classify
from jobscore.scoring.upwork.policy import UPWORK, UpworkPolicy

__all__ = ["AverageStars", "WilsonLowerBound", "wilson_lower_bound"]


@dataclass(frozen=True, slots=True)
class AverageStars:
    """100 × (mean public stars − 1) / 4 over contracts with visible public feedback."""

    name: str = "average-stars"

    def score(self, history: History, as_of: datetime) -> float | None:
        stars = [
            c.stars
            for c in history.contracts
            if c.stars is not None
            and not c.feedback_removed
            and c.feedback_instant is not None
            and c.feedback_instant <= as_of
        ]
        if not stars:
            return None
        return 100.0 * (sum(stars) / len(stars) - 1.0) / 4.0


def wilson_lower_bound(good: int, total: int, z: float) -> float:
    """The lower end of the Wilson score interval for a share of `good` in `total`."""
    if total <= 0:
        raise ValueError("the Wilson bound needs at least one outcome")
    share = good / total
    centre = share + z * z / (2 * total)
    spread = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total))
    return (centre - spread) / (1 + z * z / total)


@dataclass(frozen=True, slots=True)
class WilsonLowerBound:
    """100 × the 95% Wilson lower bound of good outcomes among the contracts that count
    under the upwork rules (neutral outcomes count as not good)."""

    name: str = "wilson"
    z: float = 1.959964
    counting: UpworkPolicy = UPWORK

    def score(self, history: History, as_of: datetime) -> float | None:
        items = [classify(c, history, self.counting, as_of) for c in history.contracts]
        counted = [i for i in items if i.counted]
        if not counted:
            return None
        good = sum(1 for i in counted if i.outcome is Outcome.GOOD)
        return 100.0 * wilson_lower_bound(good, len(counted), self.z)
