"""The benchmark's code needs its extra (pandas, pyarrow, DuckDB, numpy)."""

import pytest

for module in ("pandas", "pyarrow", "duckdb", "numpy"):
    pytest.importorskip(module, reason="needs jobscore[bench]")
