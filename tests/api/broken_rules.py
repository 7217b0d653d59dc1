"""What the tests of the lifecycle rules over HTTP share: a case (a marketplace set up, then
one write that breaks one rule), the markets they start from, and the check that the write is
refused with the rule, the record and the field named and that the store is as it was."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from jobscore.store import MemoryStore
from jobscore.store.port import Store
from tests.api.conftest import Market
from tests.conformance.store.sql_contract import table_rows

__all__ = [
    "Case",
    "Setup",
    "backdated",
    "backdated_ended",
    "both_reviewed",
    "check_refused",
    "ended",
    "future_start",
    "later",
    "paid",
    "reviewed",
    "store_contents",
    "then",
]

Setup = Callable[[Market], None]


@dataclass(frozen=True)
class Case:
    """After `setup`, `who` posts `body` to `path` and breaks `rule` on `field` of `record`."""

    rule: str
    setup: Setup
    who: str
    path: str
    body: dict[str, Any]
    field: str
    record: str = "contract k1"


def store_contents(store: Store) -> dict[str, Any]:
    """All a store keeps that a write could change: its log and state, and every row of every
    table of a SQL store (the idempotency keys included) or the keys of the memory store."""
    contents: dict[str, Any] = {
        "log": store.audit(limit=1_000_000),
        "state": store.state(),
    }
    if isinstance(store, MemoryStore):
        contents["keys"] = dict(store._keys)
        contents["facts"] = dict(store._facts)
    else:
        contents["rows"] = table_rows(store)
    return contents


def check_refused(market: Market, case: Case) -> None:
    case.setup(market)
    before = store_contents(market.store)

    answer = market.post(case.who, case.path, case.body, key="once")

    assert answer.status_code == 422, answer.json()
    error = answer.json()["error"]
    assert error["code"] == "rule_broken"
    assert error["message"].endswith(f"(rule {case.rule})"), error["message"]
    assert (error["record"], error["field"]) == (case.record, case.field)
    assert store_contents(market.store) == before


# -- the markets the cases start from ---------------------------------------------------------


def then(*steps: Setup) -> Setup:
    """The steps one after the other."""

    def setup(market: Market) -> None:
        for step in steps:
            step(market)

    return setup


def later(days: int) -> Setup:
    def setup(market: Market) -> None:
        market.clock.advance(timedelta(days=days))

    return setup


def paid(market: Market) -> None:
    """k1 between f1 and c1, open, with payment p1 of $100."""
    market.open_paid_contract()


def ended(market: Market) -> None:
    paid(market)
    market.ok("c1", "/contracts/k1/end", {"end_reason": "completed"})


def reviewed(market: Market) -> None:
    """k1 ended, with the client's feedback, still hidden from the freelancer."""
    ended(market)
    market.ok("c1", "/contracts/k1/feedback", {"stars": 4, "private_score": 7})


def both_reviewed(market: Market) -> None:
    """k1 ended, with both sides' feedback: revealed."""
    reviewed(market)
    market.ok("f1", "/contracts/k1/feedback", {"stars": 5})


def future_start(market: Market) -> None:
    """k1 opened by its client to start in a month."""
    market.ok(
        "c1",
        "/contracts",
        {
            "contract_id": "k1",
            "freelancer_id": "f1",
            "client_id": "c1",
            "started_at": "2026-04-01T00:00:00Z",
        },
    )


def backdated(market: Market) -> None:
    """k1 back-filled by the operator: opened on 5 January, paid $100 on 10 January."""
    market.ok(
        "operator",
        "/contracts",
        {
            "contract_id": "k1",
            "freelancer_id": "f1",
            "client_id": "c1",
            "at": "2026-01-05T00:00:00Z",
        },
    )
    market.ok(
        "operator",
        "/contracts/k1/payments",
        {"amount": "100", "payment_id": "p1", "at": "2026-01-10T00:00:00Z"},
    )


def backdated_ended(market: Market) -> None:
    """`backdated`, and ended by its client on 20 January (the window closed on 3 February)."""
    backdated(market)
    market.ok(
        "operator",
        "/contracts/k1/end",
        {"end_reason": "completed", "ended_by": "client", "at": "2026-01-20T00:00:00Z"},
    )
