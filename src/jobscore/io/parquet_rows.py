"""Rows of a Parquet file, or of a directory of them, as history rows.

A directory may hold what writers leave next to the data (`_SUCCESS`, `.crc` files: names
starting with `_` or `.`); any other file that is not Parquet is refused by name, as every
reader of the directory would trip on it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from jobscore.errors import InvalidInput, Problem
from jobscore.io.arrow import read_table

__all__ = ["parquet_files", "read_parquet_tables"]


def parquet_files(directory: Path) -> tuple[Path, ...]:
    """The Parquet files of a directory, at any depth; refuses a stray file, naming it."""
    files: list[Path] = []
    for path in sorted(directory.rglob("*")):
        inside = path.relative_to(directory)
        if path.is_dir() or any(part.startswith(("_", ".")) for part in inside.parts):
            continue
        if path.suffix.lower() != ".parquet":
            raise InvalidInput(
                Problem(
                    "path",
                    f"{inside} is not a .parquet file; move it out of {directory.name}",
                    f"{directory.name}/{inside}",
                )
            )
        files.append(path)
    if not files:
        raise InvalidInput(
            Problem("path", f"the directory {directory} holds no .parquet files", directory.name)
        )
    return tuple(files)


def read_parquet_tables(
    path: Path,
) -> list[tuple[str, list[str], list[tuple[int, list[Any]]]]]:
    """For each file: the name problems cite, its column names, and its rows (numbered from 1)
    as values the row parser reads."""
    if not path.is_dir():
        return [_read_one(path, path.name)]
    return [_read_one(f, f"{path.name}/{f.relative_to(path)}") for f in parquet_files(path)]


def _read_one(path: Path, source: str) -> tuple[str, list[str], list[tuple[int, list[Any]]]]:
    table = read_table(path, source=source)
    columns = [[_value(v) for v in table.column(i).to_pylist()] for i in range(table.num_columns)]
    rows = [list(cells) for cells in zip(*columns, strict=True)] if columns else []
    return source, [str(name) for name in table.column_names], list(enumerate(rows, start=1))


def _value(value: Any) -> Any:
    """Parquet gives typed values; the row parser takes text or JSON-like values. A double is
    read as the shortest decimal that gives it back, as a number (not text a decimal comma
    would change)."""
    if value is None or isinstance(value, bool):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float):
        return Decimal(repr(value))
    return value
