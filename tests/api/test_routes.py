"""Each route's happy path, on every store."""

from __future__ import annotations

from tests.api.conftest import Market


def test_registrations_answer_the_record_and_its_place_in_the_log(market: Market) -> None:
    answer = market.ok("operator", "/freelancers", {"freelancer_id": "f3"})
    assert answer["record"] == "freelancer f3"
    assert answer["sequence"] == 5
    assert answer["recorded_at"].endswith("Z")
    assert market.ok("operator", "/clients", {"client_id": "c3"})["record"] == "client c3"


def test_a_contract_from_opening_to_feedback(market: Market) -> None:
    opened = market.ok(
        "c1",
        "/contracts",
        {"contract_id": "k1", "freelancer_id": "f1", "client_id": "c1", "kind": "hourly"},
    )
    assert opened["record"] == "contract k1"
    paid = market.ok("c1", "/contracts/k1/payments", {"amount": "250.50"})
    refunded = market.ok("f1", "/contracts/k1/refunds", {"amount": 50})
    assert refunded["payment_id"] == paid["payment_id"]
    market.ok("c1", "/contracts/k1/end", {"end_reason": "completed"})
    market.ok("c1", "/contracts/k1/feedback", {"stars": 5, "private_score": 9, "comment": "great"})
    market.ok("f1", "/contracts/k1/feedback", {"stars": 4.5})

    seen = market.get("f1", "/contracts/k1")
    assert seen.status_code == 200
    view = seen.json()
    assert view["status"] == "ended"
    assert view["kind"] == "hourly"
    assert view["ended_by"] == "client"
    assert view["payments"] == [
        {
            "payment_id": paid["payment_id"],
            "amount": "250.50",
            "paid_at": view["payments"][0]["paid_at"],
            "refunded": "50.00",
            "refundable": "200.50",
        }
    ]
    assert [f["by"] for f in view["feedback"]] == ["client", "freelancer"]
    assert view["feedback"][0]["comment"] == "great"


def test_the_freelancer_ends_a_contract_as_itself(market: Market) -> None:
    market.open_paid_contract()
    market.ok("f1", "/contracts/k1/end", {"end_reason": "cancelled"})
    assert market.get("c1", "/contracts/k1").json()["ended_by"] == "freelancer"


def test_score_explain_and_history_read_the_store(market: Market) -> None:
    market.open_paid_contract()
    market.ok("c1", "/contracts/k1/end", {"end_reason": "completed"})
    market.ok("c1", "/contracts/k1/feedback", {"stars": 5})
    score = market.get(None, "/freelancers/f1/score", policy="upwork", as_of="2026-06-01")
    assert score.status_code == 200
    document = score.json()
    assert document["freelancer_id"] == "f1"
    assert document["policy"]["name"] == "upwork"
    assert [c["contract_id"] for c in document["contracts"]] == ["k1"]
    explained = market.get("f1", "/freelancers/f1/explain", as_of="2026-06-01")
    assert explained.status_code == 200
    assert explained.json()["contracts"][0]["outcome"] == "good"
    history = market.get(None, "/freelancers/f1/score-history", policy="bayes")
    assert history.json() == {"freelancer_id": "f1", "policy": "bayes", "snapshots": []}


def test_the_audit_filters_by_record_and_actor(market: Market) -> None:
    market.open_paid_contract()
    entries = market.get("operator", "/audit", record="contract k1").json()
    assert [e["fact"]["type"] for e in entries] == ["PaymentMade", "ContractOpened"]
    assert {e["actor_id"] for e in entries} == {"c1"}
    by_operator = market.get("operator", "/audit", actor_id="c1", limit="1").json()
    assert len(by_operator) == 1
    assert by_operator[0]["fact"]["amount"] == "100.00"


def test_the_schema_and_the_docs_page_are_served(memory_market: Market) -> None:
    schema = memory_market.get(None, "/openapi.json").json()
    for path in (
        "/freelancers",
        "/clients",
        "/contracts",
        "/contracts/{contract_id}/payments",
        "/contracts/{contract_id}/refunds",
        "/contracts/{contract_id}/end",
        "/contracts/{contract_id}/feedback",
        "/contracts/{contract_id}",
        "/freelancers/{freelancer_id}/score",
        "/freelancers/{freelancer_id}/explain",
        "/freelancers/{freelancer_id}/score-history",
        "/audit",
    ):
        assert path in schema["paths"], path
    page = memory_market.get(None, "/docs")
    assert page.status_code == 200
    assert "openapi.json" in page.text
    # Offline: the page loads nothing from another site.
    assert "http://" not in page.text
    assert "https://" not in page.text
