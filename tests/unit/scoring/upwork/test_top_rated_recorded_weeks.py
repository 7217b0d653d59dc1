"""Top Rated's weekly rule reads the recorded weekly snapshots where there are some.

The week k snapshot (k = 1..15) is the last score recorded in the week that ends at
T − k weeks (after T − (k + 1) weeks, at or before T − k weeks); a week with none recorded is
worked out from the history, as before. `pair()` earns Top Rated from the history alone: its
snapshots k = 0..12 read 100% (13 of 16).
"""

from __future__ import annotations

from datetime import timedelta

from jobscore.scoring.catalog import CATALOG
from jobscore.scoring.reading import Reading
from jobscore.scoring.result import ScoreResult
from jobscore.scoring.upwork.badges import TOP_RATED, weekly_reading
from jobscore.scoring.upwork.policy import UPWORK
from tests.builders import history
from tests.unit.scoring.upwork.test_rule_08_badges import WEEK, T, pair


def recorded(*weeks: tuple[float, float | None]) -> tuple[Reading, ...]:
    """Readings k weeks before T (k may be fractional) with their scores."""
    return tuple(Reading(T - timedelta(weeks=k), score, "24m") for k, score in weeks)


def scored_with(past: tuple[Reading, ...], **changes: object) -> ScoreResult:
    return CATALOG.score(history(*pair(**changes)), UPWORK, T, past)  # type: ignore[arg-type]


def test_without_recorded_weeks_the_history_decides() -> None:
    assert TOP_RATED in scored_with(()).badges


def test_four_recorded_weeks_below_90_lose_top_rated() -> None:
    # Weeks 1..4 recorded at 80: only k = 0 and 5..12 are at 90 or more, 9 of 16.
    past = recorded((1, 80.0), (2, 80.0), (3, 80.0), (4, 80.0))
    result = scored_with(past)
    assert result.score == 100.0
    assert TOP_RATED not in result.badges


def test_three_recorded_weeks_below_90_keep_it() -> None:
    # Weeks 1..3 recorded at 80, weeks 13..15 (no score in the history) at 95:
    # k = 0, 4..12 and 13..15 make 1 + 9 + 3 = 13 of 16.
    past = recorded((1, 80.0), (2, 80.0), (3, 80.0), (13, 95.0), (14, 95.0), (15, 95.0))
    assert TOP_RATED in scored_with(past).badges


def test_a_recorded_week_gives_what_the_history_lacks() -> None:
    # One second later the history shows only 12 weeks at 100%; the snapshot recorded during
    # week 13 (two days before its end) read 92: 13 of 16.
    late = {"second_ended": T - 12 * WEEK + timedelta(seconds=1)}
    assert TOP_RATED not in scored_with((), **late).badges
    past = recorded((13 + 2 / 7, 92.0))
    assert TOP_RATED in scored_with(past, **late).badges


def test_a_week_takes_its_last_recorded_score() -> None:
    # Week 13 recorded twice: first 92, then no score (an ineligible day); the last counts.
    late = {"second_ended": T - 12 * WEEK + timedelta(seconds=1)}
    past = recorded((13 + 3 / 7, 92.0), (13 + 1 / 7, None))
    assert TOP_RATED not in scored_with(past, **late).badges


def test_the_weekly_snapshot_is_the_last_one_in_its_week() -> None:
    end = T - 2 * WEEK
    inside = [Reading(end - timedelta(days=6), 1.0, None), Reading(end, 2.0, None)]
    outside = [Reading(end - WEEK, 3.0, None), Reading(end + timedelta(seconds=1), 4.0, None)]
    assert weekly_reading([*inside, *outside], end) == inside[1]
    assert weekly_reading(outside, end) is None
