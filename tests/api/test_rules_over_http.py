"""The lifecycle rules over HTTP: a write breaking one is refused with 422 naming the rule,
the record and the field, and the store is as it was (no log entry, no change of state)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from tests.api.conftest import Market

Setup = Callable[[Market], None]


def paid(market: Market) -> None:
    market.open_paid_contract()


def ended(market: Market) -> None:
    market.open_paid_contract()
    market.ok("c1", "/contracts/k1/end", {"end_reason": "completed"})


def ended_long_ago(days: int) -> Setup:
    def setup(market: Market) -> None:
        ended(market)
        market.clock.advance(timedelta(days=days))

    return setup


def reviewed(market: Market) -> None:
    ended(market)
    market.ok("c1", "/contracts/k1/feedback", {"stars": 4})


CASES = [
    # money
    (paid, "f1", "refunds", {"amount": "100.01"}, "refund_above_refundable", "amount"),
    (paid, "f1", "refunds", {"amount": "0"}, "amount_not_positive", "amount"),
    (paid, "c1", "payments", {"amount": "10.005"}, "sub_cent_amount", "amount"),
    (paid, "c1", "payments", {"amount": -5}, "amount_not_positive", "amount"),
    (paid, "c1", "payments", {"amount": 9.3e16}, "amount_too_large", "amount"),
    (ended, "c1", "payments", {"amount": "10"}, "payment_on_closed_contract", "at"),
    (ended_long_ago(181), "f1", "refunds", {"amount": "10"}, "refund_after_limit", "at"),
    (paid, "f1", "refunds", {"amount": "10", "payment_id": "p9"}, "unknown_payment", "payment_id"),
    # feedback
    (paid, "c1", "feedback", {"stars": 5}, "feedback_on_open_contract", "at"),
    (ended, "c1", "feedback", {"stars": 6}, "stars_out_of_range", "stars"),
    (ended, "c1", "feedback", {"stars": 5, "private_score": 11}, "private_score_out_of_range",
     "private_score"),
    (ended, "f1", "feedback", {"stars": 5, "private_score": 3}, "client_side_only",
     "private_score"),
    (reviewed, "c1", "feedback", {"stars": 5}, "feedback_once_per_side", "by"),
    (ended_long_ago(16), "c1", "feedback", {"stars": 5}, "feedback_window_closed", "at"),
    # who records what
    (paid, "c2", "payments", {"amount": "10"}, "not_that_side", "actor"),
    (paid, "c1", "payments", {"amount": "10", "at": "2026-01-01T00:00:00Z"},
     "backfill_by_operator_only", "at"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("setup", "who", "route", "body", "rule", "field"),
    CASES,
    ids=[f"{case[4]}-{case[2]}" for case in CASES],
)
def test_a_broken_rule_is_refused_and_nothing_is_stored(
    market: Market, setup: Setup, who: str, route: str, body: dict[str, object], rule: str,
    field: str,
) -> None:  # fmt: skip
    setup(market)
    log_before = market.store.audit(limit=1_000_000)
    state_before = market.store.state()

    answer = market.post(who, f"/contracts/k1/{route}", body, key="once")

    assert answer.status_code == 422, answer.json()
    error = answer.json()["error"]
    assert error["code"] == "rule_broken"
    assert f"(rule {rule})" in error["message"]
    assert (error["record"], error["field"]) == ("contract k1", field)
    assert market.store.audit(limit=1_000_000) == log_before
    assert market.store.state() == state_before


def test_a_refused_contract_leaves_no_trace(market: Market) -> None:
    before = market.store.audit(limit=1_000_000)
    answer = market.post(
        "c1", "/contracts", {"contract_id": "k1", "freelancer_id": "nobody", "client_id": "c1"}
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["field"] == "freelancer_id"
    assert market.store.audit(limit=1_000_000) == before
