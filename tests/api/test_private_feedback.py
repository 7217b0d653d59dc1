"""Nobody but the operator sees a private score, nor the outcome of a contract that only the
client's private feedback decided: it is labelled, and counts only in the window totals."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from jobscore.service import PRIVATELY_DECIDED
from tests.api.conftest import Market

AS_OF = "2026-09-01"


def keys_of(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_of(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_of(v)}
    return set()


@pytest.fixture
def reviewed(market: Market) -> Market:
    """k1: five public stars but a private 2 (the private score decides: bad); k2: five
    stars and a private 9 (good either way)."""
    for contract_id, private in (("k1", 2), ("k2", 9)):
        market.open_paid_contract(contract_id, amount="500")
        market.ok("c1", f"/contracts/{contract_id}/end", {"end_reason": "completed"})
        market.ok(
            "c1", f"/contracts/{contract_id}/feedback", {"stars": 5, "private_score": private}
        )
    market.clock.advance(timedelta(days=20))
    return market


@pytest.mark.parametrize("route", ["score", "explain"])
def test_the_freelancer_sees_no_private_outcome(reviewed: Market, route: str) -> None:
    answer = reviewed.get("f1", f"/freelancers/f1/{route}", as_of=AS_OF)
    assert answer.status_code == 200
    document = answer.json()
    contracts = {c["contract_id"]: c for c in document["contracts"]}
    assert contracts["k1"]["outcome"] == PRIVATELY_DECIDED
    assert contracts["k2"]["outcome"] == "good"
    for item in contracts.values():
        assert item["points"] is None
        assert item["points_by_window"] is None
    assert not {k for k in keys_of(document) if k.startswith("private")}
    # Both still count in the window totals.
    assert document["window_details"]["24m"]["counted"] == 2


def test_the_operator_sees_everything(reviewed: Market) -> None:
    document = reviewed.get("operator", "/freelancers/f1/explain", as_of=AS_OF).json()
    contracts = {c["contract_id"]: c for c in document["contracts"]}
    assert contracts["k1"]["outcome"] == "bad"
    assert contracts["k1"]["points"] is not None
    view = reviewed.get("operator", "/contracts/k1").json()
    assert view["feedback"][0]["private_score"] == 2


@pytest.mark.parametrize("who", ["f1", "c1", None])
def test_other_readers_see_the_public_part_only(reviewed: Market, who: str | None) -> None:
    score = reviewed.get(who, "/freelancers/f1/score", as_of=AS_OF).json()
    assert {c["outcome"] for c in score["contracts"]} == {PRIVATELY_DECIDED, "good"}
    assert "2" not in {str(c.get("private_score")) for c in score["contracts"]}
    if who is not None:
        view = reviewed.get(who, "/contracts/k1").json()
        assert view["feedback"][0]["stars"] == 5
        assert not {k for k in keys_of(view) if k.startswith("private")}


@pytest.mark.parametrize("policy", ["bayes", "upwork-2015"])
def test_every_policy_hides_the_same(reviewed: Market, policy: str) -> None:
    answer = reviewed.get("f1", "/freelancers/f1/explain", policy=policy, as_of=AS_OF)
    assert answer.status_code == 200, answer.text
    document = answer.json()
    assert not {k for k in keys_of(document) if k.startswith("private")}
    assert all(c["points"] is None for c in document["contracts"])


def test_what_the_private_score_moved_is_withheld_under_bayes(reviewed: Market) -> None:
    document = reviewed.get("f1", "/freelancers/f1/explain", policy="bayes", as_of=AS_OF).json()
    shown = {c["contract_id"]: c for c in document["contracts"]}
    operator = reviewed.get("operator", "/freelancers/f1/explain", policy="bayes", as_of=AS_OF)
    whole = {c["contract_id"]: c for c in operator.json()["contracts"]}
    assert whole["k1"]["p_good"] is not None
    assert shown["k1"]["p_good"] is None
