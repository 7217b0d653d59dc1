"""The `bayes` marketplace statistics fitted in the batch engine, as
`jobscore.scoring.bayes.marketplace.fit_to_marketplace` fits them in Python.

1. Each client's habit: the mean of the public stars it gave, and how many, over the feedback
   visible as of the instant (not removed, not mid-contract). The marketplace's mean stars is
   every such rating's mean.
2. Every contract reads its client's habit (the typed view is replaced by one that joins the
   habits), and the policy is scored with the measured mean stars: each freelancer's evidence
   (r, s) and the capped weights' sum and sum of squares come out of the same SQL.
3. The prior is fitted to that evidence (`fit_beta_prior`, pure Python over one row per
   freelancer); the policy with it is what the snapshot scores with. Soft evidence read as a
   likelihood is worth outcomes by the prior's mean: then the fit is made twice and the scores
   under the fitted prior gathered again, as the Python fit does; read as counts, the evidence
   does not depend on the prior, and the scores come from the sums already gathered
   (`bayes_rescored_sql`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import cast

from jobscore.batch.engine import BatchEngine
from jobscore.scoring.bayes.marketplace import TOO_LITTLE_DATA, fitted_policy, market_mean
from jobscore.scoring.bayes.policy import BayesPolicy
from jobscore.scoring.bayes.prior import FittedPrior, fit_beta_prior
from jobscore.scoring.bayes.sql import bayes_rescored_sql
from jobscore.scoring.catalog import CATALOG
from jobscore.scoring.result import Policy
from jobscore.scoring.sql import TYPED_VIEW, epoch_us, mid_contract_feedback, quote
from jobscore.stats import beta_binomial_log_likelihood

__all__ = [
    "HABITS_TABLE",
    "MEASURED_TABLE",
    "STAGED_TABLE",
    "MarketFit",
    "fit_market",
    "habits_view_sql",
    "plain_view_sql",
]

HABITS_TABLE = "client_habits"
#: The scores under the measured mean stars and the policy's own prior: the evidence.
MEASURED_TABLE = "snapshot_measured"
#: The typed contracts, kept once as a table so every policy reads them without staging again.
STAGED_TABLE = "snapshot_contracts"
#: What fitting a prior reads of the `bayes` output (see `bayes_sql`).
_EVIDENCE = ("posterior_alpha", "posterior_beta", "evidence_weight", "evidence_weight_squares")


@dataclass(frozen=True, slots=True)
class MarketFit:
    """The policy as fitted, and what it was fitted from."""

    policy: BayesPolicy
    prior: FittedPrior
    market_stars_mean: float
    habits: dict[str, tuple[float, int]]


def plain_view_sql() -> str:
    return f"CREATE OR REPLACE TEMP VIEW {TYPED_VIEW} AS SELECT * FROM {STAGED_TABLE}"


def habits_view_sql() -> str:
    """The typed contracts, each with its client's habit where the client has one."""
    return (
        f"CREATE OR REPLACE TEMP VIEW {TYPED_VIEW} AS SELECT s.* REPLACE ("
        " COALESCE(h.stars_mean, s.client_stars_given_mean) AS client_stars_given_mean,"
        " COALESCE(h.stars_count, s.client_stars_given_count) AS client_stars_given_count)"
        f" FROM {STAGED_TABLE} AS s LEFT JOIN {HABITS_TABLE} AS h ON h.client_id = s.client_id"
    )


def _habits_sql(as_of: datetime) -> str:
    at = epoch_us(as_of)
    visible = (
        "stars IS NOT NULL AND NOT feedback_removed"
        f" AND COALESCE(feedback_at, ended_at) <= {at}"
        f" AND NOT {mid_contract_feedback(quote)}"
    )
    return (
        "SELECT client_id, AVG(stars) AS stars_mean, COUNT(*) AS stars_count"
        f" FROM {STAGED_TABLE} WHERE {visible} GROUP BY client_id"
    )


def fit_market(
    engine: BatchEngine, policy: Policy, as_of: datetime, result_table: str
) -> MarketFit:
    """Measure the clients' habits and the marketplace's mean stars as of `as_of`, fit the
    prior to every freelancer's evidence under them, and score the policy so fitted into
    `result_table` (the output of its SQL plan)."""
    bayes = cast(BayesPolicy, policy)
    engine.materialize(HABITS_TABLE, _habits_sql(as_of))
    habits = {
        str(row["client_id"]): (float(row["stars_mean"]), int(row["stars_count"]))
        for row in engine.query(f"SELECT * FROM {HABITS_TABLE}")
    }
    market = market_mean(habits, bayes.market_stars_mean)
    measured = replace(bayes, market_stars_mean=market)
    fitted = measured
    # Read as likelihoods, soft evidence is worth outcomes by the prior's mean, so the fit is
    # made twice (the second reads the evidence by the first fit's prior), and the scores under
    # the fitted prior are gathered again; otherwise the evidence does not depend on the prior
    # and they come from the sums already gathered.
    by_prior = bayes.soft_evidence == "likelihood"
    for _ in range(2 if by_prior else 1):
        _score_into(engine, fitted, as_of, MEASURED_TABLE)
        try:
            prior = fit_beta_prior(
                _evidence(engine, fitted),
                method=bayes.prior_fit,
                min_evidence=bayes.prior_fit_min_outcomes,
                log_likelihood=beta_binomial_log_likelihood,
            )
        except ValueError:
            prior = FittedPrior(bayes.prior_alpha, bayes.prior_beta, TOO_LITTLE_DATA, 0)
            fitted = measured
            break
        fitted = fitted_policy(bayes, market, prior)
    if by_prior:
        _score_into(engine, fitted, as_of, result_table)
    else:
        engine.materialize(result_table, bayes_rescored_sql(fitted, MEASURED_TABLE))
    engine.forget(MEASURED_TABLE)
    return MarketFit(fitted, prior, market, habits)


def _score_into(engine: BatchEngine, policy: BayesPolicy, as_of: datetime, table: str) -> None:
    """The policy's SQL plan over the contracts with their clients' habits, kept as `table`."""
    engine.execute(habits_view_sql())
    plan = CATALOG.sql_plan(policy, as_of, engine.computes_shared_steps_once)
    engine.materialize(table, plan.sql)
    engine.execute(plain_view_sql())


def _evidence(engine: BatchEngine, policy: BayesPolicy) -> list[tuple[float, float, float]]:
    """Each freelancer's evidence (r, s) and its worth in independent outcomes, from the
    output of `policy` kept as the measured table."""
    columns = ", ".join(_EVIDENCE)
    evidence = []
    for row in engine.query(f"SELECT {columns} FROM {MEASURED_TABLE}"):
        good = float(row["posterior_alpha"]) - policy.prior_alpha
        bad = float(row["posterior_beta"]) - policy.prior_beta
        total, squares = float(row["evidence_weight"]), float(row["evidence_weight_squares"])
        evidence.append((good, bad, total * total / squares if squares > 0 else 0.0))
    return evidence
