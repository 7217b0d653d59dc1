"""The operator's moderation: removing one side's feedback (it then counts nowhere), at the
freelancer's request under the removal allowance or not; flagging or suspending a client.

A removal under the allowance is held to the counting rules by the lifecycle, and here, before
it is recorded, to the policy's score: it is refused where it would lower the freelancer's
displayed score under the policy named (`domain.allowance.check_removal_allowance`).
"""

from __future__ import annotations

from datetime import datetime

from jobscore.domain.allowance import check_removal_allowance
from jobscore.domain.enums import Party
from jobscore.domain.events import ClientFlag, ClientFlagged, FeedbackRemoved
from jobscore.domain.facts import History
from jobscore.errors import NotFound
from jobscore.scoring.catalog import CATALOG
from jobscore.service.caller import Caller
from jobscore.service.writes import WriteAnswer, Writes

__all__ = ["ModerationWrites"]


class ModerationWrites(Writes):
    def remove_feedback(
        self,
        caller: Caller,
        contract_id: str,
        author: Party,
        reason: str = "",
        under_allowance: bool = False,
        policy: str | None = None,
        key: str | None = None,
        at: datetime | None = None,
    ) -> WriteAnswer:
        """Remove the `author`'s feedback. Under the allowance, the removal may not lower the
        freelancer's score under `policy` (the catalogue's default when None)."""
        self._contract(contract_id)
        chosen = CATALOG.policy(policy or CATALOG.default)

        def build(t: datetime) -> FeedbackRemoved:
            removal = FeedbackRemoved(t, contract_id, author, reason, under_allowance)
            if under_allowance:
                reader = CATALOG.reader(chosen)

                def displayed(history: History) -> float | None:
                    return reader.read(history, t).score

                check_removal_allowance(self.store.state(), removal, displayed)
            return removal

        return self._record(caller, key, at, build)

    def flag_client(
        self,
        caller: Caller,
        client_id: str,
        flag: ClientFlag = ClientFlag.FLAGGED,
        reason: str = "",
        key: str | None = None,
        at: datetime | None = None,
    ) -> WriteAnswer:
        """Flag a client for poor collaboration, or suspend it for terms violations."""
        if client_id not in self.store.state().clients:
            raise NotFound(
                f"no client {client_id!r}", record=f"client {client_id}", field="client_id"
            )
        return self._record(caller, key, at, lambda t: ClientFlagged(t, client_id, flag, reason))
