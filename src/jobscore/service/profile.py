"""A freelancer's profile as its page shows it, read once: the displayed score and every
window under `upwork`, the `bayes` reading with its interval, and the score history.

The figures are the `score` read's (the same scorer, the same instant); what differs is
the work: the history is read from the store once, and a reader who is not shown the
contracts (anyone but the freelancer itself and the operator) gets no contract list, so
nothing computes the points that no one will see. The freelancer itself and the operator
get the contracts as the `score` read gives them, private feedback hidden as it hides it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from jobscore.domain.events import Role
from jobscore.instants import as_utc
from jobscore.render.json_view import result_json
from jobscore.scoring.catalog import CATALOG
from jobscore.service.caller import Caller
from jobscore.service.clock import Clock
from jobscore.store.port import Store

__all__ = ["Profile"]


class Profile:
    store: Store
    clock: Clock

    if TYPE_CHECKING:  # `Reads` gives them to the service

        def score(
            self, caller: Caller, freelancer_id: str, policy: str, as_of: datetime | None = None
        ) -> dict[str, Any]: ...

        def score_history(self, freelancer_id: str, policy: str) -> dict[str, Any]: ...

    def profile(
        self, caller: Caller, freelancer_id: str, as_of: datetime | None = None
    ) -> dict[str, Any]:
        """`score` (upwork) and `bayes` as the caller may see them, with `contracts` only for
        the freelancer itself and the operator, and the upwork score history."""
        instant = as_utc(as_of) if as_of is not None else self.clock.now()
        own = caller.is_operator or (
            caller.role is Role.FREELANCER and caller.actor_id == freelancer_id
        )
        history = self.store.history(freelancer_id, instant)
        if own:
            upwork = self.score(caller, freelancer_id, "upwork", instant)
        else:
            quick = CATALOG.score_without_points(history, CATALOG.policy("upwork"), instant)
            upwork = result_json(quick, freelancer_id) | {"contracts": []}
        bayes = CATALOG.score_without_points(history, CATALOG.policy("bayes"), instant)
        return {
            "score": upwork,
            "bayes": result_json(bayes, freelancer_id) | {"contracts": []},
            "history": self.score_history(freelancer_id, "upwork"),
            "own": own,
        }
