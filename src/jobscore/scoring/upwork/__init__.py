"""The Upwork-compatible policies, `upwork` and `upwork-2015`: their parameters, rules,
reference scorer and SQL."""

from jobscore.scoring.upwork.policy import ASSUMPTIONS, UPWORK, UPWORK_2015, UpworkPolicy
from jobscore.scoring.upwork.scorer import evaluate, read_upwork, recalculated_at, score_upwork

__all__ = [
    "ASSUMPTIONS",
    "UPWORK",
    "UPWORK_2015",
    "UpworkPolicy",
    "evaluate",
    "read_upwork",
    "recalculated_at",
    "score_upwork",
]
