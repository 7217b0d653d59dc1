"""Parquet files through pyarrow: the only jobscore module that imports pyarrow.

pyarrow is loaded on the first call, so importing this module costs nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jobscore.errors import InvalidInput, MissingExtra, Problem

__all__ = [
    "drop_marked_rows",
    "insert_column",
    "read_rows",
    "read_table",
    "typed_table",
    "write_table",
    "write_text_columns",
]


def _pyarrow() -> tuple[Any, Any]:
    """pyarrow and pyarrow.parquet."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        # Batch commands check their whole extra up front (`extras.require`); this is for
        # the others, e.g. reading a history handed in as Parquet.
        raise MissingExtra("pyarrow", "duckdb") from exc
    return pa, pq


def read_table(path: Path, *, source: str | None = None) -> Any:
    """The file as a `pyarrow.Table`. Given a `source` name, an unreadable file is bad input
    naming it; without one, the file is jobscore's own and pyarrow's error goes through."""
    _, parquet = _pyarrow()
    if source is None:
        return parquet.read_table(path)
    try:
        return parquet.read_table(path)
    except Exception as exc:  # pyarrow raises several unrelated types for unreadable files
        raise InvalidInput(Problem("file", f"not a readable Parquet file: {exc}", source)) from exc


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a Parquet file jobscore wrote, as dictionaries of Python values."""
    rows: list[dict[str, Any]] = read_table(path).to_pylist()
    return rows


def insert_column(table: Any, position: int, name: str, values: Any) -> Any:
    """`table` with the column `name` (from a sequence or a numpy array) at `position`."""
    pa, _ = _pyarrow()
    return table.add_column(position, name, pa.array(values))


def write_table(table: Any, path: Path) -> None:
    """Write a `pyarrow.Table` as one zstd-compressed Parquet file."""
    _, parquet = _pyarrow()
    parquet.write_table(table, path, compression="zstd")


def write_text_columns(columns: dict[str, list[str | None]], rows: int, path: Path) -> None:
    """Write columns of text (None for a missing value), `rows` long, as one Parquet file."""
    pa, _ = _pyarrow()
    table = pa.table({name: pa.array(values, pa.string()) for name, values in columns.items()})
    if not columns:
        table = pa.table({"__empty": pa.array([None] * rows, pa.string())})
    write_table(table, path)


def _arrow_type(pa: Any, kind: str) -> Any:
    return {
        "text": pa.string(),
        "instant": pa.timestamp("us", tz="UTC"),
        "integer": pa.int64(),
        "number": pa.float64(),
        "flag": pa.bool_(),
    }[kind]


def typed_table(columns: Any, kinds: dict[str, str]) -> Any:
    """A `pyarrow.Table` of the columns named in `kinds`, each of its kind: `text`,
    `instant` (a UTC timestamp), `integer`, `number` or `flag`.

    `columns` is a mapping of column name to a list of Python values, or a `pyarrow.Table`
    as a database driver gave it, whose instants may be text (SQLite keeps them as
    `YYYY-MM-DD HH:MM:SS.ffffff` in UTC) and flags 0 or 1."""
    pa, _ = _pyarrow()
    if not isinstance(columns, pa.Table):
        return pa.table(
            {name: pa.array(columns[name], _arrow_type(pa, kind)) for name, kind in kinds.items()}
        )
    typed = {}
    for name, kind in kinds.items():
        column = columns.column(name)
        if kind == "instant" and pa.types.is_string(column.type):
            column = column.cast(pa.timestamp("us")).cast(pa.timestamp("us", tz="UTC"))
        elif kind == "instant" and column.type.tz is None:
            column = column.cast(pa.timestamp("us", tz="UTC"))
        typed[name] = column.cast(_arrow_type(pa, kind))
    return pa.table(typed)


def drop_marked_rows(table: Any, mark: str) -> Any:
    """`table` without the rows whose column `mark` is not 0, and without that column."""
    import pyarrow.compute as compute

    kept = table.filter(compute.equal(table.column(mark), 0))
    return kept.drop_columns([mark])
