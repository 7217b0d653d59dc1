"""The caller of a request: its bearer token, looked up by hash, checked against the access
table for the route it asked for."""

from __future__ import annotations

from fastapi import Request

from jobscore.api.access import ACCESS, Access
from jobscore.errors import Forbidden, Unauthorized
from jobscore.service import ANONYMOUS, Caller, Service, authenticate

__all__ = ["caller", "service"]


def service(request: Request) -> Service:
    found: Service = request.app.state.service
    return found


def _token(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("the Authorization header must be `Bearer TOKEN`", field="authorization")
    return token.strip()


def caller(request: Request) -> Caller:
    """Who asks, if the access table lets that role call this route."""
    token = _token(request)
    who = ANONYMOUS if token is None else authenticate(service(request).store, token)
    route = request.scope.get("route")
    path = getattr(route, "path", request.url.path)
    role = who.role.value if who.role is not None else "anonymous"
    access = ACCESS.get((request.method, path), {}).get(role, Access.DENIED)
    if access is Access.DENIED:
        if who.role is None:
            raise Unauthorized("this needs a token: Authorization: Bearer TOKEN")
        raise Forbidden(f"a {role} may not {request.method} {path}")
    return who
