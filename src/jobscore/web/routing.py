"""How a page route behaves: it answers HTML, it turns an error into a page (or a sign-in,
for an anonymous reader who needs one), and a page that shares its path with an API read
(`/contracts/{id}`) answers only a reader that asks for HTML, such as a browser."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, MutableMapping
from typing import Any
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.responses import RedirectResponse
from starlette.routing import Match
from starlette.types import Scope

from jobscore.errors import InvalidInput, JobScoreError, Problem, Unauthorized, kind_of
from jobscore.web.access import signed_in
from jobscore.web.rendering import render

__all__ = ["NegotiatedPageRoute", "PageRoute", "wants_html"]


def wants_html(scope: Scope) -> bool:
    """Whether the request asks for HTML before JSON (a browser does; curl and API clients
    send `*/*` or `application/json`)."""
    for name, value in scope.get("headers", ()):
        if name == b"accept":
            accept = value.decode("latin-1").lower()
            return "text/html" in accept and (
                "application/json" not in accept
                or accept.index("text/html") < accept.index("application/json")
            )
    return False


def _sign_in(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/sign-in?next={quote(target, safe='/')}", status_code=303)


def _invalid(exc: RequestValidationError) -> InvalidInput:
    problems = [Problem(".".join(map(str, e["loc"][1:])), e["msg"]) for e in exc.errors()]
    return InvalidInput(problems or [Problem("query", "is not valid")])


def _error_page(request: Request, error: JobScoreError) -> Response:
    status = int(kind_of(error).http_status)
    context = {"error": error, "status": status}
    return render(request, "error.html", context, signed_in(request), status)


class PageRoute(APIRoute):
    """A route of the pages: an error answers as a page, not as the API's JSON body."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page(request: Request) -> Response:
            try:
                return await handler(request)
            except Unauthorized:
                return _sign_in(request)
            except RequestValidationError as exc:
                problems = [
                    Problem(".".join(map(str, e["loc"][1:])), e["msg"]) for e in exc.errors()
                ]
                return _error_page(
                    request, InvalidInput(problems or [Problem("query", "is not valid")])
                )
            except JobScoreError as error:
                return _error_page(request, error)

        return page


class NegotiatedPageRoute(PageRoute):
    """A page at a path the API also reads: it answers only a request that asks for HTML."""

    def matches(self, scope: Scope) -> tuple[Match, MutableMapping[str, Any]]:
        match, child = super().matches(scope)
        if match is not Match.NONE and not wants_html(scope):
            return Match.NONE, {}
        return match, child
