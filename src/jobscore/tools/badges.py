"""badges: the badges a freelancer holds, and for each badge the rules it rests on, with the
figure each rule reads, the figure it needs, and whether it is met.

The badges themselves come from the policy's scorer (`CATALOG.score`), which is what a
profile shows; the standings here set out the same rules as figures, so that a freelancer
sees what a missing badge needs ("$640 more earned in 12 months"). A test holds them to the
scorer: a badge is held exactly when every one of its rules is met.

A policy states its badge rules among its parameters (`top_rated_min_score`, ...); one that
states none (`bayes`) awards no badges, and its standings are empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from jobscore.domain.enums import Outcome
from jobscore.domain.facts import ContractFacts, History
from jobscore.instants import as_utc, shift_months
from jobscore.money import ZERO
from jobscore.scoring.catalog import CATALOG
from jobscore.scoring.result import HoldStatus, Policy, ScoreResult
from jobscore.scoring.upwork.badges import (
    EXPERT_VETTED,
    RISING_TALENT,
    TOP_RATED,
    TOP_RATED_PLUS,
)

__all__ = ["BadgeReport", "BadgeStanding", "Requirement", "badge_report"]


@dataclass(frozen=True, slots=True)
class Requirement:
    """One rule of a badge: what it reads (`value`), what it needs, and whether it is met.

    Rules: `no_score_yet`, `profile_complete`, `last_active` (an instant; `needed` is days),
    `no_hold`, `score`, `weeks_at_score` (of `weeks_considered` weekly readings),
    `earned_12m`, `days_since_first_contract`, `top_rated`, `largest_contract_12m` (the
    largest contract of the last 12 months without a bad outcome), `granted_by_hand`.
    """

    rule: str
    value: Any
    needed: Any
    met: bool
    weeks_considered: int | None = None


@dataclass(frozen=True, slots=True)
class BadgeStanding:
    badge: str
    held: bool
    requirements: tuple[Requirement, ...]

    @property
    def missing(self) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if not r.met)


@dataclass(frozen=True, slots=True)
class BadgeReport:
    policy_name: str
    policy_version: str
    as_of: datetime
    score: float | None
    eligible: bool
    window: str | None
    badges: tuple[str, ...]
    hold: HoldStatus
    earned_12m: Decimal
    first_contract_at: datetime | None
    standings: tuple[BadgeStanding, ...]


def badge_report(
    history: History, policy: Policy, as_of: datetime, judged_by: History | None = None
) -> BadgeReport:
    """The badges of `history` as of `as_of` under `policy`, and each badge's rules.

    `judged_by` is the history whose outcomes the one rule about a single contract's outcome
    reads (Top Rated Plus: a large contract without a bad outcome); by default `history`.
    Give the history without private feedback to answer someone who may not learn what a
    private score decided."""
    as_of = as_utc(as_of)
    # Only what had happened by `as_of`: an answer never rests on facts dated later.
    history = history.known_at(as_of)
    result = CATALOG.score(history, policy, as_of)
    at = result.computed_as_of or as_of
    earned = _earned_12m(history, at)
    standings: tuple[BadgeStanding, ...] = ()
    rules = policy.parameters()
    if "top_rated_min_score" in rules:
        judged = result if judged_by is None else _judged(judged_by, policy, as_of)
        standings = _standings(history, policy, rules, at, result, judged, earned)
    return BadgeReport(
        policy_name=result.policy_name,
        policy_version=result.policy_version,
        as_of=as_of,
        score=result.score,
        eligible=result.eligible,
        window=result.window,
        badges=result.badges,
        hold=result.hold,
        earned_12m=earned,
        first_contract_at=history.first_started_at(),
        standings=standings,
    )


def _judged(history: History, policy: Policy, as_of: datetime) -> ScoreResult:
    return CATALOG.score_without_points(history.known_at(as_of), policy, as_of)


def _earned_12m(history: History, at: datetime) -> Decimal:
    start = shift_months(at, -12)
    return sum((c.net_earned_between(start, at) for c in history.contracts), ZERO)


def _last_active(history: History, at: datetime) -> datetime | None:
    """The latest instant the freelancer was at work: now while a contract is open."""
    found: list[datetime] = []
    for c in history.contracts:
        if c.started_at > at:
            continue
        if c.ended_at is None or c.ended_at > at:
            return at
        found += [c.started_at, c.ended_at]
        if c.last_paid_at <= at:
            found.append(c.last_paid_at)
    return max(found, default=None)


def _largest_without_bad(history: History, judged: ScoreResult, at: datetime) -> Decimal:
    start = shift_months(at, -12)
    outcomes = {item.contract_id: item.outcome for item in judged.contracts}

    def amount(c: ContractFacts) -> Decimal:
        if c.ended_at is None or c.ended_at > at:
            # An open contract counts by what it earned in the last 12 months.
            return c.net_earned_between(start, at)
        return c.net_earned_by(at) if start < c.ended_at else ZERO

    amounts = [amount(c) for c in history.contracts if outcomes.get(c.contract_id) != Outcome.BAD]
    return max(amounts, default=ZERO)


def _weeks_at(
    history: History, policy: Policy, at: datetime, now: float | None, bar: float, weeks: int
) -> int:
    """Weekly readings at or above `bar` among the last `weeks`, this week's being `now`."""
    reader = CATALOG.reader(policy)
    readings = [now] + [
        reader.read(history, at - timedelta(weeks=k)).score for k in range(1, weeks)
    ]
    return sum(1 for s in readings if s is not None and s >= bar)


def _standings(
    history: History,
    policy: Policy,
    rules: dict[str, Any],
    at: datetime,
    result: ScoreResult,
    judged: ScoreResult,
    earned: Decimal,
) -> tuple[BadgeStanding, ...]:
    freelancer = history.freelancer
    complete = freelancer.profile_complete if freelancer else True
    vetted = freelancer.expert_vetted if freelancer else False
    held = result.hold.held
    score = result.score
    no_hold = Requirement("no_hold", held, False, not held)

    active_days = rules["rising_talent_active_days"]
    last = _last_active(history, at)
    rising = (
        Requirement("no_score_yet", score, None, score is None),
        Requirement("profile_complete", complete, True, complete),
        Requirement(
            "last_active",
            last,
            active_days,
            last is not None and last > at - timedelta(days=active_days),
        ),
        no_hold,
    )

    bar = rules["top_rated_min_score"]
    considered = rules["top_rated_weeks_considered"]
    weeks = _weeks_at(history, policy, at, score, bar, considered)
    first = history.first_started_at()
    tenure = (at - first).days if first is not None else None
    min_tenure = rules["top_rated_min_tenure_days"]
    top = (
        Requirement("score", score, bar, score is not None and score >= bar),
        Requirement(
            "weeks_at_score",
            weeks,
            rules["top_rated_weeks_required"],
            weeks >= rules["top_rated_weeks_required"],
            weeks_considered=considered,
        ),
        Requirement(
            "earned_12m",
            earned,
            rules["top_rated_min_earnings_12m"],
            earned >= rules["top_rated_min_earnings_12m"],
        ),
        Requirement(
            "days_since_first_contract",
            tenure,
            min_tenure,
            first is not None and at - first > timedelta(days=min_tenure),
        ),
        no_hold,
    )
    largest = _largest_without_bad(history, judged, at)
    top_rated = TOP_RATED in result.badges
    plus = (
        Requirement("top_rated", top_rated, True, top_rated),
        Requirement(
            "earned_12m",
            earned,
            rules["top_rated_plus_min_earnings_12m"],
            earned >= rules["top_rated_plus_min_earnings_12m"],
        ),
        Requirement(
            "largest_contract_12m",
            largest,
            rules["top_rated_plus_min_contract"],
            largest >= rules["top_rated_plus_min_contract"],
        ),
    )
    vetted_rules = (Requirement("granted_by_hand", vetted, True, vetted), no_hold)
    return tuple(
        BadgeStanding(badge, badge in result.badges, requirements)
        for badge, requirements in (
            (RISING_TALENT, rising),
            (TOP_RATED, top),
            (TOP_RATED_PLUS, plus),
            (EXPERT_VETTED, vetted_rules),
        )
    )
