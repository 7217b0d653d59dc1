"""`install_pages`: the web pages, added to the API's application so that one process
serves both, over the same service.

The pages' routes go first: a page that shares its path with an API read answers only a
browser (a request that asks for HTML), and every other request reaches the API as before.
Forms are protected against cross-site requests by a signed double-submit token
(asgi-csrf) on the pages' own form routes; the API's JSON routes authenticate with a bearer
token, which no other site's form can send, and are left as they are.
"""

from __future__ import annotations

import secrets
from typing import Any

from asgi_csrf import asgi_csrf
from fastapi import APIRouter, FastAPI
from starlette.types import Scope, Send

from jobscore.web import contract_pages, freelancer_pages, market_pages, session
from jobscore.web.rendering import environment

__all__ = ["CSRF_COOKIE", "CSRF_FIELD", "install_pages"]

#: The double-submit cookie, and the form field (asgi-csrf's own name) that must match it.
CSRF_COOKIE = "jobscore_csrf"
CSRF_FIELD = "csrftoken"

_ROUTERS: tuple[APIRouter, ...] = (
    session.router,
    contract_pages.page_router,
    contract_pages.router,
    freelancer_pages.router,
    freelancer_pages.tools_router,
    market_pages.entity_router,
    market_pages.router,
)


def _page_form(path: str) -> bool:
    """A route the pages' forms post to (the rest are the API's)."""
    return path in ("/sign-in", "/sign-out") or "/actions/" in path


def _not_a_page_form(scope: Scope) -> bool:
    return not _page_form(str(scope.get("path", "")))


async def _refused(scope: Scope, send: Send, message_id: int) -> None:
    body = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>Refused — jobscore</title></head><body><main><h1>This form has expired</h1>"
        "<p>The page was open too long, or the form came from another site. "
        "Go back, reload the page and send the form again, or start from "
        '<a href="/">the start page</a>.'
        "</p></main></body></html>"
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [(b"content-type", b"text/html; charset=utf-8")],
        }
    )
    await send({"type": "http.response.body", "body": body})


def install_pages(app: FastAPI, secret: str | None = None) -> FastAPI:
    """Add the pages to `app` (built by `jobscore.api.create_app`, whose service they use).
    `secret` signs the forms' tokens; a new one is drawn for each process when absent."""
    app.state.page_templates = environment()
    pages: list[Any] = []
    for router in _ROUTERS:
        pages.extend(router.routes)
    app.router.routes[0:0] = pages
    app.add_middleware(
        asgi_csrf,
        signing_secret=secret or secrets.token_urlsafe(32),
        cookie_name=CSRF_COOKIE,
        cookie_samesite="Strict",
        always_protect={"/sign-in"},
        skip_if_scope=_not_a_page_form,
        send_csrf_failed=_refused,
    )
    return app
