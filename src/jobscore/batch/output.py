"""The Parquet files batch scoring writes, read back with pyarrow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jobscore.errors import MissingExtra

__all__ = ["count_rows", "read_rows"]


def _parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingExtra("pyarrow", "duckdb") from exc
    return pq


def count_rows(path: Path) -> tuple[int, int]:
    """Freelancers scored, and how many of them are eligible for a score."""
    table = _parquet().read_table(path, columns=["eligible"])
    eligible = table.column("eligible").to_pylist()
    return len(eligible), sum(1 for value in eligible if value)


def read_rows(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = _parquet().read_table(path).to_pylist()
    return rows
