"""Where a marketplace's contracts come from: a CSV file, a Parquet file, a directory of Parquet
files, the rows of a JSON array, or an Arrow table a store handed over.

A CSV file is checked for what every reader of it must agree on before an engine reads it
(UTF-8 text, a header row); its columns are then read by position, and named from the header
by the shared staging step. A JSON array is written as a Parquet file of text columns, which
the engines read like any other.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from jobscore.errors import InvalidInput, Problem
from jobscore.io.parquet_rows import parquet_files
from jobscore.io.text_files import csv_header

__all__ = ["Source", "SourceFormat", "arrow_source", "csv_column", "open_source"]


class SourceFormat(StrEnum):
    CSV = "csv"
    PARQUET = "parquet"
    #: `pyarrow.Table`s in memory, and a query of the history columns over them.
    ARROW = "arrow"


@dataclass(frozen=True, slots=True)
class Source:
    """The files an engine reads, all of one format, and the name errors cite."""

    format: SourceFormat
    files: tuple[Path, ...]
    name: str
    #: A CSV file's header, whose columns the engines read by position (`csv_column`).
    header: tuple[str, ...] = ()
    #: An ARROW source's tables by the names its query reads them by, and the query.
    tables: Mapping[str, Any] = field(default_factory=dict)
    query: str = ""


def arrow_source(tables: Mapping[str, Any], query: str, name: str) -> Source:
    """`pyarrow.Table`s and a query over them (by their names here) that gives the history
    columns, typed as a Parquet file of them would be."""
    return Source(SourceFormat.ARROW, (), name, tables=tables, query=query)


def csv_column(position: int) -> str:
    """The name an engine gives a CSV file's column at `position`, whatever its header says
    (two header names may differ only in case, or be blank)."""
    return f"_c{position}"


@contextmanager
def open_source(path: Path, *, decimal_comma: bool = False) -> Iterator[Source]:
    """The files `path` stands for, refusing what no engine could read. A JSON array is
    written to a temporary Parquet file, removed on leaving."""
    name = path.name
    if not path.exists():
        raise InvalidInput(Problem("path", f"no such file or directory: {path}", name))
    if path.is_dir():
        yield Source(SourceFormat.PARQUET, parquet_files(path), name)
        return
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield Source(SourceFormat.CSV, (path,), name, tuple(csv_header(path, name)))
    elif suffix == ".parquet":
        yield Source(SourceFormat.PARQUET, (path,), name)
    elif suffix == ".json":
        from jobscore.batch.json_rows import write_json_rows

        with tempfile.TemporaryDirectory(prefix="jobscore-") as tmp:
            staged = Path(tmp) / "rows.parquet"
            write_json_rows(path, staged, decimal_comma=decimal_comma)
            yield Source(SourceFormat.PARQUET, (staged,), name)
    else:
        raise InvalidInput(
            Problem(
                "path",
                f"unknown file type {suffix!r}; use .csv, .parquet, .json or a directory",
                name,
            )
        )
