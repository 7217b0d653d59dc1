"""What `bayes` is held to on every simulated world, measured: each bar with the figure it is
compared with, and whether it is met."""

from __future__ import annotations

from dataclasses import dataclass

from jobscore.simulate.calibration import CoverageRow
from jobscore.simulate.measure import IDEAL, WorldResults
from jobscore.simulate.metrics import LENGTH_BINS, NewcomerRow

__all__ = [
    "CALIBRATION_LIMIT",
    "COVERAGE_BIN_RANGE",
    "COVERAGE_RANGE",
    "IDEAL_GAP_LIMIT",
    "MIN_BIN_FREELANCERS",
    "NEWCOMER_FACTOR",
    "SHARE_OF_THE_WAY",
    "Target",
    "bayes_targets",
    "judged_bins",
]

SHARE_OF_THE_WAY = 0.5
IDEAL_GAP_LIMIT = 0.05
COVERAGE_RANGE = (0.75, 0.85)
COVERAGE_BIN_RANGE = (0.70, 0.90)
CALIBRATION_LIMIT = 5.0
NEWCOMER_FACTOR = 5.0
#: The fewest freelancers a history-length bin is judged on. An interval that holds the truth
#: for exactly 80% of freelancers shows 70–90% in a bin of n with chance 95% when n ≥ 62
#: (two standard errors of a share, 2·√(0.8·0.2/n), are at most 10 points); in a bin of 22,
#: with chance 76%.
MIN_BIN_FREELANCERS = 62


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    measured: str
    bar: str
    met: bool


def judged_bins(cover: CoverageRow) -> list[tuple[str, float, int]]:
    """The history-length bins the bar is judged on, as (label, share, freelancers): the bins
    of `LENGTH_BINS` joined from the shortest histories on until each holds at least
    `MIN_BIN_FREELANCERS` freelancers; what is left too small at the end joins the last."""
    groups: list[tuple[int, int, float, int]] = []  # (first, last, held, freelancers)
    for label, low, high in LENGTH_BINS:
        share, count = cover.by_bin[label]
        held = (share or 0.0) * count
        if groups and groups[-1][3] < MIN_BIN_FREELANCERS:
            first, _, before, counted = groups[-1]
            groups[-1] = (first, high, before + held, counted + count)
        else:
            groups.append((low, high, held, count))
    if len(groups) > 1 and groups[-1][3] < MIN_BIN_FREELANCERS:
        first, _, held, count = groups[-2]
        _, last, more, counted = groups.pop()
        groups[-1] = (first, last, held + more, count + counted)
    out = []
    for low, high, held, count in groups:
        if count == 0:
            continue
        label = (
            f"{low}+"
            if high >= LENGTH_BINS[-1][2]
            else str(low)
            if low == high
            else f"{low}-{high}"
        )
        out.append((label, held / count, count))
    return out


def _pct(value: float) -> str:
    return f"{100.0 * value:.1f}%"


def bayes_targets(
    results: WorldResults, newcomers: tuple[NewcomerRow, NewcomerRow] | None = None
) -> list[Target]:
    """The bars for `bayes` on one world. `newcomers` (bayes's and upwork's good newcomers)
    and the gap to the ideal observer are held on the default world only: give them there."""
    out: list[Target] = []
    share = results.share_of_the_way("bayes")
    out.append(
        Target(
            "τ: share of the way from upwork to the ideal observer",
            "—" if share is None else f"{100.0 * share:.0f}%",
            f"at least {SHARE_OF_THE_WAY:.0%}",
            share is not None and share >= SHARE_OF_THE_WAY,
        )
    )
    bayes, ideal = results.tau("bayes").tau_as_seen, results.tau(IDEAL).tau_as_seen
    if newcomers is not None:
        gap = None if bayes is None or ideal is None else ideal - bayes
        out.append(
            Target(
                "τ: below the ideal observer's by",
                "—" if gap is None else f"{gap:.3f}",
                f"at most {IDEAL_GAP_LIMIT}",
                gap is not None and gap <= IDEAL_GAP_LIMIT,
            )
        )
    cover = results.covered("bayes")
    low, high = COVERAGE_RANGE
    out.append(
        Target(
            "80% interval holds the truth",
            "—" if cover.share is None else _pct(cover.share),
            f"{low:.0%}–{high:.0%}",
            cover.share is not None and low <= cover.share <= high,
        )
    )
    low, high = COVERAGE_BIN_RANGE
    worst = [
        f"{label}: {_pct(s)} ({n})" for label, s, n in judged_bins(cover) if not low <= s <= high
    ]
    out.append(
        Target(
            "80% interval holds the truth, by history length",
            ", ".join(worst) if worst else "every length inside",
            f"{low:.0%}–{high:.0%} for every length, in bins of "
            f"at least {MIN_BIN_FREELANCERS} freelancers",
            not worst,
        )
    )
    error = results.calibrated("bayes").error
    out.append(
        Target(
            "calibration error",
            "—" if error is None else f"{error:.1f} points",
            f"at most {CALIBRATION_LIMIT:g} points",
            error is not None and error <= CALIBRATION_LIMIT,
        )
    )
    if newcomers is not None:
        ours, theirs = newcomers
        out.append(
            Target(
                "good newcomers shown below 80",
                f"{ours.below_filter} of {ours.good_newcomers} "
                f"(upwork {theirs.below_filter} of {theirs.good_newcomers})",
                f"at most a fifth of upwork's ({theirs.below_filter / NEWCOMER_FACTOR:.1f})",
                ours.below_filter * NEWCOMER_FACTOR <= theirs.below_filter,
            )
        )
    return out
