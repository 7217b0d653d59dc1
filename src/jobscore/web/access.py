"""Who may open which page or send which form: one table, in the words of the API's
(`jobscore.service.access`), checked by one dependency on every page route.

The pages follow the API: a contract page is its two sides' and the operator's, as
`GET /contracts/{id}` is; a form does what the API route of the same write may do, and the
service and the rules refuse a record that is not the caller's. A route missing from the
table is refused to everyone; a test walks every page route with every role.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from fastapi import Request

from jobscore.errors import Forbidden, Unauthorized
from jobscore.service import ANONYMOUS, Caller, Service, authenticate
from jobscore.service.access import ROLES, Access, role_of

__all__ = ["PAGES", "SESSION_COOKIE", "page_caller", "page_service", "signed_in"]

#: The cookie that holds a signed-in reader's token (HttpOnly, SameSite=Strict).
SESSION_COOKIE = "jobscore_session"

_A, _O, _D = Access.ALLOWED, Access.OWN, Access.DENIED


def _row(*access: Access) -> dict[str, Access]:
    """Access for the roles in the order of `ROLES`."""
    return dict(zip(ROLES, access, strict=True))


#: (method, route path) -> role -> access.
PAGES: Mapping[tuple[str, str], Mapping[str, Access]] = MappingProxyType(
    {
        ("GET", "/"): _row(_A, _A, _A, _A),
        ("GET", "/sign-in"): _row(_A, _A, _A, _A),
        ("POST", "/sign-in"): _row(_A, _A, _A, _A),
        ("POST", "/sign-out"): _row(_A, _A, _A, _A),
        ("GET", "/static/{name}"): _row(_A, _A, _A, _A),
        # The public profile for everyone; the owner also gets its tools.
        ("GET", "/freelancers/{freelancer_id}"): _row(_A, _A, _A, _A),
        ("GET", "/freelancers/{freelancer_id}/whatif"): _row(_A, _D, _O, _D),
        ("GET", "/freelancers/{freelancer_id}/refund-or-keep"): _row(_A, _D, _O, _D),
        ("GET", "/freelancers/{freelancer_id}/recover"): _row(_A, _D, _O, _D),
        ("GET", "/contracts/{contract_id}"): _row(_A, _O, _O, _D),
        ("POST", "/contracts/{contract_id}/actions/payment"): _row(_A, _O, _D, _D),
        ("POST", "/contracts/{contract_id}/actions/refund"): _row(_A, _D, _O, _D),
        ("POST", "/contracts/{contract_id}/actions/end"): _row(_A, _O, _O, _D),
        ("POST", "/contracts/{contract_id}/actions/feedback"): _row(_A, _O, _O, _D),
        ("POST", "/contracts/{contract_id}/actions/grant-edit"): _row(_A, _O, _O, _D),
        ("POST", "/contracts/{contract_id}/actions/edit"): _row(_A, _O, _O, _D),
        ("POST", "/contracts/{contract_id}/actions/respond"): _row(_A, _O, _O, _D),
        ("POST", "/contracts/{contract_id}/actions/dispute"): _row(_A, _O, _O, _D),
        ("POST", "/contracts/{contract_id}/actions/resolve"): _row(_A, _D, _D, _D),
        ("POST", "/contracts/{contract_id}/actions/remove"): _row(_A, _D, _D, _D),
        # A client's risk, as a freelancer deciding whether to work with it sees it.
        ("GET", "/clients/{client_id}"): _row(_A, _O, _A, _D),
        ("POST", "/clients/{client_id}/actions/flag"): _row(_A, _D, _D, _D),
        ("GET", "/operator"): _row(_A, _D, _D, _D),
    }
)


def page_service(request: Request) -> Service:
    found: Service = request.app.state.service
    return found


def signed_in(request: Request) -> Caller:
    """The reader the session cookie speaks for; anonymous without one, or with a token the
    store no longer knows."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return ANONYMOUS
    try:
        return authenticate(page_service(request).store, token)
    except Unauthorized:
        return ANONYMOUS


def page_caller(request: Request) -> Caller:
    """Who reads the page, if the table lets that role open it. An anonymous reader who may
    not is sent to sign in (`Unauthorized`); a role that may not is refused (`Forbidden`)."""
    who = signed_in(request)
    route = request.scope.get("route")
    path = getattr(route, "path", request.url.path)
    role = role_of(who)
    access = PAGES.get((request.method, path), {}).get(role, Access.DENIED)
    if access is Access.DENIED:
        if who.role is None:
            raise Unauthorized("sign in to see this page", field="token")
        raise Forbidden(f"a {role} may not open {path}")
    if access is Access.OWN and not _owns(who, request):
        raise Forbidden(f"this page is its owner's: {who.name} may not open it")
    return who


def _owns(who: Caller, request: Request) -> bool:
    """An OWN row names the record in its path: the caller's own freelancer or client page.
    A contract's sides are checked by the service, which knows them."""
    params = request.path_params
    if "freelancer_id" in params:
        return who.actor_id == params["freelancer_id"] and role_of(who) == "freelancer"
    if "client_id" in params:
        return who.actor_id == params["client_id"] and role_of(who) == "client"
    return True
