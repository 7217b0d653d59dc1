"""recover: the fewest good contracts that bring the score back (say, from 78% to 90+).

Two questions:

- `fewest_contracts`: the fewest new good contracts (and when they must end) that show the
  target (default 90) on some day up to a date, counting on contracts ageing out of windows
  and on the trending candidate. No one can finish unlimited work in a day, so at most
  `max_per_month` new contracts may end in any 30 days.
- `date_at_pace`: given a pace (contracts a month, of a typical size), the first day the
  target shows.

Why the search is exact. A new good contract never lowers a window's score (it adds w to
Σw·good and to Σw, and good − bad ≤ Σw) nor takes away data, so the displayed score only
rises with each one, and rises more the more windows it sits in — that is, the later it
ends. So to show the target on day t with N contracts, the best schedule ends them as late
as the 30-day limit allows: the first batch on t, the next 30 days earlier, and so on. And
between two instants where an old contract leaves a window (or is added), the score does not
change. So it is enough to try those instants, each with its latest schedule, and search N
there; a brute-force test over small histories checks this.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from jobscore.domain.enums import Outcome
from jobscore.domain.facts import History
from jobscore.errors import InvalidInput, Problem
from jobscore.instants import as_utc, format_instant, shift_months
from jobscore.money import CENT, format_money
from jobscore.scoring.catalog import CATALOG
from jobscore.scoring.reading import Reading
from jobscore.scoring.result import Policy
from jobscore.tools.changes import AddContracts, apply_changes

__all__ = [
    "PaceRecovery",
    "Recovery",
    "date_at_pace",
    "fewest_contracts",
    "fewest_of_sizes",
    "latest_schedule",
    "typical_size",
]

SPAN = timedelta(days=30)
#: A new contract takes this long, so none ends sooner than this from now.
LEAD_DAYS = 14
DEFAULT_SIZE = Decimal("500.00")


@dataclass(frozen=True, slots=True)
class Recovery:
    target: float
    as_of: datetime
    by: datetime
    policy_name: str
    size: Decimal
    max_per_month: int
    now: Reading
    #: Fewest contracts that show the target on or before `by` (None: not possible).
    contracts: int | None
    #: The earliest day that many contracts show the target, and the score then.
    reached: Reading | None
    schedule: tuple[datetime, ...]
    #: When the target is out of reach by `by`: the nearest day it can be reached.
    nearest: Reading | None
    nearest_contracts: int | None
    nearest_schedule: tuple[datetime, ...]
    #: How far the search went: `by`, or further when the target is out of reach by then.
    searched_to: datetime
    #: Faster ways with more contracts: (contracts, earliest day it shows), soonest first.
    options: tuple[tuple[int, datetime], ...] = ()
    #: The contract sizes compared, when more than one was (`fewest_of_sizes`).
    sizes_tried: tuple[Decimal, ...] = ()

    @property
    def reachable(self) -> bool:
        return self.contracts is not None


@dataclass(frozen=True, slots=True)
class PaceRecovery:
    target: float
    as_of: datetime
    policy_name: str
    per_month: float
    size: Decimal
    now: Reading
    #: The first day the target shows (None: not within the horizon).
    reached: Reading | None
    contracts_by_then: int
    horizon: datetime


def typical_size(history: History) -> Decimal:
    """The median net earnings of the paid contracts; $500 for an empty record."""
    paid = [c.net_earnings for c in history.contracts if c.net_earnings > 0]
    if not paid:
        return DEFAULT_SIZE
    return Decimal(statistics.median(paid)).quantize(CENT)


def capacity(as_of: datetime, t: datetime, per_month: int, lead_days: int = LEAD_DAYS) -> int:
    """How many new contracts can end by t: none before `lead_days` from now (a new
    contract takes that long), and at most `per_month` in any 30 days."""
    earliest = as_of + timedelta(days=max(lead_days, 1))
    if t < earliest:
        return 0
    return per_month * ((t - earliest) // SPAN + 1)


def latest_schedule(t: datetime, count: int, per_month: int) -> tuple[datetime, ...]:
    """End dates for `count` contracts, as late as the limit allows: batches of
    `per_month` on t, 30 days before, 60 days before..."""
    return tuple(sorted(t - SPAN * (i // per_month) for i in range(count)))


def _with_new(
    history: History, ends: tuple[datetime, ...], size: Decimal, as_of: datetime
) -> History:
    if not ends:
        return history
    return apply_changes(
        history, [AddContracts(len(ends), size, ends=ends, length_days=LEAD_DAYS)], as_of
    ).history


def _event_instants(
    history: History, policy: Policy, as_of: datetime, until: datetime
) -> set[datetime]:
    """Instants in (as_of, until] where the score without new work can rise: a counted
    contract that is not good leaves a window, a contract ends or its feedback shows, plus
    month ends (for policies that change continuously)."""
    found: set[datetime] = set()
    for item in CATALOG.score_without_points(history, policy, as_of).contracts:
        if item.counted and item.outcome is not Outcome.GOOD:
            found.update(item.ages_out_at.values())
    for c in history.contracts:
        found.update(x for x in (c.ended_at, c.feedback_at, c.started_at) if x is not None)
        found.add(c.last_paid_at + timedelta(days=91))
    months = 1
    while (step := shift_months(as_of, months)) <= until:
        found.add(step)
        months += 1
    found.add(until)
    period = CATALOG.recalculation_period(policy)
    if period:
        found = {CATALOG.recalculated_at(policy, t) for t in found}
        at = CATALOG.recalculated_at(policy, as_of) + period
        while at <= until:
            found.add(at)
            at += period
    return {t for t in found if as_of < t <= until}


def _check(target: float, size: Decimal, per_month: float) -> None:
    if not 0 < target <= 100:
        raise InvalidInput(Problem("target", f"{target:g} is not a score between 0 and 100"))
    if size <= 0:
        raise InvalidInput(Problem("size", f"{format_money(size)} is not a positive amount"))
    if per_month <= 0:
        raise InvalidInput(Problem("pace", f"{per_month:g} contracts a month: must be above 0"))


def fewest_contracts(
    history: History,
    policy: Policy,
    as_of: datetime,
    *,
    target: float = 90.0,
    by: datetime | None = None,
    size: Decimal | None = None,
    max_per_month: int = 4,
    horizon_months: int = 36,
) -> Recovery:
    as_of = as_utc(as_of)
    # Only what had happened by `as_of`: an answer never rests on facts dated later.
    history = history.known_at(as_of)
    by = as_utc(by) if by is not None else shift_months(as_of, 12)
    size = size if size is not None else typical_size(history)
    _check(target, size, max_per_month)
    if by < as_of:
        raise InvalidInput(Problem("by", f"{format_instant(by)} is before the as-of instant"))
    reader = CATALOG.reader(policy)
    now = reader.read(history, as_of)
    horizon = max(by, shift_months(as_of, horizon_months))
    events = _event_instants(history, policy, as_of, horizon)
    # Instants where one more batch of new contracts fits.
    earliest = as_of + timedelta(days=LEAD_DAYS)
    events |= {earliest + SPAN * j for j in range(horizon_months * 31 // 30 + 1)}
    events = {t for t in events if as_of < t <= horizon}

    def shows(count: int, t: datetime) -> Reading | None:
        ends = latest_schedule(t, count, max_per_month)
        reading = reader.read(_with_new(history, ends, size, as_of), t)
        return reading if reading.at_or_above(target) else None

    def fewest_at(t: datetime, limit: int) -> int | None:
        """The fewest contracts (at most `limit`) that show the target at t."""
        if limit < 0 or shows(limit, t) is None:
            return None
        low, high = 0, limit
        while low < high:
            middle = (low + high) // 2
            if shows(middle, t) is not None:
                high = middle
            else:
                low = middle + 1
        return high

    best: int | None = 0 if now.at_or_above(target) else None
    best_at = as_of
    # Every time fewer contracts become enough: with that many, the earliest day it shows.
    sooner: list[tuple[int, datetime]] = []
    for t in sorted(e for e in events if e <= by):
        if best == 0:
            break
        limit = capacity(as_of, t, max_per_month, LEAD_DAYS)
        if best is not None:
            limit = min(limit, best - 1)
        found = fewest_at(t, limit)
        if found is not None:
            best, best_at = found, t
            sooner.append((found, t))

    nearest = nearest_count = None
    nearest_schedule: tuple[datetime, ...] = ()
    if best is None:
        for t in sorted(e for e in events if e > by):
            found = fewest_at(t, capacity(as_of, t, max_per_month, LEAD_DAYS))
            if found is not None:
                nearest_count = found
                nearest_schedule = latest_schedule(t, found, max_per_month)
                nearest = shows(found, t)
                break
    schedule = latest_schedule(best_at, best, max_per_month) if best else ()
    reached = None
    if best is not None:
        reached = now if best_at == as_of else shows(best, best_at)
    return Recovery(
        target=target,
        as_of=as_of,
        by=by,
        policy_name=policy.name,
        size=size,
        max_per_month=max_per_month,
        now=now,
        contracts=best,
        reached=reached,
        schedule=schedule,
        nearest=nearest,
        nearest_contracts=nearest_count,
        nearest_schedule=nearest_schedule,
        searched_to=by if best is not None else horizon,
        options=tuple(sooner),
    )


def fewest_of_sizes(
    history: History,
    policy: Policy,
    as_of: datetime,
    sizes: Sequence[Decimal],
    **options: Any,
) -> Recovery:
    """`fewest_contracts` for each contract size, and the size that needs the fewest (then
    the soonest, then the smallest size)."""
    history = history.known_at(as_utc(as_of))
    if not sizes:
        return fewest_contracts(history, policy, as_of, **options)
    answers = [fewest_contracts(history, policy, as_of, size=size, **options) for size in sizes]

    def key(answer: Recovery) -> tuple[int, int, datetime, Decimal]:
        if answer.contracts is not None and answer.reached is not None:
            return (0, answer.contracts, answer.reached.at, answer.size)
        if answer.nearest is not None and answer.nearest_contracts is not None:
            return (1, answer.nearest_contracts, answer.nearest.at, answer.size)
        return (2, 0, answer.by, answer.size)

    best = min(answers, key=key)
    if len(answers) > 1:
        best = replace(best, sizes_tried=tuple(sizes))
    return best


def date_at_pace(
    history: History,
    policy: Policy,
    as_of: datetime,
    *,
    per_month: float,
    size: Decimal | None = None,
    target: float = 90.0,
    horizon_months: int = 24,
) -> PaceRecovery:
    as_of = as_utc(as_of)
    # Only what had happened by `as_of`: an answer never rests on facts dated later.
    history = history.known_at(as_of)
    size = size if size is not None else typical_size(history)
    _check(target, size, per_month)
    horizon = shift_months(as_of, horizon_months)
    step = SPAN / per_month
    ends = []
    at = as_of + max(step, timedelta(days=LEAD_DAYS))
    while at <= horizon:
        ends.append(at)
        at += step
    paced = _with_new(history, tuple(ends), size, as_of)
    reader = CATALOG.reader(policy)
    now = reader.read(history, as_of)
    reached = now if now.at_or_above(target) else None
    if reached is None:
        instants = _event_instants(history, policy, as_of, horizon) | set(ends)
        for t in sorted(instants):
            reading = reader.read(paced, t)
            if reading.at_or_above(target):
                reached = reading
                break
    by_then = sum(1 for e in ends if reached is not None and e <= reached.at)
    return PaceRecovery(
        target=target,
        as_of=as_of,
        policy_name=policy.name,
        per_month=per_month,
        size=size,
        now=now,
        reached=reached,
        contracts_by_then=by_then,
        horizon=horizon,
    )
