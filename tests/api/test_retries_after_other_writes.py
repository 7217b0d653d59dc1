"""A retry that arrives after other writes changed the state still answers the first answer:
what the service chose for the first request (the instant, the payment a refund comes out
of) is chosen again from what the log holds under the key, not from the state of now."""

from __future__ import annotations

from tests.api.conftest import Market


def log_size(market: Market) -> int:
    return len(market.store.audit(limit=1_000_000))


def test_a_retried_refund_comes_out_of_the_same_payment(market: Market) -> None:
    market.open_paid_contract()  # p1: 100.00
    market.ok("c1", "/contracts/k1/payments", {"amount": "30", "payment_id": "p2"})
    # Without a payment id, the refund is out of the latest payment with money left: p2.
    first = market.ok("f1", "/contracts/k1/refunds", {"amount": "30"}, key="refund-a")
    assert first["payment_id"] == "p2"
    size = log_size(market)
    # p2 has nothing left now; the retry must still name p2, not p1.
    again = market.post("f1", "/contracts/k1/refunds", {"amount": "30"}, key="refund-a")
    assert again.status_code == 201, again.json()
    assert again.json() == first
    assert again.headers["idempotent-replayed"] == "true"
    assert log_size(market) == size


def test_a_retry_later_keeps_the_first_instant(market: Market) -> None:
    market.open_paid_contract()
    first = market.ok("c1", "/contracts/k1/payments", {"amount": "5"}, key="pay-a")
    # Other writes in between move the clock on.
    market.ok("c1", "/contracts/k1/payments", {"amount": "6"}, key="pay-b")
    market.ok("operator", "/freelancers", {"freelancer_id": "f7"}, key="pay-a")
    size = log_size(market)
    assert market.ok("c1", "/contracts/k1/payments", {"amount": "5"}, key="pay-a") == first
    assert log_size(market) == size
