"""No tool answers anyone but the operator with a private score, or with what a private score
decided; and the client's feedback counts from its reveal, never before.

The first test is the strong form: the same marketplace twice, the clients' private scores
changed (k3's private 2 becomes an 8, which turns its outcome from bad to neutral), must give a
freelancer, and a client screening itself, the same answer to every request — while the
operator's answers do change, so the requests do reach what private scores decide."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from jobscore.store import MemoryStore
from tests.api.conftest import Market, market_on
from tests.api.tool_market import AS_OF_TEXT, HISTORY, stock

CONTRACTS = [f"k{n}" for n in range(1, 10)]
CLIENTS = ["acme", "bolt", "cove", "dune", "echo"]
CHANGE_SETS = [
    [],
    ["refund:k3"],
    ["feedback:k3:1:0"],
    ["refund:k3:300", "refund:k5", "clock:2027-03-01"],
    ["close:k8", "add:2@400:4.5"],
    ["keep-open:k8", "clock:2027-06-01"],
]


def private_scores_changed(history: str) -> str:
    """Every private score given another value: 10 - x."""
    rows = history.splitlines()
    changed = [rows[0]]
    for row in rows[1:]:
        cells = row.split(",")
        if cells[-1]:
            cells[-1] = str(10 - int(cells[-1]))
        changed.append(",".join(cells))
    return "\n".join(changed) + "\n"


def requests(who: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(method, path, params or body) of every tool request `who` may make."""
    for policy in ("upwork", "bayes"):
        query = {"policy": policy, "as_of": AS_OF_TEXT}
        if who in ("ana", "operator"):
            yield "GET", "/freelancers/ana/badges", query
            for changes in CHANGE_SETS:
                yield "POST", "/freelancers/ana/whatif", {**query, "changes": changes}
            for contract in CONTRACTS:
                yield "GET", f"/freelancers/ana/refund-or-keep/{contract}", query
            yield "GET", "/freelancers/ana/recover", query
            yield "GET", "/freelancers/ana/recover", {**query, "target": "95", "by": "2027-04-01"}
            yield "GET", "/freelancers/ana/recover", {**query, "pace": "1/month"}
        clients = ["dune"] if who == "dune" else CLIENTS
        for client in clients:
            yield "GET", f"/clients/{client}/risk", query


def answer(market: Market, who: str, method: str, path: str, given: dict[str, Any]) -> Any:
    headers = market.headers(who)
    if method == "POST":
        query = {k: v for k, v in given.items() if k != "changes"}
        found = market.http.post(
            path, json={"changes": given["changes"]}, params=query, headers=headers
        )
    else:
        found = market.http.get(path, params=given, headers=headers)
    assert found.status_code == 200, found.text
    return found.json()


def answers(market: Market, who: str) -> dict[str, Any]:
    return {
        f"{method} {path} {sorted(given.items())}": answer(market, who, method, path, given)
        for method, path, given in requests(who)
    }


@pytest.fixture
def twins(market: Market, tmp_path: Path) -> Iterator[tuple[Market, Market]]:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = stock(market, tmp_path / "a")
    for other in market_on(MemoryStore()):
        yield first, stock(other, tmp_path / "b", private_scores_changed(HISTORY))


def test_no_answer_but_the_operators_depends_on_a_private_score(
    twins: tuple[Market, Market],
) -> None:
    first, second = twins
    for who in ("ana", "ben", "dune"):
        mine, theirs = answers(first, who), answers(second, who)
        for request, found in mine.items():
            if "/badges" in request:
                # Badges are public and follow the displayed score; the rule about a single
                # contract's outcome reads public feedback.
                assert largest_contract(found) == largest_contract(theirs[request])
                continue
            assert found == theirs[request], (who, request)
    operator = answers(first, "operator"), answers(second, "operator")
    changed = [r for r in operator[0] if operator[0][r] != operator[1][r] and "/badges" not in r]
    assert any("refund-or-keep/k3" in r for r in changed)
    assert any("whatif" in r for r in changed)
    assert any("/risk" in r for r in changed)


def largest_contract(badges: dict[str, Any]) -> list[Any]:
    return [
        r["value"]
        for s in badges["standings"]
        for r in s["requirements"]
        if r["rule"] == "largest_contract_12m"
    ]


def keyed(document: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(path, value) of every key in a JSON document."""
    if isinstance(document, dict):
        for key, value in document.items():
            yield f"{path}.{key}", value
            yield from keyed(value, f"{path}.{key}")
    elif isinstance(document, list):
        for n, value in enumerate(document):
            yield from keyed(value, f"{path}[{n}]")


#: Keys about private feedback that a freelancer's answer may hold: the private scores of
#: its own hypothetical changes and new contracts, the marketplace's assumed mean, and the
#: client's mean private score, always empty.
ALLOWED = re.compile(
    r"^(\.changes\[\d+\]\.private_score|\.marketplace\.private_mean|\.private_given.*)$"
)


def test_no_freelancer_answer_holds_a_private_score(market: Market, tmp_path: Path) -> None:
    stock(market, tmp_path)
    for who in ("ana", "ben", "dune"):
        for request, found in answers(market, who).items():
            private = [(p, v) for p, v in keyed(found) if "private" in p.rsplit(".", 1)[-1]]
            assert [p for p, _ in private if not ALLOWED.match(p)] == [], request
            given = dict(private).get(".private_given")
            assert given in (None, {"mean": None, "count": 0}), request
            if "/badges" in request:
                assert found["hold"] == {
                    "held": False,
                    "since": None,
                    "until": None,
                    "clients": [],
                }
    # The operator's answers do carry them: the search looks where they would be.
    risk = answer(market, "operator", "GET", "/clients/cove/risk", {"as_of": AS_OF_TEXT})
    assert risk["private_given"] == {"mean": 1.5, "count": 2}


def everything(market: Market, who: str, as_of: str) -> dict[str, Any]:
    """Every tool's answer for freelancer f1 and client c1, as of `as_of`."""
    query = {"as_of": as_of}
    found = {
        "badges": answer(market, who, "GET", "/freelancers/f1/badges", query),
        "whatif": answer(
            market, who, "POST", "/freelancers/f1/whatif", {**query, "changes": ["refund:k1"]}
        ),
        "recover": answer(market, who, "GET", "/freelancers/f1/recover", query),
        "risk": answer(market, who, "GET", "/clients/c1/risk", query),
    }
    for contract in ("k1", "k2"):
        found[contract] = answer(
            market, who, "GET", f"/freelancers/f1/refund-or-keep/{contract}", query
        )
    return found


def test_the_clients_feedback_counts_from_its_reveal(market: Market) -> None:
    # k2 with c2: ended, both sides gave feedback, so it is revealed. k1 with c1: ended.
    for contract, client in (("k1", "c1"), ("k2", "c2")):
        market.ok(
            client,
            "/contracts",
            {"contract_id": contract, "freelancer_id": "f1", "client_id": client},
        )
        market.ok(client, f"/contracts/{contract}/payments", {"amount": "600"})
        market.ok(client, f"/contracts/{contract}/end", {"end_reason": "completed"})
    market.ok("c2", "/contracts/k2/feedback", {"stars": 5, "private_score": 10})
    market.ok("f1", "/contracts/k2/feedback", {"stars": 5})
    ended = market.clock.now()
    hidden = (ended + timedelta(days=2)).isoformat()
    shown = (ended + timedelta(days=16)).isoformat()
    before = {
        (who, when): everything(market, who, when)
        for who in ("operator", "f1")
        for when in (hidden, shown)
    }

    # c1 gives k1 one star; f1 has given nothing, so it stays hidden for 14 days.
    market.ok("c1", "/contracts/k1/feedback", {"stars": 1, "private_score": 0})

    for who in ("operator", "f1"):
        assert everything(market, who, hidden) == before[who, hidden]
        # Once the window has closed it is revealed, and it counts.
        after = everything(market, who, shown)
        assert [k for k in after if after[k] == before[who, shown][k]] == []
