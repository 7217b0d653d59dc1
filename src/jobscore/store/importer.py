"""Importing a history file into a store: each contract becomes the facts that make it.

Every file the command line reads (CSV, JSON rows, Parquet, rich JSON) is read by
`jobscore.io`, then turned into facts recorded by the operator: the freelancers and clients
(registered when the store does not know them yet), each contract opened, its payments and
refunds, a dispute's outcome, its end, the client's feedback and its removal, and the
clients' flags. The whole file is one write: a fact that breaks a rule refuses the file, and
nothing of it is stored.

Each fact's idempotency key is derived from its content, so importing the same file again
records nothing new, and a contract already imported from another file is not recorded twice.

What a flat row does not say is filled in plainly: its money (`earned`) is one payment at
its last payment (its `refunded`, one refund of that payment then); a dispute's outcome is
opened by the client and resolved at the end (or at the last payment while open); an end
without `ended_by` or `end_reason` is the client's, for another reason. A client flagged is
flagged from its registration. Mid-contract feedback, and feedback with a private score but no
stars, are not facts of the log: they are listed in `skipped`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from jobscore.domain.enums import EndedBy, EndReason, Kind, Party, PaymentKind
from jobscore.domain.events import (
    ClientFlag,
    ClientFlagged,
    ClientRegistered,
    ContractEnded,
    ContractOpened,
    DisputeOpened,
    DisputeResolved,
    Fact,
    FeedbackGiven,
    FeedbackRemoved,
    FreelancerRegistered,
    PaymentMade,
    Recorded,
    RefundMade,
    Role,
)
from jobscore.domain.facts import ContractFacts
from jobscore.domain.market import MarketState
from jobscore.io.history_files import HistoryFile, load_history_file
from jobscore.money import ZERO
from jobscore.store.codec import fact_digest
from jobscore.store.port import Store

__all__ = ["ImportSummary", "facts_of_file", "import_history"]

_KEY_PREFIX = "import:"


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did: how many facts the file makes, how many were new to the store and
    how many it already held, and what the log has no fact for."""

    source: str
    freelancers: int
    clients: int
    contracts: int
    facts: int
    recorded: int
    already_stored: int
    skipped: tuple[str, ...] = ()


def _contract_facts(c: ContractFacts, skipped: list[str]) -> Iterator[Fact]:
    yield ContractOpened(
        c.started_at, c.contract_id, c.freelancer_id, c.client_id, c.kind,
        category=c.category, currency=c.currency,
    )  # fmt: skip
    kind = PaymentKind.INVOICE if c.kind is Kind.HOURLY else PaymentKind.MILESTONE
    if c.ledger:
        paid = [(at, amount) for at, amount in c.ledger if amount > 0]
        returned = [(at, -amount) for at, amount in c.ledger if amount < 0]
    else:
        paid = [(c.last_paid_at, c.earned)] if c.earned > 0 else []
        returned = [(c.last_paid_at, c.refunded)] if c.refunded > 0 else []
    payments = [
        PaymentMade(at, c.contract_id, f"p{n}", amount, kind)
        for n, (at, amount) in enumerate(sorted(paid), start=1)
    ]
    refunds = list(_refunds(c.contract_id, payments, sorted(returned)))
    money: list[PaymentMade | RefundMade] = [*payments, *refunds]
    yield from sorted(money, key=lambda fact: fact.at)
    last_paid = max((p.at for p in payments), default=c.started_at)
    if c.dispute is not None:
        settled = c.ended_at or last_paid
        yield DisputeOpened(settled, c.contract_id, "d1", Party.CLIENT)
        yield DisputeResolved(settled, c.contract_id, "d1", ZERO, c.dispute)
    if c.ended_at is not None:
        yield ContractEnded(
            c.ended_at, c.contract_id, c.ended_by or EndedBy.CLIENT, c.end_reason or EndReason.OTHER
        )
    yield from _feedback(c, skipped)


def _refunds(
    contract_id: str, payments: list[PaymentMade], returned: list[tuple[datetime, Decimal]]
) -> Iterator[RefundMade]:
    """Refunds out of the latest payments before each (the file names no payment): one
    refund per payment it draws on."""
    left = {p.payment_id: p.amount for p in payments}
    for n, (at, amount) in enumerate(returned, start=1):
        before = [p for p in reversed(payments) if p.at <= at] or list(reversed(payments))
        parts: list[tuple[str, Decimal]] = []
        for payment in before:
            take = min(amount, left[payment.payment_id])
            if take > 0:
                parts.append((payment.payment_id, take))
                left[payment.payment_id] -= take
                amount -= take
        if amount > 0 and before:
            # More than was paid: the rules refuse it by name.
            parts.append((before[0].payment_id, amount))
        for k, (payment_id, take) in enumerate(parts, start=1):
            suffix = "" if len(parts) == 1 else f".{k}"
            yield RefundMade(at, contract_id, f"r{n}{suffix}", payment_id, take)


def _feedback(c: ContractFacts, skipped: list[str]) -> Iterator[Fact]:
    if not c.has_feedback:
        return
    if c.is_mid_contract_feedback or c.ended_at is None:
        skipped.append(f"contract {c.contract_id}: mid-contract feedback")
        return
    if c.stars is None:
        skipped.append(f"contract {c.contract_id}: a private score without public stars")
        return
    at = c.feedback_instant or c.ended_at
    yield FeedbackGiven(at, c.contract_id, Party.CLIENT, c.stars, private_score=c.private_score)
    if c.feedback_removed:
        yield FeedbackRemoved(at, c.contract_id, Party.CLIENT, reason="removed before import")


def _first_seen(file: HistoryFile) -> tuple[dict[str, datetime], dict[str, datetime]]:
    """When each freelancer and client joined: as the file says, else at their first
    contract's start."""
    freelancers: dict[str, datetime] = {}
    clients: dict[str, datetime] = {}
    for c in file.contracts:
        freelancers[c.freelancer_id] = min(
            c.started_at, freelancers.get(c.freelancer_id, c.started_at)
        )
        clients[c.client_id] = min(c.started_at, clients.get(c.client_id, c.started_at))
    for people, records in ((freelancers, file.freelancers), (clients, file.clients)):
        for ident, record in records.items():
            if record.joined_at is not None:
                people[ident] = record.joined_at
    return freelancers, clients


def _people(file: HistoryFile, state: MarketState) -> Iterator[Fact]:
    """Registrations of whom the store does not know yet, and the clients' flags."""
    freelancers, clients = _first_seen(file)
    for freelancer_id, at in sorted(freelancers.items()):
        if freelancer_id not in state.freelancers:
            known = file.freelancers.get(freelancer_id)
            complete = known.profile_complete if known is not None else True
            yield FreelancerRegistered(at, freelancer_id, complete)
    flagged = {c.client_id for c in file.contracts if c.client_flagged}
    for client_id, at in sorted(clients.items()):
        kept = state.clients.get(client_id)
        record = file.clients.get(client_id)
        if kept is None:
            verified = record.payment_verified if record is not None else False
            yield ClientRegistered(at, client_id, verified)
        else:
            at = kept.registered.at
        if (record is not None and record.flagged) or client_id in flagged:
            yield ClientFlagged(at, client_id, ClientFlag.FLAGGED, "flagged before import")
        if record is not None and record.suspended:
            yield ClientFlagged(at, client_id, ClientFlag.SUSPENDED, "suspended before import")


def facts_of_file(
    file: HistoryFile, state: MarketState, recorded_at: datetime
) -> tuple[list[Recorded], tuple[str, ...]]:
    """The facts `file` makes against the store's `state`, recorded by the operator at
    `recorded_at`, each under a key derived from its content; and what was skipped."""
    skipped: list[str] = []
    facts: list[Fact] = list(_people(file, state))
    for contract in file.contracts:
        facts.extend(_contract_facts(contract, skipped))
    recorded = [
        Recorded(fact, recorded_at, Role.OPERATOR, None, _KEY_PREFIX + fact_digest(fact))
        for fact in facts
    ]
    return recorded, tuple(skipped)


def import_history(store: Store, path: str | Path, recorded_at: datetime) -> ImportSummary:
    """Import the history file at `path` into `store` in one write (see the module)."""
    file = load_history_file(path)
    state = store.state()
    recorded, skipped = facts_of_file(file, state, recorded_at)
    receipts = store.record_all(recorded)
    new = sum(1 for receipt in receipts if not receipt.replayed)
    freelancers, clients = _first_seen(file)
    # The people the store knew already were not registered again: they count as stored.
    registered = sum(isinstance(r.fact, FreelancerRegistered | ClientRegistered) for r in recorded)
    known = len(freelancers) + len(clients) - registered
    return ImportSummary(
        source=file.source,
        freelancers=len(freelancers),
        clients=len(clients),
        contracts=len(file.contracts),
        facts=len(receipts) + known,
        recorded=new,
        already_stored=len(receipts) - new + known,
        skipped=skipped,
    )
