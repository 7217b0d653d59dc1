"""jobscore: an open Job Success Score engine for freelance marketplaces."""

from jobscore.domain import ContractFacts, History, Outcome
from jobscore.errors import (
    Conflict,
    EngineFailure,
    Forbidden,
    InvalidInput,
    JobScoreError,
    MissingExtra,
    NotFound,
    Problem,
    Unauthorized,
    UnknownPolicy,
)
from jobscore.io import load_history, load_history_file
from jobscore.scoring import (
    BAYES,
    UPWORK,
    UPWORK_2015,
    BayesPolicy,
    ContractScore,
    ScoreResult,
    UpworkPolicy,
    get_policy,
    policy_names,
    score,
)

__version__ = "0.1.0"

__all__ = [
    "BAYES",
    "UPWORK",
    "UPWORK_2015",
    "BayesPolicy",
    "Conflict",
    "ContractFacts",
    "ContractScore",
    "EngineFailure",
    "Forbidden",
    "History",
    "InvalidInput",
    "JobScoreError",
    "MissingExtra",
    "NotFound",
    "Outcome",
    "Problem",
    "ScoreResult",
    "Unauthorized",
    "UnknownPolicy",
    "UpworkPolicy",
    "__version__",
    "get_policy",
    "load_history",
    "load_history_file",
    "policy_names",
    "score",
]
