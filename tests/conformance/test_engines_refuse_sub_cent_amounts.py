"""Amounts with more than two decimals are refused by the reference and every engine alike.

They used to be rounded, half to even in Python and half away from zero in SQL, and on a
weight bracket the half cent decided the weight: 250.005 weighed 1 in the reference and 1.25
in DuckDB. Now every reader refuses them, from CSV text, JSON numbers or Parquet doubles and
decimals, naming the same field and contract; trailing zeros ("250.500") are no decimals.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, given, settings

from tests.conformance.engines import POLICIES, READERS, engine_for, refusal, spark_engine
from tests.conformance.marketplaces import marketplaces_with_a_sub_cent_amount, write_csv

AS_OF = datetime(2025, 7, 1, tzinfo=UTC)
# The half cent that moved a bracket: rounded down, k1 weighs 1 and the score is
# (1.5 − 1) / 2.5 = 20%; rounded up it weighs 1.25 and the score is (1.5 − 1.25) / 2.75 = 9.09%.
HALF_CENT = (
    "contract_id,client_id,started_at,ended_at,earned,stars\n"
    "k1,c1,2025-03-01,2025-03-10,250.005,1\n"
    "k2,c2,2025-04-01,2025-04-20,2000,5\n"
)


def _parquet(path: Path, earned: list[Any], refunded: list[Any], money_type: Any) -> Path:
    pa = pytest.importorskip("pyarrow", reason="needs jobscore[duckdb]")
    pq = pytest.importorskip("pyarrow.parquet", reason="needs jobscore[duckdb]")
    table = pa.table(
        {
            "contract_id": ["k1", "k2"],
            "client_id": ["c1", "c2"],
            "started_at": ["2025-03-01", "2025-04-01"],
            "ended_at": ["2025-03-10", "2025-04-20"],
            "earned": pa.array(earned, money_type),
            "refunded": pa.array(refunded, money_type),
            "stars": [1.0, 5.0],
        }
    )
    pq.write_table(table, path)
    return path


@pytest.mark.parametrize("reader", READERS)
def test_every_reader_refuses_the_half_cent_that_moved_a_bracket(
    reader: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    contracts = tmp_path / "contracts.csv"
    contracts.write_text(HALF_CENT)
    out = tmp_path / "scores.parquet"
    refused = refusal(engine_for(reader, request), contracts, out, as_of=AS_OF)
    assert [(p.field, p.record) for p in refused.problems] == [("earned", "contract k1")]
    assert "'250.005'" in str(refused)
    assert "has more than two decimals" in str(refused)
    assert list(tmp_path.iterdir()) == [contracts]


#: Parquet money columns: a double or a decimal with three places, the amount in either column.
PARQUET_CASES = {
    "earned, a double": ("double", [250.005, 2000.0], [0.0, 0.0], "earned"),
    "earned, a decimal(10, 3)": (
        "decimal", [Decimal("250.005"), Decimal("2000")], [Decimal(0), Decimal(0)], "earned"
    ),
    "refunded, a decimal(10, 3)": (
        "decimal", [Decimal("250"), Decimal("2000")], [Decimal("0.001"), Decimal(0)], "refunded"
    ),
}  # fmt: skip


def _money_type(kind: str) -> Any:
    pa = pytest.importorskip("pyarrow", reason="needs jobscore[duckdb]")
    return pa.float64() if kind == "double" else pa.decimal128(10, 3)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("case", list(PARQUET_CASES))
def test_every_reader_refuses_parquet_amounts_with_more_than_two_decimals(
    reader: str, case: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    kind, earned, refunded, field = PARQUET_CASES[case]
    contracts = _parquet(tmp_path / "contracts.parquet", earned, refunded, _money_type(kind))
    out = tmp_path / "scores.parquet"
    refused = refusal(engine_for(reader, request), contracts, out, as_of=AS_OF)
    assert [(p.field, p.record) for p in refused.problems] == [(field, "contract k1")]
    assert "has more than two decimals" in refused.problems[0].message
    assert list(tmp_path.iterdir()) == [contracts]


def _refused_whole(
    runner: Any,
    market: tuple[datetime, list[dict[str, Any]], str],
    policies: tuple[str, ...] = POLICIES,
) -> None:
    as_of, rows, broken = market
    with tempfile.TemporaryDirectory() as tmp:
        contracts = write_csv(rows, Path(tmp) / "contracts.csv")
        for policy_name in policies:
            out = Path(tmp) / f"{policy_name}.parquet"
            refused = refusal(runner, contracts, out, as_of=as_of, policy_name=policy_name)
            fields = {p.field for p in refused.problems}
            assert fields in ({"earned"}, {"refunded"})
            assert {p.record for p in refused.problems} == {f"contract {broken}"}
            assert any("more than two decimals" in p.message for p in refused.problems)
        assert [p.name for p in Path(tmp).iterdir()] == ["contracts.csv"]


@given(marketplaces_with_a_sub_cent_amount())
@settings(max_examples=10)
def test_duckdb_and_the_reference_refuse_a_marketplace_with_one_sub_cent_amount(
    market: tuple[datetime, list[dict[str, Any]], str],
) -> None:
    pytest.importorskip("duckdb", reason="needs jobscore[duckdb]")
    _refused_whole("reference", market, POLICIES[:1])  # refused as it is read, whatever policy
    _refused_whole("duckdb", market)


@pytest.mark.spark
@given(marketplaces_with_a_sub_cent_amount(max_freelancers=4))
@settings(max_examples=1, phases=[Phase.generate])
def test_spark_refuses_a_marketplace_with_one_sub_cent_amount(
    spark_session: Any, market: tuple[datetime, list[dict[str, Any]], str]
) -> None:
    _refused_whole(spark_engine(spark_session), market, POLICIES[:1])
