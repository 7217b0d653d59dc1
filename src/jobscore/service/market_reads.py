"""What a score read takes from the snapshots, beside the freelancer's history.

- The displayed scores recorded for the freelancer under the policy (its snapshot rows), for
  Top Rated's rule of 13 of the last 16 weekly snapshots.
- Under a policy that learns from the whole marketplace (`bayes`), the statistics fitted at
  the last snapshot taken as of the read's instant or before: the prior, the marketplace's
  mean stars, and the rating habits of the history's clients. Before any snapshot, the
  policy's own defaults. The answer says which (`market_fitted_at`, `market_statistics`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from jobscore.domain.facts import History
from jobscore.scoring.bayes.marketplace import fitted_policy, with_client_habits
from jobscore.scoring.bayes.policy import BayesPolicy
from jobscore.scoring.bayes.prior import FittedPrior
from jobscore.scoring.catalog import CATALOG
from jobscore.scoring.reading import Reading
from jobscore.scoring.result import Policy
from jobscore.store.port import Store

__all__ = ["NO_SNAPSHOT_YET", "ReadContext", "read_context"]

NO_SNAPSHOT_YET = "the policy's defaults: no snapshot has fitted the marketplace yet"


@dataclass(frozen=True, slots=True)
class ReadContext:
    """The policy and history to score with, the recorded past scores, and what the answer
    says of where the policy's marketplace statistics came from."""

    policy: Policy
    history: History
    past: tuple[Reading, ...] = ()
    said: dict[str, Any] = field(default_factory=dict)


def read_context(store: Store, name: str, history: History, instant: datetime) -> ReadContext:
    policy = CATALOG.policy(name)
    past = tuple(
        Reading(row.as_of, row.score, row.window)
        for row in store.snapshots(history.freelancer_id, name)
        if row.as_of <= instant
    )
    if not CATALOG.fits_marketplace(policy):
        return ReadContext(policy, history, past)
    found = store.market_statistics(name, instant)
    if found is None:
        said: dict[str, Any] = {"market_fitted_at": None, "market_statistics": NO_SNAPSHOT_YET}
        return ReadContext(policy, history, past, said)
    run, market = found
    assert run.run_id is not None
    prior = FittedPrior(
        market.prior_alpha, market.prior_beta, market.prior_source, market.fitted_freelancers
    )
    fitted = fitted_policy(cast(BayesPolicy, policy), market.market_stars_mean, prior)
    habits = store.client_habits(run.run_id, {c.client_id for c in history.contracts})
    said = {
        "market_fitted_at": run.as_of,
        "market_statistics": {
            "snapshot_id": run.run_id,
            "snapshot_taken_at": run.taken_at,
            "prior_alpha": market.prior_alpha,
            "prior_beta": market.prior_beta,
            "prior_fitted_by": market.prior_source,
            "market_stars_mean": market.market_stars_mean,
        },
    }
    return ReadContext(fitted, with_client_habits([history], habits)[0], past, said)
