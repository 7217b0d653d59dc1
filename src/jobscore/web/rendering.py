"""The pages' templates and the words they share: a score, a day, money, a badge, a window.

Templates are Jinja2 files shipped in the package (`jobscore/web/templates`), escaped by
default; charts come in as SVG markup already escaped by `charts.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from fastapi import Request
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.responses import HTMLResponse

from jobscore.service import Caller

__all__ = ["FRAGMENT_HEADER", "environment", "render", "wants_fragment"]

#: A form that answers on the page asks for the answer alone with this header.
FRAGMENT_HEADER = "x-jobscore-fragment"

_BADGES = {
    "rising_talent": "Rising Talent",
    "top_rated": "Top Rated",
    "top_rated_plus": "Top Rated Plus",
    "expert_vetted": "Expert-Vetted",
}


def score_text(value: float | None, places: int = 1) -> str:
    return "no score yet" if value is None else f"{value:.{places}f}%"


def day(value: str | datetime | None) -> str:
    if value is None:
        return "—"
    text = value.isoformat() if isinstance(value, datetime) else str(value)
    return text[:10]


def instant(value: str | datetime | None) -> str:
    if value is None:
        return "—"
    text = value.isoformat() if isinstance(value, datetime) else str(value)
    return f"{text[:10]} {text[11:16]} UTC" if len(text) >= 16 else text


def money(value: str | Decimal | None) -> str:
    if value is None:
        return "—"
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return f"${amount:,.2f}"


def badge(name: str) -> str:
    return _BADGES.get(name, name.replace("_", " ").capitalize())


def window_name(name: str | None) -> str:
    if name is None:
        return "—"
    if name.endswith("m") and name[:-1].isdigit():
        return f"{name[:-1]} months"
    return {"all": "all contracts", "trending": "trending"}.get(name, name)


def window_adjective(name: str | None) -> str:
    """`24m` -> 24-month, as in "the 24-month window"."""
    if name is not None and name.endswith("m") and name[:-1].isdigit():
        return f"{name[:-1]}-month"
    return window_name(name)


def figure(value: object) -> str:
    """A figure a rule read, as a person reads it: yes/no, one decimal, a day."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    text = str(value)
    if len(text) >= 20 and text[4:5] == "-" and text[10:11] == "T":
        return day(text)
    return text


def points(value: float | None) -> str:
    if value is None:
        return "—"
    if abs(value) < 0.05:
        return "0.0"
    return f"{value:+.1f}".replace("-", "−")


def words(value: str | None) -> str:
    return "—" if value is None else value.replace("_", " ")


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("jobscore.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(
        score=score_text,
        day=day,
        instant=instant,
        money=money,
        badge=badge,
        window=window_name,
        window_adjective=window_adjective,
        figure=figure,
        points=points,
        words=words,
    )
    return env


def wants_fragment(request: Request) -> bool:
    return request.headers.get(FRAGMENT_HEADER) == "1"


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any],
    caller: Caller,
    status: int = 200,
) -> HTMLResponse:
    """The page `template` for `caller`, with what every page needs: who is signed in and the
    token that the forms carry against cross-site requests."""
    env: Environment = request.app.state.page_templates
    token = request.scope.get("csrftoken")
    page = env.get_template(template).render(
        {
            "me": caller,
            "csrf_token": token() if token is not None else "",
            "path": request.url.path,
            **context,
        }
    )
    return HTMLResponse(page, status_code=status, headers={"Cache-Control": "no-store"})
