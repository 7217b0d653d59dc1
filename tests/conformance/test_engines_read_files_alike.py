"""Every reader reads a file as the reference does, or refuses it as the reference does.

Amounts are read in one unambiguous format (or with a decimal comma), column names match in
any case or spelling of separators, blank rows are skipped, and a JSON array of rows is read
like the same rows in CSV. Each amount below decides a contract's weight bracket, so a reader
that read it otherwise would give another score.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from jobscore.batch import score_marketplace
from jobscore.batch.output import read_rows
from jobscore.batch.reference import reference_rows
from jobscore.errors import InvalidInput
from jobscore.scoring import get_policy
from tests.conformance.engines import READERS, engine_for
from tests.conformance.marketplaces import differences

AS_OF = datetime(2025, 7, 1, tzinfo=UTC)
POLICY = get_policy("upwork")
HEADER = ("contract_id", "freelancer_id", "client_id", "started_at", "ended_at", "earned", "stars")
#: Amounts as a file may write them, with the weight of the bracket each falls in.
AMOUNTS = {
    "1000": 1.25, "$1,000.01": 1.5, "1,000": 1.25, " $ 250.01 ": 1.25, "+1000.01": 1.5,
    ".99": 1.0, "1000.": 1.25, "250.500": 1.25, "-$0": 1.0, "1,000,000.00": 1.5,
}  # fmt: skip
#: The same, written with a decimal comma.
COMMA_AMOUNTS = {
    "1.000": 1.25, "$1.000,01": 1.5, "1000,01": 1.5, "250,5": 1.25, ",99": 1.0,
    "250,500": 1.25, "1.000.000,00": 1.5,
}  # fmt: skip
#: Amounts that could mean another amount (or none), refused.
REFUSED = ["1.700,50", "1,00", "1,7,00", "17,00.5", "1000,000", "1e3", "€12", "$-5", "12 000"]
COMMA_REFUSED = ["1,700.50", "1700.50", "1.70,5", "1,000,000", "1e3"]
#: For what Spark runs through the same code as DuckDB (names matched in Python, the same SQL
#: under the other format), the reference and DuckDB only: Spark plans each run for seconds.
LOCAL = ["reference", "duckdb"]


def _with(value: bool, readers: list[Any]) -> list[Any]:
    """Parameters (reader, value) for each reader, keeping Spark's mark."""
    return [
        pytest.param(r.values[0], value, marks=r.marks)
        if isinstance(r, type(pytest.param("")))
        else pytest.param(r, value)
        for r in readers
    ]


def _rows(amounts: list[str]) -> list[list[str]]:
    """Per amount, a freelancer with a bad contract of that amount and a good $2,000 one
    (weight 1.5): the score is 100 × (1.5 − w) / (1.5 + w) for the bad contract's weight w."""
    rows = []
    for n, amount in enumerate(amounts):
        rows += [
            [f"f{n}-bad", f"f{n}", "c1", "2025-03-01", "2025-03-10", amount, "1"],
            [f"f{n}-good", f"f{n}", "c2", "2025-04-01", "2025-04-20", "2000", "5"],
        ]
    return rows


def _csv(path: Path, header: tuple[str, ...] | list[str], rows: list[list[str]]) -> Path:
    def cell(value: str) -> str:
        return f'"{value}"' if "," in value or " " in value else value

    lines = [",".join(header), *(",".join(cell(v) for v in row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _read(
    reader: str, contracts: Path, request: pytest.FixtureRequest, decimal_comma: bool = False
) -> list[dict[str, Any]]:
    """The scores `reader` gives the file (the reference's rows, or an engine's output)."""
    if reader == "reference":
        return reference_rows(contracts, POLICY, AS_OF, decimal_comma=decimal_comma)
    out = contracts.with_name("scores.parquet")
    engine = engine_for(reader, request)
    score_marketplace(
        contracts, out, policy=POLICY, as_of=AS_OF, engine=engine, decimal_comma=decimal_comma
    )
    return read_rows(out)


def _refused(
    reader: str, contracts: Path, request: pytest.FixtureRequest, decimal_comma: bool = False
) -> InvalidInput:
    out = contracts.with_name("scores.parquet")
    with pytest.raises(InvalidInput) as refused:
        _read(reader, contracts, request, decimal_comma)
    assert not out.exists()
    return refused.value


def _same_as_reference(
    reader: str, contracts: Path, request: pytest.FixtureRequest, decimal_comma: bool = False
) -> list[dict[str, Any]]:
    expected = reference_rows(contracts, POLICY, AS_OF, decimal_comma=decimal_comma)
    found = differences(expected, _read(reader, contracts, request, decimal_comma))
    assert not found, "; ".join(found[:10])
    return expected


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("decimal_comma", [False, True], ids=["point", "comma"])
def test_amounts_in_the_files_format_are_read_alike(
    reader: str, decimal_comma: bool, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    amounts = COMMA_AMOUNTS if decimal_comma else AMOUNTS
    contracts = _csv(tmp_path / "contracts.csv", HEADER, _rows(list(amounts)))
    expected = _same_as_reference(reader, contracts, request, decimal_comma)
    weights = list(amounts.values())
    for row in expected:
        w = weights[int(str(row["freelancer_id"])[1:])]
        assert row["score"] == pytest.approx(100 * (1.5 - w) / (1.5 + w)), row["freelancer_id"]


@pytest.mark.parametrize(
    ("reader", "decimal_comma"),
    [*_with(False, READERS), *_with(True, LOCAL)],
)
def test_amounts_that_could_mean_another_are_refused_alike(
    reader: str, decimal_comma: bool, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    amounts = COMMA_REFUSED if decimal_comma else REFUSED
    contracts = _csv(tmp_path / "contracts.csv", HEADER, _rows(amounts))
    problems = _refused(reader, contracts, request, decimal_comma).problems
    assert {p.field for p in problems} == {"earned"}
    assert all("is not an amount" in p.message for p in problems)
    if reader == "reference":
        assert len(problems) == len(amounts)
    else:  # one problem per broken rule, with its count
        assert f"{len(amounts)} rows" in problems[0].message


@pytest.mark.parametrize("reader", READERS)
def test_column_names_in_any_case_are_read_alike(
    reader: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    header = ["Contract ID", "Freelancer-ID", "CLIENT_ID", "started at", "Ended_At", "Earned"]
    rows = [[*row[:-1], "9" if row[-1] == "5" else "2", "Quality" * (row[-1] == "1")]
            for row in _rows(["135", "2000"])]  # fmt: skip
    odd = _csv(tmp_path / "odd.csv", [*header, "Private Score", "End Reason"], rows)
    expected = _same_as_reference(reader, odd, request)
    plain = _csv(tmp_path / "plain.csv", [*HEADER[:-1], "private_score", "end_reason"], rows)
    assert expected == reference_rows(plain, POLICY, AS_OF)
    assert [row["score"] for row in expected] == [pytest.approx(20.0), pytest.approx(0.0)]


@pytest.mark.parametrize("reader", LOCAL)
@pytest.mark.parametrize(
    ("name", "field", "words"),
    [("Strs", "Strs", "did you mean `stars`?"), ("STARS", "stars", "are the same column")],
)
def test_a_misspelt_or_repeated_column_is_refused_alike(
    reader: str, name: str, field: str, words: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    rows = [[*row, row[-1]] for row in _rows(["135"])]
    contracts = _csv(tmp_path / "contracts.csv", [*HEADER, name], rows)
    (problem,) = _refused(reader, contracts, request).problems
    assert (problem.field, problem.row) == (field, 1)
    assert words in problem.message


@pytest.mark.parametrize("reader", READERS)
def test_blank_rows_are_skipped_alike(
    reader: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    rows = _rows(["135", "2000"])
    blank = [""] * len(HEADER)
    spaced = [" "] * len(HEADER)
    contracts = _csv(tmp_path / "contracts.csv", HEADER, [rows[0], blank, *rows[1:], blank, spaced])
    expected = _same_as_reference(reader, contracts, request)
    assert expected == reference_rows(_csv(tmp_path / "plain.csv", HEADER, rows), POLICY, AS_OF)


@pytest.mark.parametrize(
    ("reader", "decimal_comma"),
    [*_with(True, READERS), *_with(False, LOCAL)],
)
def test_a_json_array_of_rows_is_read_alike(
    reader: str, decimal_comma: bool, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Numbers as JSON numbers read the same with or without a decimal comma; text as text."""
    amounts = ["1.000,01", "250,5"] if decimal_comma else ["$1,000.01", "250.5"]
    rows: list[dict[str, Any]] = [dict(zip(HEADER, row, strict=True)) for row in _rows(amounts)]
    rows[2]["earned"] = 1000  # f1's bad contract as a number: weight 1.25
    rows[3]["stars"] = 5.0
    rows.append({})  # a blank row
    contracts = tmp_path / "contracts.json"
    contracts.write_text(json.dumps(rows))
    expected = _same_as_reference(reader, contracts, request, decimal_comma)
    assert [row["score"] for row in expected] == [pytest.approx(0.0), pytest.approx(100 / 11)]


@pytest.mark.parametrize("reader", READERS)
def test_an_amount_that_is_not_a_finite_number_is_refused_alike(
    reader: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    pa = pytest.importorskip("pyarrow", reason="needs jobscore[duckdb]")
    pq = pytest.importorskip("pyarrow.parquet", reason="needs jobscore[duckdb]")
    table = pa.table(
        {
            "contract_id": ["k1", "k2", "k3"],
            "client_id": ["c1", "c2", "c3"],
            "started_at": ["2025-03-01"] * 3,
            "earned": [float("nan"), 1e300, 10.0],
        }
    )
    contracts = tmp_path / "contracts.parquet"
    pq.write_table(table, contracts)
    problems = _refused(reader, contracts, request).problems
    assert {p.field for p in problems} == {"earned"}
