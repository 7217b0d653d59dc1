"""Who may see which feedback of a contract, as of an instant.

Double-blind: neither side sees the other's feedback until both have given it or the window
has closed. The author sees its own from the moment it gave it. The operator sees
everything, removed feedback included. Anonymous readers, and anyone who is not a side of
the contract, see the revealed public feedback that was not removed. Nobody but the
operator ever sees a private score or reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from jobscore.domain.enums import Party
from jobscore.domain.events import FeedbackCategory, Role
from jobscore.domain.market import ContractState, FeedbackState, MarketState
from jobscore.errors import NotFound

__all__ = ["FeedbackView", "viewer_side", "visible_feedback"]


@dataclass(frozen=True, slots=True)
class FeedbackView:
    """One side's feedback as one viewer may see it at one instant."""

    by: Party
    given_at: datetime
    #: None while the double-blind still hides it (only its author and the operator see it).
    revealed_at: datetime | None
    stars: float
    comment: str
    category_stars: tuple[tuple[FeedbackCategory, float], ...]
    edited_at: datetime | None = None
    response: str | None = None
    responded_at: datetime | None = None
    #: For the operator's eyes only; None for everyone else.
    private_score: int | None = None
    private_reason: str | None = None
    #: Only the operator sees removed feedback.
    removed: bool = False


def viewer_side(contract: ContractState, role: Role | None, viewer_id: str | None) -> Party | None:
    """The side of the contract the viewer is, if any."""
    for side in Party:
        if role is not None and role.value == side.value and viewer_id == contract.side_id(side):
            return side
    return None


def visible_feedback(
    state: MarketState,
    contract_id: str,
    at: datetime,
    role: Role | None = None,
    viewer_id: str | None = None,
) -> tuple[FeedbackView, ...]:
    """The feedback of the contract that the viewer (`role` and `viewer_id`; None for an
    anonymous reader) may see as of `at`: the client's first, then the freelancer's."""
    contract = state.contracts.get(contract_id)
    if contract is None:
        raise NotFound(
            f"no contract {contract_id!r}", record=f"contract {contract_id}", field="contract_id"
        )
    operator = role is Role.OPERATOR
    side = viewer_side(contract, role, viewer_id)
    revealed = contract.revealed_at if contract.is_revealed_by(at) else None
    views = []
    for author in Party:
        feedback = contract.feedback.get(author)
        if feedback is None or feedback.given.at > at:
            continue
        removed = feedback.removed_by(at)
        if removed and not operator:
            continue
        if revealed is None and not operator and side is not author:
            continue
        views.append(_view(feedback, author, at, revealed, operator, removed))
    return tuple(views)


def _view(
    feedback: FeedbackState,
    author: Party,
    at: datetime,
    revealed: datetime | None,
    operator: bool,
    removed: bool,
) -> FeedbackView:
    public = feedback.public_at(at)
    edit, response = feedback.edit, feedback.response
    responded = response is not None and response.at <= at
    return FeedbackView(
        by=author,
        given_at=feedback.given.at,
        revealed_at=revealed,
        stars=public.stars,
        comment=public.comment,
        category_stars=public.category_stars,
        edited_at=edit.at if edit is not None and edit.at <= at else None,
        response=response.text if response is not None and responded else None,
        responded_at=response.at if response is not None and responded else None,
        private_score=feedback.given.private_score if operator else None,
        private_reason=feedback.given.private_reason if operator else None,
        removed=removed,
    )
