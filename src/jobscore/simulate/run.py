"""Run the simulator: build the worlds, score every freelancer under every policy, measure.

The main world uses the configured client shares; the sweep rebuilds the world with the
same seed while harsh (then hostile) clients grow from 0 to 50% of all clients.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from jobscore.simulate.measure import (
    POLICIES,
    REFERENCES,
    ROWS,
    WorldResults,
    score_world,
    scorers,
)
from jobscore.simulate.metrics import (
    ErrorRow,
    NewcomerRow,
    TauRow,
    error_by_length,
    good_newcomers,
)
from jobscore.simulate.recovery import RecoveryRow, measure_recovery, reference_scorers
from jobscore.simulate.world import WorldConfig, generate_world
from jobscore.simulate.worlds import DEFAULT_WORLD

__all__ = [
    "POLICIES",
    "REFERENCES",
    "ROWS",
    "SWEEP_SHARES",
    "SimulationResults",
    "SweepPoint",
    "WorldResults",
    "run_simulation",
    "score_world",
    "steps_of",
]

SWEEP_SHARES = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
RECOVERY_HISTORIES = (1, 5, 20)


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
    #: The named world this is (`worlds.py`).
    world: str = DEFAULT_WORLD

    def tau(self, policy: str) -> TauRow:
        return self.main.tau(policy)

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
    world: str = DEFAULT_WORLD,
) -> SimulationResults:
    main = score_world(generate_world(config))
    advance("main world")
    truth, lengths = main.truth, main.lengths
    errors = tuple(error_by_length(n, main.scores[n], truth, lengths) for n in ROWS)
    newcomers = tuple(good_newcomers(n, main.scores[n], truth, lengths) for n in ROWS)
    probes = {**scorers(main.bayes), **reference_scorers(config)}
    recovery = tuple(
        measure_recovery(name, probes[name], jobs, config.start)
        for name in ROWS
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
    return SimulationResults(config, main, errors, newcomers, recovery, tuple(points), world)
