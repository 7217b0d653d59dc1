"""The happy path of each route after a contract's money and first feedback, on every store:
disputes and their resolution, an edit granted and made, a response, a removal (under the
allowance too), and a client flagged or suspended. Each answers the write receipt, and a
retry under the same key answers it again and records nothing."""

from __future__ import annotations

from typing import Any

from tests.api.broken_rules import both_reviewed, ended, paid, reviewed
from tests.api.conftest import Market


def facts_about(market: Market, record: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = market.get("operator", "/audit", record=record).json()
    return [entry["fact"] for entry in entries]


def test_a_dispute_opened_by_either_side_and_resolved_by_the_operator(market: Market) -> None:
    paid(market)
    opened = market.ok("c1", "/contracts/k1/disputes", {"escrow": "60.50"})
    assert opened["record"] == "contract k1"
    chosen = opened["dispute_id"]
    assert chosen.startswith("d-")
    mine = market.ok("f1", "/contracts/k1/disputes", {"dispute_id": "d-mine"})
    assert mine["dispute_id"] == "d-mine"
    resolved = market.ok(
        "operator",
        f"/contracts/k1/disputes/{chosen}/resolution",
        {"freelancer_share": "20.50", "result": "lost"},
    )
    assert resolved["dispute_id"] == chosen
    assert resolved["sequence"] == mine["sequence"] + 1

    disputes = market.get("c1", "/contracts/k1").json()["disputes"]
    assert [(d["dispute_id"], d["opened_by"], d["escrow"]) for d in disputes] == [
        (chosen, "client", "60.50"),
        ("d-mine", "freelancer", "0.00"),
    ]
    assert (disputes[0]["freelancer_share"], disputes[0]["result"]) == ("20.50", "lost")
    assert disputes[0]["resolved_at"] == resolved["recorded_at"]
    assert (disputes[1]["resolved_at"], disputes[1]["result"]) == (None, None)
    assert [f["type"] for f in facts_about(market, "contract k1")][:3] == [
        "DisputeResolved",
        "DisputeOpened",
        "DisputeOpened",
    ]


def test_the_operator_names_the_side_opening_a_dispute(market: Market) -> None:
    paid(market)
    unnamed = market.post("operator", "/contracts/k1/disputes", {"escrow": "5"})
    assert unnamed.status_code == 422
    assert (unnamed.json()["error"]["code"], unnamed.json()["error"]["field"]) == (
        "invalid_input",
        "by",
    )
    market.ok("operator", "/contracts/k1/disputes", {"escrow": "5", "by": "freelancer"})
    assert market.get("f1", "/contracts/k1").json()["disputes"][0]["opened_by"] == "freelancer"


def test_an_edit_granted_then_made(market: Market) -> None:
    both_reviewed(market)
    granted = market.ok("f1", "/contracts/k1/feedback/client/edit-grant", {})
    assert granted["record"] == "contract k1"
    edit = {"stars": 4.5, "comment": "Better than I said.", "category_stars": {"skills": 5}}
    edited = market.ok("c1", "/contracts/k1/feedback/client/edit", edit)

    shown = market.get("f1", "/contracts/k1").json()["feedback"][0]
    assert (shown["by"], shown["stars"], shown["comment"]) == ("client", 4.5, edit["comment"])
    assert shown["category_stars"] == [["skills", 5.0]]
    assert shown["edited_at"] == edited["recorded_at"]
    facts = facts_about(market, "contract k1")
    assert (facts[1]["type"], facts[1]["by"]) == ("EditGranted", "freelancer")
    assert (facts[0]["type"], facts[0]["by"]) == ("FeedbackEdited", "client")


def test_a_response_to_revealed_feedback(market: Market) -> None:
    both_reviewed(market)
    posted = market.ok("c1", "/contracts/k1/feedback/freelancer/response", {"text": "Thanks!"})
    for reader in ("c1", "f1", "operator"):
        feedback = market.get(reader, "/contracts/k1").json()["feedback"]
        about_client = next(f for f in feedback if f["by"] == "freelancer")
        assert about_client["response"] == "Thanks!", reader
        assert about_client["responded_at"] == posted["recorded_at"]


def test_a_removal_by_the_operator(market: Market) -> None:
    both_reviewed(market)
    removed = market.ok(
        "operator", "/contracts/k1/feedback/client/removal", {"reason": "off-topic"}
    )
    assert removed["record"] == "contract k1"
    fact = facts_about(market, "contract k1")[0]
    assert (fact["type"], fact["of"], fact["reason"], fact["under_allowance"]) == (
        "FeedbackRemoved",
        "client",
        "off-topic",
        False,
    )
    assert [f["by"] for f in market.get("f1", "/contracts/k1").json()["feedback"]] == ["freelancer"]


def test_a_removal_under_the_allowance_that_raises_no_objection(market: Market) -> None:
    """Ten completed contracts with one client, so no score to lower: the allowance holds."""
    for n in range(1, 11):
        body = {"contract_id": f"k{n}", "freelancer_id": "f1", "client_id": "c1"}
        market.ok("c1", "/contracts", body)
        market.ok("c1", f"/contracts/k{n}/end", {"end_reason": "completed"})
    market.ok("c1", "/contracts/k10/feedback", {"stars": 1})
    market.ok(
        "operator",
        "/contracts/k10/feedback/client/removal",
        {"under_allowance": True, "policy": "upwork-2015", "reason": "the freelancer's perk"},
    )
    fact = facts_about(market, "contract k10")[0]
    assert (fact["type"], fact["under_allowance"]) == ("FeedbackRemoved", True)


def test_a_removal_under_the_allowance_names_a_known_policy(market: Market) -> None:
    reviewed(market)
    answer = market.post(
        "operator", "/contracts/k1/feedback/client/removal", {"under_allowance": True,
                                                              "policy": "nope"}
    )  # fmt: skip
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "unknown_policy"


def test_clients_flagged_and_suspended(market: Market) -> None:
    flagged = market.ok("operator", "/clients/c1/flags", {"reason": "late payments"})
    assert flagged["record"] == "client c1"
    market.ok("operator", "/clients/c1/flags", {"flag": "suspended", "reason": "terms"})
    facts = facts_about(market, "client c1")
    assert [(f["type"], f["flag"], f["reason"]) for f in facts[:2]] == [
        ("ClientFlagged", "suspended", "terms"),
        ("ClientFlagged", "flagged", "late payments"),
    ]
    unknown = market.post("operator", "/clients/c9/flags", {})
    assert unknown.status_code == 404
    assert (unknown.json()["error"]["record"], unknown.json()["error"]["field"]) == (
        "client c9",
        "client_id",
    )


def test_every_new_write_route_is_idempotent(market: Market) -> None:
    ended(market)
    writes = [
        ("c1", "/contracts/k1/disputes", {"escrow": "10"}),
        ("c1", "/contracts/k1/feedback", {"stars": 3, "private_score": 6}),
        ("f1", "/contracts/k1/feedback", {"stars": 5}),
        ("f1", "/contracts/k1/feedback/client/edit-grant", {}),
        ("c1", "/contracts/k1/feedback/client/edit", {"stars": 4}),
        ("f1", "/contracts/k1/feedback/client/response", {"text": "Thank you."}),
        ("operator", "/contracts/k1/feedback/freelancer/removal", {"reason": "spam"}),
        ("operator", "/clients/c2/flags", {"flag": "suspended"}),
    ]
    for n, (who, path, body) in enumerate(writes):
        first = market.ok(who, path, body, key=f"key-{n}")
        size = len(market.store.audit(limit=1_000_000))
        again = market.post(who, path, body, key=f"key-{n}")
        assert (again.status_code, again.json()) == (201, first), path
        assert again.headers["idempotent-replayed"] == "true"
        assert len(market.store.audit(limit=1_000_000)) == size, path
    dispute = market.ok("c1", "/contracts/k1/disputes", {"escrow": "10"}, key="key-0")
    resolution = f"/contracts/k1/disputes/{dispute['dispute_id']}/resolution"
    first = market.ok("operator", resolution, {"freelancer_share": "4"}, key="resolve")
    assert market.ok("operator", resolution, {"freelancer_share": "4"}, key="resolve") == first
    other = market.post("operator", resolution, {"freelancer_share": "5"}, key="resolve")
    assert other.status_code == 409


def test_the_schema_lists_the_routes_and_their_bodies(memory_market: Market) -> None:
    schema = memory_market.get(None, "/openapi.json").json()
    for path in (
        "/contracts/{contract_id}/disputes",
        "/contracts/{contract_id}/disputes/{dispute_id}/resolution",
        "/contracts/{contract_id}/feedback/{author}/edit-grant",
        "/contracts/{contract_id}/feedback/{author}/edit",
        "/contracts/{contract_id}/feedback/{author}/response",
        "/contracts/{contract_id}/feedback/{author}/removal",
        "/clients/{client_id}/flags",
    ):
        post = schema["paths"][path]["post"]
        assert "201" in post["responses"], path
        assert "requestBody" in post, path
    bodies = schema["components"]["schemas"]
    assert {"DisputeBody", "ResolutionBody", "EditBody", "RemovalBody", "FlagBody"} <= set(bodies)
    assert "dispute_id" in bodies["WriteReceipt"]["properties"]
