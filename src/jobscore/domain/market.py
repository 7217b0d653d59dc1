"""The current state of a marketplace, derived from its facts: `lifecycle.apply` builds it.

Every value is frozen and every update returns a new state, so a refused fact leaves the
state it was refused against as it was. Reads that depend on time (the reveal, what was
edited or removed by then) take the instant as an argument.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import TypeVar

from jobscore.domain.enums import Party
from jobscore.domain.events import (
    ClientFlag,
    ClientFlagged,
    ClientRegistered,
    ContractEnded,
    ContractOpened,
    DisputeOpened,
    DisputeResolved,
    EditGranted,
    FeedbackCategory,
    FeedbackEdited,
    FeedbackGiven,
    FeedbackRemoved,
    FreelancerRegistered,
    PaymentMade,
    RefundMade,
    ResponsePosted,
)
from jobscore.domain.facts import FEEDBACK_WINDOW_DAYS
from jobscore.instants import end_of_day
from jobscore.money import ZERO

__all__ = [
    "ClientState",
    "ContractState",
    "DisputeState",
    "FeedbackState",
    "MarketState",
    "PaymentState",
    "PublicFeedback",
]


K = TypeVar("K")
V = TypeVar("V")


def _with(mapping: Mapping[K, V], key: K, value: V) -> Mapping[K, V]:
    return {**mapping, key: value}


@dataclass(frozen=True, slots=True)
class PaymentState:
    payment: PaymentMade
    refunds: tuple[RefundMade, ...] = ()

    @property
    def refunded(self) -> Decimal:
        return sum((r.amount for r in self.refunds), ZERO)

    @property
    def refundable(self) -> Decimal:
        """What was paid and not yet refunded."""
        return self.payment.amount - self.refunded


@dataclass(frozen=True, slots=True)
class DisputeState:
    opened: DisputeOpened
    resolved: DisputeResolved | None = None


@dataclass(frozen=True, slots=True)
class PublicFeedback:
    stars: float
    comment: str
    category_stars: tuple[tuple[FeedbackCategory, float], ...]


@dataclass(frozen=True, slots=True)
class FeedbackState:
    """One side's feedback, and what happened to it: the recipient's edit grant and
    response, the author's edit, moderation's removal."""

    given: FeedbackGiven
    edit_grant: EditGranted | None = None
    edit: FeedbackEdited | None = None
    response: ResponsePosted | None = None
    removal: FeedbackRemoved | None = None

    def public_at(self, at: datetime) -> PublicFeedback:
        """The public part as it stood at `at`: the edit once it was made."""
        source: FeedbackGiven | FeedbackEdited = self.given
        if self.edit is not None and self.edit.at <= at:
            source = self.edit
        return PublicFeedback(source.stars, source.comment, source.category_stars)

    def removed_by(self, at: datetime) -> bool:
        return self.removal is not None and self.removal.at <= at


@dataclass(frozen=True, slots=True)
class ContractState:
    opened: ContractOpened
    payments: Mapping[str, PaymentState] = field(default_factory=dict)
    refunds: Mapping[str, RefundMade] = field(default_factory=dict)
    disputes: Mapping[str, DisputeState] = field(default_factory=dict)
    end: ContractEnded | None = None
    #: By author.
    feedback: Mapping[Party, FeedbackState] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.opened.contract_id

    @property
    def record(self) -> str:
        """How errors name this contract."""
        return f"contract {self.id}"

    @property
    def started_at(self) -> datetime:
        return self.opened.start

    def side_id(self, side: Party) -> str:
        return self.opened.client_id if side is Party.CLIENT else self.opened.freelancer_id

    @property
    def window_closes(self) -> datetime | None:
        """The last instant either side may leave feedback: the end of day 14 after the end."""
        return None if self.end is None else end_of_day(self.end.at, FEEDBACK_WINDOW_DAYS)

    @property
    def revealed_at(self) -> datetime | None:
        """When the double-blind lifts: once both sides have given feedback, else when the
        window closes; None while the contract is open."""
        if len(self.feedback) == 2:
            return max(f.given.at for f in self.feedback.values())
        return self.window_closes

    def is_revealed_by(self, at: datetime) -> bool:
        revealed = self.revealed_at
        return revealed is not None and revealed <= at

    def with_payment(self, payment: PaymentState) -> ContractState:
        return replace(self, payments=_with(self.payments, payment.payment.payment_id, payment))

    def with_refund(self, refund: RefundMade) -> ContractState:
        paid = self.payments[refund.payment_id]
        return replace(
            self.with_payment(replace(paid, refunds=(*paid.refunds, refund))),
            refunds=_with(self.refunds, refund.refund_id, refund),
        )

    def with_dispute(self, dispute: DisputeState) -> ContractState:
        return replace(self, disputes=_with(self.disputes, dispute.opened.dispute_id, dispute))

    def with_feedback(self, author: Party, feedback: FeedbackState) -> ContractState:
        return replace(self, feedback=_with(self.feedback, author, feedback))


@dataclass(frozen=True, slots=True)
class ClientState:
    registered: ClientRegistered
    flags: Mapping[ClientFlag, ClientFlagged] = field(default_factory=dict)

    def is_flagged_by(self, flag: ClientFlag, at: datetime) -> bool:
        fact = self.flags.get(flag)
        return fact is not None and fact.at <= at


@dataclass(frozen=True, slots=True)
class MarketState:
    """Freelancers, clients with their flags, contracts with everything recorded on them."""

    freelancers: Mapping[str, FreelancerRegistered] = field(default_factory=dict)
    clients: Mapping[str, ClientState] = field(default_factory=dict)
    contracts: Mapping[str, ContractState] = field(default_factory=dict)

    def with_freelancer(self, fact: FreelancerRegistered) -> MarketState:
        return replace(self, freelancers=_with(self.freelancers, fact.freelancer_id, fact))

    def with_client(self, client: ClientState) -> MarketState:
        return replace(self, clients=_with(self.clients, client.registered.client_id, client))

    def with_contract(self, contract: ContractState) -> MarketState:
        return replace(self, contracts=_with(self.contracts, contract.id, contract))

    def contracts_of(self, freelancer_id: str) -> Iterator[ContractState]:
        return (c for c in self.contracts.values() if c.opened.freelancer_id == freelancer_id)
