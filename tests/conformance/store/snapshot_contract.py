"""What every store does for snapshots: the marketplace as of any instant, reduced to the
history columns by the batch engine, is every freelancer's history as `Store.history`
reduces it; the runs and the
`bayes` statistics fitted at them are kept and found again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from jobscore.domain.enums import EndedBy, EndReason, Kind, Party
from jobscore.domain.events import (
    ContractEnded,
    ContractOpened,
    FeedbackGiven,
    FeedbackRemoved,
    PaymentMade,
)
from jobscore.domain.facts import ContractFacts
from jobscore.domain.market import MarketState
from jobscore.domain.market_facts import history_of
from jobscore.store.port import MarketStatistics, SnapshotRun, Store
from tests.conformance.store.story import LIFECYCLE, at, by_client, by_operator

__all__ = ["LONG_CONTRACT", "SnapshotContract", "expected_rows"]

pytest.importorskip("duckdb", reason="needs jobscore[duckdb]")

from jobscore.batch.snapshot import market_history_rows

#: A long hourly contract of f1 with c1: paid in three quarters, ended, rated by the client
#: alone (revealed when the window closes, on 07-24), that rating removed on 08-01.
LONG_CONTRACT = (
    by_client(ContractOpened(at("2025-01-05"), "k3", "f1", "c1", Kind.HOURLY)),
    by_client(PaymentMade(at("2025-02-01"), "k3", "q1", Decimal("300.00"))),
    by_client(PaymentMade(at("2025-04-15T12:00:00Z"), "k3", "q2", Decimal("300.00"))),
    by_client(PaymentMade(at("2025-07-01"), "k3", "q3", Decimal("300.00"))),
    by_client(ContractEnded(at("2025-07-10T08:00:00Z"), "k3", EndedBy.CLIENT, EndReason.QUALITY)),
    by_client(FeedbackGiven(at("2025-07-12"), "k3", Party.CLIENT, 2.0, private_score=3)),
    by_operator(FeedbackRemoved(at("2025-08-01"), "k3", Party.CLIENT, "abusive")),
)


def _row(c: ContractFacts) -> dict[str, Any]:
    return {
        "contract_id": c.contract_id,
        "freelancer_id": c.freelancer_id,
        "client_id": c.client_id,
        "kind": c.kind.value,
        "started_at": c.started_at,
        "ended_at": c.ended_at,
        "ended_by": c.ended_by.value if c.ended_by else None,
        "end_reason": c.end_reason.value if c.end_reason else None,
        "earned": c.earned,
        "refunded": c.refunded,
        "last_payment_at": c.last_payment_at,
        "paid_quarters": c.paid_quarters,
        "stars": c.stars,
        "private_score": c.private_score,
        "feedback_at": c.feedback_at,
        "feedback_removed": c.feedback_removed,
        "dispute": c.dispute.value if c.dispute else None,
        "client_flagged": c.client_flagged,
        "category": c.category,
        "currency": c.currency,
    }


def expected_rows(state: MarketState, as_of: datetime) -> list[dict[str, Any]]:
    """Every freelancer's history as of `as_of`, row by row, sorted by contract."""
    rows = [_row(c) for f in state.freelancers for c in history_of(state, f, as_of).contracts]
    return sorted(rows, key=lambda row: row["contract_id"])


def instants() -> Iterator[datetime]:
    """Every fact's instant and a microsecond before, and midnight every eighth day."""
    for recorded in (*LIFECYCLE, *LONG_CONTRACT):
        for step in (-1, 0):
            yield recorded.fact.at + timedelta(microseconds=step)
    day = at("2024-12-30")
    while day < at("2025-09-01"):
        yield day
        day += timedelta(days=8)
    # The window of k3 closes at the end of day 14 after its end: its reveal.
    yield at("2025-07-24T23:59:59.999999Z")


def history_rows(store: Store, instant: datetime) -> list[dict[str, Any]]:
    return market_history_rows(store.market_rows(instant).tables, instant)


class SnapshotContract:
    """Mixed into the store contract; `store` is a fixture of it."""

    @pytest.fixture
    def market(self, store: Store) -> Store:
        store.record_all([*LIFECYCLE, *LONG_CONTRACT])
        return store

    def test_the_marketplace_as_of_any_instant_is_every_history(self, market: Store) -> None:
        state = market.state()
        registered = sorted(state.freelancers)
        for instant in instants():
            rows = market.market_rows(instant)
            got = market_history_rows(rows.tables, instant)
            assert got == expected_rows(state, instant), instant
            assert sorted(rows.freelancers) == (registered if instant >= at("2025-01-01") else [])

    def test_what_the_marketplace_rows_hold_on_a_day(self, market: Store) -> None:
        rows = {r["contract_id"]: r for r in history_rows(market, at("2025-07-20"))}
        # k3: ended, its rating not revealed until the window closes on 07-24; three
        # payments, in quarters 0, 1 and 1 of 90 days from the start, of 2 whole quarters.
        assert rows["k3"]["ended_at"] == at("2025-07-10T08:00:00Z")
        assert rows["k3"]["stars"] is None
        assert rows["k3"]["earned"] == Decimal("900.00")
        assert rows["k3"]["paid_quarters"] == 2
        # k1: refunded 50 of 700, the dispute won, the client's stars as edited (5).
        assert (rows["k1"]["refunded"], rows["k1"]["dispute"]) == (Decimal("50.00"), "won")
        assert (rows["k1"]["stars"], rows["k1"]["private_score"]) == (5.0, 6)
        # k2's client was flagged before k2 was opened.
        assert rows["k2"]["client_flagged"] is True
        later = {r["contract_id"]: r for r in history_rows(market, at("2025-08-02"))}
        assert (later["k3"]["stars"], later["k3"]["feedback_removed"]) == (2.0, True)

    def test_a_freelancer_is_known_without_the_state(self, market: Store) -> None:
        assert market.has_freelancer("f1")
        assert not market.has_freelancer("nobody")

    def test_snapshot_runs_and_what_was_fitted_at_them(self, store: Store) -> None:
        assert store.last_snapshot_run() is None
        assert store.market_statistics("bayes") is None

        def run(as_of: str, mean: float) -> SnapshotRun:
            market = MarketStatistics("bayes", 6.5, 1.5, "moments", 40, mean)
            return SnapshotRun(
                at(as_of), at("2025-06-01"), ("bayes", "upwork"), 50, 100, 1.5, 2.5, 0.5,
                (market,),
            )  # fmt: skip

        first = store.save_snapshot_run(run("2025-05-01", 4.6), {"c1": (4.5, 2), "c2": (3.0, 1)})
        second = store.save_snapshot_run(run("2025-05-08", 4.7), {"c1": (4.75, 4)})
        assert first.run_id is not None
        assert second.run_id is not None
        assert second.run_id > first.run_id
        assert store.last_snapshot_run() == second
        assert store.market_statistics("upwork") is None
        assert store.market_statistics("bayes") == (second, second.markets[0])
        assert store.market_statistics("bayes", at("2025-05-07")) == (first, first.markets[0])
        assert store.market_statistics("bayes", at("2025-04-30")) is None
        assert store.client_habits(first.run_id, ["c1", "c2", "c9"]) == {
            "c1": (4.5, 2),
            "c2": (3.0, 1),
        }
        assert store.client_habits(second.run_id, ["c2"]) == {}
