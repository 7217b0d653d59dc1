"""Idempotency over HTTP: a retry under the same key answers the first answer and records
nothing; the same key with another body is refused (409); natural ids are retries too."""

from __future__ import annotations

from tests.api.conftest import Market


def log_size(market: Market) -> int:
    return len(market.store.audit(limit=1_000_000))


def test_a_retry_answers_the_first_answer_and_records_once(market: Market) -> None:
    market.open_paid_contract()
    before = log_size(market)
    first = market.post("f1", "/contracts/k1/refunds", {"amount": "10"}, key="refund-1")
    again = market.post("f1", "/contracts/k1/refunds", {"amount": 10}, key="refund-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert "idempotent-replayed" not in first.headers
    assert again.headers["idempotent-replayed"] == "true"
    assert log_size(market) == before + 1
    view = market.get("c1", "/contracts/k1").json()
    assert view["payments"][0]["refunded"] == "10.00"


def test_every_write_route_is_idempotent(market: Market) -> None:
    writes = [
        ("operator", "/freelancers", {"freelancer_id": "f5"}),
        ("operator", "/clients", {"client_id": "c5"}),
        ("c1", "/contracts", {"contract_id": "k1", "freelancer_id": "f1", "client_id": "c1"}),
        ("c1", "/contracts/k1/payments", {"amount": "40"}),
        ("f1", "/contracts/k1/refunds", {"amount": "5"}),
        ("c1", "/contracts/k1/end", {"end_reason": "completed"}),
        ("c1", "/contracts/k1/feedback", {"stars": 5, "private_score": 8}),
    ]
    for n, (who, path, body) in enumerate(writes):
        key = f"key-{n}"
        first = market.ok(who, path, body, key=key)
        size = log_size(market)
        assert market.ok(who, path, body, key=key) == first, path
        assert log_size(market) == size, path


def test_the_same_key_with_another_body_is_a_conflict(market: Market) -> None:
    market.open_paid_contract()
    market.ok("c1", "/contracts/k1/payments", {"amount": "40"}, key="pay")
    before = market.store.audit(limit=1_000_000)
    answer = market.post("c1", "/contracts/k1/payments", {"amount": "41"}, key="pay")
    assert answer.status_code == 409
    assert answer.json()["error"]["field"] == "idempotency_key"
    assert market.store.audit(limit=1_000_000) == before


def test_keys_are_each_callers_own(market: Market) -> None:
    market.ok("operator", "/freelancers", {"freelancer_id": "f5"}, key="same")
    market.ok("c1", "/contracts", {"contract_id": "k1", "freelancer_id": "f1", "client_id": "c1"},
              key="same")  # fmt: skip


def test_a_refused_write_keeps_no_key(market: Market) -> None:
    market.open_paid_contract()
    refused = market.post("f1", "/contracts/k1/refunds", {"amount": "500"}, key="r")
    assert refused.status_code == 422
    market.ok("f1", "/contracts/k1/refunds", {"amount": "50"}, key="r")


def test_a_contract_opened_again_is_a_retry_and_other_details_a_conflict(market: Market) -> None:
    body = {"contract_id": "k1", "freelancer_id": "f1", "client_id": "c1"}
    first = market.ok("c1", "/contracts", body)
    size = log_size(market)
    assert market.ok("c1", "/contracts", body) == first
    assert log_size(market) == size
    other = market.post("c1", "/contracts", {**body, "freelancer_id": "f2"})
    assert other.status_code == 409
    assert other.json()["error"]["record"] == "contract k1"
