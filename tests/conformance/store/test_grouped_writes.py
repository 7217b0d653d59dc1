"""Writes waiting while another is committed are made in one transaction, on SQLite and on
PostgreSQL: each is answered as if made alone (accepted, refused by a rule, a key reused with
another body), a refused batch of several facts leaves nothing of itself, and what is derived
agrees with the state."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import pytest

pytest.importorskip("sqlalchemy", reason="needs jobscore[service]")

from jobscore.domain.events import (
    ClientRegistered,
    ContractOpened,
    FreelancerRegistered,
    PaymentMade,
    Recorded,
    RefundMade,
)
from jobscore.errors import Conflict, RuleBroken
from jobscore.store import make_store
from jobscore.store.port import Receipt
from jobscore.store.sql import SqlStore
from tests.conformance.store.sql_contract import SqlStoreContract
from tests.conformance.store.story import at, by_client, by_freelancer, by_operator


def _money(kind: type[PaymentMade] | type[RefundMade], n: str, amount: str) -> Any:
    if kind is PaymentMade:
        return by_client(PaymentMade(at("2025-03-02"), "k9", n, Decimal(amount)), key=n)
    return by_freelancer(RefundMade(at("2025-03-02"), "k9", n, "p9", Decimal(amount)), key=n)


def _check_grouped_writes(store: SqlStore) -> None:
    store.record_all(
        [
            by_operator(FreelancerRegistered(at("2025-03-01"), "f1")),
            by_operator(ClientRegistered(at("2025-03-01"), "c1")),
            by_client(ContractOpened(at("2025-03-01"), "k9", "f1", "c1")),
            by_client(PaymentMade(at("2025-03-01"), "k9", "p9", Decimal("100.00"))),
        ]
    )
    writes: list[Sequence[Recorded]] = [
        [_money(RefundMade, "r1", "30.00")],
        [_money(RefundMade, "r2", "60.00")],
        [_money(RefundMade, "r3", "20.00")],  # over what r1 and r2 leave
        [_money(PaymentMade, "p10", "50.00"), _money(PaymentMade, "p11", "-5")],
        [_money(PaymentMade, "p12", "5.00")],
        [by_client(PaymentMade(at("2025-03-02"), "k9", "p13", Decimal("6.00")), key="p12")],
    ]
    groups: list[int] = []
    run = store._writes._run
    release = threading.Event()

    def held(batches: list[Sequence[Recorded]]) -> list[list[Receipt] | Exception]:
        groups.append(len(batches))
        if len(groups) == 1:
            release.wait(timeout=30)
        return run(batches)

    store._writes._run = held
    answers: dict[int, list[Receipt] | Exception] = {}

    def write(n: int) -> None:
        try:
            answers[n] = store.record_all(writes[n])
        except (Conflict, RuleBroken) as error:
            answers[n] = error

    threads = [threading.Thread(target=write, args=(n,)) for n in range(len(writes))]
    threads[0].start()
    _until(lambda: groups == [1])
    for n, thread in enumerate(threads[1:], start=1):
        thread.start()
        _until(lambda n=n: store._writes.waiting() == n)
    release.set()
    for thread in threads:
        thread.join(timeout=60)

    assert groups == [1, len(writes) - 1]
    assert [type(answers[n]).__name__ for n in range(len(writes))] == [
        "list", "list", "RuleBroken", "RuleBroken", "list", "Conflict",
    ]  # fmt: skip
    contract = store.state().contracts["k9"]
    assert sorted(contract.payments) == ["p12", "p9"]
    assert sorted(contract.refunds) == ["r1", "r2"]
    # The refused batch kept none of its keys: its first payment is new when sent alone.
    assert not store.record_all(writes[3][:1])[0].replayed


def _until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


def _checked(url: str) -> None:
    store = make_store(url)
    assert isinstance(store, SqlStore)
    try:
        _check_grouped_writes(store)
        SqlStoreContract().check_derived(store)
        # Another instance, reading the log afresh, finds the same state.
        again = make_store(url)
        try:
            assert again.state() == store.state()
        finally:
            again.close()
    finally:
        store.close()


def test_grouped_writes_on_sqlite(sqlite_url: str) -> None:
    _checked(sqlite_url)


@pytest.mark.postgres
def test_grouped_writes_on_postgresql(postgres_url: str) -> None:
    _checked(postgres_url)
