"""Window scores, candidates, and the displayed one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from jobscore.domain.enums import Outcome
from jobscore.instants import shift_months
from jobscore.scoring.result import WindowScore
from jobscore.scoring.upwork.outcomes import Classification
from jobscore.scoring.upwork.policy import UpworkPolicy

__all__ = ["Tally", "clamp_score", "displayed_window", "in_window", "tally", "window_scores"]


def clamp_score(value: float) -> float:
    return min(100.0, max(0.0, value))


@dataclass(frozen=True, slots=True)
class Tally:
    """Sums over one window's counted contracts."""

    weight: float = 0.0
    good: float = 0.0
    bad: float = 0.0
    count: int = 0
    clients: frozenset[str] = frozenset()

    @property
    def score(self) -> float | None:
        """100 × (Σ w·good − Σ w·bad) / Σ w, clamped to 0-100; None for an empty window."""
        if self.weight <= 0:
            return None
        return clamp_score(100.0 * (self.good - self.bad) / self.weight)

    def without(self, item: Classification) -> float | None:
        """The score this window would have without one of its contracts."""
        weight = self.weight - item.weight
        if weight <= 1e-12:
            return None
        good = self.good - (item.weight if item.outcome is Outcome.GOOD else 0.0)
        bad = self.bad - (item.weight if item.outcome is Outcome.BAD else 0.0)
        return clamp_score(100.0 * (good - bad) / weight)

    def enough(self, policy: UpworkPolicy) -> bool:
        return (
            self.count >= policy.window_min_contracts
            and len(self.clients) >= policy.window_min_clients
        )


def in_window(item: Classification, start: datetime, end: datetime) -> bool:
    """A window of M months as of T holds the contracts placed in (T − M months, T]."""
    return item.counted and item.placed_at is not None and start < item.placed_at <= end


def tally(items: Iterable[Classification]) -> Tally:
    weight = good = bad = 0.0
    count = 0
    clients: set[str] = set()
    for item in items:
        weight += item.weight
        if item.outcome is Outcome.GOOD:
            good += item.weight
        elif item.outcome is Outcome.BAD:
            bad += item.weight
        count += 1
        clients.add(item.contract.client_id)
    return Tally(weight, good, bad, count, frozenset(clients))


def window_tallies(
    items: Sequence[Classification], policy: UpworkPolicy, as_of: datetime
) -> dict[str, tuple[Tally, datetime]]:
    out: dict[str, tuple[Tally, datetime]] = {}
    for months in policy.window_months:
        start = shift_months(as_of, -months)
        out[f"{months}m"] = (tally(i for i in items if in_window(i, start, as_of)), start)
    return out


def window_scores(
    tallies: dict[str, tuple[Tally, datetime]], policy: UpworkPolicy
) -> dict[str, WindowScore]:
    scores = {
        name: WindowScore(
            name=name,
            score=t.score,
            enough_data=t.enough(policy),
            counted=t.count,
            clients=len(t.clients),
            weight=t.weight,
            good_weight=t.good,
            bad_weight=t.bad,
            start=start,
        )
        for name, (t, start) in tallies.items()
    }
    first, second = policy.trending_of
    if first in scores and second in scores:
        a, b = scores[first], scores[second]
        trending = None if a.score is None or b.score is None else (a.score + b.score) / 2
        scores["trending"] = WindowScore(
            name="trending",
            score=trending,
            enough_data=a.enough_data and b.enough_data,
            counted=b.counted,
            clients=b.clients,
        )
    return scores


def displayed_window(scores: dict[str, WindowScore], policy: UpworkPolicy) -> str | None:
    """The best candidate with enough data; ties go to the candidate listed first."""
    best: str | None = None
    for name in policy.candidates:
        window = scores.get(name)
        if window is None or not window.enough_data or window.score is None:
            continue
        current = scores[best].score if best is not None else None
        if current is None or window.score > current + 1e-9:
            best = name
    return best


def leave_one_out(
    item: Classification,
    tallies: dict[str, tuple[Tally, datetime]],
    policy: UpworkPolicy,
    as_of: datetime,
) -> dict[str, float | None]:
    """Points by window: that window's score minus its score without this contract."""
    points: dict[str, float | None] = {}
    without: dict[str, float | None] = {}
    for name, (t, start) in tallies.items():
        if not in_window(item, start, as_of):
            continue
        without[name] = t.without(item)
        with_score = t.score
        points[name] = (
            None if with_score is None or without[name] is None else with_score - without[name]  # type: ignore[operator]
        )
    first, second = policy.trending_of
    if first in points or second in points:
        w_first = without.get(first, tallies[first][0].score) if first in tallies else None
        w_second = without.get(second, tallies[second][0].score) if second in tallies else None
        s_first, s_second = tallies[first][0].score, tallies[second][0].score
        if None not in (w_first, w_second, s_first, s_second):
            points["trending"] = (s_first + s_second) / 2 - (w_first + w_second) / 2  # type: ignore[operator]
        else:
            points["trending"] = None
    return points
