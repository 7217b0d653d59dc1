"""The displayed score at many instants, as cheaply as the policy allows.

The tools ask one question hundreds of times: what would the displayed score be as of this
instant for this history? Any policy answers it through `Policy.score`. For the `upwork`
family the reference evaluation of rules 1-6 answers the same question without the badges
and explanations, and only over the contracts that can be in a window — contracts that
ended before the longest look-back, or have not started, cannot move a window or
eligibility. Both routes give the same figure; a property test holds them to it. The
`bayes` reference scorer can skip its per-contract explanation and windows: only the
posterior is computed.

A `ReadingMemo` carries per-contract work from one reading to the next, when they are of
one history, or of variants sharing most of its contracts, under one policy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from jobscore.domain.facts import ContractFacts, History
from jobscore.instants import shift_months
from jobscore.scoring.bayes import EvidenceMemo, posterior_parameters, score_bayes
from jobscore.scoring.bayes_policy import BayesPolicy
from jobscore.scoring.outcomes import SettledMemo
from jobscore.scoring.result import Policy, ScoreResult
from jobscore.scoring.upwork import evaluate, recalculated_at
from jobscore.scoring.upwork_policy import UpworkPolicy

__all__ = ["Reading", "ReadingMemo", "read_score", "score_without_points", "still_relevant"]


@dataclass(frozen=True, slots=True)
class Reading:
    """The displayed score and its window as of one instant (None: no score yet)."""

    at: datetime
    score: float | None
    window: str | None

    def at_or_above(self, threshold: float) -> bool:
        return self.score is not None and self.score >= threshold - 1e-9


@dataclass(slots=True)
class ReadingMemo:
    """Per-contract work kept between readings under one policy: each contract's bayes terms
    (see `EvidenceMemo`), and each settled contract's classification (upwork)."""

    evidence: EvidenceMemo = field(default_factory=EvidenceMemo)
    settled: SettledMemo = field(default_factory=dict)


def still_relevant(
    contracts: Iterable[ContractFacts], policy: UpworkPolicy, at: datetime
) -> tuple[ContractFacts, ...]:
    """The contracts that can affect rules 1-6 as of `at`: all but those ended before every
    window and the eligibility period began, and those not started yet."""
    months = max((*policy.window_months, policy.eligibility_months))
    start = shift_months(at, -months)
    return tuple(
        c for c in contracts if (c.ended_at is None or c.ended_at > start) and c.started_at <= at
    )


def read_score(
    policy: Policy, history: History, at: datetime, memo: ReadingMemo | None = None
) -> Reading:
    """The displayed score as of `at`. `memo` keeps per-contract work between readings of
    variants of one history under one policy."""
    if isinstance(policy, BayesPolicy):
        # The same score as `score_bayes`: the posterior mean, without the explanation.
        alpha, beta = posterior_parameters(
            history, policy, at, None if memo is None else memo.evidence
        )
        return Reading(at, 100.0 * (alpha / (alpha + beta)), "all")
    if isinstance(policy, UpworkPolicy):
        instant = recalculated_at(policy, at)
        relevant = history.with_contracts(still_relevant(history.contracts, policy, instant))
        found = evaluate(relevant, policy, instant, None if memo is None else memo.settled)
        return Reading(at, found.score, found.window)
    result = policy.score(history, at)
    return Reading(at, result.score, result.window)


def score_without_points(policy: Policy, history: History, at: datetime) -> ScoreResult:
    """`policy.score(history, at)` with the same score, windows and contracts, but without
    each contract's points where computing them costs a rescoring per contract (bayes)."""
    if isinstance(policy, BayesPolicy):
        return score_bayes(history, policy, at, explain=False)
    return policy.score(history, at)
