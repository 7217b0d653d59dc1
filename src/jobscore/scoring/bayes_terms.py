"""Each contract's part in the `bayes` posterior as of an instant, and the memo that shares
that work between many readings.

`evidence_terms` gives every contract of a history its classification (§3 rules 1-2), soft
evidence p with and without the rehire term (evidence.py), recency decay, client credibility
and weight before the cap, and whether it was rehired. The reference scorer (bayes.py) builds
each contract's explanation from them; the tools' readings sum them straight away.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from jobscore.domain.facts import ContractFacts, History
from jobscore.scoring.bayes_policy import BayesPolicy
from jobscore.scoring.evidence import (
    Signals,
    client_credibility,
    client_leniency,
    evidence_logit,
    evidence_probability,
    rehires,
)
from jobscore.scoring.outcomes import Classification, classify, is_steady_long_term, settled_at

__all__ = [
    "DAYS_PER_MONTH",
    "EvidenceMemo",
    "Terms",
    "evidence_terms",
]

#: Ages are measured in days; a month of half-life is an average Gregorian month.
DAYS_PER_MONTH = 365.25 / 12


#: Per-contract terms that depend only on the contract, the as-of instant, the policy and the
#: history's clients, kept by contract identity: one memo may serve many scorings of variants
#: of one history (the tools' what-if paths) under one policy.
EvidenceMemo = dict[tuple[int, datetime], tuple[ContractFacts, "Terms"]]


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


def _contract_terms(
    c: ContractFacts,
    history: History,
    policy: BayesPolicy,
    as_of: datetime,
    memo: EvidenceMemo | None,
) -> Terms:
    """One contract's terms as of `as_of`, from `memo` when it has them."""
    key = (id(c), as_of)
    if memo is not None:
        hit = memo.get(key)
        if hit is not None and hit[0] is c:
            return hit[1]
        settled = settled_at(c)
        if settled is not None and settled < as_of:
            # From `settled` on only the recency decay changes: classify once, then age.
            terms = _decayed(_contract_terms(c, history, policy, settled, memo), as_of, policy)
            memo[key] = (c, terms)
            return terms
    item = classify(c, history, policy.counting, as_of)
    signals = (
        Signals(
            leniency=client_leniency(c, policy),
            steady=c.ended_at is None and is_steady_long_term(c, policy.counting, as_of),
        )
        if item.counted
        else None
    )
    if signals is None or item.placed_at is None:
        terms = Terms(item, signals, None, None, rehires(c, None, policy, as_of))
    else:
        # The rehire term is added to the logit last, so each contract's logit is computed once.
        logit = evidence_logit(c, policy, signals)
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
        terms = _decayed(terms, as_of, policy)
    if memo is not None:
        memo[key] = (c, terms)
    return terms


def _decayed(terms: Terms, as_of: datetime, policy: BayesPolicy) -> Terms:
    """The terms with the recency decay, and the weight before the cap, as of `as_of`."""
    placed_at = terms.item.placed_at
    if terms.logit is None or placed_at is None:
        return terms
    age_days = max((as_of - placed_at).total_seconds() / 86400.0, 0.0)
    decay = 0.5 ** (age_days / (policy.half_life_months * DAYS_PER_MONTH))
    # The same product, in the same order, as `ContractEvidence.weight`.
    weight = terms.item.weight * decay * terms.credibility
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
