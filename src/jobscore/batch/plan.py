"""Which SQL scores a policy, and what must happen to its output before it is complete."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from jobscore.batch.upwork_sql import output_columns, upwork_sql
from jobscore.errors import JobScoreError
from jobscore.instants import as_utc
from jobscore.scoring.result import Policy
from jobscore.scoring.upwork import recalculated_at
from jobscore.scoring.upwork_policy import UpworkPolicy

__all__ = ["BatchPlan", "UnsupportedPolicy", "plan_for"]


class UnsupportedPolicy(JobScoreError):
    """A policy the batch engines have no SQL for."""


def _nothing(path: Path) -> None:
    """Most policies are complete once the engine has written its rows."""


@dataclass(frozen=True, slots=True)
class BatchPlan:
    #: One row per freelancer: the output columns and `__invalid` (non-zero when any of the
    #: freelancer's rows breaks a check).
    sql: str
    columns: tuple[str, ...]
    computed_as_of: datetime
    #: A vectorised last step over the written file (e.g. Beta quantiles for `bayes`).
    finish: Callable[[Path], None] = field(default=_nothing)


def plan_for(policy: Policy, as_of: datetime, shared_steps_once: bool = True) -> BatchPlan:
    """The plan for an engine; `shared_steps_once`: whether it computes a step read several
    times only once (`BatchEngine.computes_shared_steps_once`)."""
    as_of = as_utc(as_of)
    if isinstance(policy, UpworkPolicy):
        return BatchPlan(
            upwork_sql(policy, as_of, join_bands=shared_steps_once),
            output_columns(policy),
            recalculated_at(policy, as_of),
        )
    from jobscore.scoring.bayes_policy import BayesPolicy

    if isinstance(policy, BayesPolicy):
        from jobscore.batch.bayes_sql import bayes_output_columns, bayes_sql
        from jobscore.batch.intervals import add_intervals

        mass = policy.interval_mass
        return BatchPlan(
            bayes_sql(policy, as_of),
            bayes_output_columns(),
            as_of,
            finish=lambda path: add_intervals(path, mass),
        )
    raise UnsupportedPolicy(f"batch scoring has no SQL for the policy {policy.name!r}")
