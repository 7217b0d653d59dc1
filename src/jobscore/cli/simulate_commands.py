"""`jobscore simulate`: run the marketplace simulator and write its report."""

from __future__ import annotations

from collections.abc import Callable
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


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr_console(),
        transient=True,
    )


def _sizes(**sizes: int | None) -> Callable[[Any], Any]:
    """A function setting the sizes given on the command line on a world's configuration."""
    chosen = {name: value for name, value in sizes.items() if value is not None}
    return lambda config: replace(config, **chosen)


def _sweep(seed: int, seeds: int, out: Path, json: bool, resize: Callable[[Any], Any]) -> None:
    from jobscore.simulate.sweep import run_worlds
    from jobscore.simulate.sweep_report import write_sweep
    from jobscore.simulate.worlds import WORLDS

    chosen = list(range(seed, seed + seeds))
    with _progress() as progress:
        task = progress.add_task("worlds", total=len(WORLDS) * len(chosen))
        runs = run_worlds(
            seeds=chosen,
            advance=lambda label: progress.update(task, advance=1, description=label),
            resize=resize,
        )
    command = f"jobscore simulate --sweep --seed {seed}" + (
        f" --seeds {seeds}" if seeds > 1 else ""
    )
    path = write_sweep(runs, out, command)
    if json:
        emit_json(
            {
                "worlds": [
                    {
                        "world": run.name,
                        "seed": run.seed,
                        **_world_summary(run.results, run.newcomer),
                        "targets": [
                            {"name": t.name, "measured": t.measured, "bar": t.bar, "met": t.met}
                            for t in run.targets
                        ],
                    }
                    for run in runs
                ],
                "files": [str(path)],
            },
            float_places=None,
        )
        return
    table = Table(title=command)
    for column in ("world", "seed", "upwork τ", "bayes τ", "ideal τ", "share", "coverage"):
        table.add_column(column, justify="left" if column == "world" else "right")
    for run in runs:
        r = run.results
        share, cover = r.share_of_the_way("bayes"), r.covered("bayes").share
        table.add_row(
            run.name,
            str(run.seed),
            _cell(r.tau("upwork").tau_as_seen),
            _cell(r.tau("bayes").tau_as_seen),
            _cell(r.tau("ideal observer").tau_as_seen),
            "—" if share is None else f"{100 * share:.0f}%",
            "—" if cover is None else f"{100 * cover:.1f}%",
        )
    console_for_tables().print(table)
    stderr_console().print(f"Report written to {path}", markup=False)


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


@handle_errors
def simulate(
    seed: Annotated[int, typer.Option("--seed", help="the world's random seed")] = 1,
    out: Annotated[Path, typer.Option("--out", help="directory for report.md and plots")] = Path(
        "simulation"
    ),
    world: Annotated[
        str, typer.Option("--world", help="the named world to simulate (docs/evaluation.md)")
    ] = "default",
    sweep: Annotated[
        bool, typer.Option("--sweep", help="measure every named world; writes worlds.md")
    ] = False,
    seeds: Annotated[
        int, typer.Option("--seeds", min=1, help="with --sweep: how many seeds, from --seed on")
    ] = 1,
    months: Annotated[
        int | None, typer.Option("--months", min=2, help="months to run [world's: 36]")
    ] = None,
    freelancers: Annotated[
        int | None,
        typer.Option("--freelancers", min=2, help="freelancers at the start [world's: 400]"),
    ] = None,
    arrivals: Annotated[
        int | None,
        typer.Option("--arrivals", min=0, help="newcomers arriving each month [world's: 8]"),
    ] = None,
    clients: Annotated[
        int | None, typer.Option("--clients", min=1, help="number of clients [world's: 500]")
    ] = None,
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
    from jobscore.simulate.worlds import DEFAULT_WORLD, world_named

    shares = _shares(share or [])
    named = world_named(world)
    if sweep and (shares or world != DEFAULT_WORLD):
        raise InvalidInput(
            Problem("--sweep", "measures every named world: leave out --world and --share")
        )
    if out.exists() and not out.is_dir():
        raise InvalidInput(Problem("--out", "exists and is not a directory", str(out)))
    # The directory is made at the end: nothing on the way to it may be a file.
    existing = next(p for p in (out, *out.parents) if p.exists())
    if not existing.is_dir():
        raise InvalidInput(
            Problem("--out", f"{existing} is a file, so no directory can be made in it", str(out))
        )
    require("sim")
    resize = _sizes(
        months=months,
        initial_freelancers=freelancers,
        arrivals_per_month=arrivals,
        clients=clients,
    )
    if sweep:
        _sweep(seed, seeds, out, json, resize)
        return
    from jobscore.simulate.report import write_report
    from jobscore.simulate.run import SWEEP_SHARES, run_simulation, steps_of

    config = resize(named.config(seed))
    if shares:
        config = config.with_shares(**shares)
    with _progress() as progress:
        task = progress.add_task("simulating", total=steps_of(SWEEP_SHARES))
        results = run_simulation(
            config,
            advance=lambda label: progress.update(task, advance=1, description=label),
            world=named.name,
        )
    paths = write_report(results, out)
    if json:
        # Measurements keep every digit.
        emit_json({**_summary(results), "files": [str(p) for p in paths]}, float_places=None)
        return
    console = console_for_tables()
    title = f"jobscore simulate --seed {seed}" + (
        f" --world {world}" if world != DEFAULT_WORLD else ""
    )
    table = Table(title=title)
    for column in ("policy", "scored", "τ scored", "τ as seen", "good newcomers < 80", "no score"):
        table.add_column(column, justify="left" if column == "policy" else "right")
    for row in results.main.taus:
        newcomer = results.newcomer(row.policy)
        table.add_row(
            row.policy,
            f"{row.covered}/{row.population}",
            _cell(row.tau_scored),
            _cell(row.tau_as_seen),
            f"{newcomer.below_filter}/{newcomer.good_newcomers}",
            f"{newcomer.no_score}/{newcomer.good_newcomers}",
        )
    console.print(table)
    console.print(f"Report written to {paths[0]}", markup=False)
