"""Rules 1-3 of the upwork policy: which contracts count, and whether each went well."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

from jobscore.domain.enums import DisputeResult, Outcome
from jobscore.domain.facts import ContractFacts, History
from jobscore.instants import full_quarters_between
from jobscore.scoring.result import Exclusion
from jobscore.scoring.upwork.policy import UpworkPolicy
from jobscore.scoring.upwork.weights import contract_weight

__all__ = [
    "Classification",
    "SettledMemo",
    "classify",
    "classify_remembering",
    "feedback_outcome",
    "is_steady_long_term",
    "settled_at",
]


@dataclass(frozen=True, slots=True)
class Classification:
    """One contract as of one instant: counted with an outcome, or excluded with a reason."""

    contract: ContractFacts
    outcome: Outcome | None
    excluded_because: Exclusion | None
    weight: float
    #: The instant that places the contract in windows: its end, or the as-of instant for an
    #: open long-term contract.
    placed_at: datetime | None

    @property
    def counted(self) -> bool:
        return self.excluded_because is None


def is_steady_long_term(c: ContractFacts, policy: UpworkPolicy, as_of: datetime) -> bool:
    """Open, running for a long time, and paid at least once in every 90-day period so far."""
    last = c.last_paid_by(as_of)
    if last is None or c.net_earned_by(as_of) <= 0:
        return False
    if as_of - c.started_at < timedelta(days=policy.long_term_min_days):
        return False
    max_gap = timedelta(days=policy.long_term_max_gap_days)
    if as_of - last > max_gap:
        return False
    if c.ledger:
        # Dated payments show every gap, not only whole unpaid quarters: one gap longer than
        # the limit at any time so far ends the steady run for good.
        paid = [at for at, amount in c.ledger if amount > 0 and at <= as_of]
        marks = [c.started_at, *paid, as_of]
        return all(later - earlier <= max_gap for earlier, later in pairwise(marks))
    return c.quarters_paid_by(as_of) >= full_quarters_between(c.started_at, last)


def feedback_outcome(c: ContractFacts, policy: UpworkPolicy) -> Outcome | None:
    """Outcome from the feedback alone: the private score when there is one, else the stars."""
    if c.private_score is not None:
        if c.private_score >= policy.private_good_min:
            return Outcome.GOOD
        if c.private_score >= policy.private_neutral_min:
            return Outcome.NEUTRAL
        return Outcome.BAD
    if c.stars is not None:
        if c.stars >= policy.stars_good_min:
            return Outcome.GOOD
        if c.stars >= policy.stars_neutral_min:
            return Outcome.NEUTRAL
        return Outcome.BAD
    return None


def _is_bad_whatever_the_stars(c: ContractFacts, policy: UpworkPolicy) -> bool:
    return c.dispute is DisputeResult.LOST or c.end_reason in policy.bad_end_reasons


def classify(
    c: ContractFacts, history: History, policy: UpworkPolicy, as_of: datetime
) -> Classification:
    def excluded(reason: Exclusion) -> Classification:
        return Classification(c, None, reason, 0.0, None)

    if c.started_at > as_of:
        return excluded(Exclusion.NOT_STARTED)
    if c.ended_at is None or c.ended_at > as_of:
        if is_steady_long_term(c, policy, as_of):
            weight = contract_weight(c, policy, as_of)
            return Classification(c, Outcome.GOOD, None, weight, as_of)
        return excluded(Exclusion.OPEN)

    feedback_at = c.feedback_instant
    visible = feedback_at is not None and feedback_at <= as_of and not c.is_mid_contract_feedback
    # A removed feedback counts nowhere, also when it was removed with its stars.
    if c.feedback_removed and (visible or not c.has_feedback):
        return excluded(Exclusion.REMOVED)
    if visible and history.is_client_flagged(c):
        return excluded(Exclusion.FLAGGED_CLIENT)

    outcome = feedback_outcome(c, policy) if visible else None
    if outcome is None:
        if policy.no_feedback_outcome is None:
            return excluded(
                Exclusion.MID_CONTRACT_FEEDBACK
                if c.is_mid_contract_feedback
                else Exclusion.NO_FEEDBACK
            )
        if history.is_client_flagged(c):
            return excluded(Exclusion.FLAGGED_CLIENT)
        outcome = policy.no_feedback_outcome
    if _is_bad_whatever_the_stars(c, policy):
        outcome = Outcome.BAD

    if c.net_earned_by(as_of) <= 0:
        if outcome not in policy.zero_earnings_counted:
            return excluded(Exclusion.ZERO_EARNINGS)
        return Classification(c, outcome, None, policy.zero_earnings_weight, c.ended_at)
    weight = contract_weight(c, policy, money_as_of=as_of)
    return Classification(c, outcome, None, weight, c.ended_at)


def settled_at(c: ContractFacts) -> datetime | None:
    """The instant from which `classify` gives `c` the same classification as of every later
    instant: once it has started and ended and its feedback, if any, is dated. None while
    the contract is open (a long-term contract's standing changes with every payment)."""
    if c.ended_at is None:
        return None
    # Dated money moves the classification until its last payment or refund.
    moved = max((at for at, _ in c.ledger), default=c.ended_at)
    return max(c.started_at, c.ended_at, c.feedback_instant or c.ended_at, moved)


#: The classification of each settled contract, by contract identity. It holds for every
#: instant from `settled_at` on, so one memo serves many instants and many variants of one
#: history (the tools' paths), under one policy.
SettledMemo = dict[int, tuple[ContractFacts, Classification]]


def classify_remembering(
    c: ContractFacts, history: History, policy: UpworkPolicy, as_of: datetime, memo: SettledMemo
) -> Classification:
    """`classify`, classifying a settled contract once for every later instant."""
    settled = settled_at(c)
    if settled is None or as_of < settled:
        return classify(c, history, policy, as_of)
    hit = memo.get(id(c))
    if hit is not None and hit[0] is c:
        return hit[1]
    item = classify(c, history, policy, as_of)
    memo[id(c)] = (c, item)
    return item
