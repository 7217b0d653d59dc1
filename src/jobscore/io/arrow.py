"""Parquet files through pyarrow: the only jobscore module that imports pyarrow.

pyarrow is loaded on the first call, so importing this module costs nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jobscore.errors import InvalidInput, MissingExtra, Problem

__all__ = [
    "HISTORY_FLAGS",
    "HISTORY_INSTANTS",
    "HISTORY_MONEY",
    "drop_marked_rows",
    "history_table",
    "insert_column",
    "read_rows",
    "read_table",
    "write_table",
    "write_text_columns",
]

#: History columns that hold an instant, an amount, a yes/no: in `history_table`'s input,
#: epoch microseconds (UTC), whole cents and 0/1.
HISTORY_INSTANTS = ("started_at", "ended_at", "last_payment_at", "feedback_at")
HISTORY_MONEY = ("earned", "refunded")
HISTORY_FLAGS = ("feedback_removed", "client_flagged")
_HISTORY_INTEGERS = ("paid_quarters", "private_score", "client_stars_given_count")
_HISTORY_NUMBERS = ("stars", "client_stars_given_mean")


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


def _money_from_cents(pa: Any, cents: Any) -> Any:
    """Whole cents as DECIMAL(18, 2): a decimal's stored integer is its value in cents, so the
    cents are taken as they are, exactly."""
    chunks = []
    for chunk in cents.cast(pa.int64()).chunks:
        whole = chunk.cast(pa.decimal128(38, 0))
        money = pa.decimal128(18, 2)
        chunks.append(pa.Array.from_buffers(money, len(whole), whole.buffers(), whole.null_count))
    return pa.chunked_array(chunks, pa.decimal128(18, 2))


def history_table(columns: Any) -> Any:
    """History columns typed as the batch engines read a Parquet file of them: instants as
    UTC timestamps, money as DECIMAL(18, 2), flags as booleans, text as text.

    `columns` is a `pyarrow.Table`, or a mapping of column name to a list of values, in which
    instants are epoch microseconds, amounts whole cents and flags 0 or 1 (what a database
    gives fastest); the columns it lacks are left out, as a file may leave them out."""
    pa, _ = _pyarrow()
    table = columns if isinstance(columns, pa.Table) else pa.table(dict(columns))
    typed = {}
    for name in table.column_names:
        column = table.column(name)
        if name in HISTORY_INSTANTS:
            column = column.cast(pa.int64()).cast(pa.timestamp("us", tz="UTC"))
        elif name in HISTORY_MONEY:
            column = _money_from_cents(pa, column)
        elif name in HISTORY_FLAGS:
            column = column.cast(pa.bool_())
        elif name in _HISTORY_INTEGERS:
            column = column.cast(pa.int64())
        elif name in _HISTORY_NUMBERS:
            column = column.cast(pa.float64())
        else:
            column = column.cast(pa.string())
        typed[name] = column
    return pa.table(typed)


def drop_marked_rows(table: Any, mark: str) -> Any:
    """`table` without the rows whose column `mark` is not 0, and without that column."""
    import pyarrow.compute as compute

    kept = table.filter(compute.equal(table.column(mark), 0))
    return kept.drop_columns([mark])
