"""Scoring: the reference scorer of every policy, and the shapes of its results."""

from __future__ import annotations

from datetime import datetime

from jobscore.domain.facts import History
from jobscore.scoring.registry import DEFAULT_POLICY, get_policy, policy_names
from jobscore.scoring.result import (
    ContractScore,
    Finding,
    HoldStatus,
    Policy,
    ScoreResult,
    WindowScore,
)
from jobscore.scoring.upwork_policy import UPWORK, UPWORK_2015, UpworkPolicy

__all__ = [
    "DEFAULT_POLICY",
    "UPWORK",
    "UPWORK_2015",
    "ContractScore",
    "Finding",
    "HoldStatus",
    "Policy",
    "ScoreResult",
    "UpworkPolicy",
    "WindowScore",
    "get_policy",
    "policy_names",
    "score",
]


def score(history: History, policy: Policy | str, as_of: datetime) -> ScoreResult:
    """Score one freelancer's history under a policy, as of an explicit instant."""
    resolved = get_policy(policy) if isinstance(policy, str) else policy
    return resolved.score(history, as_of)
