"""Score every freelancer of a marketplace on one engine and write the result atomically.

`score_marketplace` is what `jobscore batch` runs: resolve the files, let the engine read them,
refuse malformed input before anything is written, run the policy's SQL, and move the finished
Parquet file into place only once it is complete.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from time import perf_counter
from typing import Any

from jobscore.batch.engine import BatchEngine, EngineFailure, open_engine
from jobscore.batch.intervals import add_intervals
from jobscore.batch.sources import Source, open_source
from jobscore.batch.validate import refuse_bad_contract_ids, refuse_broken_rows, stage_input
from jobscore.errors import InvalidInput, Problem
from jobscore.scoring.catalog import CATALOG
from jobscore.scoring.result import Policy
from jobscore.scoring.sql import INVALID, SqlPlan, quote

__all__ = ["BatchSummary", "score_marketplace"]

RESULT_TABLE = "batch_result"


@dataclass(frozen=True, slots=True)
class BatchSummary:
    out: Path
    engine: str
    policy: str
    policy_version: str
    as_of: datetime
    computed_as_of: datetime
    freelancers: int
    eligible: int
    seconds: float
    #: What was read without refusing the file: columns ignored, blank rows skipped.
    notes: tuple[str, ...] = ()


def score_marketplace(
    contracts: Path,
    out: Path,
    *,
    policy: Policy,
    as_of: datetime,
    engine: str | BatchEngine = "duckdb",
    engine_options: dict[str, Any] | None = None,
    decimal_comma: bool = False,
) -> BatchSummary:
    """Score `contracts` (CSV, Parquet, a directory of Parquet, or a JSON array of rows) into
    `out` (Parquet). With `decimal_comma`, amounts and decimals written as text use a comma
    before the decimals ("1.700,50")."""
    started = perf_counter()
    _check_out(contracts, out)
    with open_source(contracts, decimal_comma=decimal_comma) as source:
        runner = (
            open_engine(engine, **(engine_options or {})) if isinstance(engine, str) else engine
        )
        try:
            plan = CATALOG.sql_plan(policy, as_of, runner.computes_shared_steps_once)
            with _forgetting(runner, RESULT_TABLE):
                notes = _score(runner, source, plan, decimal_comma)
                counts = runner.query(
                    "SELECT COUNT(*) AS freelancers,"
                    f" COUNT(CASE WHEN eligible THEN 1 END) AS eligible FROM {RESULT_TABLE}"
                )[0]
                _write_atomically(runner, plan, out)
        finally:
            if isinstance(engine, str):
                runner.close()
    return BatchSummary(
        out=out,
        engine=runner.name,
        policy=policy.name,
        policy_version=policy.version,
        as_of=as_of,
        computed_as_of=plan.computed_as_of,
        freelancers=int(counts["freelancers"]),
        eligible=int(counts["eligible"]),
        seconds=perf_counter() - started,
        notes=notes,
    )


@contextmanager
def _forgetting(engine: BatchEngine, table: str) -> Iterator[None]:
    """Forget `table` on leaving, also when the input was refused: an engine handed in lives
    on (a Spark session keeps what it caches). A failure to forget does not hide the error
    that ended the run."""
    try:
        yield
    except BaseException:
        with suppress(Exception):
            engine.forget(table)
        raise
    engine.forget(table)


def _check_out(contracts: Path, out: Path) -> None:
    """`out` must be a file that can be written, and not the input."""
    if out.is_dir():
        raise InvalidInput(
            Problem("--out", "is a directory; give the Parquet file to write", str(out))
        )
    if not out.parent.is_dir():
        raise InvalidInput(Problem("--out", f"no such directory: {out.parent}", str(out)))
    if out.exists() and contracts.exists() and out.resolve() == contracts.resolve():
        raise InvalidInput(
            Problem("--out", "is the input file; write the scores to another file", str(out))
        )


def _score(
    engine: BatchEngine, source: Source, plan: SqlPlan, decimal_comma: bool
) -> tuple[str, ...]:
    """Score into the result table, refusing the input if any row breaks a check; return the
    notes on what was read.

    Checking rides along with scoring (one scan): only when a row is broken does a second
    pass look for the details to report."""
    schema = engine.load(source)
    staged = stage_input(engine, source, schema, decimal_comma)
    engine.materialize(RESULT_TABLE, plan.sql)
    broken = engine.query(f"SELECT COALESCE(SUM({INVALID}), 0) AS n FROM {RESULT_TABLE}")[0]["n"]
    if broken:
        refuse_broken_rows(engine, source, staged)
        raise EngineFailure("scoring found rows breaking a check that the detailed search missed")
    blank = refuse_bad_contract_ids(engine, source, staged)
    if blank:
        return (*staged.notes, f"skipped {blank} blank row{'s' * (blank != 1)}")
    return staged.notes


def _write_atomically(engine: BatchEngine, plan: SqlPlan, out: Path) -> None:
    """Write next to `out`, finish every step, then rename: `out` is whole or untouched."""
    temporary = out.with_name(f".{out.name}.{uuid.uuid4().hex}.tmp")
    columns = ", ".join(quote(c) for c in plan.columns)
    try:
        engine.write_parquet(
            f"SELECT {columns} FROM {RESULT_TABLE} ORDER BY freelancer_id", temporary
        )
        if plan.interval_mass is not None:
            add_intervals(temporary, plan)
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)
