"""Soft evidence of the `bayes` policy: how much each counted contract says its outcome was good.

Every signal enters one weighted sum `x` (a logit), and `p` is a logistic of it stretched by
`certainty_margin` and clipped, so that overwhelming evidence is certain (p = 0 or 1) rather
than merely close to it. That stretch is what lets a certain good outcome never lower a score
(a posterior mean can only rise when p = 1). Each term moves x the same way whatever the other
terms are, so p is monotone in every signal. Everything here is per-contract column arithmetic,
apart from the rehire flag, which looks at the same client's later contracts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from jobscore.domain.enums import DisputeResult
from jobscore.domain.facts import ContractFacts
from jobscore.scoring.bayes.policy import BayesPolicy

__all__ = [
    "Signals",
    "client_credibility",
    "client_leniency",
    "evidence_logit",
    "evidence_probability",
    "pseudo_outcomes",
    "rehired",
    "rehires",
]


@dataclass(frozen=True, slots=True)
class Signals:
    """What the evidence of one contract is made of, beyond its own row."""

    leniency: float
    steady: bool
    rehired: bool = False


def client_leniency(c: ContractFacts, policy: BayesPolicy) -> float:
    """How many stars above the marketplace this client habitually gives, shrunk toward 0.

    `(n·m + k·M) / (n + k) − M` with the client's mean m over n ratings, the marketplace mean
    M and k = `client_habit_prior_count`; 0 when the client's habit is unknown.
    """
    mean, count = c.client_stars_given_mean, c.client_stars_given_count
    if mean is None or not count:
        return 0.0
    k, market = policy.client_habit_prior_count, policy.market_stars_mean
    return (count * mean + k * market) / (count + k) - market


def client_credibility(leniency: float, policy: BayesPolicy) -> float:
    """How much a client's feedback is worth: 1 / (1 + (leniency / credibility_scale)²)."""
    return 1.0 / (1.0 + (leniency / policy.credibility_scale) ** 2)


def _refund_share(c: ContractFacts, as_of: datetime) -> float:
    earned, refunded = c.money_by(as_of)
    if earned <= 0:
        return 0.0
    return min(float(refunded / earned), 1.0)


def evidence_logit(
    c: ContractFacts, policy: BayesPolicy, signals: Signals, as_of: datetime
) -> float:
    """The weighted sum x of one counted contract's signals (docs/scoring-bayes.md, step 1),
    from what is known as of `as_of`: feedback once it shows (final, not mid-contract), and
    the end's dispute and reason once the contract has ended."""
    x = policy.intercept
    given = c.feedback_instant
    if given is not None and given <= as_of and not c.is_mid_contract_feedback:
        if c.private_score is not None:
            habit = policy.private_habit_points * signals.leniency
            x += policy.private_coef * (c.private_score - policy.private_center - habit)
        if c.stars is not None:
            centre = policy.market_stars_mean - policy.stars_below_market
            x += policy.stars_coef * (c.stars - centre - signals.leniency)
    if c.ended_at is not None and c.ended_at <= as_of:
        if c.dispute is DisputeResult.LOST:
            x += policy.dispute_lost_coef
        elif c.dispute is DisputeResult.WON:
            x += policy.dispute_won_coef
        x += policy.end_reason_coef(c.end_reason)
    x += policy.refund_coef * _refund_share(c, as_of)
    if signals.rehired:
        x += policy.rehire_coef
    if signals.steady:
        x += policy.steady_coef
    return x


def evidence_probability(x: float, policy: BayesPolicy) -> float:
    """p = clip((1 + 2ε)·σ(x) − ε, 0, 1): a logistic reaching 0 and 1 at finite x."""
    margin = policy.certainty_margin
    sigma = 1.0 / (1.0 + math.exp(-x)) if x >= -700 else 0.0
    return min(1.0, max(0.0, (1.0 + 2.0 * margin) * sigma - margin))


def pseudo_outcomes(p: float, policy: BayesPolicy) -> tuple[float, float]:
    """The good and bad outcomes (per unit of weight) that evidence p stands for.

    "counts": p and 1 − p. "likelihood": the evidence is the likelihood q·p + (1 − q)·(1 − p)
    of quality q, and the outcomes are those whose log-likelihood has the same slope at the
    prior mean m: m·(2p − 1) / L good when p ≥ 1/2, (1 − m)·(1 − 2p) / L bad when p < 1/2,
    with L = p·m + (1 − p)·(1 − m). Certain evidence is one whole outcome (p = 1: one good,
    p = 0: one bad), p = 1/2 none, and each grows with the certainty of p.
    """
    if policy.soft_evidence == "counts":
        return p, 1.0 - p
    mean = policy.prior_alpha / (policy.prior_alpha + policy.prior_beta)
    likely = p * mean + (1.0 - p) * (1.0 - mean)
    if p >= 0.5:
        return mean * (2.0 * p - 1.0) / likely, 0.0
    return 0.0, (1.0 - mean) * (1.0 - 2.0 * p) / likely


def rehired(
    index: int,
    contracts: Sequence[ContractFacts],
    base_p: Sequence[float | None],
    policy: BayesPolicy,
    as_of: datetime,
    peers: Sequence[int] | None = None,
) -> bool:
    """The same client hired again later, and that later contract did not go badly.

    `peers`, when given, are the indices of the same client's contracts: only they can count.

    A later contract qualifies when it started after this one started and by `as_of`, moved
    money (net earnings above 0: a fully refunded job is no vote of confidence), and its own
    evidence without the rehire term (`base_p`, None when it does not count) is at least
    `rehire_min_p`. Only later contracts count, so a bad job can never earn credit for others.
    """
    this = contracts[index]
    for j in range(len(contracts)) if peers is None else peers:
        other = contracts[j]
        if j == index or other.client_id != this.client_id:
            continue
        if this.started_at < other.started_at and rehires(other, base_p[j], policy, as_of):
            return True
    return False


def rehires(later: ContractFacts, p: float | None, policy: BayesPolicy, as_of: datetime) -> bool:
    """Whether `later` makes its client's contracts that started before it rehired (see
    `rehired`): it started by `as_of`, moved money, and its own evidence `p` without the
    rehire term (None when it does not count) is at least `rehire_min_p`. So a contract is
    rehired exactly when the latest start among its client's contracts that rehire is later
    than its own."""
    return (
        later.started_at <= as_of
        and later.net_earned_by(as_of) > 0
        and (p is None or p >= policy.rehire_min_p)
    )
