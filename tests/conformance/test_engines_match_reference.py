"""Every batch engine gives the reference scorer's results, for every freelancer and policy.

One test body, every engine (ibis-style): the engines run the SQL generated from the policy;
the reference runs `Policy.score` freelancer by freelancer on the same file.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, given, settings

from jobscore.batch import score_marketplace
from jobscore.batch.output import read_rows
from jobscore.batch.reference import reference_rows
from jobscore.scoring import get_policy
from tests.conformance.engines import ENGINES, POLICIES, engine_for, spark_engine
from tests.conformance.marketplaces import differences, facts_row, marketplaces, write_csv

pa = pytest.importorskip("pyarrow", reason="needs jobscore[duckdb] or jobscore[spark]")
pq = pytest.importorskip("pyarrow.parquet", reason="needs jobscore[duckdb] or jobscore[spark]")


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
    pytest.importorskip("duckdb", reason="needs jobscore[duckdb]")
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
def seeded_world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, datetime]:
    """A seeded random marketplace as typed Parquet: 4,000 contracts over 800 freelancers."""
    bench = pytest.importorskip("bench.marketplace", reason="needs jobscore[bench]")
    path = tmp_path_factory.mktemp("world") / "contracts.parquet"
    pq.write_table(bench.generate(4_000, 800, seed=11), path)
    return path, bench.AS_OF


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("policy_name", POLICIES)
def test_engine_matches_reference_on_a_seeded_world(
    engine: str,
    policy_name: str,
    seeded_world: tuple[Path, datetime],
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    contracts, as_of = seeded_world
    _check(contracts, engine_for(engine, request), policy_name, as_of, tmp_path / "out.parquet")


@pytest.fixture(scope="module")
def simulated_world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, datetime]:
    """A small world of the simulator (§7), flattened to the §8 columns as CSV."""
    simulator = pytest.importorskip("jobscore.simulate.world", reason="needs jobscore[sim]")
    config = simulator.WorldConfig(
        seed=4, months=14, initial_freelancers=40, arrivals_per_month=2, clients=60
    )
    world = simulator.generate_world(config)
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


#: Net earnings on each side of the weight brackets, with the weight rule 4 gives them (a
#: counted $0 contract, here one with bad feedback, weighs 1), written with and without
#: trailing zeros.
BRACKET_EDGES = {
    "0": 1.0, "0.01": 1.0, "0.99": 1.0, "1": 1.0, "250": 1.0, "250.000": 1.0,
    "250.01": 1.25, "250.010": 1.25, "1000": 1.25, "1000.00": 1.25, "1000.01": 1.5,
}  # fmt: skip


def _bracket_rows() -> list[dict[str, Any]]:
    """Per edge, two freelancers: one earned the edge, the other more, less a refund. Each also
    has a good $2,000 contract (weight 1.5) with another client, so the score is
    100 × (1.5 − w) / (1.5 + w) for the edge contract's weight w: 20.0, 9.09… or 0."""
    rows = []
    for n, (edge, _) in enumerate(BRACKET_EDGES.items()):
        more = Decimal(edge) + Decimal("750.25")
        for freelancer, earned, refunded in ((f"e{n}", edge, ""), (f"r{n}", str(more), "750.250")):
            rows += [
                {"contract_id": f"{freelancer}-bad", "freelancer_id": freelancer,
                 "client_id": "c1", "started_at": "2025-03-01", "ended_at": "2025-03-10",
                 "earned": earned, "refunded": refunded, "stars": "1"},
                {"contract_id": f"{freelancer}-good", "freelancer_id": freelancer,
                 "client_id": "c2", "started_at": "2025-04-01", "ended_at": "2025-04-20",
                 "earned": "2000", "stars": "5"},
            ]  # fmt: skip
    return rows


@pytest.mark.parametrize("engine", ENGINES)
def test_amounts_on_each_side_of_every_bracket_score_as_the_reference_does(
    engine: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    contracts = write_csv(_bracket_rows(), tmp_path / "contracts.csv")
    policy, as_of = get_policy("upwork"), datetime(2025, 7, 1, tzinfo=UTC)
    expected = reference_rows(contracts, policy, as_of)
    weights = list(BRACKET_EDGES.values())
    for row in expected:
        w = weights[int(str(row["freelancer_id"])[1:])]
        assert row["score"] == pytest.approx(100 * (1.5 - w) / (1.5 + w)), row["freelancer_id"]
    out = tmp_path / "scores.parquet"
    score_marketplace(
        contracts, out, policy=policy, as_of=as_of, engine=engine_for(engine, request)
    )
    found = differences(expected, read_rows(out))
    assert not found, "; ".join(found[:10])


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("kind", ["double", "decimal(10, 3)"])
def test_parquet_cents_with_trailing_zeros_score_as_the_reference_does(
    engine: str, kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    # k1: 250.500 is 250.50, weight 1.25, bad. k2: 1000.010 less 0.010 is 1000.00, weight 1.25,
    # good. Score 100 × (1.25 − 1.25) / 2.5 = 0.
    if kind == "double":
        money, earned, refunded = pa.float64(), [250.5, 1000.01], [0.0, 0.01]
    else:
        money = pa.decimal128(10, 3)
        earned = [Decimal("250.500"), Decimal("1000.010")]
        refunded = [Decimal(0), Decimal("0.010")]
    table = pa.table(
        {
            "contract_id": ["k1", "k2"],
            "client_id": ["c1", "c2"],
            "started_at": ["2025-03-01", "2025-04-01"],
            "ended_at": ["2025-03-10", "2025-04-20"],
            "earned": pa.array(earned, money),
            "refunded": pa.array(refunded, money),
            "stars": [1.0, 5.0],
        }
    )
    contracts = tmp_path / "contracts.parquet"
    pq.write_table(table, contracts)
    policy, as_of = get_policy("upwork"), datetime(2025, 7, 1, tzinfo=UTC)
    expected = reference_rows(contracts, policy, as_of)
    assert expected[0]["score"] == pytest.approx(0.0)
    out = tmp_path / "scores.parquet"
    score_marketplace(
        contracts, out, policy=policy, as_of=as_of, engine=engine_for(engine, request)
    )
    assert not differences(expected, read_rows(out))
