"""The routes: each one parses its request, calls one use case of the service for the caller
the access table let through, and renders the answer."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request, Response

from jobscore.api.auth import caller, service
from jobscore.api.documents import json_document
from jobscore.api.schemas import (
    ClientBody,
    ContractBody,
    EndBody,
    FeedbackBody,
    FreelancerBody,
    MoneyBody,
    WriteReceipt,
)
from jobscore.errors import InvalidInput, Problem
from jobscore.instants import format_instant, parse_instant
from jobscore.scoring.catalog import CATALOG
from jobscore.service import Caller, Service, WriteAnswer

__all__ = ["router"]

router = APIRouter()

Who = Annotated[Caller, Depends(caller)]
Use = Annotated[Service, Depends(service)]
Key = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        description="a retry with the same key and body answers the first answer",
    ),
]
PolicyName = Annotated[
    str,
    Query(
        description=f"one of: {', '.join(CATALOG.names())}",
        json_schema_extra={"enum": list(CATALOG.names())},
    ),
]
AsOf = Annotated[
    str | None,
    Query(description="ISO 8601 date or instant; now when absent", examples=["2026-06-30"]),
]

#: A write answers 201 with its receipt; a retry says it is one in this header.
REPLAYED_HEADER = "Idempotent-Replayed"


def _receipt(answer: WriteAnswer, response: Response) -> WriteReceipt:
    response.status_code = 201
    if answer.replayed:
        response.headers[REPLAYED_HEADER] = "true"
    return WriteReceipt(
        record=answer.record,
        sequence=answer.sequence,
        recorded_at=format_instant(answer.recorded_at),
        **answer.ids,
    )


def _as_of(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return parse_instant(text)
    except ValueError as exc:
        raise InvalidInput(Problem("as_of", str(exc))) from None


_WRITE: dict[str, Any] = {
    "status_code": 201,
    "response_model": WriteReceipt,
    "response_model_exclude_none": True,
}


@router.post("/freelancers", tags=["registrations"], **_WRITE)
def register_freelancer(
    body: FreelancerBody, who: Who, use: Use, response: Response, key: Key = None
) -> WriteReceipt:
    return _receipt(use.register_freelancer(who, body.freelancer_id, key, body.at), response)


@router.post("/clients", tags=["registrations"], **_WRITE)
def register_client(
    body: ClientBody, who: Who, use: Use, response: Response, key: Key = None
) -> WriteReceipt:
    return _receipt(use.register_client(who, body.client_id, key, body.at), response)


@router.post("/contracts", tags=["contracts"], **_WRITE)
def open_contract(
    body: ContractBody, who: Who, use: Use, response: Response, key: Key = None
) -> WriteReceipt:
    answer = use.open_contract(
        who,
        body.contract_id,
        body.freelancer_id,
        body.client_id,
        body.kind,
        body.started_at,
        key,
        body.at,
    )
    return _receipt(answer, response)


@router.post("/contracts/{contract_id}/payments", tags=["contracts"], **_WRITE)
def pay(
    contract_id: str, body: MoneyBody, who: Who, use: Use, response: Response, key: Key = None
) -> WriteReceipt:
    answer = use.pay(who, contract_id, body.amount, body.payment_id, key, body.at)
    return _receipt(answer, response)


@router.post("/contracts/{contract_id}/refunds", tags=["contracts"], **_WRITE)
def refund(
    contract_id: str, body: MoneyBody, who: Who, use: Use, response: Response, key: Key = None
) -> WriteReceipt:
    answer = use.refund(who, contract_id, body.amount, body.payment_id, key, body.at)
    return _receipt(answer, response)


@router.post("/contracts/{contract_id}/end", tags=["contracts"], **_WRITE)
def end(
    contract_id: str, body: EndBody, who: Who, use: Use, response: Response, key: Key = None
) -> WriteReceipt:
    answer = use.end(who, contract_id, body.end_reason, body.ended_by, key, body.at)
    return _receipt(answer, response)


@router.post("/contracts/{contract_id}/feedback", tags=["contracts"], **_WRITE)
def give_feedback(
    contract_id: str, body: FeedbackBody, who: Who, use: Use, response: Response, key: Key = None
) -> WriteReceipt:
    answer = use.give_feedback(
        who, contract_id, body.stars, body.private_score, body.comment, body.by, key, body.at
    )
    return _receipt(answer, response)


@router.get("/contracts/{contract_id}", tags=["contracts"])
def read_contract(contract_id: str, who: Who, use: Use) -> dict[str, Any]:
    """The contract, its payments and refunds, and the feedback the caller may see now."""
    return use.contract(who, contract_id)


@router.get("/freelancers/{freelancer_id}/score", tags=["scores"], response_model=dict[str, Any])
def score(
    freelancer_id: str, who: Who, use: Use, policy: PolicyName = "upwork", as_of: AsOf = None
) -> Response:
    """The object `jobscore score --json` prints, as the caller may see it."""
    return json_document(use.score(who, freelancer_id, policy, _as_of(as_of)))


@router.get("/freelancers/{freelancer_id}/explain", tags=["scores"], response_model=dict[str, Any])
def explain(
    freelancer_id: str, who: Who, use: Use, policy: PolicyName = "upwork", as_of: AsOf = None
) -> Response:
    """The object `jobscore explain --json` prints, as the caller may see it."""
    return json_document(use.explain(who, freelancer_id, policy, _as_of(as_of)))


@router.get("/freelancers/{freelancer_id}/score-history", tags=["scores"])
def score_history(
    freelancer_id: str, who: Who, use: Use, policy: PolicyName = "upwork"
) -> dict[str, Any]:
    """The freelancer's recorded snapshots under the policy, oldest first."""
    return use.score_history(freelancer_id, policy)


_NEXT_PAGE = {
    "Link": {
        "description": 'the next page, older entries: `<URL>; rel="next"`; absent on the last',
        "schema": {"type": "string"},
    }
}


@router.get("/audit", tags=["audit"], responses={200: {"headers": _NEXT_PAGE}})
def audit(
    who: Who,
    use: Use,
    request: Request,
    response: Response,
    record: Annotated[str | None, Query(examples=["contract k1"])] = None,
    actor_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    before: Annotated[
        int | None,
        Query(
            ge=1,
            le=2**63 - 1,
            description="only entries older than this sequence number: the next page",
        ),
    ] = None,
) -> list[dict[str, Any]]:
    """The latest entries of the log, newest first: about one record, by one actor, or both.
    To page back through the whole log, ask again with `before` set to the smallest
    `sequence` of the page (the `Link` header gives that address)."""
    entries, following = use.audit_page(record, actor_id, limit, before)
    if following is not None:
        query = request.url.include_query_params(before=following).query
        response.headers["Link"] = f'<{request.url.path}?{query}>; rel="next"'
    return entries
