"""Snapshots over HTTP, on every store: the operator takes one, anyone reads a freelancer's
score history from its rows, and `bayes` reads say when the marketplace was fitted."""

from __future__ import annotations

import pytest

pytest.importorskip("duckdb", reason="needs jobscore[duckdb]")

from tests.api.conftest import Market


def test_before_any_snapshot(market: Market) -> None:
    latest = market.get("operator", "/snapshots/latest")
    assert latest.status_code == 404
    assert latest.json()["error"]["code"] == "not_found"
    history = market.get(None, "/freelancers/f1/score-history", policy="upwork")
    assert history.json() == {"freelancer_id": "f1", "policy": "upwork", "snapshots": []}
    score = market.get(None, "/freelancers/f1/score", policy="bayes").json()
    assert score["market_fitted_at"] is None
    assert score["market_statistics"].startswith("the policy's defaults")


def test_a_snapshot_taken_and_read(market: Market) -> None:
    market.open_paid_contract("k1")
    market.ok("c1", "/contracts/k1/end", {"end_reason": "completed"})
    market.ok("c1", "/contracts/k1/feedback", {"stars": 5, "private_score": 9})
    market.ok("f1", "/contracts/k1/feedback", {"stars": 5})
    taken = market.ok("operator", "/snapshots", {"as_of": "2026-03-10T00:00:00Z"})
    assert taken["as_of"] == "2026-03-10T00:00:00Z"
    assert taken["policies"] == ["bayes", "upwork", "upwork-2015"]
    assert (taken["freelancers"], taken["rows"]) == (2, 6)
    assert set(taken["seconds"]) == {"reading_the_store", "scoring", "saving"}
    (fitted,) = taken["markets"]
    assert fitted["policy"] == "bayes"
    assert fitted["market_stars_mean"] == 5.0
    assert market.get("operator", "/snapshots/latest").json() == taken

    history = market.get("c2", "/freelancers/f1/score-history", policy="bayes").json()
    (row,) = history["snapshots"]
    assert row["as_of"] == "2026-03-10T00:00:00Z"
    score = market.get(None, "/freelancers/f1/score", policy="bayes", as_of="2026-03-10").json()
    assert row["score"] == score["score"]
    assert score["market_fitted_at"] == "2026-03-10T00:00:00Z"
    assert score["market_statistics"]["snapshot_id"] == taken["snapshot_id"]


def test_a_snapshot_under_one_policy(market: Market) -> None:
    taken = market.ok("operator", "/snapshots", {"policies": ["upwork"]})
    assert (taken["policies"], taken["rows"], taken["markets"]) == (["upwork"], 2, [])


def test_refused_snapshots(memory_market: Market) -> None:
    unknown = memory_market.post("operator", "/snapshots", {"policies": ["nope"]})
    assert unknown.status_code == 422
    assert unknown.json()["error"]["code"] == "unknown_policy"
    assert memory_market.post("c1", "/snapshots", {}).status_code == 403
    assert memory_market.get(None, "/snapshots/latest").status_code == 401
    missing = memory_market.get(None, "/freelancers/nobody/score-history", policy="upwork")
    assert missing.status_code == 404
