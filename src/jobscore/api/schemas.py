"""The bodies the API accepts, as its own schemas (not tables, not domain records): the
routes map them to the service's arguments. Unknown fields are refused, and so is a value of
another type than the schema's where reading it anyway would change its meaning (a number for
an instant, `true` for a star).

Money is a decimal string or a number; instants are ISO 8601 with an offset. `at` is the
instant a fact took effect, for the operator back-filling history; without it, now.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict

from jobscore.domain.enums import EndedBy, EndReason, Kind, Party

__all__ = [
    "ClientBody",
    "ContractBody",
    "EndBody",
    "ErrorBody",
    "ErrorDetail",
    "FeedbackBody",
    "FreelancerBody",
    "Instant",
    "Money",
    "MoneyBody",
    "WriteReceipt",
]

#: An amount of money as a body carries it: a finite number (the rules refuse one that is not
#: positive, has a fraction of a cent or is larger than the store keeps, naming the rule).
Money = Annotated[Decimal, Field(allow_inf_nan=False)]

_AT = "when the fact took effect (the operator back-filling history); now when absent"


def _iso_8601(value: object) -> object:
    """Instants are ISO 8601 text, as the schema says (`date-time`); a number, which pydantic
    would read as seconds since 1970, is refused. An instant without an offset is read as
    written, for the lifecycle rules to refuse by name."""
    if value is None or isinstance(value, datetime):
        return value
    example = "such as 2026-01-31T12:00:00Z"
    if not isinstance(value, str):
        raise ValueError(f"must be an ISO 8601 instant, {example}")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO 8601 instant, {example}") from None


Instant = Annotated[datetime, BeforeValidator(_iso_8601)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")

    at: Instant | None = Field(default=None, description=_AT)


class FreelancerBody(_Body):
    freelancer_id: str = Field(min_length=1)


class ClientBody(_Body):
    client_id: str = Field(min_length=1)


class ContractBody(_Body):
    contract_id: str = Field(min_length=1)
    freelancer_id: str = Field(min_length=1)
    client_id: str = Field(min_length=1)
    kind: Kind = Kind.FIXED
    started_at: Instant | None = None


class MoneyBody(_Body):
    amount: Money = Field(description="US dollars, in whole cents: a decimal string or number")
    payment_id: str | None = Field(default=None, min_length=1)


class EndBody(_Body):
    end_reason: EndReason
    ended_by: EndedBy | None = Field(
        default=None, description="the caller's side when absent; `platform` for the operator"
    )


class FeedbackBody(_Body):
    # Strict: `true` is not 1 star, nor "7" a private score of 7.
    stars: Annotated[float, Strict()] = Field(description="1 to 5")
    private_score: Annotated[int, Strict()] | None = Field(
        default=None, description="0 to 10, the client's only"
    )
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


class ErrorDetail(BaseModel):
    """What went wrong: a stable code (`errors.ERROR_TABLE`), a message saying what to do, and
    the record and field at fault when one can be named."""

    code: str = Field(examples=["rule_broken"])
    message: str
    record: str | None = Field(examples=["contract k1"])
    field: str | None = Field(examples=["amount"])


class ErrorBody(BaseModel):
    """The one error body of every route."""

    error: ErrorDetail
