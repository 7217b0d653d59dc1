"""Each contract's part in the `bayes` posterior as of an instant, and the memo that shares
that work between many readings.

`evidence_terms` gives every contract of a history its classification (counted or why not), soft
evidence p with and without the rehire term (evidence.py), recency decay, client credibility
and weight before the cap, and whether it was rehired. The reference scorer (bayes.py) builds
each contract's explanation from them; the tools' readings sum them straight away.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from jobscore.domain.facts import ContractFacts, History
from jobscore.scoring.bayes.evidence import (
    Signals,
    client_credibility,
    client_leniency,
    evidence_logit,
    evidence_probability,
    rehires,
)
from jobscore.scoring.bayes.policy import BayesPolicy
from jobscore.scoring.result import Exclusion
from jobscore.scoring.upwork.outcomes import (
    Classification,
    classify,
    is_steady_long_term,
    settled_at,
)
from jobscore.scoring.upwork.weights import contract_weight

__all__ = [
    "DAYS_PER_MONTH",
    "EvidenceMemo",
    "Terms",
    "evidence_terms",
    "value_weight",
]

#: Ages are measured in days; a month of half-life is an average Gregorian month.
DAYS_PER_MONTH = 365.25 / 12


class Terms(NamedTuple):
    """What one contract brings before the rehire check: its classification, signals, and
    logit and probability without the rehire term and with it (None when it does not count);
    whether it makes its client's earlier contracts rehired (`rehires`); and, when it counts,
    its recency decay, its client's credibility and its weight before the cap.

    A named tuple rather than a frozen dataclass: the tools build one for every contract at
    every instant they read, and a tuple is built several times faster."""

    item: Classification
    signals: Signals | None
    logit: float | None
    p: float | None
    rehires: bool
    p_rehired: float | None = None
    decay: float = 0.0
    credibility: float = 1.0
    weight: float = 0.0


@dataclass(slots=True)
class EvidenceMemo:
    """Per-contract terms kept by contract identity. They depend only on the contract, the
    instant, the policy and the history's clients, so one memo may serve many readings of
    variants of one history (the tools' paths) under one policy.

    `settled` holds each contract's `settled_at` and, once settled, its terms then: only the
    recency decay changes later, and it is cheaper to work out than to look up. `at` holds
    the terms of the contracts not yet settled, at each instant read.
    """

    at: dict[tuple[int, datetime], tuple[ContractFacts, Terms]] = field(default_factory=dict)
    settled: dict[int, tuple[ContractFacts, datetime | None, Terms | None]] = field(
        default_factory=dict
    )


def _contract_terms(
    c: ContractFacts,
    history: History,
    policy: BayesPolicy,
    as_of: datetime,
    memo: EvidenceMemo | None,
) -> Terms:
    """One contract's terms as of `as_of`, from `memo` when it has them."""
    if memo is None:
        return _classified(c, history, policy, as_of)
    known = memo.settled.get(id(c))
    if known is None or known[0] is not c:
        settled = settled_at(c)
        then = None if settled is None else _classified(c, history, policy, settled)
        known = memo.settled[id(c)] = (c, settled, then)
    _, settled, then = known
    if settled is not None and then is not None and settled < as_of:
        # Only the decay is left to work out: cheaper than keeping it by instant.
        return _decayed(then, as_of, policy)
    key = (id(c), as_of)
    hit = memo.at.get(key)
    if hit is not None and hit[0] is c:
        return hit[1]
    terms = _classified(c, history, policy, as_of)
    memo.at[key] = (c, terms)
    return terms


def _unrated_end(
    item: Classification, history: History, policy: BayesPolicy, as_of: datetime
) -> Classification:
    """A contract excluded for want of feedback, read by its end alone when the policy says
    so: it ended, money changed hands (a full refund still changes nothing), and its client
    is not flagged. It weighs as a counted contract would."""
    c = item.contract
    if (
        not policy.read_unrated_ends
        or item.excluded_because is not Exclusion.NO_FEEDBACK
        or c.feedback_removed
        or c.net_earned_by(as_of) <= 0
        or history.is_client_flagged(c)
    ):
        return item
    weight = contract_weight(c, policy.counting, money_as_of=as_of)
    return Classification(c, None, None, weight, c.ended_at)


def _classified(c: ContractFacts, history: History, policy: BayesPolicy, as_of: datetime) -> Terms:
    """One contract's terms as of `as_of`, from its classification."""
    item = _unrated_end(classify(c, history, policy.counting, as_of), history, policy, as_of)
    signals = (
        Signals(
            leniency=client_leniency(c, policy),
            steady=(c.ended_at is None or c.ended_at > as_of)
            and is_steady_long_term(c, policy.counting, as_of),
        )
        if item.counted
        else None
    )
    if signals is None or item.placed_at is None:
        return Terms(item, signals, None, None, rehires(c, None, policy, as_of))
    # The rehire term is added to the logit last, so each contract's logit is computed once.
    logit = evidence_logit(c, policy, signals, as_of)
    p = evidence_probability(logit, policy)
    terms = Terms(
        item,
        signals,
        logit,
        p,
        rehires(c, p, policy, as_of),
        evidence_probability(logit + policy.rehire_coef, policy),
        credibility=client_credibility(signals.leniency, policy),
    )
    return _decayed(terms, as_of, policy)


def value_weight(weight: float, policy: BayesPolicy) -> float:
    """The counting policy's weight raised to `value_weighting`."""
    power = policy.value_weighting
    return weight if power == 1.0 else (1.0 if power == 0.0 else weight**power)


def _decayed(terms: Terms, as_of: datetime, policy: BayesPolicy) -> Terms:
    """The terms with the recency decay, and the weight before the cap, as of `as_of`."""
    placed_at = terms.item.placed_at
    if terms.logit is None or placed_at is None:
        return terms
    age_days = max((as_of - placed_at).total_seconds() / 86400.0, 0.0)
    decay = 0.5 ** (age_days / (policy.half_life_months * DAYS_PER_MONTH))
    # The same product, in the same order, as `ContractEvidence.weight`.
    weight = value_weight(terms.item.weight, policy) * decay * terms.credibility
    return Terms(
        terms.item,
        terms.signals,
        terms.logit,
        terms.p,
        terms.rehires,
        terms.p_rehired,
        decay,
        terms.credibility,
        weight,
    )


def evidence_terms(
    history: History, policy: BayesPolicy, as_of: datetime, memo: EvidenceMemo | None
) -> list[tuple[Terms, bool, float]]:
    """Each contract's terms, in the history's order, with whether it was rehired and its
    probability p (with the rehire term when it was; 0 when it does not count)."""
    contracts = history.contracts
    terms = [_contract_terms(c, history, policy, as_of, memo) for c in contracts]
    # `rehired`, for every contract at once: a contract was rehired when one of its client's
    # contracts that rehire started after it, that is, when the latest of them did.
    latest: dict[str, datetime] = {}
    for c, t in zip(contracts, terms, strict=True):
        if t.rehires and (c.client_id not in latest or c.started_at > latest[c.client_id]):
            latest[c.client_id] = c.started_at
    out = []
    for c, t in zip(contracts, terms, strict=True):
        if t.p is None or t.p_rehired is None:
            out.append((t, False, 0.0))
            continue
        again = c.client_id in latest and latest[c.client_id] > c.started_at
        out.append((t, again, t.p_rehired if again else t.p))
    return out
