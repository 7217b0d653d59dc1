"""What each side of a contract, and the operator, sees of its feedback once it is edited,
answered or removed (`GET /contracts/{id}`): the double-blind still holds, nobody but the
operator sees a private score, and removed feedback shows to the operator only."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.broken_rules import ended
from tests.api.conftest import Market
from tests.api.test_private_feedback import keys_of

READERS = ("c1", "f1", "operator")


def feedback_seen(market: Market, who: str) -> dict[str, dict[str, Any]]:
    document = market.get(who, "/contracts/k1").json()
    if who != "operator":
        assert not {k for k in keys_of(document) if k.startswith("private")}, who
        assert "removed" not in keys_of(document), who
    return {view["by"]: view for view in document["feedback"]}


@pytest.fixture
def edited_while_hidden(market: Market) -> Market:
    """The client rated 2 stars (privately 3); the freelancer, not having rated yet, granted
    an edit; the client edited to 4 stars."""
    ended(market)
    market.ok("c1", "/contracts/k1/feedback", {"stars": 2, "private_score": 3, "comment": "Meh."})
    market.ok("f1", "/contracts/k1/feedback/client/edit-grant", {})
    market.ok("c1", "/contracts/k1/feedback/client/edit", {"stars": 4, "comment": "Good."})
    return market


def test_an_edit_stays_behind_the_double_blind(edited_while_hidden: Market) -> None:
    market = edited_while_hidden
    assert feedback_seen(market, "f1") == {}
    own = feedback_seen(market, "c1")["client"]
    assert (own["stars"], own["comment"], own["revealed_at"]) == (4.0, "Good.", None)
    assert own["edited_at"] is not None
    whole = feedback_seen(market, "operator")["client"]
    assert (whole["stars"], whole["private_score"], whole["removed"]) == (4.0, 3, False)


def test_once_revealed_both_sides_see_the_edit_and_no_private_score(
    edited_while_hidden: Market,
) -> None:
    market = edited_while_hidden
    market.ok("f1", "/contracts/k1/feedback", {"stars": 5})
    for who in READERS:
        seen = feedback_seen(market, who)
        assert set(seen) == {"client", "freelancer"}, who
        assert (seen["client"]["stars"], seen["client"]["comment"]) == (4.0, "Good."), who
        assert seen["client"]["revealed_at"] == seen["freelancer"]["given_at"], who
    assert feedback_seen(market, "operator")["client"]["private_score"] == 3


def test_a_response_shows_under_the_feedback_it_answers(edited_while_hidden: Market) -> None:
    market = edited_while_hidden
    market.ok("f1", "/contracts/k1/feedback", {"stars": 5})
    market.ok("f1", "/contracts/k1/feedback/client/response", {"text": "Glad it worked out."})
    for who in READERS:
        seen = feedback_seen(market, who)
        assert seen["client"]["response"] == "Glad it worked out.", who
        assert seen["freelancer"]["response"] is None, who


@pytest.mark.parametrize("author", ["client", "freelancer"])
def test_removed_feedback_shows_to_the_operator_only(
    edited_while_hidden: Market, author: str
) -> None:
    market = edited_while_hidden
    market.ok("f1", "/contracts/k1/feedback", {"stars": 5})
    market.ok("operator", f"/contracts/k1/feedback/{author}/removal", {"reason": "abuse"})
    other = "freelancer" if author == "client" else "client"
    for who in ("c1", "f1"):
        assert set(feedback_seen(market, who)) == {other}, who
    whole = feedback_seen(market, "operator")
    assert (whole[author]["removed"], whole[other]["removed"]) == (True, False)
    assert whole["client"]["private_score"] == 3


def test_removed_feedback_counts_nowhere(edited_while_hidden: Market) -> None:
    market = edited_while_hidden
    market.ok("f1", "/contracts/k1/feedback", {"stars": 5})
    before = market.get("operator", "/freelancers/f1/explain").json()["contracts"][0]
    assert before["excluded_because"] is None
    market.ok("operator", "/contracts/k1/feedback/client/removal", {})
    after = market.get("operator", "/freelancers/f1/explain").json()["contracts"][0]
    assert (after["outcome"], after["excluded_because"], after["windows"]) == (
        "excluded",
        "removed",
        [],
    )
