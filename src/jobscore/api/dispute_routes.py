"""The dispute routes: either side of a contract opens a dispute, the operator resolves it."""

from __future__ import annotations

from fastapi import APIRouter, Response

from jobscore.api.lifecycle_schemas import DisputeBody, ResolutionBody
from jobscore.api.routes import _WRITE, Key, Use, Who, _receipt
from jobscore.api.schemas import WriteReceipt

__all__ = ["router"]

router = APIRouter(tags=["disputes"])


@router.post("/contracts/{contract_id}/disputes", **_WRITE)
def open_dispute(
    contract_id: str, body: DisputeBody, who: Who, use: Use, response: Response, key: Key = None
) -> WriteReceipt:
    """A dispute on the contract, by the caller's side, with the money in escrow."""
    answer = use.open_dispute(who, contract_id, body.escrow, body.by, body.dispute_id, key, body.at)
    return _receipt(answer, response)


@router.post("/contracts/{contract_id}/disputes/{dispute_id}/resolution", **_WRITE)
def resolve_dispute(
    contract_id: str,
    dispute_id: str,
    body: ResolutionBody,
    who: Who,
    use: Use,
    response: Response,
    key: Key = None,
) -> WriteReceipt:
    """The operator's resolution: the freelancer's share of the escrow, and the winner."""
    answer = use.resolve_dispute(
        who, contract_id, dispute_id, body.freelancer_share, body.result, key, body.at
    )
    return _receipt(answer, response)
