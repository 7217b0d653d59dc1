"""What a caller may do on a contract now, and where its feedback stands.

The actions are not decided here: each one is tried against the current state through the
lifecycle rules (`domain.lifecycle.apply`) with a fact the caller could send, and it is
offered when the rules would take it. So a page offers exactly what a write would accept,
and a rule added to `domain` changes the offer with no change here.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from jobscore.domain.enums import EndedBy, EndReason, Party
from jobscore.domain.events import (
    ContractEnded,
    DisputeOpened,
    DisputeResolved,
    EditGranted,
    Fact,
    FeedbackEdited,
    FeedbackGiven,
    FeedbackRemoved,
    PaymentMade,
    Recorded,
    RefundMade,
    ResponsePosted,
    other_side,
)
from jobscore.domain.lifecycle import apply
from jobscore.domain.market import ContractState, MarketState
from jobscore.domain.rules import EDIT_WINDOW_DAYS, RESPONSE_WINDOW_DAYS
from jobscore.domain.visibility import viewer_side
from jobscore.errors import NotFound, RuleBroken
from jobscore.render.json_encoding import to_json_value
from jobscore.service.caller import Caller
from jobscore.service.clock import Clock
from jobscore.store.port import Store

__all__ = ["ACTIONS", "RESOLVE", "ContractPage", "actions_now", "feedback_state"]

#: The operator's resolution of one dispute is offered as `RESOLVE` + the dispute's id.
RESOLVE = "resolve_dispute:"

#: Every action a contract page may offer, in the order it shows them (the resolutions in
#: the order the disputes were opened).
ACTIONS = (
    "pay",
    "refund",
    "end",
    "feedback",
    "grant_edit",
    "edit",
    "respond",
    "dispute",
    "give_client_feedback",
    "give_freelancer_feedback",
    RESOLVE,
    "remove_client_feedback",
    "remove_freelancer_feedback",
)

_PROBE_ID = "\x00probe"
_CENT = Decimal("0.01")


def _probes(
    contract: ContractState, side: Party | None, at: datetime
) -> Iterator[tuple[str, Fact]]:
    """A fact for each action, as the caller on `side` (None: the operator) would send it."""
    cid = contract.id
    yield "pay", PaymentMade(at, cid, _PROBE_ID, _CENT)
    refundable = [p for p in contract.payments.values() if p.refundable > 0]
    if refundable:
        latest = max(refundable, key=lambda p: (p.payment.at, p.payment.payment_id))
        yield "refund", RefundMade(at, cid, _PROBE_ID, latest.payment.payment_id, _CENT)
    ended_by = EndedBy.PLATFORM if side is None else EndedBy(side.value)
    yield "end", ContractEnded(at, cid, ended_by, EndReason.COMPLETED)
    if side is not None:
        yield "feedback", FeedbackGiven(at, cid, side, 5.0)
        yield "grant_edit", EditGranted(at, cid, side)
        mine = contract.feedback.get(side)
        stars = mine.public_at(at).stars if mine is not None else 5.0
        yield "edit", FeedbackEdited(at, cid, side, stars)
        yield "respond", ResponsePosted(at, cid, side, "-")
        yield "dispute", DisputeOpened(at, cid, _PROBE_ID, side)
    else:
        for author in Party:
            if author not in contract.feedback:
                yield f"give_{author.value}_feedback", FeedbackGiven(at, cid, author, 5.0)
        for dispute_id, dispute in contract.disputes.items():
            if dispute.resolved is None:
                yield RESOLVE + dispute_id, DisputeResolved(at, cid, dispute_id, Decimal(0))
        yield "remove_client_feedback", FeedbackRemoved(at, cid, Party.CLIENT)
        yield "remove_freelancer_feedback", FeedbackRemoved(at, cid, Party.FREELANCER)


def actions_now(
    state: MarketState, contract: ContractState, caller: Caller, at: datetime
) -> tuple[str, ...]:
    """The actions the rules would accept from `caller` on `contract` at `at`."""
    if caller.role is None:
        return ()
    side = None if caller.is_operator else viewer_side(contract, caller.role, caller.actor_id)
    if side is None and not caller.is_operator:
        return ()
    allowed = []
    for name, fact in _probes(contract, side, at):
        try:
            apply(state, Recorded(fact, at, caller.role, caller.actor_id))
        except RuleBroken:
            continue
        allowed.append(name)
    return tuple(sorted(allowed, key=_place))


def _place(name: str) -> int:
    return ACTIONS.index(RESOLVE if name.startswith(RESOLVE) else name)


def _days_left(until: datetime | None, at: datetime) -> int | None:
    if until is None or until < at:
        return None
    return (until - at) // timedelta(days=1)


def feedback_state(contract: ContractState, caller: Caller, at: datetime) -> dict[str, Any]:
    """Where the contract's feedback stands for `caller` at `at`: who has given (not what,
    while the double-blind hides it), when it is revealed, the days left, and the rights to
    edit and respond."""
    revealed = contract.is_revealed_by(at)
    closes = contract.window_closes
    me = None if caller.is_operator else viewer_side(contract, caller.role, caller.actor_id)
    sides: dict[str, Any] = {}
    for side in Party:
        given = contract.feedback.get(side)
        has_given = given is not None and given.given.at <= at
        seen = revealed or caller.is_operator or side is me
        sides[side.value] = {
            "given": has_given,
            "given_at": given.given.at if has_given and given is not None and seen else None,
        }
    rights: list[dict[str, Any]] = []
    for author in Party:
        given = contract.feedback.get(author)
        if given is None or given.given.at > at:
            continue
        grant = given.edit_grant
        if grant is not None and grant.at <= at and (given.edit is None or given.edit.at > at):
            rights.append(
                {
                    "right": "edit",
                    "side": author.value,
                    "until": grant.at + timedelta(days=EDIT_WINDOW_DAYS),
                }
            )
        if revealed and contract.revealed_at is not None:
            recipient = other_side(author)
            responded = given.response is not None and given.response.at <= at
            deadline = contract.revealed_at + timedelta(days=RESPONSE_WINDOW_DAYS)
            if not responded and at <= deadline:
                rights.append({"right": "respond", "side": recipient.value, "until": deadline})
    document: dict[str, Any] = to_json_value(
        {
            "status": "open" if contract.end is None else "ended",
            "window_closes": closes,
            "days_left": _days_left(closes, at),
            "revealed": revealed,
            "revealed_at": contract.revealed_at if revealed else None,
            "reveals_at": None if revealed else closes,
            "viewer_side": me.value if me is not None else None,
            "sides": sides,
            "rights": rights,
            "edit_window_days": EDIT_WINDOW_DAYS,
        }
    )
    return document


class ContractPage:
    store: Store
    clock: Clock

    if TYPE_CHECKING:  # `Reads` gives it to the service

        def contract(self, caller: Caller, contract_id: str) -> dict[str, Any]: ...

    def contract_page(self, caller: Caller, contract_id: str) -> dict[str, Any]:
        """The contract as the caller may see it (`contract`), where its feedback stands, and
        the actions the rules would accept from the caller now."""
        document = self.contract(caller, contract_id)
        now = self.clock.now()
        state = self.store.state()
        found = state.contracts.get(contract_id)
        if found is None:  # pragma: no cover - `contract` refused it already
            raise NotFound(f"no contract {contract_id!r}", record=f"contract {contract_id}")
        return {
            "contract": document,
            "feedback_state": feedback_state(found, caller, now),
            "actions": list(actions_now(state, found, caller, now)),
        }
