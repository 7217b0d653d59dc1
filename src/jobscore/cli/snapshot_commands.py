"""`jobscore snapshot`: score every freelancer of the store under each policy and record it.

Run it from cron (say weekly, for Top Rated's rule of 13 of the last 16 weekly snapshots) or
once by hand. It needs the `service` extra (the store) and the `duckdb` extra (the engine).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from jobscore.cli.common import JsonOption, emit_json, handle_errors, resolve_as_of
from jobscore.cli.store_commands import DatabaseOption
from jobscore.extras import require
from jobscore.store.factory import DEFAULT_DATABASE_URL, MEMORY_URL, make_store, require_sql

__all__ = ["snapshot"]

PoliciesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--policy",
        "-p",
        envvar="JOBSCORE_SNAPSHOT_POLICIES",
        help="a policy to score under, once per policy (default: every policy)",
    ),
]


@handle_errors
def snapshot(
    database: DatabaseOption = DEFAULT_DATABASE_URL,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="score as of this ISO date or instant (default: now, UTC)"),
    ] = None,
    policy: PoliciesOption = None,
    as_json: JsonOption = False,
) -> None:
    """Score every freelancer of the store with the batch engine and record one row per
    freelancer and policy; prints the time spent reading the store and scoring."""
    require("duckdb")
    if database.strip().lower() != MEMORY_URL:
        require_sql(database)
        require("service")  # the ADBC drivers that bring the rows across
        from jobscore.store.migrate import check_current

        check_current(database)
    from jobscore.service import Service, SystemClock
    from jobscore.service.snapshots import snapshot_run_json

    instant = resolve_as_of(as_of) if as_of is not None else None
    names = [name for given in policy or () for name in given.split(",") if name.strip()]
    service = Service(make_store(database), SystemClock())
    try:
        run = service.take_snapshot(instant, [name.strip() for name in names])
    finally:
        service.close()
    if as_json:
        emit_json(snapshot_run_json(run))
        return
    policies = ", ".join(run.policies)
    lines = [
        f"snapshot {run.run_id} as of {run.as_of:%Y-%m-%d %H:%M:%S} UTC: "
        f"{run.freelancers} freelancer{'s' * (run.freelancers != 1)} under {policies}, "
        f"{run.rows} row{'s' * (run.rows != 1)} recorded",
        f"  reading the store  {run.read_seconds:8.2f} s",
        f"  scoring            {run.score_seconds:8.2f} s",
        f"  saving the rows    {run.save_seconds:8.2f} s",
    ]
    for market in run.markets:
        fitted = (
            f"prior Beta({market.prior_alpha:.3f}, {market.prior_beta:.3f}) fitted by "
            f"{market.prior_source} on {market.fitted_freelancers} freelancers"
            if market.fitted_freelancers
            else f"the policy's prior: {market.prior_source}"
        )
        lines.append(
            f"  {market.policy}: marketplace mean stars {market.market_stars_mean:.3f}, {fitted}"
        )
    sys.stdout.write("\n".join(lines) + "\n")
