"""The embedded engine: DuckDB, in process. The only jobscore module that imports duckdb."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb

from jobscore.batch.sources import Source, SourceFormat
from jobscore.batch.staging_sql import RAW_VIEW
from jobscore.errors import EngineFailure, InvalidInput, Problem
from jobscore.extras import require

__all__ = ["DuckDBEngine"]


def _literal_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _literal(path: Path) -> str:
    return _literal_text(str(path))


def _header(source: Source) -> list[str]:
    """The first file's header row, as Python's csv module reads it (BOM and spaces removed)."""
    try:
        with source.files[0].open(newline="", encoding="utf-8-sig") as handle:
            header = next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InvalidInput(Problem("file", f"not a readable CSV file: {exc}", source.name)) from exc
    if not header:
        raise InvalidInput(Problem("file", "the file is empty; expected a header row", source.name))
    return [name.strip() for name in header]


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

    def load(self, source: Source) -> Mapping[str, str]:
        files = "[" + ", ".join(_literal(p) for p in source.files) + "]"
        if source.format is SourceFormat.CSV:
            # Text in, typed by the shared staging SQL: nothing to sniff, nothing guessed.
            columns = ", ".join(f"{_literal_text(name)}: 'VARCHAR'" for name in _header(source))
            reader = (
                f"read_csv({files}, header = true, auto_detect = false, delim = ',',"
                f" quote = '\"', escape = '\"', columns = {{{columns}}})"
            )
        else:
            reader = f"read_parquet({files}, union_by_name = true)"
        try:
            self._connection.execute(
                f"CREATE OR REPLACE TEMP VIEW {RAW_VIEW} AS SELECT * FROM {reader}"
            )
            described = self._connection.execute(f"DESCRIBE {RAW_VIEW}").fetchall()
        except duckdb.Error as exc:
            raise InvalidInput(
                Problem(
                    "file", f"not a readable {source.format} file: {_first_line(exc)}", source.name
                )
            ) from exc
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
            raise EngineFailure(f"DuckDB failed: {_first_line(exc)}") from exc


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
