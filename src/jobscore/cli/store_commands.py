"""`jobscore db upgrade` and `jobscore import`: the store's schema, and history files into it.

`--database URL` names the store (`sqlite:///path/to/file.db`, `postgresql://...`); without
it, JOBSCORE_DATABASE_URL, else the SQLite file `jobscore.db` in the current directory.
SQLAlchemy and the drivers are loaded only when one of these commands runs.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from jobscore.cli.common import JsonOption, emit_json, handle_errors, stderr_console
from jobscore.errors import Conflict, RuleBroken
from jobscore.store.factory import DEFAULT_DATABASE_URL, MEMORY_URL, make_store, require_sql
from jobscore.store.importer import ImportSummary, import_history

__all__ = ["db_app", "import_file", "upgrade_database"]

DatabaseOption = Annotated[
    str,
    typer.Option(
        "--database",
        "-d",
        envvar="JOBSCORE_DATABASE_URL",
        help=f"the store: sqlite:///file.db or postgresql://... (default {DEFAULT_DATABASE_URL})",
    ),
]

db_app = typer.Typer(
    name="db",
    help="The store's database: bring its schema to this version of jobscore.",
    add_completion=False,
    pretty_exceptions_enable=False,
    invoke_without_command=True,
)


@db_app.callback()
def _db(ctx: typer.Context) -> None:
    # A bare `jobscore db` is someone finding their way, as a bare `jobscore` is.
    if ctx.invoked_subcommand is None:
        if text := ctx.get_help():
            typer.echo(text)
        raise typer.Exit()


@db_app.command("upgrade")
@handle_errors
def upgrade_database(
    database: DatabaseOption = DEFAULT_DATABASE_URL, as_json: JsonOption = False
) -> None:
    """Create the store's tables, or bring an older database to the latest schema."""
    require_sql(database)
    from jobscore.store.migrate import head_revision, upgrade

    before = upgrade(database)
    head = head_revision()
    if as_json:
        emit_json({"from_version": before, "version": head, "changed": before != head})
        return
    if before == head:
        typer.echo(f"the database is already at schema version {head}")
    else:
        was = "a new database" if before is None else f"version {before}"
        typer.echo(f"the database is at schema version {head} (was {was})")


def _summary_json(summary: ImportSummary) -> dict[str, Any]:
    return {
        "source": summary.source,
        "freelancers": summary.freelancers,
        "clients": summary.clients,
        "contracts": summary.contracts,
        "facts": summary.facts,
        "recorded": summary.recorded,
        "already_stored": summary.already_stored,
        "skipped": list(summary.skipped),
    }


def _summary_text(summary: ImportSummary) -> str:
    people = (
        f"{summary.contracts} contract{'s' * (summary.contracts != 1)}, "
        f"{summary.freelancers} freelancer{'s' * (summary.freelancers != 1)}, "
        f"{summary.clients} client{'s' * (summary.clients != 1)}"
    )
    if summary.recorded == 0:
        lines = [
            f"{summary.source}: nothing new; the store already holds every fact of it ({people})"
        ]
    else:
        lines = [
            f"{summary.source}: {summary.recorded} new fact{'s' * (summary.recorded != 1)} "
            f"recorded, {summary.already_stored} already in the store ({people})"
        ]
    lines += [f"  not imported: {what}" for what in summary.skipped]
    return "\n".join(lines)


@handle_errors
def import_file(
    history: Annotated[
        Path, typer.Argument(help="a history file: contracts.csv, .parquet, JSON rows or rich JSON")
    ],
    database: DatabaseOption = DEFAULT_DATABASE_URL,
    as_json: JsonOption = False,
) -> None:
    """Import a history file into the store as facts, once; a file breaking a rule is refused."""
    if database.strip().lower() != MEMORY_URL:
        require_sql(database)
        from jobscore.store.migrate import prepare

        prepare(database)
    store = make_store(database)
    # Only the command line reads the clock: the import is recorded now.
    recorded_at = datetime.now(UTC)
    try:
        summary = import_history(store, history, recorded_at)
    except (RuleBroken, Conflict):
        stderr_console().print(
            f"{history.name}: not imported; nothing of it was stored", markup=False
        )
        raise
    finally:
        store.close()
    if as_json:
        emit_json(_summary_json(summary))
    else:
        sys.stdout.write(_summary_text(summary) + "\n")
