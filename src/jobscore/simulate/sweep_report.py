"""The sweep's report: worlds.md, a table over worlds and one section per world."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jobscore.simulate.measure import BOUND, IDEAL, ROWS
from jobscore.simulate.report import coverage_table
from jobscore.simulate.sweep import WorldRun
from jobscore.simulate.worlds import WORLDS

__all__ = ["render_sweep", "summary_table", "world_table", "write_sweep"]


def _num(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _pct(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{100.0 * value:.{digits}f}%"


def summary_table(runs: Sequence[WorldRun]) -> str:
    """One row per world and seed: the τ of upwork, bayes and the references, and bayes's
    share of the way, interval coverage, calibration error and bars."""
    lines = [
        "| world | seed | upwork τ | bayes τ | ideal observer τ | every outcome seen τ "
        "| bayes: share of the way | bayes: 80% interval holds the truth "
        "| bayes: calibration error | bayes: bars met |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        r = run.results
        targets = run.targets
        met = sum(t.met for t in targets)
        lines.append(
            f"| {run.name} | {run.seed} | {_num(r.tau('upwork').tau_as_seen)} "
            f"| {_num(r.tau('bayes').tau_as_seen)} | {_num(r.tau(IDEAL).tau_as_seen)} "
            f"| {_num(r.tau(BOUND).tau_as_seen)} | {_pct(r.share_of_the_way('bayes'), 0)} "
            f"| {_pct(r.covered('bayes').share)} | {_num(r.calibrated('bayes').error, 1)} "
            f"| {met} of {len(targets)} |"
        )
    return "\n".join(lines)


def world_table(run: WorldRun) -> str:
    """Every policy and reference on one world."""
    r = run.results
    covered = {row.policy: row for row in r.coverage}
    lines = [
        "| policy | τ as clients see it | share of the way | mean abs. error "
        "| calibration error | newcomers' calibration error | 80% interval holds the truth "
        "| good newcomers below 80 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in ROWS:
        tau, calibration, newcomer = r.tau(name), r.calibrated(name), run.newcomer(name)
        cover = covered.get(name)
        lines.append(
            f"| {name} | {_num(tau.tau_as_seen)} | {_pct(r.share_of_the_way(name), 0)} "
            f"| {_num(tau.mean_abs_error, 1)} | {_num(calibration.error, 1)} "
            f"| {_num(calibration.newcomer_error, 1)} "
            f"| {'—' if cover is None else _pct(cover.share)} "
            f"| {newcomer.below_filter} of {newcomer.good_newcomers} |"
        )
    return "\n".join(lines)


def _world_section(run: WorldRun) -> list[str]:
    about = next(w.about for w in WORLDS if w.name == run.name)
    r = run.results
    world = r.world
    contracts = sum(len(h.contracts) for h in world.histories)
    return [
        f"## {run.name}, seed {run.seed}",
        "",
        f"{about[0].upper()}{about[1:]}. {len(world.freelancers)} freelancers, "
        f"{contracts} contracts; bayes's fitted prior Beta({r.prior.alpha:.2f}, "
        f"{r.prior.beta:.2f}).",
        "",
        world_table(run),
        "",
        "How often the 80% interval holds the truth, by history length:",
        "",
        coverage_table(r),
        "",
        *[
            f"- {'met' if t.met else 'NOT met'}: {t.name}: {t.measured} (the bar: {t.bar})."
            for t in run.targets
        ],
        "",
    ]


def render_sweep(runs: Sequence[WorldRun], command: str) -> str:
    names = list(dict.fromkeys(run.name for run in runs))
    worlds = [w for w in WORLDS if w.name in names]
    parts = [
        "# jobscore: every policy on every world",
        "",
        f"Produced by `{command}`.",
        "",
        "| world | what differs from the default |",
        "|---|---|",
        *[f"| {w.name} | {w.about} |" for w in worlds],
        "",
        "## bayes on every world",
        "",
        summary_table(runs),
        "",
        "τ is Kendall's τ-b with true quality as clients see the ranking (no score yet "
        "ranks last). The share of the way is (τ − upwork's τ) / (the ideal observer's τ − "
        "upwork's τ). The bars: τ at least half way from upwork to the ideal observer; the "
        "80% interval holds the truth for 75–85% of freelancers, and 70–90% at every "
        "history length; calibration error at most 5 points; and on the default world, τ "
        "within 0.05 of the ideal observer's and good newcomers shown below 80 at most a "
        "fifth as often as under upwork.",
        "",
    ]
    for run in runs:
        parts += _world_section(run)
    return "\n".join(parts)


def write_sweep(runs: Sequence[WorldRun], out: Path, command: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "worlds.md"
    path.write_text(render_sweep(runs, command), encoding="utf-8")
    return path
