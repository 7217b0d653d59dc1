"""The bodies the API accepts, as its own schemas (not tables, not domain records): the
routes map them to the service's arguments. Unknown fields are refused.

Money is a decimal string or a number; instants are ISO 8601 with an offset. `at` is the
instant a fact took effect, for the operator back-filling history; without it, now.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from jobscore.domain.enums import EndedBy, EndReason, Kind, Party
from jobscore.money import MAX_AMOUNT

__all__ = [
    "ClientBody",
    "ContractBody",
    "EndBody",
    "FeedbackBody",
    "FreelancerBody",
    "Money",
    "MoneyBody",
    "WriteReceipt",
]

#: An amount of money as a body carries it: finite, and no larger than the store keeps (the
#: rules refuse what is not positive or has a fraction of a cent, naming the rule).
Money = Annotated[Decimal, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT, allow_inf_nan=False)]

_AT = "when the fact took effect (the operator back-filling history); now when absent"


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")

    at: datetime | None = Field(default=None, description=_AT)


class FreelancerBody(_Body):
    freelancer_id: str = Field(min_length=1)


class ClientBody(_Body):
    client_id: str = Field(min_length=1)


class ContractBody(_Body):
    contract_id: str = Field(min_length=1)
    freelancer_id: str = Field(min_length=1)
    client_id: str = Field(min_length=1)
    kind: Kind = Kind.FIXED
    started_at: datetime | None = None


class MoneyBody(_Body):
    amount: Money = Field(description="US dollars, in whole cents: a decimal string or number")
    payment_id: str | None = Field(default=None, min_length=1)


class EndBody(_Body):
    end_reason: EndReason
    ended_by: EndedBy | None = Field(
        default=None, description="the caller's side when absent; `platform` for the operator"
    )


class FeedbackBody(_Body):
    stars: float = Field(description="1 to 5")
    private_score: int | None = Field(default=None, description="0 to 10, the client's only")
    comment: str = ""
    by: Party | None = Field(
        default=None, description="the side giving it: the caller's own; the operator names it"
    )


class WriteReceipt(BaseModel):
    """The answer to a write, the same on a retry under the same key."""

    record: str
    sequence: int
    recorded_at: str
    payment_id: str | None = None
    refund_id: str | None = None
    dispute_id: str | None = None
