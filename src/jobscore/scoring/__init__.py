"""Scoring: the reference scorer of every policy, the catalog that finds it, and its results.

result.py, reading.py   what scoring returns, for every policy
catalog.py              policy kind -> scorer, quick reading, SQL plan; policies by name
upwork/                 the upwork policies: rules, reference scorer, SQL
bayes/                  the bayes policy: soft evidence, posterior, reference scorer, SQL
sql.py                  what the policies' SQL shares
"""

from __future__ import annotations

from datetime import datetime

from jobscore.domain.facts import History
from jobscore.scoring.bayes.policy import BAYES, BayesPolicy
from jobscore.scoring.catalog import CATALOG, Catalog, PolicyKind, Reader
from jobscore.scoring.reading import Reading
from jobscore.scoring.result import (
    WINDOW_NAMES,
    ContractScore,
    Exclusion,
    Finding,
    HoldStatus,
    Policy,
    ScoreResult,
    WindowScore,
)
from jobscore.scoring.sql import SqlPlan
from jobscore.scoring.upwork.policy import UPWORK, UPWORK_2015, UpworkPolicy

__all__ = [
    "BAYES",
    "CATALOG",
    "DEFAULT_POLICY",
    "UPWORK",
    "UPWORK_2015",
    "WINDOW_NAMES",
    "BayesPolicy",
    "Catalog",
    "ContractScore",
    "Exclusion",
    "Finding",
    "HoldStatus",
    "Policy",
    "PolicyKind",
    "Reader",
    "Reading",
    "ScoreResult",
    "SqlPlan",
    "UpworkPolicy",
    "WindowScore",
    "get_policy",
    "policy_names",
    "score",
]

DEFAULT_POLICY = CATALOG.default


def get_policy(name: str) -> Policy:
    """The policy the command line and the API know by this name."""
    return CATALOG.policy(name)


def policy_names() -> tuple[str, ...]:
    return CATALOG.names()


def score(history: History, policy: Policy | str, as_of: datetime) -> ScoreResult:
    """Score one freelancer's history under a policy, as of an explicit instant."""
    resolved = CATALOG.policy(policy) if isinstance(policy, str) else policy
    return CATALOG.score(history, resolved, as_of)
