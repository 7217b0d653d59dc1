"""Rows of a Parquet file (or a directory of them) as §8 row dictionaries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jobscore.errors import InvalidInput, MissingExtra, Problem

__all__ = ["read_parquet_rows"]


def read_parquet_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingExtra("pyarrow", "duckdb") from exc
    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises several unrelated types for unreadable files
        raise InvalidInput(
            Problem("file", f"not a readable Parquet file: {exc}", path.name)
        ) from exc
    rows = table.to_pylist()
    return [(index, _as_text(row)) for index, row in enumerate(rows, start=1)]


def _as_text(row: dict[str, Any]) -> dict[str, Any]:
    """Parquet gives typed values; the row parser takes text or JSON-like values."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if value is None:
            out[key] = None
        elif hasattr(value, "isoformat"):
            out[key] = value.isoformat()
        elif isinstance(value, float):
            out[key] = repr(value)
        else:
            out[key] = value
    return out
