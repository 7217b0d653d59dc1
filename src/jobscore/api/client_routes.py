"""The client routes beyond registration: the operator flags or suspends a client."""

from __future__ import annotations

from fastapi import APIRouter, Response

from jobscore.api.lifecycle_schemas import FlagBody
from jobscore.api.routes import _WRITE, Key, Use, Who, _receipt
from jobscore.api.schemas import WriteReceipt

__all__ = ["router"]

router = APIRouter(tags=["clients"])


@router.post("/clients/{client_id}/flags", **_WRITE)
def flag_client(
    client_id: str, body: FlagBody, who: Who, use: Use, response: Response, key: Key = None
) -> WriteReceipt:
    """Flag the client (poor collaboration) or suspend it (terms violations); feedback from
    either never counts against a freelancer."""
    answer = use.flag_client(who, client_id, body.flag, body.reason, key, body.at)
    return _receipt(answer, response)
