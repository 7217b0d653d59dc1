"""The work a freelancer keeps up: pace, months worked, income a month.

Tools that look ahead assume the freelancer goes on working; these say at what rate, from
the freelancer's own record, and build the new contracts that stand for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from jobscore.domain.facts import History
from jobscore.instants import shift_months
from jobscore.money import CENT, ZERO
from jobscore.tools.changes import AddContracts

__all__ = [
    "DAYS_PER_MONTH",
    "Pace",
    "monthly_income_of",
    "months_active",
    "own_pace",
    "pace_contracts",
]

DAYS_PER_MONTH = 30.44


@dataclass(frozen=True, slots=True)
class Pace:
    """New work: good contracts at a steady rate, of one size."""

    per_month: float
    size: Decimal


def pace_contracts(pace: Pace, as_of: datetime, months: int) -> AddContracts:
    """The new contracts of `pace`, ending every 30 / per_month days for `months` months."""
    step = timedelta(days=30 / pace.per_month)
    horizon = shift_months(as_of, months)
    ends = []
    at = as_of + step
    while at <= horizon:
        ends.append(at)
        at += step
    return AddContracts(count=len(ends), amount=pace.size, ends=tuple(ends))


def months_active(history: History, as_of: datetime) -> float:
    """Months worked in the last 12: since the first contract started, if that is later."""
    first = history.first_started_at()
    if first is None or first <= shift_months(as_of, -12):
        return 12.0
    return min(12.0, max(1.0, (as_of - first).days / DAYS_PER_MONTH))


def own_pace(history: History, as_of: datetime) -> Pace:
    """Contracts ended in the last 12 months per month worked, at their median size."""
    start = shift_months(as_of, -12)
    recent = [
        c for c in history.contracts if c.ended_at is not None and start < c.ended_at <= as_of
    ]
    paid = sorted(c.net_earnings for c in recent if c.net_earnings > 0)
    if not paid:
        return Pace(0.0, ZERO)
    middle = len(paid) // 2
    size = paid[middle] if len(paid) % 2 else (paid[middle - 1] + paid[middle]) / 2
    return Pace(len(recent) / months_active(history, as_of), size.quantize(CENT))


def monthly_income_of(history: History, as_of: datetime) -> Decimal:
    # A newcomer's few months are not diluted over a year they did not work.
    start = shift_months(as_of, -12)
    total = sum((c.net_earned_between(start, as_of) for c in history.contracts), ZERO)
    return (total / Decimal(str(round(months_active(history, as_of), 4)))).quantize(CENT)
