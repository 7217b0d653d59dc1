"""A freelancer's profile as its page shows it: the displayed score and every window under
`upwork`, the `bayes` reading with its interval, and the score history.

Each figure is the `score` read's, as the API answers it for the same caller, so the page
and the API cannot disagree. The contract list goes only to those the page shows it to (the
freelancer itself and the operator); the `bayes` reading goes without its contracts.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from jobscore.instants import as_utc
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
        """`score` under `upwork` and `bayes` as the caller may see them, one instant for
        both, with `contracts` only for the freelancer itself and the operator; and the
        `upwork` score history."""
        instant = as_utc(as_of) if as_of is not None else self.clock.now()
        own = caller.speaks_for(freelancer_id)
        upwork = self.score(caller, freelancer_id, "upwork", instant)
        bayes = self.score(caller, freelancer_id, "bayes", instant)
        return {
            "score": upwork if own else upwork | {"contracts": []},
            "bayes": bayes | {"contracts": []},
            "history": self.score_history(freelancer_id, "upwork"),
            "own": own,
        }
