"""The port every batch engine implements, and loading one by name without importing the others.

An engine reads the source files into a view named `raw_contracts`, runs SQL written in DuckDB's
dialect (translating it if it speaks another), and writes a query's rows to one Parquet file.
Everything else — validation, the scoring SQL, atomic output — is shared, in `run.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from pathlib import Path
from typing import Any, Protocol

from jobscore.batch.sources import Source
from jobscore.errors import EngineFailure, InvalidInput, MissingExtra, Problem
from jobscore.extras import EXTRAS, require

# EngineFailure lives in jobscore.errors; it is named here too, where engines have always
# found it.
__all__ = ["ENGINE_NAMES", "BatchEngine", "EngineFailure", "extra_for", "open_engine"]

#: Engine name -> (module, class, the extra that installs everything the engine needs).
_ENGINES: dict[str, tuple[str, str, str]] = {
    "duckdb": ("jobscore.batch.duckdb_engine", "DuckDBEngine", "duckdb"),
    "spark": ("jobscore.batch.spark_engine", "SparkEngine", "spark"),
}
ENGINE_NAMES = tuple(_ENGINES)


class BatchEngine(Protocol):
    name: str
    #: Whether a step the query reads several times (a CTE) is computed once; if not, the
    #: scoring SQL avoids reading its costliest step more than once.
    computes_shared_steps_once: bool

    def load(self, source: Source) -> Mapping[str, str]:
        """Expose the source as the view `raw_contracts`; return its column -> type name."""
        ...

    def execute(self, sql: str) -> None: ...

    def materialize(self, name: str, sql: str) -> None:
        """Compute `sql` once and keep its rows as the table (or cached view) `name`."""
        ...

    def forget(self, name: str) -> None:
        """Drop what `materialize` kept under `name`."""
        ...

    def query(self, sql: str) -> list[dict[str, Any]]: ...

    def write_parquet(self, sql: str, path: Path) -> None:
        """Write the rows of `sql` to one Parquet file at `path`."""
        ...

    def close(self) -> None: ...


def extra_for(name: str) -> str:
    """The extra that installs the engine `name`."""
    if name not in _ENGINES:
        raise InvalidInput(
            Problem("--engine", f"unknown engine {name!r}; choose one of: {', '.join(_ENGINES)}")
        )
    return _ENGINES[name][2]


def open_engine(name: str, **options: Any) -> BatchEngine:
    """An engine by name. Every module its extra brings is looked for first, so a missing one
    stops the run before any work with the install command of that engine's extra."""
    extra = extra_for(name)
    require(extra)
    module_name, class_name, _ = _ENGINES[name]
    try:
        module = import_module(module_name)
    except ImportError as exc:
        # Found by `require` but broken on import.
        top = (exc.name or "").split(".")[0]
        if top in EXTRAS[extra]:
            raise MissingExtra(top, extra) from exc
        raise
    engine: BatchEngine = getattr(module, class_name)(**options)
    return engine
