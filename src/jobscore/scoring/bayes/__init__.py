"""jobscore's own policy, `bayes`: its parameters, soft evidence, posterior, reference scorer
and SQL."""

from jobscore.scoring.bayes.policy import BAYES, BAYES_ASSUMPTIONS, BayesPolicy
from jobscore.scoring.bayes.scorer import read_bayes, score_bayes

__all__ = ["BAYES", "BAYES_ASSUMPTIONS", "BayesPolicy", "read_bayes", "score_bayes"]
