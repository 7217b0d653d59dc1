"""The reference scorer of the `upwork` policies, as pure functions.

`score_upwork(history, policy, as_of)` is the definition every faster engine is checked
against. It reads no clock and does no I/O. `read_upwork` gives the same displayed score
without badges and explanations, for the tools that ask for it at many instants.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from jobscore.domain.facts import ContractFacts, History
from jobscore.instants import as_utc, shift_months
from jobscore.scoring.reading import Reading
from jobscore.scoring.result import ContractScore, Exclusion, ScoreResult, WindowScore
from jobscore.scoring.upwork.badges import award_badges, weekly_reading
from jobscore.scoring.upwork.holds import hold_status
from jobscore.scoring.upwork.outcomes import (
    Classification,
    SettledMemo,
    classify,
    classify_remembering,
)
from jobscore.scoring.upwork.policy import UpworkPolicy
from jobscore.scoring.upwork.windows import (
    Tally,
    displayed_window,
    in_window,
    leave_one_out,
    window_scores,
    window_tallies,
)

__all__ = [
    "Evaluation",
    "evaluate",
    "read_upwork",
    "recalculated_at",
    "recalculation_period",
    "score_upwork",
    "still_relevant",
]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Everything rules 1-6 decide as of one instant."""

    as_of: datetime
    items: tuple[Classification, ...]
    tallies: dict[str, tuple[Tally, datetime]]
    windows: dict[str, WindowScore]
    eligible: bool
    window: str | None

    @property
    def score(self) -> float | None:
        return self.windows[self.window].score if self.window else None


def recalculated_at(policy: UpworkPolicy, as_of: datetime) -> datetime:
    """The last recalculation at or before `as_of` (rule 7)."""
    if policy.recalculation_days is None:
        return as_of
    period = timedelta(days=policy.recalculation_days)
    steps = (as_of - policy.recalculation_anchor) // period
    return policy.recalculation_anchor + steps * period


def recalculation_period(policy: UpworkPolicy) -> timedelta | None:
    """How often the score is recalculated; None: as of any instant."""
    if policy.recalculation_days is None:
        return None
    return timedelta(days=policy.recalculation_days)


def evaluate(
    history: History, policy: UpworkPolicy, as_of: datetime, memo: SettledMemo | None = None
) -> Evaluation:
    """Rules 1-6 as of `as_of`. `memo` keeps settled contracts' classifications between
    evaluations of variants of one history under one policy."""
    if memo is None:
        items = tuple(classify(c, history, policy, as_of) for c in history.contracts)
    else:
        items = tuple(
            classify_remembering(c, history, policy, as_of, memo) for c in history.contracts
        )
    tallies = window_tallies(items, policy, as_of)
    windows = window_scores(tallies, policy)

    start = shift_months(as_of, -policy.eligibility_months)
    recent = [i for i in items if in_window(i, start, as_of)]
    window = displayed_window(windows, policy)
    eligible = (
        window is not None
        and len(recent) >= policy.eligibility_min_jobs
        and len({i.contract.client_id for i in recent}) >= policy.eligibility_min_clients
    )
    return Evaluation(as_of, items, tallies, windows, eligible, window if eligible else None)


def score_upwork(
    history: History, policy: UpworkPolicy, as_of: datetime, past: Sequence[Reading] = ()
) -> ScoreResult:
    """The full result as of `as_of`. `past` are the displayed scores recorded earlier (the
    weekly snapshots): Top Rated's weekly rule reads a week's recorded score where there is
    one, and works out the score of a week without one from the history."""
    as_of = as_utc(as_of)
    at = recalculated_at(policy, as_of)
    now = evaluate(history, policy, at)

    @cache
    def score_at(instant: datetime) -> float | None:
        recorded = weekly_reading(past, instant)
        if recorded is not None:
            return recorded.score
        return evaluate(history, policy, recalculated_at(policy, instant)).score

    hold = hold_status(now.items, history, policy, at)
    badges = award_badges(history, policy, at, now.items, now.score, hold.held, score_at)
    return ScoreResult(
        policy_name=policy.name,
        policy_version=policy.version,
        as_of=as_of,
        computed_as_of=at,
        score=now.score,
        eligible=now.eligible,
        window=now.window,
        windows=now.windows,
        contracts=tuple(_explain(item, now, policy) for item in now.items),
        badges=badges,
        hold=hold,
        assumptions=tuple(policy.assumptions()),
    )


def _explain(item: Classification, now: Evaluation, policy: UpworkPolicy) -> ContractScore:
    c = item.contract
    by_window = leave_one_out(item, now.tallies, policy, now.as_of) if item.counted else {}
    member = tuple(name for name in by_window if name != "trending")
    excluded = item.excluded_because
    if item.counted and not member:
        excluded = Exclusion.OUT_OF_WINDOW
    points = by_window.get(now.window, 0.0) if now.window else 0.0
    ages_out = {}
    if item.placed_at is not None and c.ended_at is not None:
        ages_out = {name: shift_months(item.placed_at, int(name[:-1])) for name in member}
    return ContractScore(
        contract_id=c.contract_id,
        client_id=c.client_id,
        outcome=item.outcome,
        excluded_because=excluded,
        weight=item.weight if excluded is None else 0.0,
        net_earnings=c.net_earnings,
        ended_at=c.ended_at,
        windows=member,
        points=points,
        points_by_window=by_window,
        ages_out_at=ages_out,
        extra={"outcome_if_counted": str(item.outcome) if item.outcome else None},
    )


def still_relevant(
    contracts: Iterable[ContractFacts], policy: UpworkPolicy, at: datetime
) -> tuple[ContractFacts, ...]:
    """The contracts that can affect rules 1-6 as of `at`: all but those ended before every
    window and the eligibility period began, and those not started yet."""
    months = max((*policy.window_months, policy.eligibility_months))
    start = shift_months(at, -months)
    return tuple(
        c for c in contracts if (c.ended_at is None or c.ended_at > start) and c.started_at <= at
    )


def read_upwork(
    history: History, policy: UpworkPolicy, at: datetime, memo: SettledMemo | None = None
) -> Reading:
    """The displayed score as of `at`, as `score_upwork` gives it, from rules 1-6 alone and
    only over the contracts that can be in a window. `memo` keeps settled contracts'
    classifications between readings of variants of one history."""
    instant = recalculated_at(policy, at)
    relevant = history.with_contracts(still_relevant(history.contracts, policy, instant))
    found = evaluate(relevant, policy, instant, memo)
    return Reading(at, found.score, found.window)
