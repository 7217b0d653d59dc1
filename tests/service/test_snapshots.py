"""A snapshot scores every freelancer of the store with the batch engine as the service
reads each one's score: on a generated marketplace, in memory, in SQLite and in PostgreSQL,
every freelancer and policy, after `bayes` fitted the marketplace as the reference does."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

pytest.importorskip("duckdb", reason="needs jobscore[duckdb]")
pytest.importorskip("sqlalchemy", reason="needs jobscore[service]")

from jobscore.domain.events import Role
from jobscore.instants import parse_instant
from jobscore.scoring.bayes.marketplace import client_habits, fit_to_marketplace
from jobscore.scoring.bayes.policy import BAYES
from jobscore.scoring.catalog import CATALOG
from jobscore.service import Caller, FixedClock, Service
from jobscore.service.market_reads import NO_SNAPSHOT_YET, read_context
from jobscore.store import MemoryStore, make_store
from jobscore.store.port import SnapshotRun, Store
from tests.conformance.store.conftest import (
    postgres_namespace,
    postgres_schema,
    postgres_url,
    sqlite_url,
)
from tests.service.market import IDLE, NOW, recorded_market

__all__ = ["postgres_namespace", "postgres_schema", "postgres_url", "sqlite_url"]

OPERATOR = Caller(Role.OPERATOR)
#: A past instant: facts after it are left out of its snapshot.
EARLIER = parse_instant("2025-06-15T12:00:00Z")


@pytest.fixture(scope="module")
def facts() -> list:  # type: ignore[type-arg]
    return recorded_market()


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, facts: list) -> Iterator[Store]:  # type: ignore[type-arg]
    kind = request.param
    if kind == "memory":
        opened: Store = MemoryStore()
    else:
        opened = make_store(request.getfixturevalue(f"{kind}_url"))
    opened.record_all(facts)
    yield opened
    opened.close()


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def check_snapshot(store: Store, run: SnapshotRun, instant: datetime) -> None:
    freelancers = sorted(store.state().freelancers)
    assert run.freelancers == len(freelancers)
    assert run.rows == len(freelancers) * len(CATALOG.names())
    for name in CATALOG.names():
        for freelancer_id in freelancers:
            (row,) = [r for r in store.snapshots(freelancer_id, name) if r.as_of == instant]
            read = read_context(store, name, store.history(freelancer_id, instant), instant)
            expected = CATALOG.score(read.history, read.policy, instant, read.past)
            where = f"{freelancer_id} under {name}"
            assert close(row.score, expected.score), where
            assert (row.eligible, row.window) == (expected.eligible, expected.window), where
            if expected.interval is None:
                assert row.interval is None, where
            else:
                assert row.interval is not None, where
                assert close(row.interval[0], expected.interval[0]), where
                assert close(row.interval[1], expected.interval[1]), where


@pytest.mark.slow
@pytest.mark.parametrize("instant", [NOW, EARLIER], ids=["now", "earlier"])
def test_every_score_is_the_one_the_service_reads(store: Store, instant: datetime) -> None:
    service = Service(store, FixedClock(NOW))
    run = service.take_snapshot(instant)
    assert run.as_of == instant
    assert run.taken_at == NOW
    assert run.policies == CATALOG.names()
    check_snapshot(store, run, instant)
    (idle,) = [r for r in store.snapshots(IDLE, "upwork") if r.as_of == instant]
    assert (idle.score, idle.eligible) == (None, False)


@pytest.mark.slow
def test_bayes_fits_the_marketplace_as_the_reference_does(store: Store) -> None:
    run = Service(store, FixedClock(NOW)).take_snapshot(NOW, ["bayes"])
    histories = [store.history(f, NOW) for f in sorted(store.state().freelancers)]
    fit = fit_to_marketplace(histories, BAYES, NOW)
    (market,) = run.markets
    assert fit.prior.freelancers > 2
    assert market.fitted_freelancers == fit.prior.freelancers
    assert market.prior_source == fit.prior.method
    # The snapshot sums the likelihood with numpy, the reference in plain Python: each stops
    # within 1e-6 of the optimum.
    assert market.prior_alpha == pytest.approx(fit.prior.alpha, rel=1e-5)
    assert market.prior_beta == pytest.approx(fit.prior.beta, rel=1e-5)
    assert close(market.market_stars_mean, fit.market_stars_mean)
    habits = client_habits(histories, NOW)
    assert run.run_id is not None
    kept = store.client_habits(run.run_id, habits)
    assert set(kept) == set(habits)
    for client, (mean, count) in habits.items():
        assert close(kept[client][0], mean)
        assert kept[client][1] == count


def test_a_bayes_read_says_where_its_marketplace_statistics_come_from() -> None:
    store = MemoryStore()
    store.record_all(recorded_market(contracts=60, freelancers=6))
    service = Service(store, FixedClock(NOW))
    before = service.score(OPERATOR, "f0000001", "bayes")
    assert before["market_fitted_at"] is None
    assert before["market_statistics"] == NO_SNAPSHOT_YET
    assert "market_fitted_at" not in service.score(OPERATOR, "f0000001", "upwork")
    run = service.take_snapshot(EARLIER, ["bayes"])
    after = service.score(OPERATOR, "f0000001", "bayes")
    assert after["market_fitted_at"] == "2025-06-15T12:00:00Z"
    assert after["market_statistics"]["snapshot_id"] == run.run_id
    # A read as of an instant before the snapshot uses the policy's defaults.
    older = service.score(OPERATOR, "f0000001", "bayes", parse_instant("2025-06-01"))
    assert older["market_fitted_at"] is None


def test_the_latest_snapshot_and_the_score_history() -> None:
    store = MemoryStore()
    store.record_all(recorded_market(contracts=60, freelancers=6))
    service = Service(store, FixedClock(NOW))
    assert service.latest_snapshot() is None
    service.take_snapshot(EARLIER, ["upwork"])
    service.take_snapshot(NOW, ["upwork"])
    latest = service.latest_snapshot()
    assert latest is not None
    assert (latest["as_of"], latest["policies"], latest["rows"]) == (
        "2026-11-01T00:00:00Z",
        ["upwork"],
        7,
    )
    assert set(latest["seconds"]) == {"reading_the_store", "scoring", "saving"}
    history = service.score_history("f0000001", "upwork")["snapshots"]
    assert [h["as_of"] for h in history] == ["2025-06-15T12:00:00Z", "2026-11-01T00:00:00Z"]


def test_the_tools_read_bayes_as_the_score_does() -> None:
    store = MemoryStore()
    store.record_all(recorded_market(contracts=60, freelancers=6))
    service = Service(store, FixedClock(NOW))
    service.take_snapshot(EARLIER, ["bayes"])
    score = service.score(OPERATOR, "f0000001", "bayes")
    assert score["market_fitted_at"] == "2025-06-15T12:00:00Z"
    answer = service.whatif(OPERATOR, "f0000001", [], "bayes")
    assert answer["before"]["score"] == pytest.approx(score["score"], abs=1e-6)


def test_the_operator_overview_names_the_last_snapshot_run() -> None:
    store = MemoryStore()
    store.record_all(recorded_market(contracts=60, freelancers=6))
    service = Service(store, FixedClock(NOW))
    assert service.overview(OPERATOR)["last_snapshot"] is None
    run = service.take_snapshot(EARLIER, ["upwork"])
    last = service.overview(OPERATOR)["last_snapshot"]
    assert last["snapshot_id"] == run.run_id
    assert last["as_of"] == "2025-06-15T12:00:00Z"
    assert last["policies"] == ["upwork"]


def test_the_operator_overview_counts_the_badges_held_now() -> None:
    store = MemoryStore()
    store.record_all(recorded_market())
    service = Service(store, FixedClock(NOW))
    held: dict[str, int] = {}
    for freelancer_id in sorted(store.state().freelancers):
        for badge in service.score(OPERATOR, freelancer_id, "upwork")["badges"]:
            held[badge] = held.get(badge, 0) + 1
    assert held  # the market has badge holders to count
    assert service.overview(OPERATOR)["badges_now"] == held
