"""Points lost after one bad job, and good jobs needed to win them back.

A controlled history, the same for every policy: `before` good jobs, one a month, each with
a new client ($500, three weeks, private 10, 5 stars); then one bad job (private 3, 2 stars,
ended for quality); then good jobs again, one a month, until the score is back within
`RECOVERED_WITHIN` points of where it was before the bad job (or, when there was no score
before, at 90).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal

from jobscore.domain.enums import EndReason
from jobscore.domain.facts import ContractFacts, History
from jobscore.instants import shift_months
from jobscore.simulate.ideal import QualityModel, quality_posterior
from jobscore.simulate.likelihood import feedback_pending, outcome_likelihoods
from jobscore.simulate.measure import BOUND, IDEAL
from jobscore.simulate.world import FEEDBACK_DELAY_DAYS, FEEDBACK_DELAY_HOURS, WorldConfig

__all__ = ["MAX_RECOVERY_JOBS", "RecoveryRow", "measure_recovery", "reference_scorers"]

MAX_RECOVERY_JOBS = 60
RECOVERED_WITHIN = 1.0
NO_SCORE_TARGET = 90.0

Scorer = Callable[[History, datetime], float | None]


def _job(number: int, start: datetime, good: bool) -> ContractFacts:
    ended = start + timedelta(days=21)
    return ContractFacts(
        contract_id=f"job{number:03d}",
        client_id=f"client{number:03d}",
        started_at=start,
        earned=Decimal(500),
        ended_at=ended,
        end_reason=EndReason.COMPLETED if good else EndReason.QUALITY,
        stars=5.0 if good else 2.0,
        private_score=10 if good else 3,
        feedback_at=ended + timedelta(days=1),
    )


@dataclass(frozen=True, slots=True)
class RecoveryRow:
    policy: str
    jobs_before: int
    before: float | None
    after: float | None
    #: None when a bound is missing; `MAX_RECOVERY_JOBS + 1` when never recovered.
    jobs_to_recover: int | None

    @property
    def points_lost(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.before - self.after


def measure_recovery(policy: str, scorer: Scorer, jobs_before: int, start: datetime) -> RecoveryRow:
    contracts = [_job(i, shift_months(start, i), True) for i in range(jobs_before)]
    bad = _job(jobs_before, shift_months(start, jobs_before), False)
    assert bad.ended_at is not None
    before = scorer(History("probe", tuple(contracts)), bad.started_at)
    contracts.append(bad)
    after_at = bad.ended_at + timedelta(days=15)
    after = scorer(History("probe", tuple(contracts)), after_at)
    target = NO_SCORE_TARGET if before is None else before - RECOVERED_WITHIN
    for extra in range(1, MAX_RECOVERY_JOBS + 1):
        job = _job(jobs_before + extra, shift_months(start, jobs_before + extra), True)
        contracts.append(job)
        assert job.ended_at is not None
        now = scorer(History("probe", tuple(contracts)), job.ended_at + timedelta(days=2))
        if now is not None and now >= target:
            return RecoveryRow(policy, jobs_before, before, after, extra)
    return RecoveryRow(policy, jobs_before, before, after, MAX_RECOVERY_JOBS + 1)


def _probe_chances(
    c: ContractFacts, config: WorldConfig, at: datetime, every_outcome: bool
) -> tuple[float, float] | None:
    if c.started_at > at:
        return None
    if every_outcome:
        # The probe's jobs are good exactly when they end completed.
        return (1.0, 0.0) if c.end_reason is EndReason.COMPLETED else (0.0, 1.0)
    if c.ended_at is None or c.ended_at > at:
        return None
    # The probe's clients are new to the world: each is of a kind drawn by the world's shares.
    month = min(config.month_of(c.started_at), config.months - 1)
    pending = feedback_pending(c.ended_at, at, FEEDBACK_DELAY_DAYS, FEEDBACK_DELAY_HOURS)
    good = bad = 0.0
    for kind, share in config.client_shares:
        g, b = outcome_likelihoods(
            c,
            kind,
            inflation=config.inflation_at(month),
            private_chance=config.private_score_chance,
            as_of=at,
            pending=pending,
        )
        good += share * g
        bad += share * b
    return good, bad


def _reference(config: WorldConfig, every_outcome: bool) -> Scorer:
    def score(history: History, at: datetime) -> float:
        rows = [
            (0, config.month_of(c.started_at), *chances)
            for c in history.contracts
            if (chances := _probe_chances(c, config, at, every_outcome)) is not None
        ]
        model = replace(QualityModel.of(config), months=config.month_of(at) + 1)
        return 100.0 * quality_posterior(model, 1, rows).mean[0]

    return score


def reference_scorers(config: WorldConfig) -> dict[str, Scorer]:
    """The ideal observer and the "every outcome seen" bound on a probe history, by the
    world's model of quality and of clients."""
    return {IDEAL: _reference(config, False), BOUND: _reference(config, True)}
