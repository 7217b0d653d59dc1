"""The use cases that record a fact: each builds the fact and its envelope (who records it,
under which key, when) and hands it to the store, which holds it to the lifecycle rules.

The effective instant of a fact is now, by the service's clock, unless the operator back-fills
one (`at`); a client or freelancer naming a past instant is refused by the rules.

An idempotency key makes a write safe to retry: a retry under the same key builds the same
fact as the first time (the same instant, the same generated ids), so the store answers the
first receipt, or refuses another body as a conflict.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from jobscore.domain.enums import EndedBy, EndReason, Kind, Party
from jobscore.domain.events import (
    ClientRegistered,
    ContractEnded,
    ContractOpened,
    Fact,
    FeedbackGiven,
    FreelancerRegistered,
    PaymentMade,
    Recorded,
    RefundMade,
    Role,
)
from jobscore.domain.lifecycle import record_of
from jobscore.domain.market import ContractState, MarketState
from jobscore.errors import Conflict, InvalidInput, NotFound, Problem, Unauthorized
from jobscore.service.caller import Caller
from jobscore.service.clock import Clock
from jobscore.store.port import Store

__all__ = ["WriteAnswer", "Writes", "side_of"]


@dataclass(frozen=True, slots=True)
class WriteAnswer:
    """What a write answers, the same on a retry: the record, its place in the log, and the
    ids the service chose for it."""

    record: str
    sequence: int
    recorded_at: datetime
    replayed: bool = False
    ids: Mapping[str, str] = field(default_factory=dict)


class Writes:
    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    # -- registrations ---------------------------------------------------------------------

    def register_freelancer(
        self, caller: Caller, freelancer_id: str, key: str | None = None, at: datetime | None = None
    ) -> WriteAnswer:
        known = self.store.state().freelancers.get(freelancer_id)
        at = at or (known.at if known else None)
        return self._record(caller, key, at, lambda t: FreelancerRegistered(t, freelancer_id))

    def register_client(
        self, caller: Caller, client_id: str, key: str | None = None, at: datetime | None = None
    ) -> WriteAnswer:
        known = self.store.state().clients.get(client_id)
        at = at or (known.registered.at if known else None)
        return self._record(caller, key, at, lambda t: ClientRegistered(t, client_id))

    # -- contracts ---------------------------------------------------------------------------

    def open_contract(
        self,
        caller: Caller,
        contract_id: str,
        freelancer_id: str,
        client_id: str,
        kind: Kind = Kind.FIXED,
        started_at: datetime | None = None,
        key: str | None = None,
        at: datetime | None = None,
    ) -> WriteAnswer:
        known = self.store.state().contracts.get(contract_id)
        if known is not None and at is None:
            # The contract id is natural: opening it again with the same details is a retry.
            at = known.opened.at
            asked = (freelancer_id, client_id, kind, started_at)
            held = (known.opened.freelancer_id, known.opened.client_id, known.opened.kind)
            if asked[:3] != held or started_at not in (None, known.opened.started_at):
                raise Conflict(
                    f"contract {contract_id!r} is already open with other details",
                    record=known.record,
                    field="contract_id",
                )
            started_at = known.opened.started_at

        def build(t: datetime) -> Fact:
            return ContractOpened(t, contract_id, freelancer_id, client_id, kind, started_at)

        return self._record(caller, key, at, build)

    def pay(
        self,
        caller: Caller,
        contract_id: str,
        amount: Decimal,
        payment_id: str | None = None,
        key: str | None = None,
        at: datetime | None = None,
    ) -> WriteAnswer:
        self._contract(contract_id)
        chosen = payment_id or _generated_id("p", caller, key)
        return self._record(
            caller,
            key,
            at,
            lambda t: PaymentMade(t, contract_id, chosen, amount),
            {"payment_id": chosen},
        )

    def refund(
        self,
        caller: Caller,
        contract_id: str,
        amount: Decimal,
        payment_id: str | None = None,
        key: str | None = None,
        at: datetime | None = None,
    ) -> WriteAnswer:
        contract = self._contract(contract_id)
        first = self._first_use(caller, key)
        if payment_id is None and isinstance(first, RefundMade):
            # A retry: the payment chosen the first time, though the refund emptied it since.
            payment_id = first.payment_id
        paid = payment_id or _payment_to_refund(contract)
        refund_id = _generated_id("r", caller, key)
        return self._record(
            caller,
            key,
            at,
            lambda t: RefundMade(t, contract_id, refund_id, paid, amount),
            {"payment_id": paid, "refund_id": refund_id},
            first,
        )

    def end(
        self,
        caller: Caller,
        contract_id: str,
        end_reason: EndReason,
        ended_by: EndedBy | None = None,
        key: str | None = None,
        at: datetime | None = None,
    ) -> WriteAnswer:
        self._contract(contract_id)
        if ended_by is None:
            # The caller's own side; the rules refuse a client or freelancer of another contract.
            sides = (Role.CLIENT, Role.FREELANCER)
            ended_by = EndedBy(caller.role.value) if caller.role in sides else EndedBy.PLATFORM
        by = ended_by
        return self._record(
            caller, key, at, lambda t: ContractEnded(t, contract_id, by, end_reason)
        )

    def give_feedback(
        self,
        caller: Caller,
        contract_id: str,
        stars: float,
        private_score: int | None = None,
        comment: str = "",
        by: Party | None = None,
        key: str | None = None,
        at: datetime | None = None,
    ) -> WriteAnswer:
        """Feedback from the caller's side of the contract; the operator names the side."""
        contract = self._contract(contract_id)
        author = side_of(caller, by, contract, "giving feedback")
        return self._record(
            caller,
            key,
            at,
            lambda t: FeedbackGiven(
                t, contract_id, author, stars, comment, private_score=private_score
            ),
        )

    # -- the steps every write takes -------------------------------------------------------

    def _contract(self, contract_id: str) -> ContractState:
        return _known_contract(self.store.state(), contract_id)

    def _record(
        self,
        caller: Caller,
        key: str | None,
        at: datetime | None,
        build: Callable[[datetime], Fact],
        ids: Mapping[str, str] | None = None,
        first: Fact | None = None,
    ) -> WriteAnswer:
        """Build the fact and record it. Without `at`, a retry under a used key takes the
        first fact's instant (`first`, when the use case looked it up already), so that it
        builds the same fact; a new request takes now."""
        if caller.role is None:
            raise Unauthorized("a write needs a token", field="authorization")
        now = self.clock.now()
        if at is None:
            first = first or self._first_use(caller, key)
            if first is not None:
                at = first.at
        fact = build(at or now)
        receipt = self.store.record(Recorded(fact, now, caller.role, caller.actor_id, key))
        return WriteAnswer(
            record_of(fact), receipt.sequence, receipt.recorded_at, receipt.replayed, ids or {}
        )

    def _first_use(self, caller: Caller, key: str | None) -> Fact | None:
        """The fact the caller first recorded under `key`, if any."""
        if key is None or caller.role is None:
            return None
        entry = self.store.find_key(caller.role, caller.actor_id, key)
        return None if entry is None else entry.recorded.fact


def side_of(caller: Caller, by: Party | None, contract: ContractState, doing: str) -> Party:
    """The side a fact is from: the one named, else the caller's own (the rules refuse a
    client or freelancer of another contract); the operator must name it."""
    if by is None and caller.role in (Role.CLIENT, Role.FREELANCER):
        by = Party(caller.role.value)
    if by is None:
        raise InvalidInput(
            Problem("by", f"the operator names the side {doing}", record=contract.record)
        )
    return by


def _known_contract(state: MarketState, contract_id: str) -> ContractState:
    contract = state.contracts.get(contract_id)
    if contract is None:
        raise NotFound(
            f"no contract {contract_id!r}", record=f"contract {contract_id}", field="contract_id"
        )
    return contract


def _generated_id(prefix: str, caller: Caller, key: str | None) -> str:
    """An id the service chooses: derived from the caller's idempotency key, so that a retry
    names the same payment or refund; random without one."""
    if key is None:
        return f"{prefix}-{uuid.uuid4().hex[:16]}"
    material = "\x1f".join((caller.role.value if caller.role else "", caller.actor_id or "", key))
    return f"{prefix}-{hashlib.sha256(material.encode('utf-8')).hexdigest()[:16]}"


def _payment_to_refund(contract: ContractState) -> str:
    """Without a payment id, a refund is out of the latest payment with money left on it
    (else the latest payment, for the rules to refuse)."""
    payments = sorted(
        contract.payments.values(), key=lambda p: (p.payment.at, p.payment.payment_id)
    )
    if not payments:
        raise InvalidInput(
            Problem("payment_id", "the contract has no payment to refund", record=contract.record)
        )
    left = [p for p in payments if p.refundable > 0]
    return (left or payments)[-1].payment.payment_id
