"""The lifecycle rules every write goes through: `apply(state, recorded)` is the state after
one more fact, or a `RuleBroken` naming the rule, the record and the field.

The state is a function of the log: `replay` folds `apply` over it. A fact recorded again with
the same content changes nothing (an idempotent retry); with the same id or key and other
content it is refused. Each fact is judged as of its own instant (`at`), against every fact
already recorded, whatever their order: a payment back-filled before a contract's end is a
payment on an open contract, and an end may not come before a payment already recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from jobscore.domain.enums import Party
from jobscore.domain.events import (
    ClientFlagged,
    ClientRegistered,
    ContractEnded,
    ContractOpened,
    DisputeOpened,
    DisputeResolved,
    EditGranted,
    Fact,
    FeedbackEdited,
    FeedbackGiven,
    FeedbackRemoved,
    FreelancerRegistered,
    PaymentMade,
    Recorded,
    RefundMade,
    ResponsePosted,
)
from jobscore.domain.feedback_lifecycle import (
    edit_feedback,
    give_feedback,
    grant_edit,
    post_response,
    remove_feedback,
)
from jobscore.domain.market import (
    ClientState,
    ContractState,
    DisputeState,
    MarketState,
    PaymentState,
)
from jobscore.domain.reduce import REFUND_LIMIT_DAYS
from jobscore.domain.rules import (
    Rule,
    act_as,
    check_amount,
    check_ids_and_instants,
    check_whole_cents,
    is_retry,
    known_contract,
    not_backfilled,
    operator_only,
    refuse,
)

__all__ = ["apply", "record_of", "replay"]


def record_of(fact: Fact) -> str:
    """How errors name the record a fact is about."""
    if isinstance(fact, FreelancerRegistered):
        return f"freelancer {fact.freelancer_id}"
    if isinstance(fact, ClientRegistered | ClientFlagged):
        return f"client {fact.client_id}"
    return f"contract {fact.contract_id}"


def apply(state: MarketState, recorded: Recorded) -> MarketState:
    """The state with `recorded` in it, or `RuleBroken`; `state` itself never changes."""
    fact = recorded.fact
    check_ids_and_instants(recorded, record_of(fact))
    match fact:
        case FreelancerRegistered():
            return _register_freelancer(state, recorded, fact)
        case ClientRegistered():
            return _register_client(state, recorded, fact)
        case ContractOpened():
            return _open(state, recorded, fact)
        case PaymentMade():
            return _pay(state, recorded, fact)
        case RefundMade():
            return _refund(state, recorded, fact)
        case DisputeOpened():
            return _open_dispute(state, recorded, fact)
        case DisputeResolved():
            return _resolve_dispute(state, recorded, fact)
        case ContractEnded():
            return _end(state, recorded, fact)
        case FeedbackGiven():
            return give_feedback(state, recorded, fact)
        case EditGranted():
            return grant_edit(state, recorded, fact)
        case FeedbackEdited():
            return edit_feedback(state, recorded, fact)
        case ResponsePosted():
            return post_response(state, recorded, fact)
        case FeedbackRemoved():
            return remove_feedback(state, recorded, fact)
        case ClientFlagged():
            return _flag(state, recorded, fact)
    raise TypeError(f"{type(fact).__name__} is not a fact")  # pragma: no cover


def replay(log: Iterable[Recorded], state: MarketState | None = None) -> MarketState:
    """The state after every entry of `log` in order (from an empty marketplace unless
    `state` is given); the first broken rule stops it."""
    current = MarketState() if state is None else state
    for recorded in log:
        current = apply(current, recorded)
    return current


def _register_freelancer(
    state: MarketState, recorded: Recorded, fact: FreelancerRegistered
) -> MarketState:
    record = record_of(fact)
    old = state.freelancers.get(fact.freelancer_id)
    if is_retry(old, fact, Rule.DUPLICATE_ID, record, "freelancer_id"):
        return state
    not_backfilled(recorded, record, ("at", fact.at))
    return state.with_freelancer(fact)


def _register_client(state: MarketState, recorded: Recorded, fact: ClientRegistered) -> MarketState:
    record = record_of(fact)
    old = state.clients.get(fact.client_id)
    if is_retry(old.registered if old else None, fact, Rule.DUPLICATE_ID, record, "client_id"):
        return state
    not_backfilled(recorded, record, ("at", fact.at))
    return state.with_client(ClientState(fact))


def _flag(state: MarketState, recorded: Recorded, fact: ClientFlagged) -> MarketState:
    record = record_of(fact)
    client = state.clients.get(fact.client_id)
    if client is None:
        refuse(
            Rule.UNKNOWN_CLIENT, f"no client {fact.client_id!r}", record=record, field="client_id"
        )
    if is_retry(client.flags.get(fact.flag), fact, Rule.CLIENT_ALREADY_FLAGGED, record, "flag"):
        return state
    operator_only(recorded, "flag or suspend a client", record)
    return state.with_client(replace(client, flags={**client.flags, fact.flag: fact}))


def _open(state: MarketState, recorded: Recorded, fact: ContractOpened) -> MarketState:
    record = record_of(fact)
    old = state.contracts.get(fact.contract_id)
    if is_retry(old.opened if old else None, fact, Rule.DUPLICATE_ID, record, "contract_id"):
        return state
    if fact.freelancer_id not in state.freelancers:
        refuse(
            Rule.UNKNOWN_FREELANCER,
            f"no freelancer {fact.freelancer_id!r}; register the freelancer first",
            record=record,
            field="freelancer_id",
        )
    if fact.client_id not in state.clients:
        refuse(
            Rule.UNKNOWN_CLIENT,
            f"no client {fact.client_id!r}; register the client first",
            record=record,
            field="client_id",
        )
    contract = ContractState(fact)
    act_as(contract, recorded, Party.CLIENT, "client_id")
    not_backfilled(recorded, record, ("at", fact.at), ("started_at", fact.start))
    return state.with_contract(contract)


def _pay(state: MarketState, recorded: Recorded, fact: PaymentMade) -> MarketState:
    contract = known_contract(state, fact.contract_id)
    record = contract.record
    old = contract.payments.get(fact.payment_id)
    if is_retry(old.payment if old else None, fact, Rule.DUPLICATE_ID, record, "payment_id"):
        return state
    act_as(contract, recorded, Party.CLIENT, "actor")
    not_backfilled(recorded, record, ("at", fact.at))
    check_amount(fact.amount, record, "amount")
    if fact.at < contract.started_at:
        refuse(
            Rule.PAYMENT_BEFORE_START,
            f"{fact.at:%Y-%m-%d} is before the contract started ({contract.started_at:%Y-%m-%d})",
            record=record,
            field="at",
        )
    if contract.end is not None and fact.at > contract.end.at:
        refuse(
            Rule.PAYMENT_ON_CLOSED_CONTRACT,
            f"{fact.at:%Y-%m-%d} is after the contract ended ({contract.end.at:%Y-%m-%d}); "
            "payments are made on an open contract",
            record=record,
            field="at",
        )
    return state.with_contract(contract.with_payment(PaymentState(fact)))


def _refund(state: MarketState, recorded: Recorded, fact: RefundMade) -> MarketState:
    contract = known_contract(state, fact.contract_id)
    record = contract.record
    if is_retry(contract.refunds.get(fact.refund_id), fact, Rule.DUPLICATE_ID, record, "refund_id"):
        return state
    paid = contract.payments.get(fact.payment_id)
    if paid is None:
        refuse(
            Rule.UNKNOWN_PAYMENT,
            f"no payment {fact.payment_id!r} on this contract; a refund returns one of its "
            "payments",
            record=record,
            field="payment_id",
        )
    act_as(contract, recorded, Party.FREELANCER, "actor")
    not_backfilled(recorded, record, ("at", fact.at))
    check_amount(fact.amount, record, "amount")
    payment = paid.payment
    if fact.at < payment.at:
        refuse(
            Rule.REFUND_BEFORE_PAYMENT,
            f"{fact.at:%Y-%m-%d} is before the payment it returns ({payment.at:%Y-%m-%d})",
            record=record,
            field="at",
        )
    if fact.at > payment.at + timedelta(days=REFUND_LIMIT_DAYS):
        refuse(
            Rule.REFUND_AFTER_LIMIT,
            f"refunds are allowed up to {REFUND_LIMIT_DAYS} days after the payment; payment "
            f"{payment.payment_id} was made on {payment.at:%Y-%m-%d}",
            record=record,
            field="at",
        )
    if fact.amount > paid.refundable:
        refuse(
            Rule.REFUND_ABOVE_REFUNDABLE,
            f"{fact.amount} is above what is left to refund of payment {payment.payment_id} "
            f"({paid.refundable} of {payment.amount})",
            record=record,
            field="amount",
        )
    return state.with_contract(contract.with_refund(fact))


def _open_dispute(state: MarketState, recorded: Recorded, fact: DisputeOpened) -> MarketState:
    contract = known_contract(state, fact.contract_id)
    record = contract.record
    old = contract.disputes.get(fact.dispute_id)
    if is_retry(old.opened if old else None, fact, Rule.DUPLICATE_ID, record, "dispute_id"):
        return state
    act_as(contract, recorded, fact.by, "by")
    not_backfilled(recorded, record, ("at", fact.at))
    escrow = fact.escrow
    if not isinstance(escrow, Decimal) or not escrow.is_finite() or escrow < 0:
        refuse(
            Rule.ESCROW_NEGATIVE, f"is {escrow}; must be 0 or more", record=record, field="escrow"
        )
    check_whole_cents(escrow, record, "escrow")
    if fact.at < contract.started_at:
        refuse(
            Rule.DISPUTE_BEFORE_START,
            f"{fact.at:%Y-%m-%d} is before the contract started ({contract.started_at:%Y-%m-%d})",
            record=record,
            field="at",
        )
    return state.with_contract(contract.with_dispute(DisputeState(fact)))


def _resolve_dispute(state: MarketState, recorded: Recorded, fact: DisputeResolved) -> MarketState:
    contract = known_contract(state, fact.contract_id)
    record = contract.record
    dispute = contract.disputes.get(fact.dispute_id)
    if dispute is None:
        refuse(
            Rule.UNKNOWN_DISPUTE,
            f"no dispute {fact.dispute_id!r} on this contract",
            record=record,
            field="dispute_id",
        )
    if is_retry(dispute.resolved, fact, Rule.DISPUTE_ALREADY_RESOLVED, record, "dispute_id"):
        return state
    operator_only(recorded, "resolve a dispute", record)
    share, escrow = fact.freelancer_share, dispute.opened.escrow
    if not isinstance(share, Decimal) or not share.is_finite() or not 0 <= share <= escrow:
        refuse(
            Rule.SPLIT_OUTSIDE_ESCROW,
            f"is {share}; the freelancer's share goes from 0 to the escrowed {escrow}",
            record=record,
            field="freelancer_share",
        )
    check_whole_cents(share, record, "freelancer_share")
    if fact.at < dispute.opened.at:
        refuse(
            Rule.RESOLVED_BEFORE_OPENED,
            f"{fact.at:%Y-%m-%d} is before the dispute was opened ({dispute.opened.at:%Y-%m-%d})",
            record=record,
            field="at",
        )
    return state.with_contract(contract.with_dispute(replace(dispute, resolved=fact)))


def _end(state: MarketState, recorded: Recorded, fact: ContractEnded) -> MarketState:
    contract = known_contract(state, fact.contract_id)
    record = contract.record
    if is_retry(contract.end, fact, Rule.CONTRACT_ALREADY_ENDED, record, "contract_id"):
        return state
    act_as(contract, recorded, fact.by, "by")
    not_backfilled(recorded, record, ("at", fact.at))
    if fact.at < contract.started_at:
        refuse(
            Rule.END_BEFORE_START,
            f"{fact.at:%Y-%m-%d} is before the contract started ({contract.started_at:%Y-%m-%d})",
            record=record,
            field="at",
        )
    last = max((p.payment.at for p in contract.payments.values()), default=None)
    if last is not None and fact.at < last:
        refuse(
            Rule.END_BEFORE_LAST_PAYMENT,
            f"{fact.at:%Y-%m-%d} is before a payment already recorded ({last:%Y-%m-%d}); "
            "payments are made on an open contract",
            record=record,
            field="at",
        )
    return state.with_contract(replace(contract, end=fact))
