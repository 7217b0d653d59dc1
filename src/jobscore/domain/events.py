"""The facts a marketplace records, one record per kind, and the envelope the store keeps.

What is stored is what happened: each fact carries the instant it took effect (`at`), and
`Recorded` adds the instant it was recorded, who recorded it and the idempotency key of the
request. The current state is derived from the facts (`market.py`, `lifecycle.py`).

Feedback facts name a side (`Party`): `FeedbackGiven.by` is the author; `EditGranted.by` and
`ResponsePosted.by` are the recipient of the other side's feedback; `FeedbackEdited.by` is
the author editing; `FeedbackRemoved.of` is the author whose feedback moderation removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from jobscore.domain.enums import DisputeResult, EndedBy, EndReason, Kind, Party, PaymentKind
from jobscore.money import ZERO

__all__ = [
    "ClientFlag",
    "ClientFlagged",
    "ClientRegistered",
    "ContractEnded",
    "ContractOpened",
    "DisputeOpened",
    "DisputeResolved",
    "EditGranted",
    "Fact",
    "FeedbackCategory",
    "FeedbackEdited",
    "FeedbackGiven",
    "FeedbackRemoved",
    "FreelancerRegistered",
    "PaymentMade",
    "Recorded",
    "RefundMade",
    "ResponsePosted",
    "Role",
    "other_side",
]


class Role(StrEnum):
    """Who records a fact. Anonymous readers record nothing."""

    OPERATOR = "operator"
    CLIENT = "client"
    FREELANCER = "freelancer"


class ClientFlag(StrEnum):
    #: A history of poor collaboration.
    FLAGGED = "flagged"
    #: Terms violations.
    SUSPENDED = "suspended"


class FeedbackCategory(StrEnum):
    """The categories a client may rate besides the overall stars."""

    SKILLS = "skills"
    QUALITY = "quality"
    AVAILABILITY = "availability"
    DEADLINES = "deadlines"
    COMMUNICATION = "communication"
    COOPERATION = "cooperation"


def other_side(side: Party) -> Party:
    return Party.FREELANCER if side is Party.CLIENT else Party.CLIENT


@dataclass(frozen=True, slots=True)
class FreelancerRegistered:
    at: datetime
    freelancer_id: str
    profile_complete: bool = True


@dataclass(frozen=True, slots=True)
class ClientRegistered:
    at: datetime
    client_id: str
    payment_verified: bool = False


@dataclass(frozen=True, slots=True)
class ContractOpened:
    """A contract between a registered freelancer and client; it starts at `started_at`
    (the opening instant when not given)."""

    at: datetime
    contract_id: str
    freelancer_id: str
    client_id: str
    kind: Kind = Kind.FIXED
    started_at: datetime | None = None
    category: str | None = None
    currency: str = "USD"

    @property
    def start(self) -> datetime:
        return self.started_at if self.started_at is not None else self.at


@dataclass(frozen=True, slots=True)
class PaymentMade:
    """Money released to the freelancer: a milestone, a weekly invoice or a bonus. Payment ids
    are the contract's own."""

    at: datetime
    contract_id: str
    payment_id: str
    amount: Decimal
    kind: PaymentKind = PaymentKind.MILESTONE


@dataclass(frozen=True, slots=True)
class RefundMade:
    """Money returned to the client out of one earlier payment of the same contract."""

    at: datetime
    contract_id: str
    refund_id: str
    payment_id: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class DisputeOpened:
    at: datetime
    contract_id: str
    dispute_id: str
    by: Party
    #: The money in escrow that the resolution splits.
    escrow: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class DisputeResolved:
    """The operator's resolution: the freelancer's share of the escrow (the client gets the
    rest), and who won when the operator names a winner; None is a settlement."""

    at: datetime
    contract_id: str
    dispute_id: str
    freelancer_share: Decimal
    result: DisputeResult | None = None


@dataclass(frozen=True, slots=True)
class ContractEnded:
    at: datetime
    contract_id: str
    by: EndedBy
    reason: EndReason


@dataclass(frozen=True, slots=True)
class FeedbackGiven:
    """Feedback at the end of a contract. The client rates the freelancer: public stars,
    optional category stars and a comment, and privately a 0-10 score and a reason. The
    freelancer rates the client: stars and a comment."""

    at: datetime
    contract_id: str
    by: Party
    stars: float
    comment: str = ""
    category_stars: tuple[tuple[FeedbackCategory, float], ...] = ()
    private_score: int | None = None
    private_reason: str | None = None


@dataclass(frozen=True, slots=True)
class EditGranted:
    """The recipient of feedback (`by`) lets the other side edit its public feedback."""

    at: datetime
    contract_id: str
    by: Party


@dataclass(frozen=True, slots=True)
class FeedbackEdited:
    """The author's new public feedback. Private feedback is final: the private fields are
    here only so that a request carrying them is refused by name."""

    at: datetime
    contract_id: str
    by: Party
    stars: float
    comment: str = ""
    category_stars: tuple[tuple[FeedbackCategory, float], ...] = ()
    private_score: int | None = None
    private_reason: str | None = None


@dataclass(frozen=True, slots=True)
class ResponsePosted:
    """The recipient's (`by`) public response to the feedback it received."""

    at: datetime
    contract_id: str
    by: Party
    text: str


@dataclass(frozen=True, slots=True)
class FeedbackRemoved:
    """Moderation removes the feedback `of` one side; it then counts nowhere.
    `under_allowance`: removed at the freelancer's request under the policy's allowance."""

    at: datetime
    contract_id: str
    of: Party
    reason: str = ""
    under_allowance: bool = False


@dataclass(frozen=True, slots=True)
class ClientFlagged:
    """Feedback from a flagged or suspended client never counts against a freelancer."""

    at: datetime
    client_id: str
    flag: ClientFlag = ClientFlag.FLAGGED
    reason: str = ""


Fact = (
    FreelancerRegistered
    | ClientRegistered
    | ContractOpened
    | PaymentMade
    | RefundMade
    | DisputeOpened
    | DisputeResolved
    | ContractEnded
    | FeedbackGiven
    | EditGranted
    | FeedbackEdited
    | ResponsePosted
    | FeedbackRemoved
    | ClientFlagged
)


@dataclass(frozen=True, slots=True)
class Recorded:
    """One entry of the log: a fact, when it was recorded, by whom, under which key."""

    fact: Fact
    recorded_at: datetime
    actor_role: Role
    actor_id: str | None = None
    idempotency_key: str | None = None
