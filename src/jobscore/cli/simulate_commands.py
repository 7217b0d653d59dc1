"""`jobscore simulate`: run the marketplace simulator and write its report."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from jobscore.cli.common import console_for_tables, emit_json, handle_errors, stderr_console
from jobscore.errors import InvalidInput, Problem
from jobscore.extras import require

__all__ = ["simulate"]


def _shares(values: list[str]) -> dict[str, float]:
    kinds = ("honest", "lenient", "harsh", "hostile", "silent")
    out: dict[str, float] = {}
    for text in values:
        kind, _, share = text.partition("=")
        try:
            value = float(share)
        except ValueError:
            value = -1.0
        if kind not in kinds or not 0.0 <= value <= 1.0:
            raise InvalidInput(
                Problem(
                    field="--share",
                    message=f"{text!r}: use KIND=SHARE with KIND one of {', '.join(kinds)} "
                    "and SHARE between 0 and 1 (e.g. harsh=0.2)",
                )
            )
        out[kind] = value
    if sum(out.values()) > 1.0:
        given = ", ".join(f"{kind}={value:g}" for kind, value in out.items())
        raise InvalidInput(
            Problem(
                field="--share",
                message=f"{given}: the shares add up to more than 1; the kinds not named "
                "share what is left",
            )
        )
    return out


def _world_summary(main: Any, newcomer: Any) -> dict[str, Any]:
    """Every policy's and reference's figures on one world."""
    from jobscore.simulate.measure import POLICIES

    covered = {row.policy: row for row in main.coverage}

    def row_of(name: str) -> dict[str, Any]:
        tau = main.tau(name)
        calibration = main.calibrated(name)
        out: dict[str, Any] = {
            "scored": tau.covered,
            "population": tau.population,
            "tau_scored": tau.tau_scored,
            "tau_as_seen": tau.tau_as_seen,
            "share_of_the_way": main.share_of_the_way(name),
            "mean_abs_error": tau.mean_abs_error,
            "calibration_error": calibration.error,
            "newcomer_calibration_error": calibration.newcomer_error,
        }
        if newcomer is not None:
            out |= {
                "good_newcomers": newcomer(name).good_newcomers,
                "good_newcomers_below_80": newcomer(name).below_filter,
                "good_newcomers_no_score": newcomer(name).no_score,
            }
        if name in covered:
            out["interval_coverage"] = covered[name].share
            out["interval_coverage_by_length"] = {
                label: share for label, (share, _) in covered[name].by_bin.items()
            }
        return out

    return {
        "policies": {name: row_of(name) for name in POLICIES},
        "references": {
            row.policy: row_of(row.policy) for row in main.taus if row.policy not in POLICIES
        },
    }


def _summary(results: Any) -> dict[str, Any]:
    return {
        "seed": results.config.seed,
        "freelancers": len(results.main.world.freelancers),
        "prior": {"alpha": results.main.prior.alpha, "beta": results.main.prior.beta},
        **_world_summary(results.main, results.newcomer),
        "sweep": [
            {
                "kind": p.kind,
                "share": p.share,
                "tau_as_seen": {r.policy: r.tau_as_seen for r in p.taus},
            }
            for p in results.sweep
        ],
    }


@handle_errors
def simulate(
    seed: Annotated[int, typer.Option("--seed", help="the world's random seed")] = 1,
    out: Annotated[Path, typer.Option("--out", help="directory for report.md and plots")] = Path(
        "simulation"
    ),
    months: Annotated[int, typer.Option("--months", min=2, help="months to run")] = 36,
    freelancers: Annotated[
        int, typer.Option("--freelancers", min=2, help="freelancers at the start")
    ] = 400,
    arrivals: Annotated[
        int, typer.Option("--arrivals", min=0, help="newcomers arriving each month")
    ] = 8,
    clients: Annotated[int, typer.Option("--clients", min=1, help="number of clients")] = 500,
    share: Annotated[
        list[str] | None,
        typer.Option("--share", help="client kind share, e.g. harsh=0.2 (repeatable)"),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="print the summary as JSON")] = False,
) -> None:
    """Simulate a marketplace and measure every policy against the hidden truth."""
    # Everything that can stop the run is checked before it starts, not after minutes of
    # simulating: the options, where the report goes, and every module of the extra
    # (matplotlib draws only at the end).
    shares = _shares(share or [])
    if out.exists() and not out.is_dir():
        raise InvalidInput(Problem("--out", "exists and is not a directory", str(out)))
    # The directory is made at the end: nothing on the way to it may be a file.
    existing = next(p for p in (out, *out.parents) if p.exists())
    if not existing.is_dir():
        raise InvalidInput(
            Problem("--out", f"{existing} is a file, so no directory can be made in it", str(out))
        )
    require("sim")
    from jobscore.simulate.report import write_report
    from jobscore.simulate.run import SWEEP_SHARES, run_simulation, steps_of
    from jobscore.simulate.world import WorldConfig

    config = replace(
        WorldConfig(),
        seed=seed,
        months=months,
        initial_freelancers=freelancers,
        arrivals_per_month=arrivals,
        clients=clients,
    )
    if shares:
        config = config.with_shares(**shares)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr_console(),
        transient=True,
    ) as progress:
        task = progress.add_task("simulating", total=steps_of(SWEEP_SHARES))
        results = run_simulation(
            config,
            advance=lambda label: progress.update(task, advance=1, description=label),
        )
    paths = write_report(results, out)
    if json:
        # Measurements keep every digit.
        emit_json({**_summary(results), "files": [str(p) for p in paths]}, float_places=None)
        return
    console = console_for_tables()
    table = Table(title=f"jobscore simulate --seed {seed}")
    for column in ("policy", "scored", "τ scored", "τ as seen", "good newcomers < 80", "no score"):
        table.add_column(column, justify="left" if column == "policy" else "right")
    for row in results.main.taus:
        newcomer = results.newcomer(row.policy)
        table.add_row(
            row.policy,
            f"{row.covered}/{row.population}",
            "—" if row.tau_scored is None else f"{row.tau_scored:.3f}",
            "—" if row.tau_as_seen is None else f"{row.tau_as_seen:.3f}",
            f"{newcomer.below_filter}/{newcomer.good_newcomers}",
            f"{newcomer.no_score}/{newcomer.good_newcomers}",
        )
    console.print(table)
    console.print(f"Report written to {paths[0]}", markup=False)
