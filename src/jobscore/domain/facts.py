"""The scorer's input: one `ContractFacts` per contract, a history row in typed form.

Every input — a CSV row, a JSON row, a rich JSON record with dated payments, a store row —
is reduced to these facts before scoring. `check_contract` lists what is wrong with one;
importers attach the file and row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal

from jobscore.domain.enums import DisputeResult, EndedBy, EndReason, Kind
from jobscore.domain.records import Client, Freelancer
from jobscore.errors import Problem
from jobscore.instants import DAYS_PER_QUARTER, end_of_day, full_quarters_between
from jobscore.money import SUB_CENT, ZERO, has_sub_cents

__all__ = [
    "FEEDBACK_WINDOW_DAYS",
    "ContractFacts",
    "History",
    "check_contract",
    "known_at",
    "quarters_with_a_payment",
]

#: Either side may leave feedback until the end of day 14 (UTC) after the contract ends.
FEEDBACK_WINDOW_DAYS = 14


@dataclass(frozen=True, slots=True)
class ContractFacts:
    contract_id: str
    client_id: str
    started_at: datetime
    earned: Decimal
    freelancer_id: str = "me"
    kind: Kind = Kind.FIXED
    ended_at: datetime | None = None
    ended_by: EndedBy | None = None
    end_reason: EndReason | None = None
    refunded: Decimal = ZERO
    last_payment_at: datetime | None = None
    paid_quarters: int | None = None
    stars: float | None = None
    private_score: int | None = None
    feedback_at: datetime | None = None
    feedback_removed: bool = False
    dispute: DisputeResult | None = None
    client_flagged: bool = False
    client_stars_given_mean: float | None = None
    client_stars_given_count: int | None = None
    category: str | None = None
    currency: str = "USD"
    #: Dated money movements (payments positive, refunds negative) when the input had them;
    #: empty for a flat row, whose money is dated at its last payment.
    ledger: tuple[tuple[datetime, Decimal], ...] = field(default=(), compare=False)

    @property
    def net_earnings(self) -> Decimal:
        return self.earned - self.refunded

    def money_by(self, as_of: datetime) -> tuple[Decimal, Decimal]:
        """(earned, refunded) by `as_of`: from the dated money when there is some; a flat
        row's amounts are not dated, and stand as given."""
        if not self.ledger:
            return self.earned, self.refunded
        paid = sum((amount for at, amount in self.ledger if amount > 0 and at <= as_of), ZERO)
        back = -sum((amount for at, amount in self.ledger if amount < 0 and at <= as_of), ZERO)
        return paid, back

    def net_earned_by(self, as_of: datetime) -> Decimal:
        if not self.ledger:
            return self.net_earnings
        earned, refunded = self.money_by(as_of)
        return earned - refunded

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    @property
    def last_paid_at(self) -> datetime:
        """Last payment: as given, else the end, else the start (the column's default)."""
        return self.last_payment_at or self.ended_at or self.started_at

    @property
    def quarters_paid(self) -> int:
        """Full 3-month periods with a payment (default: full quarters start → end/last)."""
        if self.paid_quarters is not None:
            return self.paid_quarters
        return full_quarters_between(self.started_at, self.ended_at or self.last_paid_at)

    def last_paid_by(self, as_of: datetime) -> datetime | None:
        """The last payment at or before `as_of`. A flat row knows only its last payment, so
        an open contract paid later is taken as paid through any earlier instant."""
        if self.started_at > as_of:
            return None
        if self.ledger:
            return max(
                (at for at, amount in self.ledger if amount > 0 and at <= as_of), default=None
            )
        return min(self.last_paid_at, as_of)

    def quarters_paid_by(self, as_of: datetime) -> int:
        """Full 3-month periods with a payment, counting only those reached by `as_of`."""
        last = self.last_paid_by(as_of)
        if last is None:
            return 0
        return min(self.quarters_paid, full_quarters_between(self.started_at, last))

    @property
    def has_feedback(self) -> bool:
        return self.stars is not None or self.private_score is not None

    @property
    def feedback_instant(self) -> datetime | None:
        if not self.has_feedback:
            return None
        return self.feedback_at or self.ended_at

    @property
    def is_mid_contract_feedback(self) -> bool:
        """Feedback dated before the contract's last day is mid-contract (public only)."""
        if not self.has_feedback or self.feedback_at is None:
            return False
        return self.ended_at is None or self.feedback_at.date() < self.ended_at.date()

    def net_earned_between(self, start: datetime, end: datetime) -> Decimal:
        """Net money that moved in (start, end]; a flat row's money moves at its last payment."""
        if self.ledger:
            return sum((amount for at, amount in self.ledger if start < at <= end), ZERO)
        return self.net_earnings if start < self.last_paid_at <= end else ZERO


def check_contract(c: ContractFacts) -> list[Problem]:
    """Every domain rule one contract breaks, as Problems naming the field."""
    problems: list[Problem] = []

    def bad(name: str, message: str) -> None:
        problems.append(Problem(field=name, message=message, record=f"contract {c.contract_id}"))

    if not c.contract_id.strip():
        bad("contract_id", "is empty; every contract needs a unique id")
    if not c.client_id.strip():
        bad("client_id", "is empty; every contract needs its client's id")
    if c.earned < 0:
        bad("earned", f"is {c.earned}; earnings cannot be negative")
    # Refused, not rounded: engines round half cents differently, and it can move a bracket.
    if has_sub_cents(c.earned):
        bad("earned", f"{c.earned} {SUB_CENT}")
    if has_sub_cents(c.refunded):
        bad("refunded", f"{c.refunded} {SUB_CENT}")
    if c.refunded < 0:
        bad("refunded", f"is {c.refunded}; a refund cannot be negative")
    elif c.refunded > max(c.earned, ZERO):
        bad("refunded", f"{c.refunded} is above what was paid ({c.earned})")
    if c.ended_at is not None and c.ended_at < c.started_at:
        bad("ended_at", f"{c.ended_at:%Y-%m-%d} is before started_at {c.started_at:%Y-%m-%d}")
    if c.last_payment_at is not None and c.last_payment_at < c.started_at:
        bad("last_payment_at", "a payment cannot come before the contract started")
    if c.paid_quarters is not None and c.paid_quarters < 0:
        bad("paid_quarters", f"is {c.paid_quarters}; must be 0 or more")
    if c.stars is not None and not 1.0 <= c.stars <= 5.0:
        bad("stars", f"is {c.stars:g}; public stars go from 1.0 to 5.0")
    if c.private_score is not None and not 0 <= c.private_score <= 10:
        bad("private_score", f"is {c.private_score}; the private score goes from 0 to 10")
    if c.client_stars_given_mean is not None and not 1.0 <= c.client_stars_given_mean <= 5.0:
        bad("client_stars_given_mean", f"is {c.client_stars_given_mean:g}; must be 1.0 to 5.0")
    if c.client_stars_given_count is not None and c.client_stars_given_count < 0:
        bad("client_stars_given_count", "must be 0 or more")
    _check_feedback_dates(c, bad)
    return problems


def _check_feedback_dates(c: ContractFacts, bad: Callable[[str, str], None]) -> None:
    if not c.has_feedback:
        # A removed feedback may have lost its stars with it; it counts nowhere either way.
        if c.feedback_at is not None and not c.feedback_removed:
            bad(
                "feedback_at",
                "is set but the contract has no stars or private score; give the feedback's"
                " stars, or leave feedback_at empty (or set feedback_removed if it was removed)",
            )
        return
    if c.ended_at is None and c.feedback_at is None:
        bad(
            "stars",
            "feedback on an open contract: set ended_at, or feedback_at for mid-contract feedback",
        )
        return
    if c.feedback_at is not None and c.feedback_at < c.started_at:
        bad("feedback_at", "feedback cannot come before the contract started")
    if c.is_mid_contract_feedback and c.private_score is not None:
        bad("private_score", "mid-contract feedback is public only; it has no private score")
    if c.ended_at is not None and c.feedback_at is not None:
        closes = end_of_day(c.ended_at, FEEDBACK_WINDOW_DAYS)
        if c.feedback_at > closes:
            bad(
                "feedback_at",
                f"{c.feedback_at:%Y-%m-%d} is after the feedback window closed "
                f"({closes:%Y-%m-%d}, day {FEEDBACK_WINDOW_DAYS} after the end)",
            )


@dataclass(frozen=True, slots=True)
class History:
    """One freelancer's contracts, with what is known of the freelancer and the clients."""

    freelancer_id: str
    contracts: tuple[ContractFacts, ...]
    freelancer: Freelancer | None = None
    clients: Mapping[str, Client] = field(default_factory=dict)
    source: str | None = None

    def with_contracts(self, contracts: tuple[ContractFacts, ...]) -> History:
        return History(self.freelancer_id, contracts, self.freelancer, self.clients, self.source)

    def known_at(self, at: datetime) -> History:
        """The history as it stood at `at`: only what had happened by then (`known_at`)."""
        found = (known_at(c, at) for c in self.contracts)
        return self.with_contracts(tuple(c for c in found if c is not None))

    def first_started_at(self) -> datetime | None:
        return min((c.started_at for c in self.contracts), default=None)

    def is_client_flagged(self, contract: ContractFacts) -> bool:
        client = self.clients.get(contract.client_id)
        return contract.client_flagged or (client is not None and client.counts_against_nobody)

    def is_held_by_hand(self, at: datetime) -> bool:
        return self.freelancer is not None and any(
            h.start <= at < h.start + timedelta(days=h.days) for h in self.freelancer.holds
        )


def known_at(c: ContractFacts, at: datetime) -> ContractFacts | None:
    """The contract as it stood at `at`, from facts dated at or before it: None if it had not
    started; open, with no end, dispute or feedback, if it ended later; feedback given later
    not given yet; with dated money, only the payments and refunds made by then.

    A flat row's money is not dated but for its last payment: its amounts stand as given, at
    that date, and a contract open at `at` is taken as paid through `at`, as the scorers take
    it.
    """
    if c.started_at > at:
        return None
    known = c
    if c.ended_at is not None and c.ended_at > at:
        known = replace(
            known,
            ended_at=None,
            ended_by=None,
            end_reason=None,
            dispute=None,
            # A flat row's money stays dated at its last payment, the end if none is given.
            last_payment_at=c.last_payment_at if c.ledger else c.last_paid_at,
        )
    given = c.feedback_instant
    if given is not None and given > at:
        known = replace(
            known, stars=None, private_score=None, feedback_at=None, feedback_removed=False
        )
    if c.ledger and any(when > at for when, _ in c.ledger):
        moves = tuple((when, amount) for when, amount in c.ledger if when <= at)
        paid = [when for when, amount in moves if amount > 0]
        last = max(paid, default=None)
        known = replace(
            known,
            ledger=moves,
            earned=sum((amount for _, amount in moves if amount > 0), ZERO),
            refunded=-sum((amount for _, amount in moves if amount < 0), ZERO),
            last_payment_at=last,
            paid_quarters=quarters_with_a_payment(
                c.started_at, paid, known.ended_at or last or c.started_at
            ),
        )
    return known


def quarters_with_a_payment(started_at: datetime, paid: Iterable[datetime], end: datetime) -> int:
    """Full 90-day periods from the start to `end` with at least one payment in them."""
    quarter = timedelta(days=DAYS_PER_QUARTER)
    marks = list(paid)
    return sum(
        1
        for k in range(full_quarters_between(started_at, end))
        if any(started_at + k * quarter <= at < started_at + (k + 1) * quarter for at in marks)
    )
