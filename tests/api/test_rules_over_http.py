"""The lifecycle rules over HTTP, part one: the rules of every write, money, disputes and the
end. A write breaking one is refused with 422 naming the rule, the record and the field, and
the store is as it was (its log, its state, and every row and key it keeps). Feedback, edits,
responses, removal and clients are in `test_feedback_rules_over_http.py`."""

from __future__ import annotations

import pytest

from tests.api.broken_rules import (
    Case,
    backdated,
    check_refused,
    ended,
    future_start,
    later,
    paid,
    then,
)
from tests.api.conftest import Market

NEW_CONTRACT = {"contract_id": "k1", "freelancer_id": "f1", "client_id": "c1"}


def nothing(market: Market) -> None:
    """The four registrations alone."""


def disputed(market: Market) -> None:
    """k1 paid, and its client disputing $50 of it as d1."""
    paid(market)
    market.ok("c1", "/contracts/k1/disputes", {"escrow": "50", "dispute_id": "d1"})


def resolved(market: Market) -> None:
    disputed(market)
    market.ok("operator", "/contracts/k1/disputes/d1/resolution", {"freelancer_share": "20"})


def backdated_dispute(market: Market) -> None:
    """`backdated`, and a dispute d1 opened on 12 January."""
    backdated(market)
    market.ok(
        "operator",
        "/contracts/k1/disputes",
        {"dispute_id": "d1", "by": "client", "escrow": "50", "at": "2026-01-12T00:00:00Z"},
    )


PAY, REFUND, END = "/contracts/k1/payments", "/contracts/k1/refunds", "/contracts/k1/end"
DISPUTE, RESOLVE = "/contracts/k1/disputes", "/contracts/k1/disputes/d1/resolution"

CASES = [
    # every write
    Case("instant_without_timezone", paid, "operator", PAY,
         {"amount": "5", "at": "2026-03-02T12:00:00"}, "at"),
    Case("empty_id", paid, "c1", PAY, {"amount": "5", "payment_id": " "}, "payment_id"),
    Case("duplicate_id", paid, "c1", PAY, {"amount": "5", "payment_id": "p1"}, "payment_id"),
    Case("unknown_freelancer", nothing, "c1", "/contracts",
         {**NEW_CONTRACT, "freelancer_id": "nobody"}, "freelancer_id"),
    Case("unknown_client", nothing, "operator", "/contracts",
         {**NEW_CONTRACT, "client_id": "c9"}, "client_id"),
    Case("unknown_payment", paid, "f1", REFUND, {"amount": "10", "payment_id": "p9"},
         "payment_id"),
    Case("unknown_dispute", paid, "operator", "/contracts/k1/disputes/d9/resolution",
         {"freelancer_share": "0"}, "dispute_id"),
    Case("operator_only", paid, "c1", END, {"end_reason": "other", "ended_by": "platform"},
         "actor"),
    Case("not_that_side", paid, "c2", PAY, {"amount": "10"}, "actor"),
    Case("backfill_by_operator_only", paid, "c1", PAY,
         {"amount": "10", "at": "2026-01-01T00:00:00Z"}, "at"),
    # money
    Case("amount_not_positive", paid, "f1", REFUND, {"amount": "0"}, "amount"),
    Case("sub_cent_amount", paid, "c1", PAY, {"amount": "10.005"}, "amount"),
    Case("amount_too_large", paid, "c1", PAY, {"amount": "93000000000000000"}, "amount"),
    Case("payment_before_start", future_start, "c1", PAY, {"amount": "10"}, "at"),
    Case("payment_on_closed_contract", ended, "c1", PAY, {"amount": "10"}, "at"),
    Case("refund_before_payment", backdated, "operator", REFUND,
         {"amount": "10", "payment_id": "p1", "at": "2026-01-08T00:00:00Z"}, "at"),
    Case("refund_above_refundable", paid, "f1", REFUND, {"amount": "100.01"}, "amount"),
    Case("refund_after_limit", then(ended, later(181)), "f1", REFUND, {"amount": "10"}, "at"),
    # disputes
    Case("escrow_negative", paid, "c1", DISPUTE, {"escrow": "-1"}, "escrow"),
    Case("dispute_before_start", future_start, "f1", DISPUTE, {"escrow": "0"}, "at"),
    Case("dispute_already_resolved", resolved, "operator", RESOLVE, {"freelancer_share": "30"},
         "dispute_id"),
    Case("resolved_before_opened", backdated_dispute, "operator", RESOLVE,
         {"freelancer_share": "0", "at": "2026-01-11T00:00:00Z"}, "at"),
    Case("split_outside_escrow", disputed, "operator", RESOLVE, {"freelancer_share": "50.01"},
         "freelancer_share"),
    # the end
    Case("contract_already_ended", ended, "c1", END, {"end_reason": "cancelled"},
         "contract_id"),
    Case("end_before_start", future_start, "c1", END, {"end_reason": "cancelled"}, "at"),
    Case("end_before_last_payment", backdated, "operator", END,
         {"end_reason": "completed", "ended_by": "client", "at": "2026-01-08T00:00:00Z"}, "at"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[case.rule for case in CASES])
def test_a_broken_rule_is_refused_and_nothing_is_stored(market: Market, case: Case) -> None:
    check_refused(market, case)
