"""One world measured: every policy's score of every freelancer, the ideal observer and the
"every outcome seen" bound beside them, and how each ranks, errs and is calibrated."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from jobscore.domain.facts import History
from jobscore.scoring.bayes.marketplace import fit_to_marketplace
from jobscore.scoring.bayes.policy import BAYES, BayesPolicy
from jobscore.scoring.bayes.prior import FittedPrior
from jobscore.scoring.bayes.scorer import score_bayes
from jobscore.scoring.upwork.policy import UPWORK, UPWORK_2015, UpworkPolicy
from jobscore.scoring.upwork.scorer import score_upwork
from jobscore.simulate.baselines import AverageStars, WilsonLowerBound
from jobscore.simulate.calibration import (
    CalibrationRow,
    CoverageRow,
    calibration_row,
    coverage_row,
)
from jobscore.simulate.ideal import QualityPosterior, every_outcome_seen, ideal_observer
from jobscore.simulate.metrics import TauRow, tau_row
from jobscore.simulate.world import World

__all__ = [
    "BOUND",
    "IDEAL",
    "POLICIES",
    "REFERENCES",
    "ROWS",
    "Scorer",
    "WorldResults",
    "score_world",
    "scorers",
    "share_of_the_way",
]

POLICIES = ("upwork", "upwork-2015", "bayes", "average-stars", "wilson")
IDEAL = "ideal observer"
BOUND = "every outcome seen"
#: Not policies: what the recorded data allows at best, and what every true outcome would.
REFERENCES = (IDEAL, BOUND)
ROWS = (*POLICIES, *REFERENCES)
#: The rows whose intervals are measured.
WITH_INTERVALS = ("bayes", IDEAL, BOUND)

Scorer = Callable[[History, datetime], float | None]


def _without_badges(policy: UpworkPolicy) -> UpworkPolicy:
    """The same scores with Top Rated out of reach, so that no weekly snapshots are computed:
    badges never change a score, and the simulator does not report them."""
    return policy.with_params(top_rated_min_score=101.0)


def scorers(bayes: BayesPolicy) -> dict[str, Scorer]:
    upwork, legacy = _without_badges(UPWORK), _without_badges(UPWORK_2015)
    return {
        "upwork": lambda h, at: score_upwork(h, upwork, at).score,
        "upwork-2015": lambda h, at: score_upwork(h, legacy, at).score,
        "bayes": lambda h, at: score_bayes(h, bayes, at, explain=False).score,
        "average-stars": AverageStars().score,
        "wilson": WilsonLowerBound().score,
    }


def share_of_the_way(tau: float | None, start: float | None, end: float | None) -> float | None:
    """How far `tau` has come from `start` (upwork's) to `end` (the ideal observer's)."""
    if tau is None or start is None or end is None or abs(end - start) < 1e-12:
        return None
    return (tau - start) / (end - start)


@dataclass(frozen=True, slots=True)
class WorldResults:
    world: World
    prior: FittedPrior
    market_stars_mean: float
    bayes: BayesPolicy
    #: Row (policy or reference) -> score of every freelancer, in the world's order.
    scores: dict[str, tuple[float | None, ...]]
    #: Row -> 80% interval of every freelancer, for the rows in WITH_INTERVALS.
    intervals: dict[str, tuple[tuple[float, float] | None, ...]]
    taus: tuple[TauRow, ...]
    calibration: tuple[CalibrationRow, ...]
    coverage: tuple[CoverageRow, ...]

    @property
    def lengths(self) -> tuple[int, ...]:
        return tuple(len(h.contracts) for h in self.world.histories)

    @property
    def truth(self) -> tuple[float, ...]:
        return tuple(f.true_quality for f in self.world.freelancers)

    def tau(self, row: str) -> TauRow:
        return next(r for r in self.taus if r.policy == row)

    def share_of_the_way(self, row: str) -> float | None:
        """`row`'s τ as clients see it, as a share of the way from upwork's to the ideal
        observer's."""
        return share_of_the_way(
            self.tau(row).tau_as_seen,
            self.tau("upwork").tau_as_seen,
            self.tau(IDEAL).tau_as_seen,
        )

    def calibrated(self, row: str) -> CalibrationRow:
        return next(r for r in self.calibration if r.policy == row)

    def covered(self, row: str) -> CoverageRow:
        return next(r for r in self.coverage if r.policy == row)


def _percent(
    posterior: QualityPosterior,
) -> tuple[tuple[float, ...], tuple[tuple[float, float], ...]]:
    scores = tuple(100.0 * m for m in posterior.mean)
    intervals = tuple(
        (100.0 * lo, 100.0 * hi) for lo, hi in zip(posterior.low, posterior.high, strict=True)
    )
    return scores, intervals


def score_world(world: World, bayes: BayesPolicy = BAYES) -> WorldResults:
    """Every freelancer under every policy, as of the world's end. `bayes` is first fitted to
    the marketplace: its clients' habits, mean stars, and the prior by empirical Bayes."""
    fit = fit_to_marketplace(world.histories, bayes, world.as_of)
    scores: dict[str, tuple[float | None, ...]] = {}
    intervals: dict[str, tuple[tuple[float, float] | None, ...]] = {}
    for name, scorer in scorers(fit.policy).items():
        if name == "bayes":
            results = [
                score_bayes(h, fit.policy, world.as_of, explain=False) for h in fit.histories
            ]
            scores[name] = tuple(r.score for r in results)
            intervals[name] = tuple(r.interval for r in results)
            continue
        scores[name] = tuple(scorer(h, world.as_of) for h in world.histories)
    scores[IDEAL], intervals[IDEAL] = _percent(ideal_observer(world))
    scores[BOUND], intervals[BOUND] = _percent(every_outcome_seen(world))
    truth = [f.true_quality for f in world.freelancers]
    lengths = [len(h.contracts) for h in world.histories]
    population = [n > 0 for n in lengths]
    return WorldResults(
        world,
        fit.prior,
        fit.market_stars_mean,
        fit.policy,
        scores,
        intervals,
        taus=tuple(tau_row(name, scores[name], truth, population) for name in ROWS),
        calibration=tuple(calibration_row(name, scores[name], truth, lengths) for name in ROWS),
        coverage=tuple(
            coverage_row(name, intervals[name], truth, lengths) for name in WITH_INTERVALS
        ),
    )
