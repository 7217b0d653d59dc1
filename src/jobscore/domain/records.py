"""Domain records: the people, the contracts, and the money and feedback on them.

These are the full records a marketplace keeps (and the rich JSON history carries). Scoring
works on their reduction, `ContractFacts` (see `reduce.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from jobscore.domain.enums import DisputeResult, EndedBy, EndReason, Kind, Party, PaymentKind

__all__ = [
    "AccountHold",
    "Client",
    "ClientFeedback",
    "Contract",
    "Dispute",
    "Freelancer",
    "FreelancerFeedback",
    "Payment",
    "Refund",
]


@dataclass(frozen=True, slots=True)
class AccountHold:
    start: datetime
    days: int = 14
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Freelancer:
    id: str
    joined_at: datetime | None = None
    profile_complete: bool = True
    holds: tuple[AccountHold, ...] = ()
    #: Expert-Vetted is granted by hand only.
    expert_vetted: bool = False


@dataclass(frozen=True, slots=True)
class Client:
    id: str
    joined_at: datetime | None = None
    payment_verified: bool = False
    #: A history of poor collaboration: feedback from a flagged client never counts.
    flagged: bool = False
    #: Terms violations: feedback from a suspended client never counts.
    suspended: bool = False

    @property
    def counts_against_nobody(self) -> bool:
        return self.flagged or self.suspended


@dataclass(frozen=True, slots=True)
class Payment:
    """Money released to the freelancer: a milestone, a weekly invoice or a bonus."""

    id: str
    at: datetime
    amount: Decimal
    kind: PaymentKind = PaymentKind.MILESTONE


@dataclass(frozen=True, slots=True)
class Refund:
    """Money returned to the client out of an earlier payment."""

    id: str
    at: datetime
    amount: Decimal
    payment_id: str | None = None


@dataclass(frozen=True, slots=True)
class Dispute:
    opened_at: datetime
    opened_by: Party
    resolved_at: datetime | None = None
    result: DisputeResult | None = None
    escrow: Decimal | None = None
    freelancer_share: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ClientFeedback:
    """What the client said of the freelancer.

    Public: overall stars and optional category stars, a comment. Private: a 0-10 "would
    recommend" score and a reason, never shown to the freelancer contract by contract.
    """

    at: datetime
    stars: float | None = None
    private_score: int | None = None
    category_stars: tuple[tuple[str, float], ...] = ()
    comment: str = ""
    private_reason: str | None = None
    removed: bool = False
    mid_contract: bool = False


@dataclass(frozen=True, slots=True)
class FreelancerFeedback:
    """What the freelancer said of the client: feeds the client's own reputation."""

    at: datetime
    stars: float
    comment: str = ""


@dataclass(frozen=True, slots=True)
class Contract:
    id: str
    freelancer_id: str
    client_id: str
    kind: Kind
    started_at: datetime
    ended_at: datetime | None = None
    ended_by: EndedBy | None = None
    end_reason: EndReason | None = None
    category: str | None = None
    currency: str = "USD"
    payments: tuple[Payment, ...] = ()
    refunds: tuple[Refund, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    feedback: tuple[ClientFeedback, ...] = ()
    freelancer_feedback: FreelancerFeedback | None = None
