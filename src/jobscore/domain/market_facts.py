"""What the scorers read of a marketplace's state: `ContractFacts` and `History` as of an
instant, through the same reduction as every other input (`reduce.reduce_contract`).

Feedback counts from its reveal, never before: a score must not disclose what the
double-blind still hides. So the client's feedback enters the facts dated at its reveal,
with its public part as edited by `as_of`, and marked removed once moderation removed it.
Payments and refunds go into the dated ledger; a dispute counts once resolved.
"""

from __future__ import annotations

from datetime import datetime

from jobscore.domain.enums import Party
from jobscore.domain.events import ClientFlag
from jobscore.domain.facts import ContractFacts, History
from jobscore.domain.market import ContractState, FeedbackState, MarketState
from jobscore.domain.records import (
    Client,
    ClientFeedback,
    Contract,
    Dispute,
    Freelancer,
    FreelancerFeedback,
    Payment,
    Refund,
)
from jobscore.domain.reduce import reduce_contract
from jobscore.errors import NotFound

__all__ = ["client_record", "contract_facts", "contract_record", "history_of"]


def client_record(state: MarketState, client_id: str, as_of: datetime) -> Client:
    """The client as it stood at `as_of`: flagged or suspended once that was recorded."""
    client = state.clients.get(client_id)
    if client is None:
        raise NotFound(f"no client {client_id!r}", record=f"client {client_id}", field="client_id")
    return Client(
        id=client_id,
        joined_at=client.registered.at,
        payment_verified=client.registered.payment_verified,
        flagged=client.is_flagged_by(ClientFlag.FLAGGED, as_of),
        suspended=client.is_flagged_by(ClientFlag.SUSPENDED, as_of),
    )


def _client_feedback(contract: ContractState, as_of: datetime) -> tuple[ClientFeedback, ...]:
    feedback = contract.feedback.get(Party.CLIENT)
    revealed = contract.revealed_at
    if feedback is None or revealed is None:
        return ()
    public = feedback.public_at(as_of)
    return (
        ClientFeedback(
            at=revealed,
            stars=public.stars,
            private_score=feedback.given.private_score,
            category_stars=tuple((str(c), stars) for c, stars in public.category_stars),
            comment=public.comment,
            private_reason=feedback.given.private_reason,
            removed=feedback.removed_by(as_of),
        ),
    )


def _freelancer_feedback(
    feedback: FeedbackState | None, revealed: datetime | None, as_of: datetime
) -> FreelancerFeedback | None:
    if feedback is None or revealed is None or feedback.removed_by(as_of):
        return None
    public = feedback.public_at(as_of)
    return FreelancerFeedback(at=revealed, stars=public.stars, comment=public.comment)


def contract_record(contract: ContractState, as_of: datetime) -> Contract:
    """The full record of one contract, its feedback dated at the reveal and read as of
    `as_of` (`reduce_contract` then keeps what is dated by `as_of`)."""
    opened, end = contract.opened, contract.end
    return Contract(
        id=opened.contract_id,
        freelancer_id=opened.freelancer_id,
        client_id=opened.client_id,
        kind=opened.kind,
        started_at=opened.start,
        ended_at=end.at if end else None,
        ended_by=end.by if end else None,
        end_reason=end.reason if end else None,
        category=opened.category,
        currency=opened.currency,
        payments=tuple(
            Payment(p.payment.payment_id, p.payment.at, p.payment.amount, p.payment.kind)
            for p in contract.payments.values()
        ),
        refunds=tuple(
            Refund(r.refund_id, r.at, r.amount, r.payment_id) for r in contract.refunds.values()
        ),
        disputes=tuple(
            Dispute(
                opened_at=d.opened.at,
                opened_by=d.opened.by,
                resolved_at=d.resolved.at if d.resolved else None,
                result=d.resolved.result if d.resolved else None,
                escrow=d.opened.escrow,
                freelancer_share=d.resolved.freelancer_share if d.resolved else None,
            )
            for d in contract.disputes.values()
        ),
        feedback=_client_feedback(contract, as_of),
        freelancer_feedback=_freelancer_feedback(
            contract.feedback.get(Party.FREELANCER), contract.revealed_at, as_of
        ),
    )


def contract_facts(state: MarketState, contract_id: str, as_of: datetime) -> ContractFacts:
    """The facts of one contract as they stood at `as_of`, for scoring as of `as_of`."""
    contract = state.contracts.get(contract_id)
    if contract is None:
        raise NotFound(
            f"no contract {contract_id!r}", record=f"contract {contract_id}", field="contract_id"
        )
    client = client_record(state, contract.opened.client_id, as_of)
    return reduce_contract(contract_record(contract, as_of), client, as_of)


def history_of(state: MarketState, freelancer_id: str, as_of: datetime) -> History:
    """One freelancer's history as it stood at `as_of`: the contracts started by then, in
    the order they started, with the clients' flags as of then."""
    registered = state.freelancers.get(freelancer_id)
    if registered is None:
        raise NotFound(
            f"no freelancer {freelancer_id!r}",
            record=f"freelancer {freelancer_id}",
            field="freelancer_id",
        )
    contracts = sorted(
        (c for c in state.contracts_of(freelancer_id) if c.started_at <= as_of),
        key=lambda c: (c.started_at, c.id),
    )
    clients = {
        c.opened.client_id: client_record(state, c.opened.client_id, as_of) for c in contracts
    }
    facts = tuple(
        reduce_contract(contract_record(c, as_of), clients[c.opened.client_id], as_of)
        for c in contracts
    )
    freelancer = Freelancer(
        id=freelancer_id,
        joined_at=registered.at,
        profile_complete=registered.profile_complete,
    )
    return History(freelancer_id, facts, freelancer, clients)
