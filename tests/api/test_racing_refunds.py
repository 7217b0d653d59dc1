"""Writes racing over HTTP can't break a rule between them: 50 refunds of $10 sent at once
against one $100 payment, and exactly 10 are accepted."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from tests.api.conftest import Market


def test_fifty_racing_refunds_of_ten_against_one_hundred(market: Market) -> None:
    market.open_paid_contract(amount="100")
    start = threading.Barrier(50)

    def refund(n: int) -> int:
        start.wait()
        answer = market.post(
            "f1", "/contracts/k1/refunds", {"amount": "10", "payment_id": "p1"}, key=f"r{n}"
        )
        status: int = answer.status_code
        return status

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(refund, range(50)))

    assert statuses.count(201) == 10
    assert statuses.count(422) == 40
    payment = market.get("operator", "/contracts/k1").json()["payments"][0]
    assert (payment["refunded"], payment["refundable"]) == ("100.00", "0.00")
    refunds = [
        e
        for e in market.store.audit(limit=1_000)
        if e.recorded.fact.__class__.__name__ == "RefundMade"
    ]
    assert len(refunds) == 10
