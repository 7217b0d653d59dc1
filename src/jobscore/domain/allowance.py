"""The removal allowance a policy may grant a freelancer: one removal of a client's feedback
every 3 months, after 10 or more completed contracts since the last such removal, refused
where the removal would lower the score.

The counting is part of the log's rules, and `apply` holds every removal recorded under the
allowance to it (`check_allowance`). Whether a removal would lower the score depends on a
policy, which the domain does not know: `check_removal_allowance` takes the scorer as an
argument, and whoever records a removal under the allowance calls it first, where the
allowance is on. That check is not replayed with the log, since a policy may change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime

from jobscore.domain.enums import EndReason, Party
from jobscore.domain.events import FeedbackRemoved
from jobscore.domain.facts import History
from jobscore.domain.market import ContractState, MarketState
from jobscore.domain.market_facts import history_of
from jobscore.domain.rules import Rule, known_contract, refuse
from jobscore.instants import shift_months

__all__ = [
    "ALLOWANCE_AFTER_CONTRACTS",
    "ALLOWANCE_EVERY_MONTHS",
    "allowance_removals",
    "check_allowance",
    "check_removal_allowance",
    "completed_between",
]

ALLOWANCE_EVERY_MONTHS = 3
ALLOWANCE_AFTER_CONTRACTS = 10


def allowance_removals(state: MarketState, freelancer_id: str) -> list[FeedbackRemoved]:
    """The removals of the freelancer's feedback made under the allowance, oldest first."""
    found: Iterator[FeedbackRemoved] = (
        feedback.removal
        for contract in state.contracts_of(freelancer_id)
        for feedback in contract.feedback.values()
        if feedback.removal is not None and feedback.removal.under_allowance
    )
    return sorted(found, key=lambda r: (r.at, r.contract_id))


def completed_between(
    state: MarketState, freelancer_id: str, after: datetime | None, until: datetime
) -> int:
    """The freelancer's contracts that ended as completed in (after, until]."""
    return sum(
        1
        for c in state.contracts_of(freelancer_id)
        if c.end is not None
        and c.end.reason is EndReason.COMPLETED
        and (after is None or c.end.at > after)
        and c.end.at <= until
    )


def check_allowance(state: MarketState, contract: ContractState, removal: FeedbackRemoved) -> None:
    """Refuse a removal under the allowance that comes within 3 months of another one, or
    with fewer than 10 completed contracts since the one before it (or before the next one,
    when it is back-filled between two)."""
    freelancer = contract.opened.freelancer_id
    others = allowance_removals(state, freelancer)
    before = [r for r in others if r.at <= removal.at]
    after = [r for r in others if r.at > removal.at]
    last = before[-1] if before else None
    following = after[0] if after else None
    record = contract.record
    for earlier, later in ((last, removal), (removal, following)):
        if earlier is None or later is None:
            continue
        if later.at < shift_months(earlier.at, ALLOWANCE_EVERY_MONTHS):
            other = earlier if later is removal else later
            refuse(
                Rule.REMOVAL_ALLOWANCE_TOO_SOON,
                f"one removal every {ALLOWANCE_EVERY_MONTHS} months; another was made on "
                f"{other.at:%Y-%m-%d}",
                record=record,
                field="at",
            )
    spans: list[tuple[datetime | None, datetime]] = [(last.at if last else None, removal.at)]
    if following is not None:
        spans.append((removal.at, following.at))
    for since, until in spans:
        completed = completed_between(state, freelancer, since, until)
        if completed < ALLOWANCE_AFTER_CONTRACTS:
            when = f"from {since:%Y-%m-%d} to {until:%Y-%m-%d}" if since else "in all"
            refuse(
                Rule.REMOVAL_ALLOWANCE_NOT_EARNED,
                f"{completed} completed contracts {when}; the allowance needs "
                f"{ALLOWANCE_AFTER_CONTRACTS} or more since the last removal under it",
                record=record,
                field="under_allowance",
            )


#: Scores a history (as of the removal); None when the policy shows no score.
Scorer = Callable[[History], float | None]


def check_removal_allowance(state: MarketState, removal: FeedbackRemoved, score: Scorer) -> None:
    """Refuse a removal under the allowance that would lower the freelancer's score as of
    the removal: scored with and without the feedback. A score that would disappear counts
    as lowered; removing feedback from a history with no score lowers nothing."""
    contract = known_contract(state, removal.contract_id)
    target = contract.feedback.get(removal.of)
    if target is None or removal.of is not Party.CLIENT:
        return  # `apply` refuses it by name
    freelancer = contract.opened.freelancer_id
    without = state.with_contract(
        contract.with_feedback(removal.of, replace(target, removal=removal))
    )
    before = score(history_of(state, freelancer, removal.at))
    after = score(history_of(without, freelancer, removal.at))
    if before is not None and (after is None or after < before):
        refuse(
            Rule.REMOVAL_WOULD_LOWER_SCORE,
            f"removing it would lower the score from {before:g} to "
            f"{'no score' if after is None else format(after, 'g')}",
            record=contract.record,
            field="under_allowance",
        )
