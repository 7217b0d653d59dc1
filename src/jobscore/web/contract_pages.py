"""The contract's page: its facts, where its feedback stands (who has given, when it is
revealed, the days left, the rights to edit and respond), and a form for each action the
signed-in reader may take now. A form goes through the same use case, and so the same
rules, as the API's write; a refusal is shown next to the field it is about.

Each rendered form carries an idempotency key of its own, so a form sent twice (a double
click, a reload) records once.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse

from jobscore.domain.enums import DisputeResult, EndReason, Party
from jobscore.domain.events import Role, other_side
from jobscore.errors import Conflict, InvalidInput, NotFound, Problem, kind_of
from jobscore.money import parse_money
from jobscore.service import Caller, Service, WriteAnswer
from jobscore.service.actions import RESOLVE
from jobscore.web.access import page_caller, page_service
from jobscore.web.forms import field_problems
from jobscore.web.rendering import render
from jobscore.web.routing import NegotiatedPageRoute, PageRoute

__all__ = ["page_router", "router"]

#: The page itself shares its path with the API's `GET /contracts/{id}`.
page_router = APIRouter(route_class=NegotiatedPageRoute, include_in_schema=False)
router = APIRouter(route_class=PageRoute, include_in_schema=False)

Who = Annotated[Caller, Depends(page_caller)]
Use = Annotated[Service, Depends(page_service)]

#: The fields of each action's form.
FIELDS = {
    "payment": ("amount",),
    "refund": ("amount", "payment_id"),
    "end": ("end_reason",),
    "feedback": ("by", "stars", "private_score", "comment"),
    "grant-edit": (),
    "edit": ("stars", "comment"),
    "respond": ("text",),
    "dispute": ("escrow",),
    "resolve": ("freelancer_share", "result"),
    "remove": ("author", "reason"),
}
#: What each action says once it is recorded.
DONE = {
    "payment": "The payment is recorded.",
    "refund": "The refund is recorded.",
    "end": "The contract is ended.",
    "feedback": "Your feedback is recorded.",
    "grant-edit": "The other side may now edit its feedback.",
    "edit": "Your feedback is edited.",
    "respond": "Your response is posted.",
    "dispute": "The dispute is opened.",
    "resolve": "The dispute is resolved.",
    "remove": "The feedback is removed.",
}


def _page(
    request: Request,
    use: Service,
    who: Caller,
    contract_id: str,
    problems: Mapping[str, Mapping[str, str]] | None = None,
    form: Mapping[str, Mapping[str, str]] | None = None,
    status: int = 200,
) -> Response:
    found = use.contract_page(who, contract_id)
    done = request.query_params.get("done")
    context = {
        **found,
        "problems": problems or {},
        "form": form or {},
        "done": DONE.get(done or ""),
        "end_reasons": [reason.value for reason in EndReason],
        "results": [result.value for result in DisputeResult],
        "to_resolve": [a.removeprefix(RESOLVE) for a in found["actions"] if a.startswith(RESOLVE)],
        "key": secrets.token_urlsafe(12),
    }
    return render(request, "contract.html", context, who, status)


@page_router.get("/contracts/{contract_id}")
def contract_page(request: Request, contract_id: str, who: Who, use: Use) -> Response:
    return _page(request, use, who, contract_id)


def _number(values: Mapping[str, str], name: str, kind: type[int] | type[float]) -> Any:
    text = values.get(name, "").strip()
    if not text:
        return None
    try:
        return kind(text)
    except ValueError:
        word = "a whole number" if kind is int else "a number"
        raise InvalidInput(Problem(name, f"{text!r} is not {word}")) from None


def _money(values: Mapping[str, str], name: str = "amount") -> Any:
    text = values.get(name, "").strip()
    if not text:
        raise InvalidInput(Problem(name, "give an amount, such as 250.00"))
    try:
        return parse_money(text)
    except ValueError as exc:
        raise InvalidInput(Problem(name, str(exc))) from None


def _write(
    action: str, use: Service, who: Caller, contract_id: str, values: Mapping[str, str]
) -> WriteAnswer:
    key = values.get("key") or None
    writes: dict[str, Callable[[], WriteAnswer]] = {
        "payment": lambda: use.pay(who, contract_id, _money(values), None, key),
        "refund": lambda: use.refund(
            who, contract_id, _money(values), values.get("payment_id") or None, key
        ),
        "end": lambda: use.end(who, contract_id, _end_reason(values), None, key),
        "feedback": lambda: use.give_feedback(
            who,
            contract_id,
            _stars(values),
            _number(values, "private_score", int),
            values.get("comment", "").strip(),
            _for_side(who, values),
            key,
        ),
        "grant-edit": lambda: use.grant_edit(who, contract_id, other_side(_side(who)), key),
        "edit": lambda: use.edit_feedback(
            who, contract_id, _side(who), _stars(values), values.get("comment", "").strip(),
            key=key,
        ),
        "respond": lambda: use.respond_to_feedback(
            who, contract_id, other_side(_side(who)), _text(values), key
        ),
        "dispute": lambda: use.open_dispute(who, contract_id, _escrow(values), key=key),
        "resolve": lambda: use.resolve_dispute(
            who, contract_id, values.get("dispute_id", ""), _money(values, "freelancer_share"),
            _result(values), key,
        ),
        "remove": lambda: use.remove_feedback(
            who, contract_id, _party(values, "author", "choose whose feedback to remove"),
            values.get("reason", "").strip(), key=key,
        ),
    }  # fmt: skip
    return writes[action]()


def _side(who: Caller) -> Party:
    """The side a client or freelancer speaks for; the rules refuse another's contract."""
    if who.role is Role.CLIENT:
        return Party.CLIENT
    if who.role is Role.FREELANCER:
        return Party.FREELANCER
    raise InvalidInput(Problem("form", "only a side of the contract does this from its page"))


def _text(values: Mapping[str, str]) -> str:
    text = values.get("text", "").strip()
    if not text:
        raise InvalidInput(Problem("text", "write the response"))
    return text


def _escrow(values: Mapping[str, str]) -> Decimal:
    if not values.get("escrow", "").strip():
        return Decimal(0)
    found: Decimal = _money(values, "escrow")
    return found


def _party(values: Mapping[str, str], name: str, ask: str) -> Party:
    try:
        return Party(values.get(name, ""))
    except ValueError:
        raise InvalidInput(Problem(name, ask)) from None


def _for_side(who: Caller, values: Mapping[str, str]) -> Party | None:
    """The side the operator gives feedback for; a side gives its own (None)."""
    if not who.is_operator:
        return None
    return _party(values, "by", "choose the side to give feedback for")


def _result(values: Mapping[str, str]) -> DisputeResult | None:
    text = values.get("result", "")
    if not text:
        return None  # a settlement
    try:
        return DisputeResult(text)
    except ValueError:
        known = ", ".join(result.value for result in DisputeResult)
        raise InvalidInput(Problem("result", f"{text!r}: choose one of {known}")) from None


def _stars(values: Mapping[str, str]) -> float:
    stars = _number(values, "stars", float)
    if stars is None:
        raise InvalidInput(Problem("stars", "choose the stars, from 1 to 5"))
    return float(stars)


def _end_reason(values: Mapping[str, str]) -> EndReason:
    text = values.get("end_reason", "")
    try:
        return EndReason(text)
    except ValueError:
        known = ", ".join(reason.value for reason in EndReason)
        raise InvalidInput(Problem("end_reason", f"{text!r}: choose one of {known}")) from None


def _act_now(
    request: Request,
    action: str,
    contract_id: str,
    who: Caller,
    use: Service,
    values: Mapping[str, str],
) -> Response:
    try:
        _write(action, use, who, contract_id, values)
    except (InvalidInput, NotFound, Conflict) as error:
        # One resolution form per dispute: its refusal goes back to that form.
        shown = f"{action}-{values.get('dispute_id', '')}" if action == "resolve" else action
        problems = {shown: field_problems(error, FIELDS[action])}
        status = int(kind_of(error).http_status)
        return _page(request, use, who, contract_id, problems, {shown: values}, status)
    return RedirectResponse(f"/contracts/{contract_id}?done={action}", status_code=303)


async def _act(
    request: Request, action: str, contract_id: str, who: Caller, use: Service
) -> Response:
    form = await request.form()
    values = {name: str(value) for name, value in form.items()}
    # The service and its store are synchronous: off the event loop, as FastAPI runs a
    # plain route.
    return await run_in_threadpool(_act_now, request, action, contract_id, who, use, values)


def _action_route(action: str) -> Callable[..., Any]:
    async def act(request: Request, contract_id: str, who: Who, use: Use) -> Response:
        return await _act(request, action, contract_id, who, use)

    return act


# One form route per action, each with its row in the pages' access table.
for _action in FIELDS:
    router.add_api_route(
        f"/contracts/{{contract_id}}/actions/{_action}",
        _action_route(_action),
        methods=["POST"],
        name=f"contract_action_{_action.replace('-', '_')}",
    )
