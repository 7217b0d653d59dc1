"""The operator's view of the marketplace: how scores are spread under each policy at the
last snapshot, badges, holds and eligibility, flagged clients, and the latest log entries."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import TYPE_CHECKING, Any

from jobscore.domain.market_facts import history_of
from jobscore.errors import Forbidden
from jobscore.render.json_encoding import to_json_value
from jobscore.scoring.catalog import CATALOG
from jobscore.service.caller import Caller
from jobscore.service.clock import Clock
from jobscore.service.snapshots import snapshot_run_json
from jobscore.store.port import Store

__all__ = ["HISTOGRAM_BINS", "Overview", "bin_of"]

#: The histogram's bins: [0, 10), [10, 20), ... [90, 100].
HISTOGRAM_BINS = tuple((lo, lo + 10) for lo in range(0, 100, 10))


def bin_of(score: float) -> int:
    """The index of the bin a displayed score falls in (100 is in the last)."""
    return min(int(score // 10), len(HISTOGRAM_BINS) - 1)


class Overview:
    store: Store
    clock: Clock

    if TYPE_CHECKING:  # `Reads` gives it to the service

        def audit(
            self, record: str | None = None, actor_id: str | None = None, limit: int = 100
        ) -> list[dict[str, Any]]: ...

    def overview(self, caller: Caller, audit_limit: int = 12) -> dict[str, Any]:
        """For the operator only: every policy's distribution at its latest snapshot, the
        counts of badges, holds and eligible freelancers, flagged clients, recent entries."""
        if not caller.is_operator:
            raise Forbidden(f"{caller.name} may not read the marketplace overview")
        now = self.clock.now()
        state = self.store.state()
        freelancers = sorted(state.freelancers)
        names = sorted(CATALOG.names(), key=lambda n: (n != "upwork", n))
        policies = [self._policy_overview(name) for name in names]
        upwork = CATALOG.policy("upwork")
        held: list[str] = []
        badges_now: Counter[str] = Counter()
        for fid in freelancers:
            # Holds and badges as a score read gives them now (snapshot rows keep no badges
            # when taken by the batch engine).
            result = CATALOG.score(history_of(state, fid, now), upwork, now)
            badges_now.update(result.badges)
            if result.hold.held:
                held.append(fid)
        flagged = [
            {
                "client_id": client_id,
                "flags": [
                    {"flag": flag.value, "at": fact.at, "reason": fact.reason}
                    for flag, fact in sorted(client.flags.items())
                    if fact.at <= now
                ],
            }
            for client_id, client in sorted(state.clients.items())
            if any(fact.at <= now for fact in client.flags.values())
        ]
        document: dict[str, Any] = to_json_value(
            {
                "as_of": now,
                "freelancers": len(freelancers),
                "clients": len(state.clients),
                "contracts": len(state.contracts),
                "policies": policies,
                "held": held,
                "badges_now": dict(sorted(badges_now.items())),
                "flagged_clients": flagged,
            }
        )
        run = self.store.last_snapshot_run()
        document["last_snapshot"] = None if run is None else snapshot_run_json(run)
        document["audit"] = self.audit(limit=audit_limit)
        return document

    def _policy_overview(self, policy: str) -> dict[str, Any]:
        current = self.store.latest_snapshots(policy)
        taken: datetime | None = current[0].as_of if current else None
        counts = [0] * len(HISTOGRAM_BINS)
        for row in current:
            if row.score is not None:
                counts[bin_of(row.score)] += 1
        badges = Counter(badge for row in current for badge in row.badges)
        return {
            "policy": policy,
            "snapshot_at": taken,
            "rows": len(current),
            "histogram": [
                {"from": lo, "to": hi, "count": n}
                for (lo, hi), n in zip(HISTOGRAM_BINS, counts, strict=True)
            ],
            "no_score": sum(1 for row in current if row.score is None),
            "eligible": sum(1 for row in current if row.eligible),
            "badges": dict(sorted(badges.items())),
        }
