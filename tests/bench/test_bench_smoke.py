"""The benchmark's own code, at a tiny scale: its generator, its pandas baseline's agreement
with the reference, and its report. (The 20-million-contract run is `make bench`.)"""

from __future__ import annotations

from pathlib import Path

import pytest

# The benchmark's code needs its extra: skip before importing it.
for _module in ("pandas", "pyarrow", "duckdb", "numpy"):
    pytest.importorskip(_module, reason="needs jobscore[bench]")

import pyarrow.parquet as pq  # noqa: E402
from bench.marketplace import generate, write_marketplace  # noqa: E402
from bench.run import check_sample, report  # noqa: E402


def test_generator_is_seeded_and_chunked(tmp_path: Path) -> None:
    assert generate(500, 50, seed=3).equals(generate(500, 50, seed=3))
    assert not generate(500, 50, seed=3).equals(generate(500, 50, seed=4))
    written = write_marketplace(tmp_path / "m", 2_500, 250, seed=3, chunk=1_000)
    assert sorted(p.name for p in written.iterdir()) == [
        "part-0000.parquet", "part-0001.parquet", "part-0002.parquet",
    ]  # fmt: skip
    ids = pq.read_table(written, columns=["contract_id"]).column(0).to_pylist()
    assert len(set(ids)) == 2_500


def test_pandas_baseline_and_duckdb_agree_with_the_reference(
    capsys: pytest.CaptureFixture[str],
) -> None:
    check_sample(seed=5, contracts=1_500)
    assert "agree with the reference" in capsys.readouterr().out


def test_report_prints_the_ratio() -> None:
    rows = [
        {"engine": "duckdb", "timings": [1.0, 2.0, 3.0], "median_s": 2.0, "median_cpu_s": 3.9,
         "peak_mib": 500.0},
        {"engine": "pandas", "timings": [7.0, 8.0, 9.0], "median_s": 8.0, "median_cpu_s": 8.1,
         "peak_mib": 4000.0},
    ]  # fmt: skip
    table = report(rows, {"duckdb": 10, "pandas": 10})
    assert "| duckdb | 10 | 1.0, 2.0, 3.0 s | 2.0 s | 3.9 s | 500 MiB |" in table
    assert "pandas / duckdb: 4.0x the time, 8.0x the peak memory" in table
