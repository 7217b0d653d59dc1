"""`jobscore batch`: score every freelancer of a marketplace into one Parquet file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from jobscore.batch import ENGINE_NAMES, BatchSummary, score_marketplace
from jobscore.batch.engine import extra_for
from jobscore.cli.common import (
    AsOfOption,
    DecimalCommaOption,
    JsonOption,
    PolicyOption,
    console_for_tables,
    emit_json,
    handle_errors,
    progress_to_stderr,
    resolve_as_of,
    resolve_policy,
)
from jobscore.extras import require
from jobscore.instants import format_instant

__all__ = ["batch"]

ContractsArgument = Annotated[
    Path,
    typer.Argument(
        help="contracts as CSV, Parquet, a directory of Parquet files, or a JSON array of rows"
    ),
]
EngineOption = Annotated[
    str, typer.Option("--engine", "-e", help=f"{' or '.join(ENGINE_NAMES)} (default duckdb)")
]
OutOption = Annotated[Path, typer.Option("--out", "-o", help="the Parquet file to write")]
ThreadsOption = Annotated[
    int | None, typer.Option("--threads", min=1, help="DuckDB: worker threads (default: all cores)")
]
MemoryOption = Annotated[
    str | None, typer.Option("--memory-limit", help="DuckDB: memory budget, e.g. 2GB")
]


def _summary_json(summary: BatchSummary) -> dict[str, Any]:
    return {
        "out": str(summary.out),
        "engine": summary.engine,
        "policy": {"name": summary.policy, "version": summary.policy_version},
        "as_of": format_instant(summary.as_of),
        "computed_as_of": format_instant(summary.computed_as_of),
        "freelancers": summary.freelancers,
        "eligible": summary.eligible,
        "seconds": round(summary.seconds, 3),
        "notes": list(summary.notes),
    }


def _summary_table(summary: BatchSummary) -> Table:
    table = Table(title="Batch scoring", show_header=False)
    table.add_column("what", style="bold")
    table.add_column("value")
    table.add_row("written", str(summary.out))
    table.add_row("engine", summary.engine)
    table.add_row("policy", f"{summary.policy} {summary.policy_version}")
    table.add_row("as of", format_instant(summary.as_of))
    if summary.computed_as_of != summary.as_of:
        table.add_row("recalculated as of", format_instant(summary.computed_as_of))
    table.add_row("freelancers", f"{summary.freelancers:,}")
    table.add_row("with a score", f"{summary.eligible:,}")
    table.add_row("seconds", f"{summary.seconds:.2f}")
    for note in summary.notes:
        table.add_row("note", note)
    return table


@handle_errors
def batch(
    contracts: ContractsArgument,
    out: OutOption,
    engine: EngineOption = "duckdb",
    policy: PolicyOption = "upwork",
    as_of: AsOfOption = None,
    threads: ThreadsOption = None,
    memory_limit: MemoryOption = None,
    json: JsonOption = False,
    decimal_comma: DecimalCommaOption = False,
) -> None:
    """Score every freelancer of a marketplace and write one Parquet row per freelancer."""
    # The engine's whole extra, before anything is read (`bayes` needs scipy only at the end).
    require(extra_for(engine))
    options: dict[str, Any] = {}
    if engine == "duckdb":
        options = {"threads": threads, "memory_limit": memory_limit}
    chosen = resolve_policy(policy)
    instant = resolve_as_of(as_of)
    with progress_to_stderr(f"scoring {contracts.name} on {engine}"):
        summary = score_marketplace(
            contracts,
            out,
            policy=chosen,
            as_of=instant,
            engine=engine,
            engine_options=options,
            decimal_comma=decimal_comma,
        )
    if json:
        emit_json(_summary_json(summary))
    else:
        console_for_tables().print(_summary_table(summary))
