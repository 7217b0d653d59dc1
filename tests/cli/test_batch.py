"""`jobscore batch`, run in process: output, input forms, and refusing malformed input."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobscore.cli import app
from tests.extras import needs

pa = pytest.importorskip("pyarrow", reason="needs jobscore[duckdb]")
pa_csv = pytest.importorskip("pyarrow.csv", reason="needs jobscore[duckdb]")
pq = pytest.importorskip("pyarrow.parquet", reason="needs jobscore[duckdb]")
pytestmark = needs("duckdb")

runner = CliRunner()
HEADER = "contract_id,freelancer_id,client_id,started_at,ended_at,earned,stars\n"
# §3's first reference figure for f1: a $135 bad job and a $2,000 good one (ended before a full
# quarter) weigh 1 and 1.5: (1.5 − 1) / 2.5 = 20%. f2 has one client only: no score yet.
MARKET = (
    "k1,f1,c1,2025-03-01,2025-03-10,135,1\n"
    "k2,f1,c2,2025-04-01,2025-04-20,2000,5\n"
    "k3,f2,c1,2025-04-01,2025-04-20,300,5\n"
    "k4,f2,c1,2025-05-01,2025-05-20,300,5\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["batch", *args])
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "contracts.csv"
    path.write_text(header + body)
    return path


def rows(path: Path) -> dict[str, dict[str, object]]:
    return {row["freelancer_id"]: row for row in pq.read_table(path).to_pylist()}


def test_writes_one_row_per_freelancer_with_the_stable_columns(tmp_path: Path) -> None:
    out = tmp_path / "scores.parquet"
    code, stdout, _ = run(str(write(tmp_path, MARKET)), "--as-of", "2025-06-01", "--out", str(out))
    assert code == 0, stdout
    assert "freelancers" in stdout
    scored = rows(out)
    assert set(scored) == {"f1", "f2"}
    for column in ("score", "eligible", "window", "score_24m", "score_12m", "score_6m"):
        assert column in scored["f1"]
    assert {"score_3m", "score_trending"} <= set(scored["f1"])
    assert scored["f1"]["score"] == pytest.approx(20.0)
    assert scored["f1"]["eligible"] is True
    assert scored["f1"]["window"] == "24m"  # 24m, 12m and 6m tie at 20: the first candidate
    assert scored["f2"]["score"] is None
    assert scored["f2"]["eligible"] is False
    assert scored["f2"]["score_24m"] == pytest.approx(100.0)


def test_json_summary(tmp_path: Path) -> None:
    out = tmp_path / "scores.parquet"
    contracts = write(tmp_path, MARKET)
    code, stdout, _ = run(
        str(contracts),
        "--as-of",
        "2025-06-01",
        "--policy",
        "upwork-2015",
        "--out",
        str(out),
        "--json",
    )
    assert code == 0
    summary = json.loads(stdout)
    assert summary["policy"]["name"] == "upwork-2015"
    assert summary["freelancers"] == 2
    assert summary["eligible"] == 0  # 2015: four jobs with three clients
    # Recalculated every 14 days from Sunday 2015-01-04: the last one before June 1st, 2025.
    assert summary["computed_as_of"] == "2025-05-25T00:00:00Z"


def test_bayes_has_an_interval_around_the_score(tmp_path: Path) -> None:
    out = tmp_path / "scores.parquet"
    code, _, _ = run(
        str(write(tmp_path, MARKET)),
        "--as-of",
        "2025-06-01",
        "--policy",
        "bayes",
        "--out",
        str(out),
    )
    assert code == 0
    for row in rows(out).values():
        assert row["eligible"] is True
        assert row["interval_lo"] < row["score"] < row["interval_hi"]  # type: ignore[operator]


def test_a_directory_of_parquet_files_scores_like_the_csv(tmp_path: Path) -> None:
    table = pa_csv.read_csv(write(tmp_path, MARKET))
    parts = tmp_path / "parts"
    parts.mkdir()
    pq.write_table(table.slice(0, 2), parts / "a.parquet")
    pq.write_table(table.slice(2), parts / "b.parquet")
    from_csv, from_parts = tmp_path / "csv.parquet", tmp_path / "parts.parquet"
    assert (
        run(str(tmp_path / "contracts.csv"), "--as-of", "2025-06-01", "--out", str(from_csv))[0]
        == 0
    )
    assert run(str(parts), "--as-of", "2025-06-01", "--out", str(from_parts))[0] == 0
    assert rows(from_csv) == rows(from_parts)


def _refused(tmp_path: Path, contracts: Path) -> str:
    out = tmp_path / "scores.parquet"
    out.write_bytes(b"yesterday's scores")
    code, _, stderr = run(str(contracts), "--as-of", "2025-06-01", "--out", str(out))
    assert code == 2
    assert "Traceback" not in stderr
    # Nothing half-written: yesterday's file is intact and no temporary file is left behind.
    assert out.read_bytes() == b"yesterday's scores"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [contracts.name, out.name] if contracts.parent == tmp_path else [out.name, "in"]
    )
    return " ".join(stderr.split())


def test_missing_column_is_named_with_an_example_row(tmp_path: Path) -> None:
    contracts = write(
        tmp_path, "k1,f1,c1,135,1\n", header="contract_id,freelancer_id,client_id,earned,stars\n"
    )
    message = _refused(tmp_path, contracts)
    assert "started_at: required column missing" in message
    assert "example row: {contract_id=k1, freelancer_id=f1, client_id=c1, earned=135" in message


def test_bad_type_is_named_with_the_value_and_an_example_row(tmp_path: Path) -> None:
    contracts = write(tmp_path, MARKET + "k5,f3,c1,2025-04-01,2025-04-20,lots,5\n")
    message = _refused(tmp_path, contracts)
    assert "contract k5: earned: is not an amount" in message
    assert "value 'lots', 1 row" in message
    assert "example row: {contract_id=k5, freelancer_id=f3" in message


def test_negative_earnings_are_refused(tmp_path: Path) -> None:
    contracts = write(tmp_path, MARKET + "k5,f3,c1,2025-04-01,2025-04-20,-40,5\n")
    message = _refused(tmp_path, contracts)
    assert "contract k5: earned: earnings cannot be negative" in message
    assert "earned=-40" in message


def test_a_wrongly_typed_parquet_column_is_named(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    contracts = tmp_path / "in" / "contracts.parquet"
    table = pa.table(
        {"contract_id": ["k1"], "client_id": ["c1"], "started_at": [20250101], "earned": ["10"]}
    )
    pq.write_table(table, contracts)
    message = _refused(tmp_path, contracts)
    assert "started_at: has type BIGINT" in message
    assert "example row: {contract_id=k1" in message


def test_duplicate_contract_ids_are_refused(tmp_path: Path) -> None:
    contracts = write(tmp_path, MARKET + "k1,f3,c9,2025-04-01,2025-04-20,50,5\n")
    assert "duplicate id 'k1' (2 rows)" in _refused(tmp_path, contracts)


def test_a_missing_engine_gives_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)  # as if the extra were not installed
    monkeypatch.delitem(sys.modules, "jobscore.batch.duckdb_engine", raising=False)
    out = tmp_path / "scores.parquet"
    code, _, stderr = run(str(write(tmp_path, MARKET)), "--out", str(out))
    assert code == 1
    assert "pip install 'jobscore[duckdb]'" in stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("engine", "hidden"),
    [
        ("spark", "pyspark"),
        # Spark needs these too; the message must not send a Spark user to the DuckDB extra.
        ("spark", "sqlglot"),
        ("spark", "pandas"),
        ("spark", "scipy"),
        ("duckdb", "pyarrow"),
        ("duckdb", "scipy"),
    ],
)
def test_a_missing_module_names_the_engines_extra_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str, hidden: str
) -> None:
    monkeypatch.setitem(sys.modules, hidden, None)  # as if it were not installed

    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("scoring started")

    monkeypatch.setattr("jobscore.cli.batch_commands.score_marketplace", no_work)
    out = tmp_path / "scores.parquet"
    code, _, stderr = run(
        str(write(tmp_path, MARKET)), "--engine", engine, "--policy", "bayes", "--out", str(out)
    )
    assert code == 1
    assert hidden in stderr
    assert f"pip install 'jobscore[{engine}]'" in stderr
    assert "Traceback" not in stderr
    assert not out.exists()


def test_unknown_engine_is_bad_input(tmp_path: Path) -> None:
    code, _, stderr = run(
        str(write(tmp_path, MARKET)), "--engine", "flink", "--out", str(tmp_path / "o.parquet")
    )
    assert code == 2
    assert "duckdb, spark" in stderr


def test_a_json_array_of_rows_scores_like_the_csv(tmp_path: Path) -> None:
    lines = (HEADER + MARKET).splitlines()
    names = lines[0].split(",")
    document = [dict(zip(names, line.split(","), strict=True)) for line in lines[1:]]
    document[0]["earned"] = 135  # a JSON number reads as the same amount
    (tmp_path / "contracts.json").write_text(json.dumps(document))
    from_csv, from_json = tmp_path / "csv.parquet", tmp_path / "json.parquet"
    assert (
        run(str(write(tmp_path, MARKET)), "--as-of", "2025-06-01", "--out", str(from_csv))[0] == 0
    )
    code, _, stderr = run(
        str(tmp_path / "contracts.json"), "--as-of", "2025-06-01", "--out", str(from_json)
    )
    assert code == 0, stderr
    assert rows(from_csv) == rows(from_json)


def test_a_rich_json_history_is_refused_saying_what_batch_reads(tmp_path: Path) -> None:
    contracts = tmp_path / "in" / "history.json"
    contracts.parent.mkdir()
    contracts.write_text('{"contracts": []}')
    assert "batch reads a JSON array of contract rows" in _refused(tmp_path, contracts)


def test_a_ragged_line_is_refused_naming_the_file_and_line(tmp_path: Path) -> None:
    contracts = write(tmp_path, MARKET + "k5,f3,c1,2025-04-01,2025-04-20,40,5,oops\n")
    message = _refused(tmp_path, contracts)
    assert "contracts.csv, row 6: values: the row has more values than the header" in message


def test_out_must_be_a_file_other_than_the_input(tmp_path: Path) -> None:
    contracts = write(tmp_path, MARKET)
    for out, words in ((tmp_path, "is a directory"), (contracts, "is the input file")):
        code, _, stderr = run(str(contracts), "--as-of", "2025-06-01", "--out", str(out))
        assert code == 2
        assert f"--out: {words}" in " ".join(stderr.split())
    assert contracts.read_text() == HEADER + MARKET


def test_blank_rows_and_ignored_columns_are_noted(tmp_path: Path) -> None:
    body = "".join(line + ",x\n" for line in MARKET.splitlines()) + ",,,,,,,\n"
    contracts = write(tmp_path, body, header=HEADER.replace("stars", "Stars").strip() + ",notes\n")
    out = tmp_path / "scores.parquet"
    code, stdout, _ = run(str(contracts), "--as-of", "2025-06-01", "--out", str(out), "--json")
    assert code == 0
    assert json.loads(stdout)["notes"] == ["ignored unknown columns: notes", "skipped 1 blank row"]
    assert rows(out)["f1"]["score"] == pytest.approx(20.0)


def test_a_decimal_comma_file_is_read_with_the_option(tmp_path: Path) -> None:
    contracts = write(tmp_path, MARKET.replace("2000", '"2.000,00"'))
    out = tmp_path / "scores.parquet"
    assert "read the file with --decimal-comma" in _refused(tmp_path, contracts)
    out.unlink()
    code, _, stderr = run(
        str(contracts), "--as-of", "2025-06-01", "--out", str(out), "--decimal-comma"
    )
    assert code == 0, stderr
    assert rows(out)["f1"]["score"] == pytest.approx(20.0)


def test_a_stray_file_in_a_directory_is_named(tmp_path: Path) -> None:
    parts = tmp_path / "in"
    parts.mkdir()
    pq.write_table(pa_csv.read_csv(write(tmp_path, MARKET)), parts / "a.parquet")
    (tmp_path / "contracts.csv").unlink()
    (parts / "notes.txt").write_text("not data")
    message = _refused(tmp_path, parts)
    assert "in/notes.txt: path: notes.txt is not a .parquet file; move it out of in" in message
