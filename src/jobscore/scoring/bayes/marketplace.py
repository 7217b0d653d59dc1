"""The `bayes` policy fitted to a whole marketplace: the stars habit of every client, the
marketplace's mean stars, and the prior by empirical Bayes.

A single history carries its clients' habits in the `client_stars_given_mean/count` columns
(or not at all). When every freelancer is at hand, the habits are computed here from the
feedback each client gave anyone, and written into those columns, so that scoring one
history afterwards reads them exactly as it would read an imported file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from jobscore.domain.facts import ContractFacts, History
from jobscore.scoring.bayes.policy import BayesPolicy
from jobscore.scoring.bayes.prior import FittedPrior, fit_beta_prior
from jobscore.scoring.bayes.scorer import gather_evidence, posterior

__all__ = [
    "TOO_LITTLE_DATA",
    "MarketplaceFit",
    "client_habits",
    "fit_to_marketplace",
    "fitted_policy",
    "market_mean",
    "with_client_habits",
]


def _visible_stars(c: ContractFacts, as_of: datetime) -> float | None:
    at = c.feedback_instant
    if c.stars is None or c.feedback_removed or at is None or at > as_of:
        return None
    if c.is_mid_contract_feedback:
        return None
    return c.stars


def client_habits(histories: Sequence[History], as_of: datetime) -> dict[str, tuple[float, int]]:
    """Client id -> (mean public stars given, how many) over feedback visible at `as_of`."""
    sums: dict[str, tuple[float, int]] = {}
    for history in histories:
        for c in history.contracts:
            stars = _visible_stars(c, as_of)
            if stars is None:
                continue
            total, count = sums.get(c.client_id, (0.0, 0))
            sums[c.client_id] = (total + stars, count + 1)
    return {client: (total / count, count) for client, (total, count) in sums.items()}


def with_client_habits(
    histories: Sequence[History], habits: dict[str, tuple[float, int]]
) -> tuple[History, ...]:
    """The histories with every contract's client habit columns set from `habits`."""
    out = []
    for history in histories:
        contracts = tuple(
            replace(
                c,
                client_stars_given_mean=habits[c.client_id][0],
                client_stars_given_count=habits[c.client_id][1],
            )
            if c.client_id in habits
            else c
            for c in history.contracts
        )
        out.append(history.with_contracts(contracts))
    return tuple(out)


def market_mean(habits: dict[str, tuple[float, int]], default: float) -> float:
    """The marketplace's mean public stars: every rating counted once; `default` without any."""
    given = sum(count for _, count in habits.values())
    return sum(mean * count for mean, count in habits.values()) / given if given else default


def fitted_policy(policy: BayesPolicy, market_stars_mean: float, prior: FittedPrior) -> BayesPolicy:
    """The policy with what was measured on the marketplace: its mean stars, and the prior
    unless there was too little to fit one (`prior.freelancers` is 0)."""
    measured = replace(policy, market_stars_mean=market_stars_mean)
    if prior.freelancers == 0:
        return measured
    return measured.with_prior(prior.alpha, prior.beta, prior.describe())


#: What a fit says when there were too few freelancers to fit a prior to.
TOO_LITTLE_DATA = "none (too little data)"


@dataclass(frozen=True, slots=True)
class MarketplaceFit:
    policy: BayesPolicy
    histories: tuple[History, ...]
    prior: FittedPrior
    market_stars_mean: float


def fit_to_marketplace(
    histories: Sequence[History],
    policy: BayesPolicy,
    as_of: datetime,
) -> MarketplaceFit:
    """Measure the marketplace's mean stars and every client's habit, then fit the prior as
    the policy says (`prior_fit`) to the evidence (r, s) of every freelancer worth at least
    `prior_fit_min_outcomes` independent outcomes."""
    habits = client_habits(histories, as_of)
    market = market_mean(habits, policy.market_stars_mean)
    measured = replace(policy, market_stars_mean=market)
    enriched = with_client_habits(histories, habits)
    gathered = [gather_evidence(history, measured, as_of) for history in enriched]
    fitted = measured
    # Read as likelihoods, soft evidence is worth outcomes by the prior's mean: a second fit
    # reads it by the first fit's mean.
    rounds = 2 if policy.soft_evidence == "likelihood" else 1
    for _ in range(rounds):
        evidence: list[tuple[float, float, float]] = []
        for items in gathered:
            post = posterior(items, fitted)
            evidence.append((post.good, post.bad, post.independent_outcomes))
        try:
            prior = fit_beta_prior(
                evidence, method=policy.prior_fit, min_evidence=policy.prior_fit_min_outcomes
            )
        except ValueError:
            # Too small a marketplace to learn from: keep the policy's own prior, and say so.
            prior = FittedPrior(policy.prior_alpha, policy.prior_beta, TOO_LITTLE_DATA, 0)
            return MarketplaceFit(measured, enriched, prior, market)
        fitted = measured.with_prior(prior.alpha, prior.beta, prior.describe())
    return MarketplaceFit(fitted, enriched, prior, market)
