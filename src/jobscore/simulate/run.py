"""Run the simulator: build the worlds, score every freelancer under every policy, measure.

The main world uses the configured client shares; the sweep rebuilds the world with the
same seed while harsh (then hostile) clients grow from 0 to 50% of all clients.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from jobscore.domain.facts import History
from jobscore.scoring.bayes.marketplace import fit_to_marketplace
from jobscore.scoring.bayes.policy import BAYES, BayesPolicy
from jobscore.scoring.bayes.prior import FittedPrior
from jobscore.scoring.bayes.scorer import score_bayes
from jobscore.scoring.upwork.policy import UPWORK, UPWORK_2015, UpworkPolicy
from jobscore.scoring.upwork.scorer import score_upwork
from jobscore.simulate.baselines import AverageStars, WilsonLowerBound
from jobscore.simulate.metrics import (
    ErrorRow,
    NewcomerRow,
    TauRow,
    error_by_length,
    good_newcomers,
    tau_row,
)
from jobscore.simulate.recovery import RecoveryRow, measure_recovery
from jobscore.simulate.world import World, WorldConfig, generate_world

__all__ = [
    "POLICIES",
    "SWEEP_SHARES",
    "SimulationResults",
    "SweepPoint",
    "WorldResults",
    "run_simulation",
    "steps_of",
]

POLICIES = ("upwork", "upwork-2015", "bayes", "average-stars", "wilson")
SWEEP_SHARES = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
RECOVERY_HISTORIES = (1, 5, 20)

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


@dataclass(frozen=True, slots=True)
class WorldResults:
    world: World
    prior: FittedPrior
    market_stars_mean: float
    bayes: BayesPolicy
    scores: dict[str, tuple[float | None, ...]]
    taus: tuple[TauRow, ...]

    @property
    def lengths(self) -> tuple[int, ...]:
        return tuple(len(h.contracts) for h in self.world.histories)


def score_world(world: World, bayes: BayesPolicy = BAYES) -> WorldResults:
    """Every freelancer under every policy, as of the world's end. `bayes` is first fitted to
    the marketplace: its clients' habits, mean stars, and the prior by empirical Bayes."""
    fit = fit_to_marketplace(world.histories, bayes, world.as_of)
    scores: dict[str, tuple[float | None, ...]] = {}
    for name, scorer in scorers(fit.policy).items():
        histories = fit.histories if name == "bayes" else world.histories
        scores[name] = tuple(scorer(h, world.as_of) for h in histories)
    truth = [f.true_quality for f in world.freelancers]
    population = [len(h.contracts) > 0 for h in world.histories]
    taus = tuple(tau_row(name, scores[name], truth, population) for name in POLICIES)
    return WorldResults(world, fit.prior, fit.market_stars_mean, fit.policy, scores, taus)


@dataclass(frozen=True, slots=True)
class SweepPoint:
    kind: str  # "harsh" or "hostile"
    share: float
    taus: tuple[TauRow, ...]

    def tau(self, policy: str) -> TauRow:
        return next(row for row in self.taus if row.policy == policy)


@dataclass(frozen=True, slots=True)
class SimulationResults:
    config: WorldConfig
    main: WorldResults
    errors: tuple[ErrorRow, ...]
    newcomers: tuple[NewcomerRow, ...]
    recovery: tuple[RecoveryRow, ...]
    sweep: tuple[SweepPoint, ...] = field(default=())

    def tau(self, policy: str) -> TauRow:
        return next(row for row in self.main.taus if row.policy == policy)

    def newcomer(self, policy: str) -> NewcomerRow:
        return next(row for row in self.newcomers if row.policy == policy)

    def sweep_tau(self, kind: str, share: float, policy: str) -> TauRow:
        point = next(p for p in self.sweep if p.kind == kind and abs(p.share - share) < 1e-9)
        return point.tau(policy)


def steps_of(sweep: tuple[float, ...]) -> int:
    """Progress steps: the main world, each sweep world, and the recovery probes."""
    zero = 1 if 0.0 in sweep else 0
    return 1 + 2 * len(sweep) - zero + 1


def run_simulation(
    config: WorldConfig,
    *,
    sweep: tuple[float, ...] = SWEEP_SHARES,
    advance: Callable[[str], None] = lambda _: None,
) -> SimulationResults:
    main = score_world(generate_world(config))
    advance("main world")
    truth = [f.true_quality for f in main.world.freelancers]
    lengths = main.lengths
    errors = tuple(error_by_length(n, main.scores[n], truth, lengths) for n in POLICIES)
    newcomers = tuple(good_newcomers(n, main.scores[n], truth, lengths) for n in POLICIES)
    probes = scorers(main.bayes)
    recovery = tuple(
        measure_recovery(name, probes[name], jobs, config.start)
        for name in POLICIES
        for jobs in RECOVERY_HISTORIES
    )
    advance("recovery")
    points: list[SweepPoint] = []
    zero: tuple[TauRow, ...] | None = None
    for kind, other in (("harsh", "hostile"), ("hostile", "harsh")):
        for share in sweep:
            if share == 0.0 and zero is not None:
                points.append(SweepPoint(kind, share, zero))
                continue
            shaped = config.with_shares(**{kind: share, other: 0.0})
            taus = score_world(generate_world(shaped)).taus
            if share == 0.0:
                zero = taus
            points.append(SweepPoint(kind, share, taus))
            advance(f"{kind} {share:.0%}")
    return SimulationResults(config, main, errors, newcomers, recovery, tuple(points))
