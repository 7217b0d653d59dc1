"""The tools' routes: badges, what-if, refund-or-keep and recover on a freelancer's stored
history, and a client's risk. Each is a read: it records nothing, what-if included (it is a
POST only because its changes are a list in the body). Each answers the object the
command's `--json` prints for the same history, as the caller may see it
(`service.tool_reads` says what a freelancer's answer leaves out)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from jobscore.api.routes import AsOf, PolicyName, Use, Who
from jobscore.errors import InvalidInput, Problem
from jobscore.instants import instant_in_range, parse_instant
from jobscore.tools.change_text import CHANGE_KINDS

__all__ = ["WhatIfBody", "router"]

router = APIRouter(tags=["tools"])


class WhatIfBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    changes: list[str] = Field(
        default_factory=list,
        description=(
            "hypothetical changes, each `KIND:...` with KIND one of "
            f"{', '.join(CHANGE_KINDS)}: `refund:ID` or `refund:ID:AMOUNT`, "
            "`feedback:ID:STARS[:PRIVATE]`, `add:N@AMOUNT[:STARS[:PRIVATE]]`, "
            "`close:ID[:DATE]`, `keep-open:ID`, `clock:DATE`"
        ),
        examples=[["refund:logo", "add:3@500:5"]],
    )


def _instant(text: str | None, field: str) -> datetime | None:
    if text is None:
        return None
    try:
        return instant_in_range(parse_instant(text))
    except (ValueError, OverflowError) as exc:
        raise InvalidInput(Problem(field, str(exc))) from None


@router.get("/freelancers/{freelancer_id}/badges")
def badges(
    freelancer_id: str, who: Who, use: Use, policy: PolicyName = "upwork", as_of: AsOf = None
) -> dict[str, Any]:
    """The badges held, and each badge's rules with the figures they read and need."""
    return use.badges(who, freelancer_id, policy, _instant(as_of, "as_of"))


@router.post("/freelancers/{freelancer_id}/whatif")
def whatif(
    freelancer_id: str,
    body: WhatIfBody,
    who: Who,
    use: Use,
    policy: PolicyName = "upwork",
    as_of: AsOf = None,
) -> dict[str, Any]:
    """The object `jobscore whatif --json` prints: the score before and after the changes.
    Nothing is recorded."""
    return use.whatif(who, freelancer_id, body.changes, policy, _instant(as_of, "as_of"))


@router.get("/freelancers/{freelancer_id}/refund-or-keep/{contract_id}")
def refund_or_keep(
    freelancer_id: str,
    contract_id: str,
    who: Who,
    use: Use,
    policy: PolicyName = "upwork",
    as_of: AsOf = None,
) -> dict[str, Any]:
    """The object `jobscore refund-or-keep --json` prints for the contract."""
    return use.refund_or_keep(who, freelancer_id, contract_id, policy, _instant(as_of, "as_of"))


@router.get("/freelancers/{freelancer_id}/recover")
def recover(
    freelancer_id: str,
    who: Who,
    use: Use,
    target: Annotated[float, Query(description="the score to reach")] = 90.0,
    by: Annotated[
        str | None,
        Query(description="reach it by this date (default: 12 months from as_of)"),
    ] = None,
    pace: Annotated[
        str | None,
        Query(description="instead: contracts a month (`2/month`); gives the date"),
    ] = None,
    policy: PolicyName = "upwork",
    as_of: AsOf = None,
) -> dict[str, Any]:
    """The object `jobscore recover --json` prints: the fewest good contracts that show the
    target by a date, or with `pace` the date the target shows."""
    return use.recover(
        who, freelancer_id, target, _instant(by, "by"), pace, policy, _instant(as_of, "as_of")
    )


@router.get("/clients/{client_id}/risk")
def client_risk(
    client_id: str, who: Who, use: Use, policy: PolicyName = "upwork", as_of: AsOf = None
) -> dict[str, Any]:
    """The object `jobscore screen --json` prints for the client, from its stored contracts."""
    return use.client_risk(who, client_id, _instant(as_of, "as_of"), policy=policy)
