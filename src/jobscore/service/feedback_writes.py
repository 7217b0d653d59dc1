"""The use cases that follow feedback once it is given: its recipient grants the author one
edit of the public part, the author edits, the recipient responds.

Each names the feedback by its author (`Party`); the side acting is the author for an edit and
the other side for a grant or a response, so the operator recording any of them names nothing
more. The rules refuse a client or freelancer acting for a side that is not its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from jobscore.domain.enums import Party
from jobscore.domain.events import (
    EditGranted,
    FeedbackCategory,
    FeedbackEdited,
    ResponsePosted,
    other_side,
)
from jobscore.service.caller import Caller
from jobscore.service.writes import WriteAnswer, Writes

__all__ = ["FeedbackWrites"]


class FeedbackWrites(Writes):
    def grant_edit(
        self,
        caller: Caller,
        contract_id: str,
        author: Party,
        key: str | None = None,
        at: datetime | None = None,
    ) -> WriteAnswer:
        """The recipient of the `author`'s feedback lets the author edit its public part once."""
        self._contract(contract_id)
        recipient = other_side(author)
        return self._record(caller, key, at, lambda t: EditGranted(t, contract_id, recipient))

    def edit_feedback(
        self,
        caller: Caller,
        contract_id: str,
        author: Party,
        stars: float,
        comment: str = "",
        category_stars: Mapping[FeedbackCategory, float] | None = None,
        private_score: int | None = None,
        private_reason: str | None = None,
        key: str | None = None,
        at: datetime | None = None,
    ) -> WriteAnswer:
        """The author's new public feedback. The private fields are passed on only for the
        rules to refuse them by name: private feedback is final."""
        self._contract(contract_id)
        categories = tuple(sorted((category_stars or {}).items()))

        def build(t: datetime) -> FeedbackEdited:
            return FeedbackEdited(
                t,
                contract_id,
                author,
                stars,
                comment,
                categories,
                private_score=private_score,
                private_reason=private_reason,
            )

        return self._record(caller, key, at, build)

    def respond_to_feedback(
        self,
        caller: Caller,
        contract_id: str,
        author: Party,
        text: str,
        key: str | None = None,
        at: datetime | None = None,
    ) -> WriteAnswer:
        """The recipient's one public response to the `author`'s feedback."""
        self._contract(contract_id)
        recipient = other_side(author)
        return self._record(
            caller, key, at, lambda t: ResponsePosted(t, contract_id, recipient, text)
        )
