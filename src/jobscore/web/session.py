"""Signing in and out, the home page that sends each reader to its own page, and the
stylesheet and script shipped in the package.

Signing in posts a token (from `jobscore token create`); it is kept in an HttpOnly,
SameSite=Strict cookie, so no script reads it and no other site's form sends it.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from starlette.responses import RedirectResponse

from jobscore.errors import NotFound, Unauthorized
from jobscore.service import Caller, Service, authenticate
from jobscore.web.access import SESSION_COOKIE, page_caller, page_service
from jobscore.web.rendering import render
from jobscore.web.routing import PageRoute

__all__ = ["home_of", "router"]

router = APIRouter(route_class=PageRoute, include_in_schema=False)

Who = Annotated[Caller, Depends(page_caller)]
Use = Annotated[Service, Depends(page_service)]

#: The files under /static, with their media types.
_STATIC = {"site.css": "text/css", "site.js": "text/javascript"}
#: How long a browser keeps a session cookie: a working day.
_SESSION_SECONDS = 12 * 3600


def home_of(who: Caller) -> str | None:
    """The page a signed-in reader starts from."""
    if who.is_operator:
        return "/operator"
    if who.role is not None and who.actor_id:
        return f"/{who.role.value}s/{who.actor_id}"
    return None


def _safe_next(target: str | None) -> str | None:
    """A page of this site to go back to; anything else (another site) is dropped."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@router.get("/")
def home(request: Request, who: Who, freelancer: str | None = None) -> Response:
    if freelancer and freelancer.strip():
        return RedirectResponse(f"/freelancers/{freelancer.strip()}", status_code=303)
    target = home_of(who)
    if target is not None:
        return RedirectResponse(target, status_code=303)
    return render(request, "sign_in.html", {"next": None, "problem": None}, who)


@router.get("/sign-in")
def sign_in_page(request: Request, who: Who, next: str | None = None) -> Response:
    return render(request, "sign_in.html", {"next": _safe_next(next), "problem": None}, who)


@router.post("/sign-in")
def sign_in(
    request: Request,
    who: Who,
    use: Use,
    token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    try:
        signed = authenticate(use.store, token.strip())
    except Unauthorized:
        problem = "This token is not valid. Paste the whole token `jobscore token create` printed."
        context = {"next": _safe_next(next), "problem": problem}
        return render(request, "sign_in.html", context, who, status=401)
    target = _safe_next(next) or home_of(signed) or "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token.strip(),
        max_age=_SESSION_SECONDS,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/sign-out")
def sign_out(who: Who) -> Response:
    response = RedirectResponse("/sign-in", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response


@router.get("/static/{name}")
def static(name: str, who: Who) -> Response:
    media = _STATIC.get(name)
    if media is None:
        raise NotFound(f"no file {name!r}", field="name")
    body = files("jobscore.web").joinpath("static", name).read_bytes()
    return Response(body, media_type=media, headers={"Cache-Control": "public, max-age=3600"})
