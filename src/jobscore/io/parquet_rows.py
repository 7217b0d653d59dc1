"""Rows of a Parquet file (or a directory of them) as row dictionaries with the history columns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jobscore.io.arrow import read_table

__all__ = ["read_parquet_rows"]


def read_parquet_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    rows = read_table(path, source=path.name).to_pylist()
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
