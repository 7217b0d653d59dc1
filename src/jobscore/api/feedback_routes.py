"""The routes on one side's feedback once given, named by its author
(`/contracts/{contract_id}/feedback/{author}/...`): the recipient grants an edit and responds,
the author edits, the operator removes it."""

from __future__ import annotations

from fastapi import APIRouter, Response

from jobscore.api.lifecycle_schemas import EditBody, EditGrantBody, RemovalBody, ResponseBody
from jobscore.api.routes import _WRITE, Key, Use, Who, _receipt
from jobscore.api.schemas import WriteReceipt
from jobscore.domain.enums import Party

__all__ = ["router"]

router = APIRouter(tags=["feedback"])

_FEEDBACK = "/contracts/{contract_id}/feedback/{author}"


@router.post(f"{_FEEDBACK}/edit-grant", **_WRITE)
def grant_edit(
    contract_id: str,
    author: Party,
    body: EditGrantBody,
    who: Who,
    use: Use,
    response: Response,
    key: Key = None,
) -> WriteReceipt:
    """The recipient of the `author`'s feedback lets the author edit its public part, once."""
    return _receipt(use.grant_edit(who, contract_id, author, key, body.at), response)


@router.post(f"{_FEEDBACK}/edit", **_WRITE)
def edit_feedback(
    contract_id: str,
    author: Party,
    body: EditBody,
    who: Who,
    use: Use,
    response: Response,
    key: Key = None,
) -> WriteReceipt:
    """The author's new public feedback, within 14 days of the grant."""
    answer = use.edit_feedback(
        who,
        contract_id,
        author,
        body.stars,
        body.comment,
        body.category_stars,
        body.private_score,
        body.private_reason,
        key,
        body.at,
    )
    return _receipt(answer, response)


@router.post(f"{_FEEDBACK}/response", **_WRITE)
def respond(
    contract_id: str,
    author: Party,
    body: ResponseBody,
    who: Who,
    use: Use,
    response: Response,
    key: Key = None,
) -> WriteReceipt:
    """The recipient's one public response to the `author`'s feedback, once it is revealed."""
    answer = use.respond_to_feedback(who, contract_id, author, body.text, key, body.at)
    return _receipt(answer, response)


@router.post(f"{_FEEDBACK}/removal", **_WRITE)
def remove_feedback(
    contract_id: str,
    author: Party,
    body: RemovalBody,
    who: Who,
    use: Use,
    response: Response,
    key: Key = None,
) -> WriteReceipt:
    """Moderation removes the `author`'s feedback; it then counts nowhere."""
    answer = use.remove_feedback(
        who, contract_id, author, body.reason, body.under_allowance, body.policy, key, body.at
    )
    return _receipt(answer, response)
