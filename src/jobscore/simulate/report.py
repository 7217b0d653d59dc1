"""The simulator's report: report.md with its tables, and PNG plots beside it.

Nothing in the output depends on the clock or the machine: PNGs carry no software or date
metadata, so the same seed writes the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from jobscore.simulate.measure import BOUND, IDEAL, WorldResults
from jobscore.simulate.metrics import LENGTH_BINS, NewcomerRow
from jobscore.simulate.recovery import MAX_RECOVERY_JOBS
from jobscore.simulate.run import ROWS, SimulationResults
from jobscore.simulate.targets import MIN_BIN_FREELANCERS, bayes_targets, judged_bins
from jobscore.simulate.worlds import DEFAULT_WORLD, world_named

__all__ = [
    "calibration_table",
    "coverage_table",
    "key_table",
    "render_markdown",
    "target_lines",
    "write_report",
]

HARSH_LIMIT = 0.05


def _num(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}% ({part})" if whole else "—"


REFERENCE_LINES = (
    f"The last two rows are not policies. The {IDEAL} is each freelancer's exact posterior "
    "mean of true quality given everything recorded of every contract's end, computed with "
    "the simulator's own model (each client's true kind, how that kind ends, refunds, "
    "disputes and rates a good and a bad job, how often it is silent, the month's star "
    "inflation, and how quality is drawn, drifts and drops): the best any scorer can do with "
    f"that data, apart from what hiring tells. {BOUND.capitalize()} is the same posterior "
    "from the true outcome of every contract. The share of the way is (τ − upwork's τ) / "
    f"(the {IDEAL}'s τ − upwork's τ), as clients see the ranking.",
)
CALIBRATION_TEXT = (
    "Calibration error: freelancers in buckets of 10 points of shown score; in each bucket "
    "the gap |mean score − 100 × mean true quality|; the mean gap over buckets. Every mean "
    "counts a freelancer once per contract. Newcomers: 1 to 3 contracts. The interval is "
    "bayes's 80% credible interval, and the central 80% of the ideal observer's and the "
    "bound's posteriors."
)


def _share(value: float | None) -> str:
    return "—" if value is None else f"{100.0 * value:.0f}%"


def key_table(results: SimulationResults) -> str:
    lines = [
        "| policy | scored | τ over those scored | τ as clients see it "
        "| share of the way from upwork to the ideal observer | mean abs. error "
        "| good newcomers below 80 | good newcomers with no score |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in results.main.taus:
        newcomer = results.newcomer(row.policy)
        lines.append(
            f"| {row.policy} | {row.covered}/{row.population} | {_num(row.tau_scored)} "
            f"| {_num(row.tau_as_seen)} | {_share(results.main.share_of_the_way(row.policy))} "
            f"| {_num(row.mean_abs_error, 1)} "
            f"| {_pct(newcomer.below_filter, newcomer.good_newcomers)} "
            f"| {_pct(newcomer.no_score, newcomer.good_newcomers)} |"
        )
    return "\n".join(lines)


def calibration_table(results: WorldResults) -> str:
    """Calibration error overall and for newcomers, and how often the 80% interval holds
    the truth, for every row."""
    lines = [
        "| policy | calibration error | newcomers' calibration error "
        "| 80% interval holds the truth |",
        "|---|---|---|---|",
    ]
    held = {row.policy: row for row in results.coverage}
    for row in results.calibration:
        cover = held.get(row.policy)
        cell = "—" if cover is None else _share1(cover.share)
        lines.append(
            f"| {row.policy} | {_num(row.error, 1)} | {_num(row.newcomer_error, 1)} | {cell} |"
        )
    return "\n".join(lines)


def _share1(value: float | None) -> str:
    return "—" if value is None else f"{100.0 * value:.1f}%"


def coverage_table(results: WorldResults) -> str:
    """How often the 80% interval holds the truth, by history length; then in the bins the
    bar is judged on."""
    labels = [label for label, _, _ in LENGTH_BINS]
    lines = [
        "| policy | " + " | ".join(f"{label} contracts" for label in labels) + " |",
        "|---|" + "---|" * len(labels),
    ]
    for row in results.coverage:
        cells = [f"{_share1(row.by_bin[label][0])} ({row.by_bin[label][1]})" for label in labels]
        lines.append(f"| {row.policy} | " + " | ".join(cells) + " |")
    joined = "; ".join(
        f"{row.policy}: "
        + ", ".join(f"{label} {_share1(s)} ({n})" for label, s, n in judged_bins(row))
        for row in results.coverage
    )
    lines += [
        "",
        f"In the bins the bar is judged on, joined until each holds at least "
        f"{MIN_BIN_FREELANCERS} freelancers: {joined}.",
    ]
    return "\n".join(lines)


def _swept(results: SimulationResults, share: float) -> float | None:
    """bayes's τ as clients see it with `share` harsh clients; None if not swept."""
    if not any(p.kind == "harsh" and abs(p.share - share) < 1e-9 for p in results.sweep):
        return None
    return results.sweep_tau("harsh", share, "bayes").tau_as_seen


def target_lines(
    results: WorldResults, newcomers: tuple[NewcomerRow, NewcomerRow] | None
) -> list[str]:
    return [
        f"- {'met' if t.met else 'NOT met'}: {t.name}: {t.measured} (the bar: {t.bar})."
        for t in bayes_targets(results, newcomers)
    ]


def acceptance_lines(results: SimulationResults) -> list[str]:
    bayes, upwork = results.tau("bayes"), results.tau("upwork")
    ideal = results.tau(IDEAL)
    zero = _swept(results, 0.0)
    twenty = _swept(results, 0.2)
    loss = None if zero is None or twenty is None else zero - twenty
    # The gap to the ideal observer and the newcomers are held on the default world only.
    newcomers = (
        (results.newcomer("bayes"), results.newcomer("upwork"))
        if results.world == DEFAULT_WORLD
        else None
    )
    return [
        f"- Kendall τ as clients see the ranking: bayes {_num(bayes.tau_as_seen)}, upwork "
        f"{_num(upwork.tau_as_seen)}, the ideal observer {_num(ideal.tau_as_seen)}; over "
        f"those scored: bayes {_num(bayes.tau_scored)}, upwork {_num(upwork.tau_scored)}.",
        *target_lines(results.main, newcomers),
        f"- τ of bayes with 0% and 20% harsh clients: {_num(zero)} and {_num(twenty)} "
        f"(lost {_num(loss)}; the bar is at most {HARSH_LIMIT}).",
    ]


def _world_lines(results: SimulationResults) -> list[str]:
    config, main = results.config, results.main
    world = main.world
    shares = ", ".join(f"{kind} {share:.0%}" for kind, share in config.client_shares)
    newcomers = sum(1 for f in world.freelancers if f.newcomer)
    contracts = sum(len(h.contracts) for h in world.histories)
    return [
        f"- The {results.world} world ({world_named(results.world).about}).",
        f"- Seed {config.seed}; {config.months} months from {config.start:%Y-%m-%d}, scored "
        f"as of {world.as_of:%Y-%m-%d}.",
        f"- {len(world.freelancers)} freelancers ({config.initial_freelancers} at the start, "
        f"{newcomers} arriving over time; {config.drift_share:.0%} drift, "
        f"{config.drop_share:.0%} drop once), {config.clients} clients ({shares}), "
        f"{contracts} contracts.",
        f"- True quality at arrival ~ Beta{config.quality_beta}; hiring picks the best of "
        f"{config.candidates_per_job} candidates by displayed score plus noise.",
        f"- bayes fitted to this marketplace: prior Beta({main.prior.alpha:.2f}, "
        f"{main.prior.beta:.2f}) (mean {100 * main.prior.mean:.1f}, worth "
        f"{main.prior.strength:.1f} contracts, {main.prior.describe()}); mean public stars "
        f"{main.market_stars_mean:.2f}.",
        f"- The population for τ is the {main.taus[0].population} freelancers with at least "
        "one contract.",
    ]


def _error_table(results: SimulationResults) -> list[str]:
    labels = [label for label, _, _ in LENGTH_BINS]
    lines = [
        "| policy | " + " | ".join(f"{label} contracts" for label in labels) + " |",
        "|---|" + "---|" * len(labels),
    ]
    for row in results.errors:
        cells = []
        for label in labels:
            error, scored, count = row.by_bin[label]
            cells.append(f"{_num(error, 1)} ({scored}/{count})")
        lines.append(f"| {row.policy} | " + " | ".join(cells) + " |")
    return lines


def _recovery_table(results: SimulationResults) -> list[str]:
    lines = [
        "| policy | good jobs before | score before | after the bad job | points lost "
        "| good jobs to recover |",
        "|---|---|---|---|---|---|",
    ]
    for row in results.recovery:
        jobs = row.jobs_to_recover
        shown = (
            f"> {MAX_RECOVERY_JOBS}" if jobs is not None and jobs > MAX_RECOVERY_JOBS else str(jobs)
        )
        lines.append(
            f"| {row.policy} | {row.jobs_before} | {_num(row.before, 1)} | {_num(row.after, 1)} "
            f"| {_num(row.points_lost, 1)} | {shown} |"
        )
    return lines


def _sweep_table(results: SimulationResults, kind: str) -> list[str]:
    shares = sorted({p.share for p in results.sweep if p.kind == kind})
    lines = [
        "| policy | " + " | ".join(f"{kind} {s:.0%}" for s in shares) + " |",
        "|---|" + "---|" * len(shares),
    ]
    for policy in ROWS:
        cells = []
        for share in shares:
            row = results.sweep_tau(kind, share, policy)
            cells.append(f"{_num(row.tau_as_seen)} / {_num(row.tau_scored)}")
        lines.append(f"| {policy} | " + " | ".join(cells) + " |")
    return lines


def render_markdown(results: SimulationResults) -> str:
    parts = [
        "# jobscore simulation report",
        "",
        "## The world",
        "",
        *_world_lines(results),
        "",
        "## Key results",
        "",
        key_table(results),
        "",
        "τ is Kendall's τ-b between a policy's score and true quality. \"As clients see it\" "
        'ranks a freelancer with no score yet below every score; "over those scored" leaves '
        "them out. Good newcomers: true quality ≥ 0.9 and at most 3 contracts. Mean absolute "
        "error is |score − 100 × true quality| over those scored.",
        "",
        *REFERENCE_LINES,
        "",
        *acceptance_lines(results),
        "",
        "![Kendall τ by policy](tau.png)",
        "",
        "## Calibration",
        "",
        CALIBRATION_TEXT,
        "",
        calibration_table(results.main),
        "",
        "How often the 80% interval holds the truth, by history length (freelancers in the bin):",
        "",
        coverage_table(results.main),
        "",
        "## Error against true quality by history length",
        "",
        "Mean |score − 100 × true quality| (scored / freelancers in the bin).",
        "",
        *_error_table(results),
        "",
        "![Error by history length](error_by_length.png)",
        "",
        "## One bad job: points lost and jobs to recover",
        "",
        "A controlled history: good $500 jobs one a month with new clients, then one bad job "
        "(private 3, 2 stars, ended for quality), then good jobs until the score is back within "
        "1 point of where it was (90 when there was no score before).",
        "",
        *_recovery_table(results),
        "",
        "![Points lost after one bad job](recovery.png)",
        "",
        "## Harsh and hostile clients",
        "",
        "τ as clients see it / over those scored, as one kind grows from 0 to 50% of clients "
        "(the other kinds keep their ratio; the other of harsh/hostile is 0).",
        "",
        *_sweep_table(results, "harsh"),
        "",
        *_sweep_table(results, "hostile"),
        "",
        "![τ as harsh and hostile clients grow](sweep.png)",
        "",
    ]
    return "\n".join(parts)


def write_report(results: SimulationResults, out: Path) -> list[Path]:
    """Write report.md and the plots into `out` (created if needed); return the paths."""
    from jobscore.simulate.plots import write_plots

    out.mkdir(parents=True, exist_ok=True)
    report = out / "report.md"
    report.write_text(render_markdown(results), encoding="utf-8")
    return [report, *write_plots(results, out)]
