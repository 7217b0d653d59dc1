"""The simulator's report: report.md with its tables, and PNG plots beside it.

Nothing in the output depends on the clock or the machine: PNGs carry no software or date
metadata, so the same seed writes the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from jobscore.simulate.metrics import LENGTH_BINS
from jobscore.simulate.recovery import MAX_RECOVERY_JOBS
from jobscore.simulate.run import POLICIES, SimulationResults

__all__ = ["key_table", "render_markdown", "write_report"]

HARSH_LIMIT = 0.05
NEWCOMER_FACTOR = 5.0


def _num(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}% ({part})" if whole else "—"


def key_table(results: SimulationResults) -> str:
    lines = [
        "| policy | scored | τ over those scored | τ as clients see it | mean abs. error "
        "| good newcomers below 80 | good newcomers with no score |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in results.main.taus:
        newcomer = results.newcomer(row.policy)
        lines.append(
            f"| {row.policy} | {row.covered}/{row.population} | {_num(row.tau_scored)} "
            f"| {_num(row.tau_as_seen)} | {_num(row.mean_abs_error, 1)} "
            f"| {_pct(newcomer.below_filter, newcomer.good_newcomers)} "
            f"| {_pct(newcomer.no_score, newcomer.good_newcomers)} |"
        )
    return "\n".join(lines)


def _swept(results: SimulationResults, share: float) -> float | None:
    """bayes's τ as clients see it with `share` harsh clients; None if not swept."""
    if not any(p.kind == "harsh" and abs(p.share - share) < 1e-9 for p in results.sweep):
        return None
    return results.sweep_tau("harsh", share, "bayes").tau_as_seen


def acceptance_lines(results: SimulationResults) -> list[str]:
    bayes, upwork = results.tau("bayes"), results.tau("upwork")
    nb, nu = results.newcomer("bayes"), results.newcomer("upwork")
    zero = _swept(results, 0.0)
    twenty = _swept(results, 0.2)
    loss = None if zero is None or twenty is None else zero - twenty
    ratio = (
        "bayes shows none"
        if nb.below_filter == 0
        else f"{nb.below_filter and nu.below_filter / nb.below_filter:.1f}×"
    )
    return [
        f"- Kendall τ, bayes vs upwork (as clients see the ranking): {_num(bayes.tau_as_seen)} "
        f"vs {_num(upwork.tau_as_seen)}; over those scored: {_num(bayes.tau_scored)} vs "
        f"{_num(upwork.tau_scored)}.",
        f"- Good newcomers shown below 80: bayes {nb.below_filter} of {nb.good_newcomers}, "
        f"upwork {nu.below_filter} of {nu.good_newcomers} (upwork ÷ bayes: {ratio}; "
        f"the bar is {NEWCOMER_FACTOR:g}×).",
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
    for policy in POLICIES:
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
        *acceptance_lines(results),
        "",
        "![Kendall τ by policy](tau.png)",
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
