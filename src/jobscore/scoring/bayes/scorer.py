"""The reference scorer of the `bayes` policy, as pure functions.

    evidence  each contract: counted or not (as under upwork), its weight (upwork's × recency decay)
              and its soft evidence p (evidence.py)
    cap       each client's total weight scaled down to at most `client_weight_cap`
    posterior Beta(α₀ + Σ w·p, β₀ + Σ w·(1 − p)); the score is its mean × 100

`score_bayes(history, policy, as_of)` is the definition that faster engines are checked
against; docs/scoring-bayes.md writes the same steps as column arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from jobscore.domain.enums import Outcome
from jobscore.domain.facts import ContractFacts, History
from jobscore.instants import as_utc, shift_months
from jobscore.scoring.bayes.beta_distribution import beta_interval
from jobscore.scoring.bayes.evidence import pseudo_outcomes
from jobscore.scoring.bayes.policy import BayesPolicy
from jobscore.scoring.bayes.terms import (
    DAYS_PER_MONTH,
    EvidenceMemo,
    Terms,
    evidence_terms,
    value_weight,
)
from jobscore.scoring.reading import Reading
from jobscore.scoring.result import ContractScore, Exclusion, ScoreResult, WindowScore

__all__ = [
    "DAYS_PER_MONTH",
    "ContractEvidence",
    "EvidenceMemo",
    "Posterior",
    "gather_evidence",
    "interval_shape",
    "interval_worth",
    "posterior",
    "posterior_as_of",
    "posterior_parameters",
    "read_bayes",
    "score_bayes",
]

WINDOW_MONTHS = (24, 12, 6, 3)


@dataclass(frozen=True, slots=True)
class ContractEvidence:
    """One contract's part in the posterior, before the per-client cap."""

    contract_id: str
    client_id: str
    excluded_because: Exclusion | None
    placed_at: datetime | None
    base_weight: float = 0.0
    decay: float = 0.0
    credibility: float = 1.0
    p: float = 0.0
    rehired: bool = False
    leniency: float = 0.0
    upwork_outcome: Outcome | None = None

    @property
    def counted(self) -> bool:
        return self.excluded_because is None

    @property
    def weight(self) -> float:
        return self.base_weight * self.decay * self.credibility


@dataclass(frozen=True, slots=True)
class Posterior:
    alpha: float
    beta: float
    good: float
    bad: float
    #: Weight after the cap, by contract id, of every counted contract.
    weights: dict[str, float]
    #: Kish's effective number of outcomes, (Σ n)² / Σ n², over each contract's outcomes
    #: n = w'·(good + bad per unit of weight).
    independent_outcomes: float = 0.0

    @property
    def mean(self) -> float:
        return self.alpha / (self.alpha + self.beta)

    @property
    def evidence(self) -> float:
        """r + s: the data's worth in outcomes."""
        return self.good + self.bad


def interval_worth(strength: Any, prior: float, evidence: float, steadiness: float | None) -> Any:
    """How many outcomes the credible interval's Beta is worth, for a posterior worth
    `strength` over a prior worth `prior`: the evidence beyond the prior counted at
    `evidence` of its worth, then joined to `steadiness` as 1/(n + 1) adds (the Beta's variance
    at a given mean is proportional to 1/(n + 1)), so that however much evidence there is, the
    interval allows for quality having moved since. Plain arithmetic: `strength` may be a float
    or an array of them (the batch engines' vectorised intervals)."""
    counted = prior + evidence * (strength - prior)
    if steadiness is None:
        return counted
    return 1.0 / (1.0 / (counted + 1.0) + 1.0 / steadiness) - 1.0


def interval_shape(alpha: float, beta: float, policy: BayesPolicy) -> tuple[float, float]:
    """The Beta the credible interval is read from: the posterior's mean, worth what
    `interval_worth` says."""
    strength = alpha + beta
    mean = alpha / strength
    counted = interval_worth(
        strength,
        policy.prior_alpha + policy.prior_beta,
        policy.interval_evidence,
        policy.interval_steadiness,
    )
    return mean * counted, (1.0 - mean) * counted


def gather_evidence(
    history: History, policy: BayesPolicy, as_of: datetime, memo: EvidenceMemo | None = None
) -> tuple[ContractEvidence, ...]:
    """Every contract of the history with its weight and soft evidence as of `as_of`."""
    return _explained(history, evidence_terms(history, policy, as_of, memo), policy)


def _explained(
    history: History, evidence: Sequence[tuple[Terms, bool, float]], policy: BayesPolicy
) -> tuple[ContractEvidence, ...]:
    out: list[ContractEvidence] = []
    for c, (t, again, p) in zip(history.contracts, evidence, strict=True):
        if t.signals is None or t.logit is None:
            out.append(ContractEvidence(c.contract_id, c.client_id, t.item.excluded_because, None))
            continue
        out.append(
            ContractEvidence(
                contract_id=c.contract_id,
                client_id=c.client_id,
                excluded_because=None,
                placed_at=t.item.placed_at,
                base_weight=value_weight(t.item.weight, policy),
                decay=t.decay,
                credibility=t.credibility,
                p=p,
                rehired=again,
                leniency=t.signals.leniency,
                upwork_outcome=t.item.outcome,
            )
        )
    return tuple(out)


def _capped_sums(
    counted: Sequence[tuple[str, float, float]], policy: BayesPolicy
) -> tuple[float, float, list[float], float]:
    """The good and bad outcomes over (client, weight, p) rows (`pseudo_outcomes`, times the
    weight), each client's total weight capped; every row's weight after the cap; and Kish's
    effective number of outcomes."""
    by_client: dict[str, float] = {}
    for client, weight, _ in counted:
        by_client[client] = by_client.get(client, 0.0) + weight
    cap = policy.client_weight_cap
    good = bad = 0.0
    capped = []
    total_size = squares = 0.0
    for client, weight, p in counted:
        total = by_client[client]
        w = weight * (cap / total if total > cap else 1.0)
        capped.append(w)
        yes, no = pseudo_outcomes(p, policy)
        good += w * yes
        bad += w * no
        size = w * (yes + no)
        total_size += size
        squares += size * size
    return good, bad, capped, (total_size * total_size / squares if squares > 0 else 0.0)


def posterior(evidence: Iterable[ContractEvidence], policy: BayesPolicy) -> Posterior:
    """Cap each client's total weight, then add the evidence to the prior."""
    counted = [e for e in evidence if e.counted]
    rows = [(e.client_id, e.weight, e.p) for e in counted]
    good, bad, capped, outcomes = _capped_sums(rows, policy)
    weights = {e.contract_id: w for e, w in zip(counted, capped, strict=True)}
    return Posterior(
        policy.prior_alpha + good, policy.prior_beta + bad, good, bad, weights, outcomes
    )


def posterior_parameters(
    history: History, policy: BayesPolicy, as_of: datetime, memo: EvidenceMemo | None = None
) -> tuple[float, float]:
    """(α, β) of the posterior as of `as_of`: the same figures, from the same arithmetic in
    the same order, as `posterior(gather_evidence(...))`, without building each contract's
    explanation. The tools read the score this way hundreds of times."""
    contracts = history.contracts
    evidence = evidence_terms(history, policy, as_utc(as_of), memo)
    rows = [
        (c.client_id, t.weight, p)
        for c, (t, _, p) in zip(contracts, evidence, strict=True)
        if t.logit is not None
    ]
    good, bad, _, _ = _capped_sums(rows, policy)
    return policy.prior_alpha + good, policy.prior_beta + bad


def read_bayes(
    history: History, policy: BayesPolicy, at: datetime, memo: EvidenceMemo | None = None
) -> Reading:
    """The score `score_bayes` gives as of `at` (the posterior mean), without its explanation
    and windows. `memo` keeps each contract's terms between readings of variants of one
    history."""
    alpha, beta = posterior_parameters(history, policy, at, memo)
    return Reading(at, 100.0 * (alpha / (alpha + beta)), "all")


class _LeaveOneOut:
    """The score without one contract, without rescoring the whole history.

    Removing a contract can change only its own client's part of the posterior: that client's
    weight cap and the rehire flags of its earlier contracts. So the client's part is gathered
    again without the contract, and swapped for the full part in the posterior's sums; each
    contract's terms come from the full gathering (`memo`), not from classifying it again.
    """

    def __init__(
        self,
        history: History,
        policy: BayesPolicy,
        as_of: datetime,
        evidence: Sequence[ContractEvidence],
        full: Posterior,
        memo: EvidenceMemo,
    ) -> None:
        self.history, self.policy, self.as_of, self.full = history, policy, as_of, full
        self.memo = memo
        self.parts: dict[str, Posterior] = {}
        self.contracts: dict[str, list[ContractFacts]] = {}
        by_client: dict[str, list[ContractEvidence]] = {}
        for e, c in zip(evidence, history.contracts, strict=True):
            by_client.setdefault(e.client_id, []).append(e)
            self.contracts.setdefault(c.client_id, []).append(c)
        for client, items in by_client.items():
            self.parts[client] = posterior(items, policy)

    def score_without(self, contract_id: str, client_id: str) -> float:
        rest = tuple(c for c in self.contracts[client_id] if c.contract_id != contract_id)
        part = posterior(
            gather_evidence(self.history.with_contracts(rest), self.policy, self.as_of, self.memo),
            self.policy,
        )
        old = self.parts[client_id]
        alpha = self.full.alpha - old.good + part.good
        beta = self.full.beta - old.bad + part.bad
        return 100.0 * alpha / (alpha + beta)


def posterior_as_of(
    history: History, policy: BayesPolicy, as_of: datetime, memo: EvidenceMemo | None = None
) -> Posterior:
    """The posterior alone: what the displayed score rests on, without its explanation."""
    return posterior(gather_evidence(history, policy, as_utc(as_of), memo), policy)


def _window(
    name: str, members: Sequence[ContractEvidence], post: Posterior, start: datetime | None
) -> WindowScore:
    return WindowScore(
        name=name,
        score=100.0 * post.mean,
        enough_data=True,
        counted=len(members),
        clients=len({e.client_id for e in members}),
        weight=post.evidence,
        good_weight=post.good,
        bad_weight=post.bad,
        start=start,
    )


def _windows(
    evidence: Sequence[ContractEvidence], policy: BayesPolicy, as_of: datetime, overall: Posterior
) -> dict[str, WindowScore]:
    """ "all" is the displayed score; the 24m, 12m, 6m and 3m windows are the same posterior
    over only the contracts placed in the last 24, 12, 6 and 3 months, to compare with upwork."""
    counted = [e for e in evidence if e.counted]
    windows = {"all": _window("all", counted, overall, None)}
    for months in WINDOW_MONTHS:
        start = shift_months(as_of, -months)
        members = [e for e in counted if e.placed_at is not None and start < e.placed_at <= as_of]
        windows[f"{months}m"] = _window(f"{months}m", members, posterior(members, policy), start)
    six, three = windows["6m"].score, windows["3m"].score
    windows["trending"] = WindowScore(
        name="trending",
        score=None if six is None or three is None else (six + three) / 2,
        enough_data=True,
        counted=windows["3m"].counted,
        clients=windows["3m"].clients,
    )
    return windows


def _label(p: float, policy: BayesPolicy) -> Outcome:
    if p >= policy.good_min_p:
        return Outcome.GOOD
    if p < policy.bad_max_p:
        return Outcome.BAD
    return Outcome.NEUTRAL


def score_bayes(
    history: History, policy: BayesPolicy, as_of: datetime, *, explain: bool = True
) -> ScoreResult:
    """Score a history under `policy`. With `explain=False` the per-contract points (a
    leave-one-out rescoring of each contract) are skipped: the score is the same."""
    as_of = as_utc(as_of)
    terms = evidence_terms(history, policy, as_of, None)
    evidence = _explained(history, terms, policy)
    post = posterior(evidence, policy)
    score = 100.0 * post.mean
    lo, hi = beta_interval(policy.interval_mass, *interval_shape(post.alpha, post.beta, policy))
    interval = (100.0 * lo, 100.0 * hi)
    total_weight = sum(post.weights.values())
    without = None
    if explain:
        # Each contract's terms as gathered here, for rescoring its client without another.
        found = zip(history.contracts, terms, strict=True)
        memo = EvidenceMemo(at={(id(c), as_of): (c, t) for c, (t, _, _) in found})
        without = _LeaveOneOut(history, policy, as_of, evidence, post, memo)
    contracts = []
    for e, c in zip(evidence, history.contracts, strict=True):
        w = post.weights.get(e.contract_id, 0.0) if e.counted else 0.0
        points = score - without.score_without(e.contract_id, e.client_id) if without else None
        contracts.append(
            ContractScore(
                contract_id=e.contract_id,
                client_id=e.client_id,
                outcome=_label(e.p, policy) if e.counted else None,
                excluded_because=e.excluded_because,
                weight=w,
                net_earnings=c.net_earnings,
                ended_at=c.ended_at,
                windows=("all",) if e.counted else (),
                points=points,
                extra={
                    "p_good": e.p if e.counted else None,
                    "evidence_share": w / total_weight if total_weight > 0 else 0.0,
                    "weight_before_cap": e.weight,
                    "recency": e.decay,
                    "client_credibility": e.credibility,
                    "rehired": e.rehired,
                    "client_leniency": e.leniency,
                    "outcome_if_upwork": str(e.upwork_outcome) if e.upwork_outcome else None,
                },
            )
        )
    return ScoreResult(
        policy_name=policy.name,
        policy_version=policy.version,
        as_of=as_of,
        computed_as_of=as_of,
        score=score,
        eligible=True,
        window="all",
        windows=_windows(evidence, policy, as_of, post),
        contracts=tuple(contracts),
        interval=interval,
        assumptions=tuple(policy.assumptions()),
        extra={
            "effective_sample_size": post.evidence,
            "limited_history": interval[1] - interval[0] > policy.limited_history_width,
            "prior": {
                "alpha": policy.prior_alpha,
                "beta": policy.prior_beta,
                "mean": 100.0 * policy.prior_alpha / (policy.prior_alpha + policy.prior_beta),
                "strength": policy.prior_alpha + policy.prior_beta,
                "source": policy.prior_source,
            },
            "posterior": {"alpha": post.alpha, "beta": post.beta},
        },
    )
