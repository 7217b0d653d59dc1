"""Hypothetical changes to a history, as values, and how they apply (for what-if).

Each change is a frozen value; `apply_changes` returns a new history built with
`dataclasses.replace` and never touches the one it was given. Every assumption a change
makes (what a refunded client does, what a closed contract earns) is written into the
notes of the result, so that a tool can show it next to the numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal

from jobscore.domain.enums import EndedBy, EndReason, Kind
from jobscore.domain.facts import ContractFacts, History, check_contract
from jobscore.errors import InvalidInput, Problem
from jobscore.instants import format_instant, full_quarters_between
from jobscore.money import ZERO, format_money

__all__ = [
    "GOOD_FEEDBACK",
    "POOR_FEEDBACK",
    "AddContracts",
    "Applied",
    "Change",
    "CloseContract",
    "FeedbackChange",
    "KeepOpen",
    "MoveClock",
    "RefundChange",
    "apply_changes",
    "find_contract",
    "stars_words",
]


@dataclass(frozen=True, slots=True)
class RefundChange:
    """Refund part or all of a contract. A full refund also cancels it."""

    contract_id: str
    #: None refunds everything not yet refunded.
    amount: Decimal | None = None


@dataclass(frozen=True, slots=True)
class FeedbackChange:
    """The client leaves this end-of-contract feedback."""

    contract_id: str
    stars: float | None
    private_score: int | None = None


@dataclass(frozen=True, slots=True)
class CloseContract:
    """End an open contract (a long-term one stops counting as steady)."""

    contract_id: str
    #: None: now (the as-of instant).
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class KeepOpen:
    """Keep an open contract running, paid at least every quarter, until the clock."""

    contract_id: str


@dataclass(frozen=True, slots=True)
class AddContracts:
    """`count` new contracts of `amount` each, each from a new client."""

    count: int
    amount: Decimal
    stars: float | None = 5.0
    private_score: int | None = 10
    #: Explicit end dates (one per contract); empty: spread evenly up to the clock.
    ends: tuple[datetime, ...] = ()
    length_days: int = 14


@dataclass(frozen=True, slots=True)
class MoveClock:
    """Score as of a later instant."""

    to: datetime


Change = RefundChange | FeedbackChange | CloseContract | KeepOpen | AddContracts | MoveClock

#: What a pleased and an unhappy client leave, when a tool has to assume one.
GOOD_FEEDBACK = (5.0, 10)
POOR_FEEDBACK = (1.0, 0)

# Apply in this order whatever order they were given in: money and status first, then what
# the client says about the result, then new work.
_ORDER = {RefundChange: 0, CloseContract: 1, KeepOpen: 1, FeedbackChange: 2, AddContracts: 3}


@dataclass(frozen=True, slots=True)
class Applied:
    """A changed history, the instant to score it at, and what the changes assumed."""

    history: History
    clock: datetime
    notes: tuple[str, ...]
    #: Contracts whose feedback is unknown after the changes (a partial refund without
    #: feedback): a tool shows a range over them.
    unknown_feedback: tuple[str, ...] = ()


def stars_words(stars: float) -> str:
    return f"{stars:g} star{'' if stars == 1 else 's'}"


def _refused(field: str, message: str, contract_id: str | None = None) -> InvalidInput:
    record = f"contract {contract_id}" if contract_id else None
    return InvalidInput(Problem(field, message, source="what-if", record=record))


def find_contract(history: History, contract_id: str) -> ContractFacts:
    for c in history.contracts:
        if c.contract_id == contract_id:
            return c
    known = ", ".join(c.contract_id for c in history.contracts[:8])
    more = ", ..." if len(history.contracts) > 8 else ""
    raise InvalidInput(
        Problem(
            "contract_id",
            f"no contract {contract_id!r} in the history (it has: {known}{more})",
            source=history.source,
        )
    )


def apply_changes(history: History, changes: Sequence[Change], as_of: datetime) -> Applied:
    """Apply `changes` to `history` as decided at `as_of`; see each change for its meaning."""
    clocks = [c.to for c in changes if isinstance(c, MoveClock)]
    if len(clocks) > 1:
        raise _refused("clock", "give at most one new clock")
    clock = clocks[0] if clocks else as_of
    if clock < as_of:
        raise _refused("clock", f"{format_instant(clock)} is before the as-of instant")
    contracts = {c.contract_id: c for c in history.contracts}
    order = list(contracts)
    notes: list[str] = []
    unknown: list[str] = []
    ordered = sorted(
        (c for c in changes if not isinstance(c, MoveClock)), key=lambda c: _ORDER[type(c)]
    )
    for change in ordered:
        if isinstance(change, AddContracts):
            for new in _new_contracts(change, contracts, as_of, clock):
                contracts[new.contract_id] = new
                order.append(new.contract_id)
            notes.append(_describe_added(change))
            continue
        current = find_contract(
            history.with_contracts(tuple(contracts.values())), change.contract_id
        )
        if isinstance(change, RefundChange):
            updated, note, pending = _refund(current, change, as_of)
            if pending:
                unknown.append(current.contract_id)
        elif isinstance(change, FeedbackChange):
            updated, note = _feedback(current, change, as_of)
            if current.contract_id in unknown:
                unknown.remove(current.contract_id)
        elif isinstance(change, CloseContract):
            updated, note = _close(current, change, as_of)
        else:
            updated, note = _keep_open(current, clock)
        _check(updated)
        contracts[updated.contract_id] = updated
        notes.append(note)
    if clock != as_of:
        notes.append(f"scored as of {format_instant(clock)} instead of {format_instant(as_of)}")
    changed = history.with_contracts(tuple(contracts[k] for k in order))
    return Applied(changed, clock, tuple(notes), tuple(unknown))


def _check(c: ContractFacts) -> None:
    problems = check_contract(c)
    if problems:
        raise InvalidInput(
            Problem(p.field, p.message, source="what-if", record=p.record) for p in problems
        )


def _without_feedback(c: ContractFacts) -> ContractFacts:
    return replace(c, stars=None, private_score=None, feedback_at=None, feedback_removed=False)


def _refund(
    c: ContractFacts, change: RefundChange, as_of: datetime
) -> tuple[ContractFacts, str, bool]:
    left = c.earned - c.refunded
    if left <= 0:
        raise _refused("refund", "nothing left to refund: it is refunded in full", c.contract_id)
    amount = left if change.amount is None else change.amount
    if amount <= 0:
        raise _refused("refund", f"{amount} is not a positive amount", c.contract_id)
    if amount > left:
        raise _refused(
            "refund",
            f"{format_money(amount)} is more than what is left to refund ({format_money(left)})",
            c.contract_id,
        )
    ledger = (*c.ledger, (as_of, -amount)) if c.ledger else ()
    ended_at = c.ended_at if c.ended_at is not None and c.ended_at <= as_of else as_of
    if amount == left:
        updated = replace(
            _without_feedback(c),
            refunded=c.earned,
            ended_at=ended_at,
            ended_by=EndedBy.FREELANCER,
            end_reason=EndReason.CANCELLED,
            ledger=ledger,
        )
        note = (
            f"{c.contract_id}: refunded in full ({format_money(amount)}) and cancelled; "
            "assumed the client, once refunded, leaves no feedback"
        )
        return updated, note, False
    updated = replace(
        c,
        refunded=c.refunded + amount,
        ended_at=ended_at,
        end_reason=c.end_reason or EndReason.COMPLETED,
        ledger=ledger,
    )
    if c.has_feedback:
        # Private feedback can never be edited: a refund after it leaves it where it was.
        note = (
            f"{c.contract_id}: {format_money(amount)} refunded; feedback given stays unless changed"
        )
        return updated, note, False
    note = (
        f"{c.contract_id}: {format_money(amount)} of {format_money(left)} refunded; "
        "the client's feedback is unknown, so both a pleased and an unhappy client are shown"
    )
    return updated, note, True


def _feedback(
    c: ContractFacts, change: FeedbackChange, as_of: datetime
) -> tuple[ContractFacts, str]:
    if change.stars is None and change.private_score is None:
        raise _refused("feedback", "give stars, a private score, or both", c.contract_id)
    updated = replace(
        c,
        stars=change.stars,
        private_score=change.private_score,
        feedback_at=None,
        feedback_removed=False,
    )
    parts = []
    if change.stars is not None:
        parts.append(stars_words(change.stars))
    if change.private_score is not None:
        parts.append(f"private {change.private_score}/10")
    note = f"{c.contract_id}: the client leaves {' and '.join(parts)}"
    if c.ended_at is None or c.ended_at > as_of:
        updated = replace(updated, ended_at=as_of, end_reason=c.end_reason or EndReason.COMPLETED)
        note += " and the contract ends now"
    return updated, note


def _close(c: ContractFacts, change: CloseContract, as_of: datetime) -> tuple[ContractFacts, str]:
    if c.ended_at is not None and c.ended_at <= as_of:
        raise _refused("close", f"already ended on {c.ended_at:%Y-%m-%d}", c.contract_id)
    at = change.at or as_of
    if at < c.started_at:
        raise _refused("close", "cannot end before it started", c.contract_id)
    updated = replace(c, ended_at=at, end_reason=c.end_reason or EndReason.COMPLETED)
    note = f"{c.contract_id}: closed on {at:%Y-%m-%d}"
    if not c.has_feedback:
        note += " with no feedback unless given with --feedback"
    return updated, note


def _keep_open(c: ContractFacts, clock: datetime) -> tuple[ContractFacts, str]:
    if c.ended_at is not None and c.ended_at <= clock:
        raise _refused("keep_open", f"it ended on {c.ended_at:%Y-%m-%d}", c.contract_id)
    # Payments go on every 30 days at the contract's average monthly rate so far.
    paid_days = max((c.last_paid_at - c.started_at).days, 30)
    monthly = (c.net_earnings * 30 / paid_days).quantize(Decimal("0.01"))
    payments: list[tuple[datetime, Decimal]] = []
    at = c.last_paid_at + timedelta(days=30)
    while at <= clock and monthly > 0:
        payments.append((at, monthly))
        at += timedelta(days=30)
    last = payments[-1][0] if payments else c.last_paid_at
    added = sum((amount for _, amount in payments), ZERO)
    quarters = None if c.paid_quarters is None else full_quarters_between(c.started_at, last)
    updated = replace(
        c,
        ended_at=None,
        earned=c.earned + added,
        last_payment_at=last,
        paid_quarters=quarters,
        ledger=c.ledger + tuple(payments) if c.ledger else (),
    )
    note = (
        f"{c.contract_id}: kept open until {clock:%Y-%m-%d}, paid every 30 days at its "
        f"average rate so far ({format_money(monthly)} a month, {format_money(added)} in all)"
    )
    return updated, note


def _new_contracts(
    change: AddContracts, existing: dict[str, ContractFacts], as_of: datetime, clock: datetime
) -> Iterable[ContractFacts]:
    if change.count < 1:
        raise _refused("add", f"{change.count} contracts: add at least 1")
    if change.amount <= ZERO:
        raise _refused("add", f"{format_money(change.amount)} is not a positive amount")
    if change.ends and len(change.ends) != change.count:
        raise _refused("add", f"{len(change.ends)} end dates for {change.count} contracts")
    ends = change.ends or _spread(change.count, as_of, clock)
    clients = {c.client_id for c in existing.values()}
    freelancer = next(iter(existing.values())).freelancer_id if existing else "me"
    serial = 0
    for end in ends:
        serial += 1
        while f"new-{serial}" in existing or f"new-client-{serial}" in clients:
            serial += 1
        started = max(end - timedelta(days=change.length_days), min(as_of, end))
        new = ContractFacts(
            contract_id=f"new-{serial}",
            client_id=f"new-client-{serial}",
            started_at=started,
            ended_at=end,
            ended_by=EndedBy.CLIENT,
            end_reason=EndReason.COMPLETED,
            kind=Kind.FIXED,
            earned=change.amount,
            stars=change.stars,
            private_score=change.private_score,
            freelancer_id=freelancer,
        )
        _check(new)
        yield new


def _spread(count: int, start: datetime, end: datetime) -> tuple[datetime, ...]:
    """`count` instants evenly over (start, end], the last at `end`; all at `end` if equal."""
    step = (end - start) / count
    return tuple(start + step * (i + 1) for i in range(count))


def _describe_added(change: AddContracts) -> str:
    said = []
    if change.stars is not None:
        said.append(stars_words(change.stars))
    if change.private_score is not None:
        said.append(f"private {change.private_score}/10")
    feedback = " and ".join(said) or "no feedback"
    return (
        f"{change.count} new contract{'s' * (change.count != 1)} of "
        f"{format_money(change.amount)}, each from a new client, {change.length_days} days long, "
        f"ending with {feedback}"
    )
