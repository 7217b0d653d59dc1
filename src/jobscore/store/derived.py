"""The current-state rows derived from a `MarketState`: what the SQL store keeps beside the
log for fast reads, row by row, named by their tables' columns.

`rows_after(state, fact)` gives the rows one accepted fact changes (written in the same
transaction as the fact); `all_rows(state)` gives every row, which is what the tables must
hold after any log.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from jobscore.domain.enums import Party
from jobscore.domain.events import (
    ClientFlag,
    ClientFlagged,
    ClientRegistered,
    DisputeOpened,
    DisputeResolved,
    Fact,
    FreelancerRegistered,
    PaymentMade,
    RefundMade,
)
from jobscore.domain.market import (
    ClientState,
    ContractState,
    DisputeState,
    FeedbackState,
    MarketState,
    PaymentState,
)

__all__ = ["KEYS", "Row", "all_rows", "cents", "rows_after"]

Row = dict[str, Any]

#: Each derived table and the columns of its primary key.
KEYS: Mapping[str, tuple[str, ...]] = {
    "freelancers": ("freelancer_id",),
    "clients": ("client_id",),
    "contracts": ("contract_id",),
    "payments": ("contract_id", "payment_id"),
    "refunds": ("contract_id", "refund_id"),
    "disputes": ("contract_id", "dispute_id"),
    "feedback": ("contract_id", "side"),
}


def cents(amount: Decimal) -> int:
    """Whole cents; amounts are whole cents once the rules accepted them."""
    return int((amount * 100).to_integral_value())


def _freelancer(fact: FreelancerRegistered) -> Row:
    return {
        "freelancer_id": fact.freelancer_id,
        "registered_at": fact.at,
        "profile_complete": fact.profile_complete,
    }


def _client(client: ClientState) -> Row:
    flagged = client.flags.get(ClientFlag.FLAGGED)
    suspended = client.flags.get(ClientFlag.SUSPENDED)
    return {
        "client_id": client.registered.client_id,
        "registered_at": client.registered.at,
        "payment_verified": client.registered.payment_verified,
        "flagged_at": flagged.at if flagged else None,
        "suspended_at": suspended.at if suspended else None,
    }


def _contract(contract: ContractState) -> Row:
    opened, end = contract.opened, contract.end
    return {
        "contract_id": opened.contract_id,
        "freelancer_id": opened.freelancer_id,
        "client_id": opened.client_id,
        "kind": opened.kind.value,
        "category": opened.category,
        "currency": opened.currency,
        "opened_at": opened.at,
        "started_at": opened.start,
        "status": "open" if end is None else "ended",
        "ended_at": end.at if end else None,
        "ended_by": end.by.value if end else None,
        "end_reason": end.reason.value if end else None,
        "feedback_revealed_at": contract.revealed_at,
    }


def _payment(contract_id: str, paid: PaymentState) -> Row:
    return {
        "contract_id": contract_id,
        "payment_id": paid.payment.payment_id,
        "paid_at": paid.payment.at,
        "kind": paid.payment.kind.value,
        "amount_cents": cents(paid.payment.amount),
        "refunded_cents": cents(paid.refunded),
        "refundable_cents": cents(paid.refundable),
    }


def _refund(contract_id: str, refund: RefundMade) -> Row:
    return {
        "contract_id": contract_id,
        "refund_id": refund.refund_id,
        "payment_id": refund.payment_id,
        "refunded_at": refund.at,
        "amount_cents": cents(refund.amount),
    }


def _dispute(contract_id: str, dispute: DisputeState) -> Row:
    resolved = dispute.resolved
    return {
        "contract_id": contract_id,
        "dispute_id": dispute.opened.dispute_id,
        "opened_at": dispute.opened.at,
        "resolved_at": resolved.at if resolved else None,
        "result": resolved.result.value if resolved and resolved.result else None,
    }


def _feedback(contract_id: str, side: Party, feedback: FeedbackState) -> Row:
    """One side's feedback: what it gave, its one edit of the public part, its removal.
    When it counts is the contract's reveal (`feedback_revealed_at`)."""
    edit, removal = feedback.edit, feedback.removal
    return {
        "contract_id": contract_id,
        "side": side.value,
        "given_at": feedback.given.at,
        "stars": feedback.given.stars,
        "private_score": feedback.given.private_score,
        "edited_at": edit.at if edit else None,
        "edited_stars": edit.stars if edit else None,
        "removed_at": removal.at if removal else None,
    }


def _feedback_rows(contract: ContractState) -> list[Row]:
    return [_feedback(contract.id, side, f) for side, f in sorted(contract.feedback.items())]


def rows_after(state: MarketState, fact: Fact) -> list[tuple[str, Row]]:
    """(table, row) for each row `fact` changed, read from the state after it."""
    if isinstance(fact, FreelancerRegistered):
        return [("freelancers", _freelancer(state.freelancers[fact.freelancer_id]))]
    if isinstance(fact, ClientRegistered | ClientFlagged):
        return [("clients", _client(state.clients[fact.client_id]))]
    contract = state.contracts[fact.contract_id]
    # Every fact about a contract may move its status or its reveal.
    changed: list[tuple[str, Row]] = [("contracts", _contract(contract))]
    if isinstance(fact, PaymentMade | RefundMade):
        paid = contract.payments[fact.payment_id]
        changed.append(("payments", _payment(contract.id, paid)))
    if isinstance(fact, RefundMade):
        changed.append(("refunds", _refund(contract.id, contract.refunds[fact.refund_id])))
    elif isinstance(fact, DisputeOpened | DisputeResolved):
        changed.append(("disputes", _dispute(contract.id, contract.disputes[fact.dispute_id])))
    elif not isinstance(fact, PaymentMade):
        # An end, or a feedback fact: the feedback rows are few, and all are written.
        changed += [("feedback", row) for row in _feedback_rows(contract)]
    return changed


def all_rows(state: MarketState) -> dict[str, list[Row]]:
    """Every derived row of `state`, by table."""
    return {
        "freelancers": [_freelancer(f) for f in state.freelancers.values()],
        "clients": [_client(c) for c in state.clients.values()],
        "contracts": [_contract(c) for c in state.contracts.values()],
        "payments": [
            _payment(c.id, paid) for c in state.contracts.values() for paid in c.payments.values()
        ],
        "refunds": [_refund(c.id, r) for c in state.contracts.values() for r in c.refunds.values()],
        "disputes": [
            _dispute(c.id, d) for c in state.contracts.values() for d in c.disputes.values()
        ],
        "feedback": [row for c in state.contracts.values() for row in _feedback_rows(c)],
    }
