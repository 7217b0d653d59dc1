"""Every batch engine gives the reference scorer's results, for every freelancer and policy.

One test body, every engine (ibis-style): the engines run the SQL generated from the policy;
the reference runs `Policy.score` freelancer by freelancer on the same file.
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from bench.marketplace import AS_OF, generate
from hypothesis import Phase, given, settings

from jobscore.batch import score_marketplace
from jobscore.batch.output import read_rows
from jobscore.batch.reference import reference_rows
from jobscore.scoring import get_policy
from jobscore.simulate.world import WorldConfig, generate_world
from tests.conformance.engines import ENGINES, POLICIES, engine_for, spark_engine
from tests.conformance.marketplaces import differences, facts_row, marketplaces, write_csv


def _check(contracts: Path, engine: Any, policy_name: str, as_of: datetime, out: Path) -> None:
    policy = get_policy(policy_name)
    score_marketplace(contracts, out, policy=policy, as_of=as_of, engine=engine)
    found = differences(reference_rows(contracts, policy, as_of), read_rows(out))
    assert not found, f"{policy_name}: " + "; ".join(found[:10])


def _check_all_policies(rows: list[dict[str, Any]], as_of: datetime, engine: Any) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        contracts = write_csv(rows, Path(tmp) / "contracts.csv")
        for policy_name in POLICIES:
            _check(contracts, engine, policy_name, as_of, Path(tmp) / f"{policy_name}.parquet")


@given(marketplaces())
@settings(max_examples=25)
def test_duckdb_matches_reference_on_generated_marketplaces(
    market: tuple[datetime, list[dict[str, Any]]],
) -> None:
    as_of, rows = market
    _check_all_policies(rows, as_of, "duckdb")


@pytest.mark.spark
@given(marketplaces(max_freelancers=12))
# Spark plans each query for seconds, so it sees a few generated marketplaces (without
# shrinking); DuckDB runs the same SQL on 25 above, and both run the seeded and simulated
# worlds below.
@settings(max_examples=2, phases=[Phase.generate])
def test_spark_matches_reference_on_generated_marketplaces(
    spark_session: Any, market: tuple[datetime, list[dict[str, Any]]]
) -> None:
    as_of, rows = market
    _check_all_policies(rows, as_of, spark_engine(spark_session))


@pytest.fixture(scope="module")
def seeded_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded random marketplace as typed Parquet: 4,000 contracts over 800 freelancers."""
    path = tmp_path_factory.mktemp("world") / "contracts.parquet"
    pq.write_table(generate(4_000, 800, seed=11), path)
    return path


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("policy_name", POLICIES)
def test_engine_matches_reference_on_a_seeded_world(
    engine: str,
    policy_name: str,
    seeded_world: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    _check(seeded_world, engine_for(engine, request), policy_name, AS_OF, tmp_path / "out.parquet")


@pytest.fixture(scope="module")
def simulated_world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, datetime]:
    """A small world of the simulator (§7), flattened to the §8 columns as CSV."""
    config = WorldConfig(
        seed=4, months=14, initial_freelancers=40, arrivals_per_month=2, clients=60
    )
    world = generate_world(config)
    rows = [facts_row(c) for history in world.histories for c in history.contracts]
    assert len(rows) > 200
    path = tmp_path_factory.mktemp("simulated") / "contracts.csv"
    return write_csv(rows, path), world.as_of


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("policy_name", POLICIES)
def test_engine_matches_reference_on_a_simulated_world(
    engine: str,
    policy_name: str,
    simulated_world: tuple[Path, datetime],
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    contracts, as_of = simulated_world
    _check(contracts, engine_for(engine, request), policy_name, as_of, tmp_path / "out.parquet")
