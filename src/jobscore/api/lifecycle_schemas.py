"""The bodies of the writes that follow a contract's money and feedback: disputes, edit
grants, edits, responses, removals, and client flags. Like every body, they refuse unknown
fields and take an optional `at` (the operator back-filling history)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from jobscore.api.schemas import Money
from jobscore.domain.enums import DisputeResult, Party
from jobscore.domain.events import ClientFlag, FeedbackCategory

__all__ = [
    "DisputeBody",
    "EditBody",
    "EditGrantBody",
    "FlagBody",
    "RemovalBody",
    "ResolutionBody",
    "ResponseBody",
]

_AT = "when the fact took effect (the operator back-filling history); now when absent"


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")

    at: datetime | None = Field(default=None, description=_AT)


class DisputeBody(_Body):
    escrow: Money = Field(
        default=Decimal(0), description="the money in escrow the resolution splits, in whole cents"
    )
    dispute_id: str | None = Field(
        default=None, min_length=1, description="chosen by the server when absent"
    )
    by: Party | None = Field(
        default=None, description="the side opening it: the caller's own; the operator names it"
    )


class ResolutionBody(_Body):
    freelancer_share: Money = Field(
        description="the freelancer's share of the escrow, 0 to all of it; the client gets the rest"
    )
    result: DisputeResult | None = Field(
        default=None, description="who won, from the freelancer's side; absent for a settlement"
    )


class EditGrantBody(_Body):
    pass


class EditBody(_Body):
    stars: float = Field(description="1 to 5")
    comment: str = ""
    category_stars: dict[FeedbackCategory, float] | None = Field(
        default=None, description="the client's only, 1 to 5 each"
    )
    private_score: int | None = Field(
        default=None, description="refused: private feedback is never edited"
    )
    private_reason: str | None = Field(
        default=None, description="refused: private feedback is never edited"
    )


class ResponseBody(_Body):
    text: str = Field(min_length=1)


class RemovalBody(_Body):
    reason: str = ""
    under_allowance: bool = Field(
        default=False,
        description="at the freelancer's request, under the policy's removal allowance",
    )
    policy: str | None = Field(
        default=None,
        description="the policy whose displayed score a removal under the allowance may not "
        "lower; the default policy when absent",
    )


class FlagBody(_Body):
    flag: ClientFlag = Field(
        default=ClientFlag.FLAGGED,
        description="`flagged` (poor collaboration) or `suspended` (terms violations)",
    )
    reason: str = ""
