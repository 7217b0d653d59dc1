"""The Parquet files batch scoring writes, read back with pyarrow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jobscore.errors import MissingExtra

__all__ = ["read_rows"]


def _parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingExtra("pyarrow", "duckdb") from exc
    return pq


def read_rows(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = _parquet().read_table(path).to_pylist()
    return rows
