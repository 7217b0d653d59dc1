"""The pages' access table decides every page route for every role, and the pages follow
it: every page route is in the table and every row is a page route; a role the table denies
is refused (an anonymous reader is sent to sign in, a role gets 403), one it allows gets
through. Forms are refused without the token that guards them against other sites."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="needs jobscore[service]")

from fastapi.testclient import TestClient

from jobscore.api import ACCESS
from jobscore.domain.events import Role
from jobscore.service import Caller
from jobscore.service.access import ROLES, Access
from jobscore.web import PAGES
from jobscore.web.routing import NegotiatedPageRoute, PageRoute
from tests.web.market import TestMarket, build_market

#: The token of each role: the freelancer ada and the client acme, the sides of `logo`.
WHO = {"operator": "operator", "client": "client", "freelancer": "freelancer", "anonymous": None}
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, TestMarket]]:
    app, market = build_market(tmp_path_factory.mktemp("access"))
    with TestClient(app) as client:
        yield client, market
    market.service.close()


def _as(client: TestClient, market: TestMarket, who: str | None) -> TestClient:
    client.cookies.clear()
    client.get("/sign-in", headers=HTML)
    if who is not None:
        client.cookies.set("jobscore_session", market.tokens[who])
    return client


def _request(client: TestClient, method: str, path: str) -> Any:
    concrete = (
        path.replace("{freelancer_id}", "ada")
        .replace("{client_id}", "acme")
        .replace("{contract_id}", "logo")
        .replace("{name}", "site.css")
    )
    if method == "GET":
        return client.get(concrete, headers=HTML, follow_redirects=False)
    form = {"csrftoken": client.cookies.get("jobscore_csrf") or ""}
    return client.post(concrete, data=form, headers=HTML, follow_redirects=False)


def _refused(answer: Any) -> bool:
    sent_to_sign_in = answer.status_code == 303 and answer.headers["location"].startswith(
        "/sign-in?next="
    )
    return bool(answer.status_code == 403 or sent_to_sign_in)


def test_every_page_route_is_in_the_table_and_every_row_is_a_page_route(
    served: tuple[TestClient, TestMarket],
) -> None:
    client, _ = served
    found = {
        (method, route.path)
        for route in client.app.routes  # type: ignore[attr-defined]
        if isinstance(route, PageRoute)
        for method in route.methods or ()
        if method != "HEAD"
    }
    assert found == set(PAGES)
    for rights in PAGES.values():
        assert set(rights) == set(ROLES)
    # A page at a path the API also answers gives way to it unless a browser asks.
    for route in client.app.routes:  # type: ignore[attr-defined]
        shared = {(m, route.path) for m in getattr(route, "methods", None) or ()} & set(ACCESS)
        if isinstance(route, PageRoute) and shared:
            assert isinstance(route, NegotiatedPageRoute), route.path


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path"), sorted(PAGES))
def test_each_role_on_each_page_as_the_table_says(
    served: tuple[TestClient, TestMarket], method: str, path: str, role: str
) -> None:
    client, market = served
    answer = _request(_as(client, market, WHO[role]), method, path)
    if PAGES[(method, path)][role] is Access.DENIED:
        assert _refused(answer), (answer.status_code, answer.text[:300])
        if role == "anonymous":
            assert answer.status_code == 303
    else:
        assert not _refused(answer), (answer.status_code, answer.text[:300])
        assert answer.status_code < 500, answer.text[:300]
        if method == "GET" and "<title>" in answer.text:
            # A page's title is one short line of text, whoever reads it.
            title = answer.text.split("<title>", 1)[1].split("</title>", 1)[0]
            assert "<" not in title, title
            assert "\n" not in title, title
            assert len(title) < 120, title


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("freelancer", "/freelancers/eve/whatif?refund=e5"),
        ("eve", "/contracts/logo"),
        ("client", "/clients/someone-else"),
    ],
)
def test_own_pages_only(served: tuple[TestClient, TestMarket], who: str, path: str) -> None:
    client, market = served
    answer = _as(client, market, who).get(path, headers=HTML)
    assert answer.status_code == 403
    assert "<h1>Not yours to see</h1>" in answer.text


def test_a_form_without_its_token_is_refused(served: tuple[TestClient, TestMarket]) -> None:
    client, market = served
    _as(client, market, "client")
    answer = client.post("/contracts/logo/actions/payment", data={"amount": "5"}, headers=HTML)
    assert answer.status_code == 403
    assert "This form has expired" in answer.text
    assert market.service.contract(market.as_operator(), "logo")["payments"][0]["amount"] == (
        "400.00"
    )
    assert len(market.service.contract(market.as_operator(), "logo")["payments"]) == 1


def test_signing_in_needs_the_token_from_this_site(served: tuple[TestClient, TestMarket]) -> None:
    client, market = served
    client.cookies.clear()
    answer = client.post("/sign-in", data={"token": market.tokens["operator"]}, headers=HTML)
    assert answer.status_code == 403
    assert "jobscore_session" not in client.cookies


def test_the_api_answers_json_where_a_page_shares_its_path(
    served: tuple[TestClient, TestMarket],
) -> None:
    client, market = served
    client.cookies.clear()
    bearer = {"Authorization": f"Bearer {market.tokens['client']}"}
    api = client.get("/contracts/logo", headers=bearer)
    assert api.headers["content-type"] == "application/json"
    assert api.json()["contract_id"] == "logo"
    page = client.get("/contracts/logo", headers=HTML, follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/sign-in?next=/contracts/logo"
    client.cookies.set("jobscore_session", market.tokens["client"])
    signed = client.get("/contracts/logo", headers=HTML)
    assert signed.headers["content-type"].startswith("text/html")
    assert "<h1>Contract logo</h1>" in signed.text


def test_the_assets_ship_in_the_package() -> None:
    static = Path(__file__).parents[2] / "src" / "jobscore" / "web" / "static"
    assert {p.name for p in static.iterdir()} == {"site.css", "site.js"}
    for asset in static.iterdir():
        assert "http" not in asset.read_text(), f"{asset.name} loads something from elsewhere"


def test_the_api_reads_of_the_tools_answer_json_beside_their_forms(
    served: tuple[TestClient, TestMarket],
) -> None:
    client, market = served
    client.cookies.clear()
    bearer = {"Authorization": f"Bearer {market.tokens['eve']}"}
    api = client.get("/freelancers/eve/recover", headers=bearer)
    assert api.headers["content-type"] == "application/json"
    assert api.json()["tool"] == "recover"
    client.cookies.set("jobscore_session", market.tokens["eve"])
    page = client.get("/freelancers/eve/recover", headers=HTML)
    assert page.headers["content-type"].startswith("text/html")


def _post(client: TestClient, path: str, form: dict[str, str]) -> Any:
    data = form | {"csrftoken": client.cookies.get("jobscore_csrf") or ""}
    return client.post(path, data=data, headers=HTML, follow_redirects=False)


def test_the_operator_removes_feedback_and_flags_a_client_from_the_pages(
    served: tuple[TestClient, TestMarket],
) -> None:
    client, market = served
    market.open_ended_contract("moderated")
    market.service.give_feedback(Caller(Role.CLIENT, "acme"), "moderated", 1.0, 0, "Awful.")
    _as(client, market, "operator")
    page = client.get("/contracts/moderated", headers=HTML)
    assert "Remove feedback (moderation)" in page.text
    assert "Give your feedback" not in page.text
    removed = _post(
        client, "/contracts/moderated/actions/remove", {"author": "client", "reason": "abuse"}
    )
    assert removed.status_code == 303, removed.text[:300]
    shown = market.service.contract(market.as_operator(), "moderated")["feedback"]
    assert [f["removed"] for f in shown] == [True]

    flagged = _post(client, "/clients/acme/actions/flag", {"flag": "flagged", "reason": "x"})
    assert flagged.status_code == 303, flagged.text[:300]
    again = _post(client, "/clients/acme/actions/flag", {"flag": "flagged", "reason": "y"})
    assert again.status_code == 422
    assert 'id="flag-flag-problem"' in again.text
    assert "(rule client_already_flagged)" in again.text


def test_the_operator_resolves_a_dispute_from_the_page(
    served: tuple[TestClient, TestMarket],
) -> None:
    client, market = served
    dispute_id = market.open_disputed_contract("quarrel", escrow="100")
    _as(client, market, "operator")
    page = client.get("/contracts/quarrel", headers=HTML)
    assert f"Resolve dispute {dispute_id}" in page.text
    form = {"dispute_id": dispute_id, "freelancer_share": "150", "result": "won"}
    above = _post(client, "/contracts/quarrel/actions/resolve", form | {"key": "r1"})
    assert above.status_code == 422
    # The refusal sits next to the share, in that dispute's form, which keeps what was typed.
    assert f'id="resolve-{dispute_id}-freelancer_share-problem"' in above.text
    assert "(rule split_outside_escrow)" in above.text
    assert 'value="150"' in above.text
    done = _post(client, "/contracts/quarrel/actions/resolve", form | {"freelancer_share": "60"})
    assert done.status_code == 303, done.text[:300]
    shown = market.service.contract(market.as_operator(), "quarrel")["disputes"]
    assert [(d["freelancer_share"], d["result"]) for d in shown] == [("60.00", "won")]
    after = client.get("/contracts/quarrel", headers=HTML)
    assert f"Resolve dispute {dispute_id}" not in after.text
    assert "60.00 to the freelancer (won by the freelancer)" in after.text


def test_the_operator_gives_feedback_for_a_side_from_the_page(
    served: tuple[TestClient, TestMarket],
) -> None:
    client, market = served
    market.open_ended_contract("on-behalf")
    _as(client, market, "operator")
    page = client.get("/contracts/on-behalf", headers=HTML)
    assert "Give feedback on a side&#39;s behalf" in page.text
    form = {"by": "freelancer", "stars": "4", "private_score": "7", "comment": "Clear brief."}
    private = _post(client, "/contracts/on-behalf/actions/feedback", form)
    assert private.status_code == 422
    assert 'id="feedback-private_score-problem"' in private.text
    assert "(rule client_side_only)" in private.text
    given = _post(client, "/contracts/on-behalf/actions/feedback", form | {"private_score": ""})
    assert given.status_code == 303, given.text[:300]
    shown = market.service.contract(market.as_operator(), "on-behalf")["feedback"]
    assert [(f["by"], f["stars"]) for f in shown] == [("freelancer", 4.0)]
    # Only the client's side is left to give.
    after = client.get("/contracts/on-behalf", headers=HTML).text
    sides = after[after.index('id="feedback-by"') :]
    sides = sides[: sides.index("</select>")]
    assert '<option value="client">' in sides
    assert '<option value="freelancer">' not in sides
