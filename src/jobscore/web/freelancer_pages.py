"""The freelancer's page: the displayed score or "no score yet", the `bayes` reading with
its interval, badges, the score history, every window, and for the freelancer itself (and
the operator) the contracts that moved the score and the tools as forms that answer on the
page: what-if, refund-or-keep and recover.

Every figure comes from one use case of the service, as the API answers it; the page only
arranges it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from jobscore.errors import InvalidInput, NotFound, UnknownPolicy, kind_of
from jobscore.service import Caller, Service
from jobscore.web.access import page_caller, page_service
from jobscore.web.charts import Bar, Line, bar_chart, line_chart
from jobscore.web.forms import ToolForm, field_problems, tool_form
from jobscore.web.rendering import day, render, wants_fragment
from jobscore.web.routing import NegotiatedPageRoute, PageRoute

__all__ = ["freelancer_context", "router", "tools_router"]

router = APIRouter(route_class=PageRoute, include_in_schema=False)
#: The tools' answers share their paths with the API's reads of the same tools.
tools_router = APIRouter(route_class=NegotiatedPageRoute, include_in_schema=False)

Who = Annotated[Caller, Depends(page_caller)]
Use = Annotated[Service, Depends(page_service)]

#: The windows of the `upwork` policy, longest first, as the page lists them.
_WINDOWS = ("24m", "12m", "6m", "3m", "trending")


def _history_chart(history: Mapping[str, Any]) -> Any:
    snapshots = history.get("snapshots", [])
    if not snapshots:
        return None
    points = [(day(row["as_of"]), row["score"]) for row in snapshots]
    return line_chart(
        "history-chart",
        f"Displayed score at each of the last {len(points)} snapshots",
        [Line("displayed score", points)],
    )


def _windows_chart(score: Mapping[str, Any]) -> Any:
    details = score.get("window_details", {})
    bars = [
        Bar(
            name if name == "trending" else f"{name[:-1]} months",
            details[name]["score"],
            f"{details[name]['counted']} counted, {details[name]['clients']} clients"
            + ("" if details[name]["enough_data"] else ", not enough data to show"),
            highlight=name == score.get("window"),
        )
        for name in _WINDOWS
        if name in details
    ]
    return bar_chart("windows-chart", "The score of each window", bars)


def _paths_chart(answer: Mapping[str, Any]) -> Any:
    """Refund-or-keep's paths, month by month: the score each option shows."""
    lines = [
        Line(option["label"], [(day(step["at"])[:7], step["score"]) for step in option["path"]])
        for option in answer.get("options", [])
    ]
    return line_chart(
        "paths-chart", "The displayed score, month by month, on each path", lines, "month"
    )


def _moved(score: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The contracts that moved the displayed score, the most points first."""
    rows = [c for c in score.get("contracts", []) if abs(c.get("points") or 0.0) >= 0.05]
    return sorted(rows, key=lambda c: -abs(c["points"]))


def _withheld(score: Mapping[str, Any]) -> int:
    """How many counted contracts have their points withheld: a client's private score
    changed them, and nobody but the operator sees what it changed."""
    return sum(
        1
        for c in score.get("contracts", [])
        if c.get("points") is None and c.get("outcome") != "excluded"
    )


def freelancer_context(use: Service, who: Caller, freelancer_id: str) -> dict[str, Any]:
    profile = use.profile(who, freelancer_id)
    score, own = profile["score"], profile["own"]
    details = score.get("window_details", {})
    context: dict[str, Any] = {
        "freelancer_id": freelancer_id,
        "score": score,
        "bayes": profile["bayes"],
        "own": own,
        "history_chart": _history_chart(profile["history"]),
        "windows_chart": _windows_chart(score),
        "windows": [(name, details[name]) for name in _WINDOWS if name in details],
        "moved": _moved(score) if own else [],
        "withheld": _withheld(score) if own else 0,
        "contract_ids": sorted(c["contract_id"] for c in score.get("contracts", [])),
        "standings": use.badges(who, freelancer_id)["standings"] if own else None,
        "answers": {},
        "paths_chart": None,
        "form": {},
        "problems": {},
    }
    return context


def _page(
    request: Request,
    use: Service,
    who: Caller,
    freelancer_id: str,
    status: int = 200,
    **extra: Any,
) -> Response:
    context = freelancer_context(use, who, freelancer_id) | extra
    return render(request, "freelancer.html", context, who, status)


@router.get("/freelancers/{freelancer_id}")
def freelancer_page(request: Request, freelancer_id: str, who: Who, use: Use) -> Response:
    return _page(request, use, who, freelancer_id)


def _answer(
    request: Request,
    use: Service,
    who: Caller,
    freelancer_id: str,
    tool: str,
    form: ToolForm,
    run: Any,
) -> Response:
    """Run one tool and show its answer: alone for a form that answers on the page, else
    in the whole page; a refusal next to the form's field."""
    answer: Mapping[str, Any] | None = None
    problems: dict[str, str] = {}
    status = 200
    try:
        answer = run()
    except (InvalidInput, NotFound, UnknownPolicy) as error:
        problems = field_problems(error, set(form.values), form.fields_of)
        status = int(kind_of(error).http_status)
    chart = _paths_chart(answer) if tool == "refund_or_keep" and answer else None
    if wants_fragment(request):
        context = {"answer": answer, "problems": problems, "paths_chart": chart}
        return render(request, f"tools/{tool}.html", context, who, status)
    return _page(
        request,
        use,
        who,
        freelancer_id,
        answers={tool: answer},
        form={tool: form.values},
        status=status,
        problems={tool: problems},
        paths_chart=chart,
    )


@tools_router.get("/freelancers/{freelancer_id}/whatif")
def whatif(request: Request, freelancer_id: str, who: Who, use: Use) -> Response:
    form = tool_form("whatif", request.query_params)
    return _answer(
        request, use, who, freelancer_id, "whatif", form,
        lambda: use.whatif(who, freelancer_id, form.changes(), form.policy()),
    )  # fmt: skip


@tools_router.get("/freelancers/{freelancer_id}/refund-or-keep")
def refund_or_keep(request: Request, freelancer_id: str, who: Who, use: Use) -> Response:
    form = tool_form("refund_or_keep", request.query_params)
    return _answer(
        request, use, who, freelancer_id, "refund_or_keep", form,
        lambda: use.refund_or_keep(who, freelancer_id, form.contract_id(), form.policy()),
    )  # fmt: skip


@tools_router.get("/freelancers/{freelancer_id}/recover")
def recover(request: Request, freelancer_id: str, who: Who, use: Use) -> Response:
    form = tool_form("recover", request.query_params)
    return _answer(
        request, use, who, freelancer_id, "recover", form,
        lambda: use.recover(
            who, freelancer_id, form.target(), form.by(), form.pace(), form.policy()
        ),
    )  # fmt: skip
