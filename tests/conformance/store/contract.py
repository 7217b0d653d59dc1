"""The store contract: what every adapter of the `Store` port does, one test class that each
adapter's test module subclasses (memory, SQLite, PostgreSQL).

A subclass gives the fixture `open_store`: a function that opens another store instance on
the same data (for SQL, a new engine on the same database), and may override `contents`
to show everything the adapter keeps (for SQL, every table's rows).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from jobscore.domain.events import (
    ClientRegistered,
    ContractOpened,
    FreelancerRegistered,
    PaymentMade,
    RefundMade,
    Role,
)
from jobscore.domain.lifecycle import replay
from jobscore.domain.market_facts import history_of
from jobscore.errors import Conflict, NotFound, RuleBroken
from jobscore.store.port import SnapshotRow, Store, TokenRow
from tests.conformance.store.snapshot_contract import SnapshotContract
from tests.conformance.store.story import (
    LIFECYCLE,
    at,
    by_client,
    by_freelancer,
    by_operator,
    later,
)

__all__ = ["OpenStore", "StoreContract"]

OpenStore = Callable[[], Store]

REFUNDS = 50
REFUND = Decimal("10.00")
PAID = Decimal("100.00")


def _refund(n: int) -> Any:
    return by_freelancer(RefundMade(at("2025-03-02"), "k9", f"r{n}", "p9", REFUND))


class StoreContract(SnapshotContract):
    """Every adapter of the store port passes these."""

    @pytest.fixture
    def store(self, open_store: OpenStore) -> Store:
        return open_store()

    def contents(self, store: Store) -> Any:
        """Everything the store keeps that a write could change."""
        return store.audit(limit=1_000_000), store.state()

    def test_the_state_is_the_replay_of_what_was_recorded(
        self, store: Store, open_store: OpenStore
    ) -> None:
        receipts = [store.record(recorded) for recorded in LIFECYCLE]
        assert [r.sequence for r in receipts] == sorted({r.sequence for r in receipts})
        assert not any(r.replayed for r in receipts)
        assert store.state() == replay(LIFECYCLE)
        log = [entry.recorded for entry in reversed(store.audit(limit=1000))]
        assert log == list(LIFECYCLE)
        # Another instance on the same data reads the same state from the log.
        assert open_store().state() == replay(LIFECYCLE)

    def test_history_is_what_the_scorers_read(self, store: Store) -> None:
        store.record_all(LIFECYCLE)
        as_of = at("2025-06-01")
        assert store.history("f1", as_of) == history_of(replay(LIFECYCLE), "f1", as_of)
        with pytest.raises(NotFound):
            store.history("nobody", as_of)

    def test_a_retry_under_the_same_key_answers_the_first_receipt(self, store: Store) -> None:
        first = store.record(by_operator(FreelancerRegistered(at("2025-01-01"), "f1"), "key-1"))
        before = self.contents(store)
        again = store.record(
            later(by_operator(FreelancerRegistered(at("2025-01-01"), "f1"), "key-1"), 5)
        )
        assert again == replace(first, replayed=True)
        assert self.contents(store) == before

    def test_a_key_used_with_another_body_is_a_conflict(self, store: Store) -> None:
        store.record(by_operator(FreelancerRegistered(at("2025-01-01"), "f1"), "key-1"))
        before = self.contents(store)
        with pytest.raises(Conflict) as refused:
            store.record(by_operator(FreelancerRegistered(at("2025-01-01"), "f2"), "key-1"))
        assert refused.value.field == "idempotency_key"
        assert self.contents(store) == before

    def test_keys_are_each_actors_own(self, store: Store) -> None:
        store.record_all(LIFECYCLE[:5])
        paid = by_client(PaymentMade(at("2025-01-10"), "k1", "p1", Decimal("5.00")), key="k")
        refund = by_freelancer(
            RefundMade(at("2025-01-11"), "k1", "r1", "p1", Decimal("1.00")), key="k"
        )
        assert not store.record(paid).replayed
        assert not store.record(refund).replayed

    def test_a_fact_already_recorded_is_not_recorded_again(self, store: Store) -> None:
        first = store.record(by_operator(FreelancerRegistered(at("2025-01-01"), "f1"), "a"))
        before = store.audit(limit=100), store.state()
        again = store.record(
            later(by_operator(FreelancerRegistered(at("2025-01-01"), "f1"), "b"), 1)
        )
        assert again == replace(first, replayed=True)
        assert (store.audit(limit=100), store.state()) == before
        # The new key now answers the same.
        assert store.record(by_operator(FreelancerRegistered(at("2025-01-01"), "f1"), "b")) == again

    def test_a_key_finds_the_fact_first_recorded_under_it(self, store: Store) -> None:
        store.record_all(LIFECYCLE[:5])
        paid = by_client(PaymentMade(at("2025-01-10"), "k1", "p1", Decimal("5.00")), key="k")
        receipt = store.record(paid)
        found = store.find_key(Role.CLIENT, "c1", "k")
        assert found is not None
        assert (found.sequence, found.record, found.recorded) == (
            receipt.sequence,
            "contract k1",
            paid,
        )
        # A retry finds the same entry; the key is the client's own, nobody else's.
        store.record(later(paid, 3))
        assert store.find_key(Role.CLIENT, "c1", "k") == found
        assert store.find_key(Role.CLIENT, "c2", "k") is None
        assert store.find_key(Role.FREELANCER, "c1", "k") is None
        assert store.find_key(Role.CLIENT, "c1", "other") is None

    def test_the_operators_key_and_a_key_kept_for_a_fact_already_held(self, store: Store) -> None:
        first = by_operator(FreelancerRegistered(at("2025-01-01"), "f1"), "a")
        store.record(first)
        # The same fact under another key records nothing: that key names the first entry.
        store.record(later(by_operator(FreelancerRegistered(at("2025-01-01"), "f1"), "b"), 1))
        for key in ("a", "b"):
            found = store.find_key(Role.OPERATOR, None, key)
            assert found is not None
            assert (found.sequence, found.recorded) == (1, first), key

    def test_a_refused_write_keeps_no_key_to_find(self, store: Store) -> None:
        store.record_all(LIFECYCLE[:5])
        refused = by_client(PaymentMade(at("2025-01-10"), "k1", "p1", Decimal("-1")), key="k")
        with pytest.raises(RuleBroken):
            store.record(refused)
        assert store.find_key(Role.CLIENT, "c1", "k") is None

    def test_a_broken_rule_stores_nothing(self, store: Store) -> None:
        store.record_all(LIFECYCLE)
        before = self.contents(store)
        too_much = by_freelancer(RefundMade(at("2025-01-30"), "k1", "r2", "p1", Decimal("450.01")))
        with pytest.raises(RuleBroken) as refused:
            store.record(too_much)
        assert (refused.value.rule, refused.value.record, refused.value.field) == (
            "refund_above_refundable",
            "contract k1",
            "amount",
        )
        assert self.contents(store) == before

    def test_a_batch_is_stored_whole_or_not_at_all(self, store: Store) -> None:
        store.record_all(LIFECYCLE[:5])
        before = self.contents(store)
        batch = [
            by_client(PaymentMade(at("2025-01-10"), "k1", "p1", Decimal("500.00")), key="x1"),
            by_client(PaymentMade(at("2025-01-11"), "k1", "p2", Decimal("-1")), key="x2"),
        ]
        with pytest.raises(RuleBroken, match="amount_not_positive"):
            store.record_all(batch)
        assert self.contents(store) == before
        # Nothing of it was kept, its keys included: the first fact records anew.
        assert not store.record(batch[0]).replayed

    def test_the_state_as_recorded_by_an_instant(self, store: Store) -> None:
        store.record_all(LIFECYCLE)
        for cut in ("2024-12-31", "2025-01-02", "2025-01-25", "2025-02-06", "2026-01-01"):
            known = [r for r in LIFECYCLE if r.recorded_at <= at(cut)]
            assert store.state(recorded_by=at(cut)) == replay(known), cut
        # What the profile showed on 2025-02-05: f1's history as recorded by then.
        assert store.history("f1", at("2025-06-01"), recorded_by=at("2025-02-05")) == history_of(
            replay([r for r in LIFECYCLE if r.recorded_at <= at("2025-02-05")]),
            "f1",
            at("2025-06-01"),
        )

    def test_the_audit_reads_the_log_newest_first(self, store: Store) -> None:
        receipts = store.record_all(LIFECYCLE)
        everything = store.audit(limit=1000)
        assert [e.sequence for e in everything] == [r.sequence for r in reversed(receipts)]
        about_k2 = store.audit(record="contract k2")
        assert [e.recorded for e in about_k2] == [LIFECYCLE[-1]]
        by_f1 = store.audit(actor_id="f1")
        assert {e.recorded.actor_role for e in by_f1} == {Role.FREELANCER}
        assert len(by_f1) == 4
        assert [e.recorded for e in store.audit(record="contract k1", actor_id="f1", limit=2)] == [
            LIFECYCLE[15],
            LIFECYCLE[13],
        ]
        assert store.audit(record="client c2")[0].record == "client c2"
        assert store.audit(limit=0) == []

    def test_the_audit_pages_back_through_the_whole_log(self, store: Store) -> None:
        receipts = store.record_all(LIFECYCLE)
        newest_first = [r.sequence for r in reversed(receipts)]
        pages: list[list[int]] = []
        before: int | None = None
        while page := store.audit(limit=4, before=before):
            pages.append([e.sequence for e in page])
            before = page[-1].sequence
        assert [len(p) for p in pages] == [4, 4, 4, 4, 3]
        assert [s for p in pages for s in p] == newest_first
        # Filters hold across pages: k1's entries by f1, two at a time.
        by_f1 = [e for e in store.audit(limit=1000) if e.recorded.actor_id == "f1"]
        about = store.audit(record="contract k1", actor_id="f1", limit=2)
        assert about == by_f1[:2]
        rest = store.audit(record="contract k1", actor_id="f1", before=about[-1].sequence)
        assert rest == by_f1[2:]
        assert store.audit(before=1) == []
        assert store.audit(before=0) == []
        # A cursor past any sequence a database can hold is past every entry.
        assert [e.sequence for e in store.audit(before=2**80, limit=1)] == newest_first[:1]

    def test_snapshots_one_row_per_freelancer_policy_and_instant(self, store: Store) -> None:
        week = [at("2026-01-05"), at("2026-01-12"), at("2026-01-19")]
        rows = [
            SnapshotRow("f1", "upwork", week[1], 95.5, "12m", True, ("top_rated",)),
            SnapshotRow("f1", "upwork", week[0], None, None, False),
            SnapshotRow("f1", "bayes", week[0], 91.25, "24m", True, (), (88.5, 93.75)),
            SnapshotRow("f2", "upwork", week[0], 80.0, "24m", True, ("rising_talent", "x")),
        ]
        assert store.save_snapshot(rows) == 4
        assert store.snapshots("f1", "upwork") == [rows[1], rows[0]]
        assert store.snapshots("f1", "bayes") == [rows[2]]
        assert store.snapshots("f9", "upwork") == []
        # The same freelancer, policy and instant again: the new row replaces the first.
        redone = replace(rows[1], score=70.0, window="24m", eligible=True)
        assert (
            store.save_snapshot([redone, SnapshotRow("f1", "upwork", week[2], 71.0, "6m", True)])
            == 2
        )
        assert [r.score for r in store.snapshots("f1", "upwork")] == [70.0, 95.5, 71.0]

    def test_the_latest_snapshot_of_a_policy(self, store: Store) -> None:
        week = [at("2026-01-05"), at("2026-01-12")]
        rows = [
            SnapshotRow("f2", "upwork", week[1], 80.0, "24m", True),
            SnapshotRow("f1", "upwork", week[1], None, None, False),
            SnapshotRow("f1", "upwork", week[0], 95.5, "12m", True, ("top_rated",)),
            SnapshotRow("f3", "upwork", week[0], 70.0, "24m", True),
            SnapshotRow("f1", "bayes", week[0], 91.25, "24m", True, (), (88.5, 93.75)),
        ]
        assert store.latest_snapshots("upwork") == []
        store.save_snapshot(rows)
        assert store.latest_snapshots("upwork") == [rows[1], rows[0]]
        assert store.latest_snapshots("bayes") == [rows[4]]
        assert store.latest_snapshots("upwork-2015") == []

    def test_tokens_are_kept_by_their_hash(self, store: Store) -> None:
        kept = store.add_token("h1", Role.CLIENT, "c1")
        assert kept == TokenRow("h1", Role.CLIENT, "c1")
        assert store.add_token("h2", Role.OPERATOR) == TokenRow("h2", Role.OPERATOR, None)
        assert store.find_token("h1") == kept
        assert store.find_token("h2") == TokenRow("h2", Role.OPERATOR, None)
        assert store.find_token("nope") is None
        assert store.add_token("h1", Role.CLIENT, "c1") == kept
        with pytest.raises(Conflict):
            store.add_token("h1", Role.FREELANCER, "f1")
        assert store.find_token("h1") == kept

    def test_concurrent_refunds_never_exceed_the_payment(self, open_store: OpenStore) -> None:
        """50 refunds of 10.00 racing for one payment of 100.00: exactly 10 are accepted. Each
        thread writes through its own store instance (its own connection for SQL)."""
        setup = open_store()
        setup.record_all(
            [
                by_operator(FreelancerRegistered(at("2025-03-01"), "f1")),
                by_operator(ClientRegistered(at("2025-03-01"), "c1")),
                by_client(ContractOpened(at("2025-03-01"), "k9", "f1", "c1")),
                by_client(PaymentMade(at("2025-03-01"), "k9", "p9", PAID)),
            ]
        )
        stores = [self.racing_store(setup, open_store) for _ in range(REFUNDS)]
        start = threading.Barrier(REFUNDS)
        outcomes: list[str] = []
        lock = threading.Lock()

        def refund(n: int) -> None:
            start.wait()
            try:
                stores[n].record(_refund(n))
                outcome = "accepted"
            except RuleBroken as error:
                outcome = error.rule
            with lock:
                outcomes.append(outcome)

        threads = [threading.Thread(target=refund, args=(n,)) for n in range(REFUNDS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert sorted(set(outcomes)) == ["accepted", "refund_above_refundable"]
        assert outcomes.count("accepted") == PAID / REFUND
        assert len(outcomes) == REFUNDS
        payment = open_store().state().contracts["k9"].payments["p9"]
        assert payment.refundable == 0
        assert len(payment.refunds) == 10
        self.check_derived(open_store())

    def racing_store(self, first: Store, open_store: OpenStore) -> Store:
        """The store a racing thread writes through."""
        return open_store()

    def check_derived(self, store: Store) -> None:
        """Whatever the adapter derives agrees with the state."""

    def test_what_is_derived_agrees_with_the_state(self, store: Store) -> None:
        store.record_all(LIFECYCLE)
        for refused in (
            by_freelancer(RefundMade(at("2025-01-30"), "k1", "r2", "p1", Decimal("999"))),
            by_client(PaymentMade(at("2025-03-01"), "k1", "p3", Decimal("1.00"))),
        ):
            with pytest.raises(RuleBroken):
                store.record(refused)
        self.check_derived(store)
