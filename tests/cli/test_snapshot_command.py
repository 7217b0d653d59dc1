"""`jobscore snapshot`: every freelancer of the store scored and recorded, with the time
spent reading the store and scoring shown apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobscore.cli import app

pytest.importorskip("sqlalchemy", reason="needs jobscore[service]")
pytest.importorskip("duckdb", reason="needs jobscore[duckdb]")

from jobscore.instants import parse_instant
from jobscore.scoring.catalog import CATALOG
from jobscore.store import make_store
from jobscore.store.migrate import upgrade
from tests.service.market import recorded_market

runner = CliRunner()


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    upgrade(url)
    store = make_store(url)
    store.record_all(recorded_market(contracts=60, freelancers=6))
    store.close()
    return url


def test_a_snapshot_prints_its_times_and_records_every_freelancer(database: str) -> None:
    result = runner.invoke(app, ["snapshot", "--database", database, "--as-of", "2026-06-30"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("snapshot 1 as of 2026-06-30 00:00:00 UTC: 7 freelancers under")
    assert lines[1].split()[:3] == ["reading", "the", "store"]
    assert lines[2].split()[0] == "scoring"
    assert any(line.strip().startswith("bayes: marketplace mean stars") for line in lines)
    store = make_store(database)
    try:
        run = store.last_snapshot_run()
        assert run is not None
        assert run.rows == 7 * len(CATALOG.names())
        rows = store.snapshots("f0000001", "upwork")
        assert [row.as_of for row in rows] == [parse_instant("2026-06-30")]
    finally:
        store.close()


def test_json_names_the_policies_and_the_seconds(database: str) -> None:
    result = runner.invoke(
        app, ["snapshot", "--database", database, "--policy", "upwork", "--json"]
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["policies"] == ["upwork"]
    assert document["rows"] == document["freelancers"] == 7
    assert set(document["seconds"]) == {"reading_the_store", "scoring", "saving"}
    assert document["markets"] == []


def test_an_unknown_policy_is_refused(database: str) -> None:
    result = runner.invoke(app, ["snapshot", "--database", database, "--policy", "nope"])
    assert result.exit_code == 2
    assert "nope" in result.stderr
