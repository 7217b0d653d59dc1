"""The client's risk page, as a freelancer deciding whether to work with it sees it, and the
operator's overview of the marketplace."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from jobscore.service import Caller, Service
from jobscore.web.access import page_caller, page_service
from jobscore.web.charts import Bar, bar_chart
from jobscore.web.rendering import badge, render
from jobscore.web.routing import NegotiatedPageRoute, PageRoute

__all__ = ["entity_router", "router"]

#: The client page may share its path with an API read of the client.
entity_router = APIRouter(route_class=NegotiatedPageRoute, include_in_schema=False)
router = APIRouter(route_class=PageRoute, include_in_schema=False)

Who = Annotated[Caller, Depends(page_caller)]
Use = Annotated[Service, Depends(page_service)]


@entity_router.get("/clients/{client_id}")
def client_page(request: Request, client_id: str, who: Who, use: Use) -> Response:
    risk = use.client_risk(who, client_id)
    return render(request, "client.html", {"client_id": client_id, "risk": risk}, who)


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
