"""Taking a snapshot: every freelancer scored under each policy, one row each, recorded.

The store hands over the marketplace as of the instant as Arrow (`Store.market_rows`); the
batch engine scores it under every policy at once (`jobscore.batch.snapshot`), `bayes` with
the statistics it fits to the whole marketplace then; the rows, the run and those statistics
are kept. A freelancer registered by then without a contract started by then gets the score
of an empty history.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from time import perf_counter
from typing import Any

from jobscore.domain.facts import History
from jobscore.errors import InvalidInput, Problem
from jobscore.instants import as_utc, instant_in_range
from jobscore.render.json_encoding import to_json_value
from jobscore.scoring.catalog import CATALOG
from jobscore.service.clock import Clock
from jobscore.store.port import MarketStatistics, SnapshotRow, SnapshotRun, Store

__all__ = ["Snapshots", "snapshot_run_json"]


class Snapshots:
    store: Store
    clock: Clock

    def take_snapshot(
        self, as_of: datetime | None = None, policies: Sequence[str] = ()
    ) -> SnapshotRun:
        """Score every freelancer as of `as_of` (now when None) under `policies` (every
        policy of the catalog when empty), and record the rows and the run."""
        from jobscore.batch.snapshot import score_market

        names = tuple(dict.fromkeys(policies)) or CATALOG.names()
        chosen = [CATALOG.policy(name) for name in names]
        taken = self.clock.now()
        instant = as_utc(as_of) if as_of is not None else taken
        try:
            instant_in_range(instant)
        except ValueError as exc:
            raise InvalidInput(Problem("as_of", str(exc))) from None
        started = perf_counter()
        market = self.store.market_rows(instant)
        read = perf_counter()
        scored = score_market(market.tables, chosen, instant)
        done = perf_counter()
        rows: list[SnapshotRow] = []
        everyone: set[str] = set(market.freelancers)
        markets: list[MarketStatistics] = []
        habits: dict[str, tuple[float, int]] = {}
        for name, scores in zip(names, scored, strict=True):
            seen = set()
            for row in scores.rows:
                seen.add(row.freelancer_id)
                rows.append(
                    SnapshotRow(
                        row.freelancer_id, name, instant, row.score, row.window, row.eligible,
                        interval=row.interval,
                    )
                )  # fmt: skip
            # Nobody's history differs from another's while it is empty.
            empty = CATALOG.score(History("", ()), scores.policy, instant)
            for freelancer_id in sorted(set(market.freelancers) - seen):
                rows.append(
                    SnapshotRow(
                        freelancer_id, name, instant, empty.score, empty.window, empty.eligible,
                        interval=empty.interval,
                    )
                )  # fmt: skip
            everyone |= seen
            if scores.fit is not None:
                fit = scores.fit
                markets.append(
                    MarketStatistics(
                        policy=name,
                        prior_alpha=fit.prior.alpha,
                        prior_beta=fit.prior.beta,
                        prior_source=fit.prior.method,
                        fitted_freelancers=fit.prior.freelancers,
                        market_stars_mean=fit.market_stars_mean,
                    )
                )
                habits = fit.habits
        self.store.save_snapshot(rows)
        saved = perf_counter()
        run = SnapshotRun(
            as_of=instant,
            taken_at=taken,
            policies=names,
            freelancers=len(everyone),
            rows=len(rows),
            read_seconds=read - started,
            score_seconds=done - read,
            save_seconds=saved - done,
            markets=tuple(markets),
        )
        return self.store.save_snapshot_run(run, habits)

    def latest_snapshot(self) -> dict[str, Any] | None:
        """The last snapshot taken, or None before the first."""
        run = self.store.last_snapshot_run()
        return None if run is None else snapshot_run_json(run)


def snapshot_run_json(run: SnapshotRun) -> dict[str, Any]:
    """A snapshot run as the API and `jobscore snapshot --json` give it."""
    document: dict[str, Any] = to_json_value(
        {
            "snapshot_id": run.run_id,
            "as_of": run.as_of,
            "taken_at": run.taken_at,
            "policies": list(run.policies),
            "freelancers": run.freelancers,
            "rows": run.rows,
            "seconds": {
                "reading_the_store": run.read_seconds,
                "scoring": run.score_seconds,
                "saving": run.save_seconds,
            },
            "markets": [
                {
                    "policy": m.policy,
                    "prior_alpha": m.prior_alpha,
                    "prior_beta": m.prior_beta,
                    "prior_fitted_by": m.prior_source,
                    "prior_fitted_on_freelancers": m.fitted_freelancers,
                    "market_stars_mean": m.market_stars_mean,
                }
                for m in run.markets
            ],
        }
    )
    return document
