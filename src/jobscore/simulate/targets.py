"""What `bayes` is held to on every simulated world, measured: each bar with the figure it is
compared with, and whether it is met."""

from __future__ import annotations

from dataclasses import dataclass

from jobscore.simulate.measure import IDEAL, WorldResults
from jobscore.simulate.metrics import NewcomerRow

__all__ = [
    "CALIBRATION_LIMIT",
    "COVERAGE_BIN_RANGE",
    "COVERAGE_RANGE",
    "IDEAL_GAP_LIMIT",
    "NEWCOMER_FACTOR",
    "SHARE_OF_THE_WAY",
    "Target",
    "bayes_targets",
]

SHARE_OF_THE_WAY = 0.5
IDEAL_GAP_LIMIT = 0.05
COVERAGE_RANGE = (0.75, 0.85)
COVERAGE_BIN_RANGE = (0.70, 0.90)
CALIBRATION_LIMIT = 5.0
NEWCOMER_FACTOR = 5.0


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    measured: str
    bar: str
    met: bool


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
    shares = [(label, s) for label, (s, n) in cover.by_bin.items() if s is not None and n > 0]
    worst = [f"{label}: {_pct(s)}" for label, s in shares if not low <= s <= high]
    out.append(
        Target(
            "80% interval holds the truth, by history length",
            ", ".join(worst) if worst else "every length inside",
            f"{low:.0%}–{high:.0%} for every length",
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
