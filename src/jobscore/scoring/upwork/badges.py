"""Badges: Rising Talent, Top Rated, Top Rated Plus, Expert-Vetted."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from decimal import Decimal

from jobscore.domain.enums import Outcome
from jobscore.domain.facts import History
from jobscore.instants import shift_months
from jobscore.money import ZERO
from jobscore.scoring.reading import Reading
from jobscore.scoring.upwork.outcomes import Classification
from jobscore.scoring.upwork.policy import UpworkPolicy

__all__ = [
    "EXPERT_VETTED",
    "RISING_TALENT",
    "TOP_RATED",
    "TOP_RATED_PLUS",
    "WEEK",
    "award_badges",
    "weekly_reading",
]

RISING_TALENT = "rising_talent"
TOP_RATED = "top_rated"
TOP_RATED_PLUS = "top_rated_plus"
EXPERT_VETTED = "expert_vetted"


WEEK = timedelta(weeks=1)


def weekly_reading(past: Sequence[Reading], instant: datetime) -> Reading | None:
    """The weekly snapshot at `instant` among recorded readings: the last one taken in the
    week that ends at `instant` (after `instant` − 7 days, at or before `instant`); None
    when none was taken then."""
    week = [r for r in past if instant - WEEK < r.at <= instant]
    return max(week, key=lambda r: r.at, default=None)


def earned_in_last_year(history: History, as_of: datetime) -> Decimal:
    start = shift_months(as_of, -12)
    return sum((c.net_earned_between(start, as_of) for c in history.contracts), ZERO)


def _active_recently(history: History, as_of: datetime, days: int) -> bool:
    since = as_of - timedelta(days=days)
    for c in history.contracts:
        if c.started_at > as_of:
            continue
        if since < c.started_at or (c.ended_at is None or c.ended_at > since):
            return True
        if since < c.last_paid_at <= as_of:
            return True
    return False


def award_badges(
    history: History,
    policy: UpworkPolicy,
    as_of: datetime,
    items: Sequence[Classification],
    score: float | None,
    held: bool,
    score_at: Callable[[datetime], float | None],
) -> tuple[str, ...]:
    """Badges as of `as_of`. `score_at` gives the displayed score at an earlier instant, for
    the weekly-snapshot rule of Top Rated."""
    badges: list[str] = []
    freelancer = history.freelancer
    profile_complete = freelancer.profile_complete if freelancer else True
    if (
        score is None
        and profile_complete
        and not held
        and _active_recently(history, as_of, policy.rising_talent_active_days)
    ):
        badges.append(RISING_TALENT)

    if _is_top_rated(history, policy, as_of, score, held, score_at):
        badges.append(TOP_RATED)
        if _is_top_rated_plus(history, policy, as_of, items):
            badges.append(TOP_RATED_PLUS)
    # A hold blocks every badge, the one granted by hand included.
    if freelancer is not None and freelancer.expert_vetted and not held:
        badges.append(EXPERT_VETTED)
    return tuple(badges)


def _is_top_rated(
    history: History,
    policy: UpworkPolicy,
    as_of: datetime,
    score: float | None,
    held: bool,
    score_at: Callable[[datetime], float | None],
) -> bool:
    if held or score is None or score < policy.top_rated_min_score:
        return False
    first = history.first_started_at()
    if first is None or as_of - first <= timedelta(days=policy.top_rated_min_tenure_days):
        return False
    if earned_in_last_year(history, as_of) < policy.top_rated_min_earnings_12m:
        return False
    weeks_at_bar = 1  # this week's snapshot is the current score, already at the bar
    needed = policy.top_rated_weeks_required
    for week in range(1, policy.top_rated_weeks_considered):
        remaining = policy.top_rated_weeks_considered - week
        if weeks_at_bar >= needed or weeks_at_bar + remaining < needed:
            break
        past = score_at(as_of - timedelta(weeks=week))
        if past is not None and past >= policy.top_rated_min_score:
            weeks_at_bar += 1
    return weeks_at_bar >= needed


def _is_top_rated_plus(
    history: History, policy: UpworkPolicy, as_of: datetime, items: Sequence[Classification]
) -> bool:
    if earned_in_last_year(history, as_of) < policy.top_rated_plus_min_earnings_12m:
        return False
    start = shift_months(as_of, -12)
    for item in items:
        c = item.contract
        if item.outcome is Outcome.BAD:
            continue
        ended = c.ended_at
        if ended is None or ended > as_of:
            # An open contract qualifies by what it earned in the last 12 months.
            if c.net_earned_between(start, as_of) >= policy.top_rated_plus_min_contract:
                return True
        elif start < ended and c.net_earned_by(as_of) >= policy.top_rated_plus_min_contract:
            return True
    return False
