"""The embedded engine: DuckDB, in process. The only jobscore module that imports duckdb."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb

from jobscore.batch.sources import Source, SourceFormat, csv_column
from jobscore.batch.staging_sql import FILE_VIEW
from jobscore.errors import EngineFailure, InvalidInput, Problem
from jobscore.extras import require
from jobscore.io.text_files import ragged_row

__all__ = ["DuckDBEngine"]


def _literal_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _literal(path: Path) -> str:
    return _literal_text(str(path))


class DuckDBEngine:
    """DuckDB with a bounded memory and thread budget; spills to `temp_directory` if needed."""

    name = "duckdb"
    # A CTE read several times is materialized once.
    computes_shared_steps_once = True

    def __init__(
        self,
        threads: int | None = None,
        memory_limit: str | None = None,
        temp_directory: Path | None = None,
    ) -> None:
        require("duckdb")  # the rest of the extra is needed later, e.g. for `bayes` intervals
        # Output is sorted by the query itself; not preserving file order saves memory.
        config: dict[str, Any] = {
            "preserve_insertion_order": False,
            # A CTE read under several filters gets their disjunction pushed into it. The band
            # relations of `upwork_sql` together keep every row, so that filter would be
            # evaluated on every contract for nothing.
            "disabled_optimizers": "cte_filter_pusher",
        }
        if threads is not None:
            config["threads"] = threads
        if memory_limit is not None:
            config["memory_limit"] = memory_limit
        if temp_directory is not None:
            config["temp_directory"] = str(temp_directory)
        self._connection = duckdb.connect(config=config)
        self._source: Source | None = None

    def load(self, source: Source) -> Mapping[str, str]:
        self._source = source
        files = "[" + ", ".join(_literal(p) for p in source.files) + "]"
        if source.format is SourceFormat.ARROW:
            # Read in place, without a copy: DuckDB scans Arrow memory directly.
            for name, table in source.tables.items():
                self._connection.register(name, table)
            reader = f"({source.query})"
        elif source.format is SourceFormat.CSV:
            # Text in, typed by the shared staging SQL: nothing to sniff, nothing guessed.
            # Columns are read by position; the staging step names them from the header.
            columns = ", ".join(
                f"{_literal_text(csv_column(i))}: 'VARCHAR'" for i in range(len(source.header))
            )
            reader = (
                f"read_csv({files}, header = true, auto_detect = false, delim = ',',"
                f" quote = '\"', escape = '\"', columns = {{{columns}}})"
            )
        else:
            reader = f"read_parquet({files}, union_by_name = true)"
        try:
            self._connection.execute(
                f"CREATE OR REPLACE TEMP VIEW {FILE_VIEW} AS SELECT * FROM {reader}"
            )
            described = self._connection.execute(f"DESCRIBE {FILE_VIEW}").fetchall()
        except duckdb.Error as exc:
            raise self._unreadable(exc) from exc
        return {str(row[0]): str(row[1]) for row in described}

    def execute(self, sql: str) -> None:
        self._run(sql)

    def materialize(self, name: str, sql: str) -> None:
        self._run(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")

    def forget(self, name: str) -> None:
        self._run(f"DROP TABLE IF EXISTS {name}")

    def query(self, sql: str) -> list[dict[str, Any]]:
        cursor = self._run(sql)
        names = [d[0] for d in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def write_parquet(self, sql: str, path: Path) -> None:
        self._run(f"COPY ({sql}) TO {_literal(path)} (FORMAT parquet, COMPRESSION zstd)")

    def close(self) -> None:
        self._connection.close()

    def _run(self, sql: str) -> duckdb.DuckDBPyConnection:
        try:
            return self._connection.execute(sql)
        except duckdb.Error as exc:
            # The file is read as the query runs: a row it cannot read fails the query.
            if self._source is not None and _is_read_error(exc, self._source):
                raise self._unreadable(exc) from exc
            raise EngineFailure(f"DuckDB failed: {_first_line(exc)}") from exc

    def _unreadable(self, exc: duckdb.Error) -> InvalidInput:
        """The source file is at fault: say where, and what to do, as the reference does."""
        source = self._source
        assert source is not None
        text = str(exc)
        line = re.search(r"CSV Error on Line: (\d+)", text)
        counts = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text)
        if counts and line:
            columns, values = int(counts[1]), int(counts[2])
            # DuckDB stops counting a long row's values one past the header's.
            problem = ragged_row(source.name, int(line[1]), values, columns, exact=False)
            return InvalidInput(problem)
        where = int(line[1]) if line else None
        if "Invalid unicode" in text:
            detail = "is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in a spreadsheet)"
            return InvalidInput(Problem("file", detail, source.name, where))
        if source.format is SourceFormat.CSV:
            return InvalidInput(
                Problem(
                    "file",
                    f"is not a readable CSV file: {_csv_detail(text)}; quote a value holding"
                    " commas, quotes or line breaks, double a quote inside one, and end every"
                    " line the same way",
                    source.name,
                    where,
                )
            )
        detail = _first_line(exc).removeprefix("Invalid Input Error: ")
        return InvalidInput(
            Problem("file", f"is not a readable Parquet file: {detail}", source.name, where)
        )


def _is_read_error(exc: duckdb.Error, source: Source) -> bool:
    """Whether DuckDB failed reading the source (a CSV row, a Parquet file), not running SQL."""
    text = str(exc)
    if source.format is SourceFormat.CSV:
        return "CSV Error" in text or "CSV Parser" in text or "CSV File" in text
    return isinstance(exc, duckdb.InvalidInputException | duckdb.IOException) and any(
        str(path) in text for path in source.files
    )


def _csv_detail(text: str) -> str:
    """What DuckDB says is wrong with a CSV file, without its notes on its own options."""
    if "state machine" in text:
        return "its quotes or its line endings cannot be read"
    lines = [line.strip() for line in text.splitlines()]
    for line in lines[1:]:
        if line and not line.startswith(("Original Line:", "Possible")):
            return line.rstrip(".")
    return lines[0].removeprefix("Invalid Input Error: ").rstrip(".")


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
