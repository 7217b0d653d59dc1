"""How likely the recorded end of one contract is if the job went well, and if it went badly,
under the simulator's own model of its clients (`clients.py`).

This is the evidence the ideal observer reads (`ideal.py`): each client's true kind, how that
kind ends, refunds, disputes and rates a good and a bad job, how often it leaves feedback and
a private score, and how much public stars are inflated in the month the contract started.
Everything here mirrors a draw of `end_contract`; a test enumerates every record a client
can leave and checks that their chances add up to 1.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from jobscore.domain.enums import DisputeResult, EndReason, Kind
from jobscore.domain.facts import ContractFacts
from jobscore.simulate.clients import (
    BAD_END_REASONS,
    DEFAULT_FEEDBACK_CHANCE,
    DISPUTE_CHANCE,
    DISPUTE_LOST_CHANCE,
    FEEDBACK_CHANCE,
    HOSTILE_BLAME_CHANCE,
    PARTIAL_REFUND_CHANCE,
    RAW_STARS,
    REFUND_TO_AVOID_FEEDBACK,
    ClientKind,
    private_scores,
)

__all__ = ["feedback_pending", "outcome_likelihoods", "stars_chance"]

#: Public stars are recorded to one decimal: a recorded value stands for this half-width.
_HALF_STEP = 0.05


def _raw_below(kind: ClientKind, good: bool, raw: float) -> float:
    """P(raw stars ≤ raw) for a client of `kind` after a good or bad job."""
    low, span, power = RAW_STARS[(kind, good)]
    if raw < low:
        return 0.0
    if span == 0.0:
        return 1.0
    return float(min((raw - low) / span, 1.0) ** (1.0 / power))


def stars_chance(kind: ClientKind, good: bool, stars: float, inflation: float) -> float:
    """The chance that a client of `kind` (not silent) records `stars` public stars."""
    squeeze = 0.0 if kind is ClientKind.HOSTILE else inflation
    # Public stars are 5 − (5 − raw)·(1 − squeeze), rounded: invert both ends of the bin.
    low = 5.0 - (5.0 - (stars - _HALF_STEP)) / (1.0 - squeeze)
    high = 5.0 - (5.0 - (stars + _HALF_STEP)) / (1.0 - squeeze)
    return max(_raw_below(kind, good, high) - _raw_below(kind, good, low), 0.0)


def feedback_pending(ended_at: datetime, as_of: datetime, delay_days: int, hours: int) -> float:
    """The chance that feedback given for a contract that ended at `ended_at` is not yet in
    as of `as_of`: it comes 0 to `delay_days` − 1 days (evenly) and `hours` after the end."""
    late = sum(
        1 for day in range(delay_days) if ended_at + timedelta(days=day, hours=hours) > as_of
    )
    return late / delay_days


def _end_chance(c: ContractFacts, kind: ClientKind, good: bool) -> float:
    """The chance of the contract's end reason, dispute and refund."""
    fixed = c.kind is Kind.FIXED
    refunded = c.refunded > 0
    full = refunded and c.refunded >= c.earned
    reason, dispute = c.end_reason, c.dispute
    if good:
        if refunded or dispute is not None:
            return 0.0
        blame = HOSTILE_BLAME_CHANCE if kind is ClientKind.HOSTILE else 0.0
        if reason is EndReason.COMPLETED:
            return 1.0 - blame
        return blame if reason is EndReason.QUALITY else 0.0
    if dispute is None:
        disputed = 1.0 - DISPUTE_CHANCE
    elif dispute is DisputeResult.LOST:
        disputed = DISPUTE_CHANCE * DISPUTE_LOST_CHANCE
    else:
        disputed = DISPUTE_CHANCE * (1.0 - DISPUTE_LOST_CHANCE)
    if full:
        # Refunded in full: cancelled whatever the reason was, and never rated.
        if not fixed or reason is not EndReason.CANCELLED or c.stars is not None:
            return 0.0
        return disputed * REFUND_TO_AVOID_FEEDBACK
    if dispute is not None:
        ending = disputed if reason is EndReason.DISPUTE else 0.0
    else:
        ending = disputed * dict(BAD_END_REASONS).get(reason or EndReason.OTHER, 0.0)
    if not fixed:
        return 0.0 if refunded else ending
    kept = 1.0 - REFUND_TO_AVOID_FEEDBACK
    return ending * kept * (PARTIAL_REFUND_CHANCE if refunded else 1.0 - PARTIAL_REFUND_CHANCE)


def _feedback_chance(
    c: ContractFacts,
    kind: ClientKind,
    good: bool,
    inflation: float,
    private_chance: float,
    pending: float,
) -> float:
    """The chance of the feedback seen as of the instant (`pending`: the chance that feedback
    given is not in yet)."""
    if c.refunded > 0 and c.refunded >= c.earned:
        return 1.0  # the full-refund branch leaves no feedback, and is counted in the end
    rates = FEEDBACK_CHANCE.get(kind, DEFAULT_FEEDBACK_CHANCE)
    if c.stars is None:
        return 1.0 - rates + rates * pending
    effective = ClientKind.HONEST if kind is ClientKind.SILENT else kind
    chance = rates * (1.0 - pending) * stars_chance(effective, good, c.stars, inflation)
    if c.private_score is None:
        return chance * (1.0 - private_chance)
    values, chances = private_scores(kind, good)
    return (
        chance * private_chance * dict(zip(values, chances, strict=True)).get(c.private_score, 0.0)
    )


def outcome_likelihoods(
    c: ContractFacts,
    kind: ClientKind,
    *,
    inflation: float,
    private_chance: float,
    as_of: datetime,
    pending: float = 0.0,
) -> tuple[float, float]:
    """(P(record | good job), P(record | bad job)) for what is known of `c` as of `as_of`.

    A contract still open as of `as_of` records nothing that depends on how it went: (1, 1).
    Feedback counts once it is in; `pending` is the chance that feedback given for `c` is
    not in yet (`feedback_pending`), and then its stars are not read even if recorded.
    """
    if c.ended_at is None or c.ended_at > as_of:
        return 1.0, 1.0
    seen = c
    if c.stars is not None and (c.feedback_instant is None or c.feedback_instant > as_of):
        seen = ContractFacts(
            contract_id=c.contract_id,
            client_id=c.client_id,
            started_at=c.started_at,
            earned=c.earned,
            kind=c.kind,
            ended_at=c.ended_at,
            end_reason=c.end_reason,
            refunded=c.refunded,
            dispute=c.dispute,
        )
    good, bad = (
        _end_chance(seen, kind, went_well)
        * _feedback_chance(seen, kind, went_well, inflation, private_chance, pending)
        for went_well in (True, False)
    )
    return good, bad
