"""The client's risk page, as a freelancer deciding whether to work with it sees it (and,
for the operator, a form to flag the client), and the operator's overview of the
marketplace."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse

from jobscore.domain.events import ClientFlag
from jobscore.errors import Conflict, InvalidInput, NotFound, Problem, kind_of
from jobscore.service import Caller, Service
from jobscore.web.access import page_caller, page_service
from jobscore.web.charts import Bar, bar_chart
from jobscore.web.forms import field_problems
from jobscore.web.rendering import badge, render
from jobscore.web.routing import NegotiatedPageRoute, PageRoute

__all__ = ["entity_router", "router"]

#: The client page may share its path with an API read of the client.
entity_router = APIRouter(route_class=NegotiatedPageRoute, include_in_schema=False)
router = APIRouter(route_class=PageRoute, include_in_schema=False)

Who = Annotated[Caller, Depends(page_caller)]
Use = Annotated[Service, Depends(page_service)]


def _client(
    request: Request,
    use: Service,
    who: Caller,
    client_id: str,
    problems: Mapping[str, str] | None = None,
    form: Mapping[str, str] | None = None,
    status: int = 200,
) -> Response:
    context = {
        "client_id": client_id,
        "risk": use.client_risk(who, client_id),
        "flags": [flag.value for flag in ClientFlag],
        "problems": problems or {},
        "form": form or {},
        "done": request.query_params.get("done") == "flag",
        "key": secrets.token_urlsafe(12),
    }
    return render(request, "client.html", context, who, status)


@entity_router.get("/clients/{client_id}")
def client_page(request: Request, client_id: str, who: Who, use: Use) -> Response:
    return _client(request, use, who, client_id)


def _flag_now(
    request: Request, client_id: str, who: Caller, use: Service, values: Mapping[str, str]
) -> Response:
    try:
        try:
            flag = ClientFlag(values.get("flag", ""))
        except ValueError:
            raise InvalidInput(Problem("flag", "choose flagged or suspended")) from None
        reason = values.get("reason", "").strip()
        use.flag_client(who, client_id, flag, reason, values.get("key") or None)
    except (InvalidInput, NotFound, Conflict) as error:
        problems = field_problems(error, ("flag", "reason"))
        status = int(kind_of(error).http_status)
        return _client(request, use, who, client_id, problems, values, status)
    return RedirectResponse(f"/clients/{client_id}?done=flag", status_code=303)


@router.post("/clients/{client_id}/actions/flag")
async def flag(request: Request, client_id: str, who: Who, use: Use) -> Response:
    form = await request.form()
    values = {name: str(value) for name, value in form.items()}
    return await run_in_threadpool(_flag_now, request, client_id, who, use, values)


def _histogram(policy: dict[str, Any]) -> Any:
    bars = [
        Bar(f"{b['from']}–{b['to']}", float(b["count"]), f"scores from {b['from']} to {b['to']}")
        for b in policy["histogram"]
    ]
    return bar_chart(
        f"histogram-{policy['policy']}",
        f"Displayed scores under {policy['policy']}, at the last snapshot",
        bars,
        unit="",
        value_name="freelancers",
    )


@router.get("/operator")
def operator_page(request: Request, who: Who, use: Use) -> Response:
    overview = use.overview(who)
    charts = {p["policy"]: _histogram(p) for p in overview["policies"]}
    badges = sorted(
        {name for p in overview["policies"] for name in p["badges"]}, key=lambda n: badge(n)
    )
    context = {"overview": overview, "charts": charts, "badge_names": badges}
    return render(request, "operator.html", context, who)
