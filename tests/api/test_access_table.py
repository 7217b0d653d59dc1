"""The access table decides every route for every role, and the API follows it: every route
is in the table and every row is a route; a role the table denies is refused (401 without a
token, 403 with one), and a role it allows gets through."""

from __future__ import annotations

from itertools import count
from typing import Any

import pytest

from jobscore.api import ACCESS, ROLES, Access
from tests.api.conftest import Market

#: The token each role signs in with: the client and freelancer of contract k1.
TOKENS = {"operator": "operator", "client": "c1", "freelancer": "f1", "anonymous": None}

_N = count()


def sample(method: str, path: str) -> tuple[str, dict[str, Any] | None]:
    """A request on the route that the rules would accept from its owner."""
    n = next(_N)
    bodies: dict[str, tuple[str, dict[str, Any] | None]] = {
        "/freelancers": ("/freelancers", {"freelancer_id": f"f-new-{n}"}),
        "/clients": ("/clients", {"client_id": f"c-new-{n}"}),
        "/contracts": (
            "/contracts",
            {"contract_id": f"k-new-{n}", "freelancer_id": "f1", "client_id": "c1"},
        ),
        "/contracts/{contract_id}/payments": ("/contracts/k1/payments", {"amount": "1"}),
        "/contracts/{contract_id}/refunds": (
            "/contracts/k1/refunds",
            {"amount": "1", "payment_id": "p1"},
        ),
        "/contracts/{contract_id}/end": ("/contracts/k2/end", {"end_reason": "completed"}),
        "/contracts/{contract_id}/feedback": ("/contracts/k3/feedback", {"stars": 5}),
        "/contracts/{contract_id}/disputes": ("/contracts/k1/disputes", {"escrow": "0"}),
        "/contracts/{contract_id}/disputes/{dispute_id}/resolution": (
            "/contracts/k1/disputes/d1/resolution",
            {"freelancer_share": "0"},
        ),
        "/contracts/{contract_id}/feedback/{author}/edit-grant": (
            "/contracts/k3/feedback/client/edit-grant",
            {},
        ),
        "/contracts/{contract_id}/feedback/{author}/edit": (
            "/contracts/k3/feedback/client/edit",
            {"stars": 5},
        ),
        "/contracts/{contract_id}/feedback/{author}/response": (
            "/contracts/k3/feedback/client/response",
            {"text": "Thanks."},
        ),
        "/contracts/{contract_id}/feedback/{author}/removal": (
            "/contracts/k3/feedback/client/removal",
            {},
        ),
        "/clients/{client_id}/flags": ("/clients/c2/flags", {"flag": "flagged"}),
        "/freelancers/{freelancer_id}/whatif": (
            "/freelancers/f1/whatif",
            {"changes": ["refund:k3", "add:2@500:5"]},
        ),
        "/snapshots": ("/snapshots", {"policies": ["upwork"]}),
    }
    if method == "POST":
        return bodies[path]
    concrete = (
        path.replace("{contract_id}", "k1")
        .replace("{freelancer_id}", "f1")
        .replace("{client_id}", "c1")
    )
    return concrete, None


def routes_of(routes: list[Any]) -> set[tuple[str, str]]:
    """(method, path) of every route, in the routers the app includes too."""
    found = set()
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            found |= routes_of(included.routes)
        for method in getattr(route, "methods", None) or ():
            if method != "HEAD":
                found.add((method, route.path))
    return found


def test_every_route_is_in_the_table_and_every_row_is_a_route(memory_market: Market) -> None:
    found = routes_of(memory_market.http.app.routes)  # type: ignore[attr-defined]
    assert len(found) > 10
    assert found == set(ACCESS)
    for rights in ACCESS.values():
        assert set(rights) == set(ROLES)


@pytest.fixture
def world(memory_market: Market) -> Market:
    memory_market.open_paid_contract("k1")
    memory_market.open_paid_contract("k2")
    memory_market.open_paid_contract("k3")
    memory_market.ok("c1", "/contracts/k3/end", {"end_reason": "completed"})
    return memory_market


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path"), sorted(ACCESS))
def test_each_role_on_each_route_as_the_table_says(
    world: Market, method: str, path: str, role: str
) -> None:
    concrete, body = sample(method, path)
    who = TOKENS[role]
    answer = world.post(who, concrete, body) if method == "POST" else world.get(who, concrete)
    if ACCESS[(method, path)][role] is Access.DENIED:
        assert answer.status_code == (401 if who is None else 403), answer.text
        assert answer.json()["error"]["code"] == ("unauthorized" if who is None else "forbidden")
    else:
        assert answer.status_code not in (401, 403), answer.text
        assert answer.status_code < 500, answer.text


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("c2", "/contracts/k1"),
        ("f2", "/contracts/k1"),
        ("f2", "/freelancers/f1/explain"),
        ("f2", "/freelancers/f1/badges"),
        ("f2", "/freelancers/f1/recover"),
        ("f2", "/freelancers/f1/refund-or-keep/k1"),
        ("c2", "/clients/c1/risk"),
    ],
)
def test_own_records_only_are_read_by_their_sides(world: Market, who: str, path: str) -> None:
    assert world.get(who, path).status_code == 403


@pytest.mark.parametrize(
    ("who", "path", "body"),
    [
        ("c2", "/contracts/k1/payments", {"amount": "1"}),
        ("f2", "/contracts/k1/refunds", {"amount": "1"}),
        ("c2", "/contracts/k1/end", {"end_reason": "completed"}),
        ("c2", "/contracts", {"contract_id": "k9", "freelancer_id": "f1", "client_id": "c1"}),
        ("c2", "/contracts/k1/disputes", {"escrow": "0"}),
        ("f2", "/contracts/k1/disputes", {"escrow": "0"}),
        ("f2", "/contracts/k3/feedback/client/edit-grant", {}),
        ("c2", "/contracts/k3/feedback/client/edit", {"stars": 5}),
        ("f2", "/contracts/k3/feedback/client/response", {"text": "Thanks."}),
        # Its own contract, but the other side's act: the client responds to its own feedback.
        ("c1", "/contracts/k3/feedback/client/response", {"text": "Thanks."}),
        ("f1", "/contracts/k3/feedback/client/edit", {"stars": 5}),
    ],
)
def test_another_sides_contract_is_refused_by_the_rules(
    world: Market, who: str, path: str, body: dict[str, Any]
) -> None:
    answer = world.post(who, path, body)
    assert answer.status_code == 422
    assert "(rule not_that_side)" in answer.json()["error"]["message"]
