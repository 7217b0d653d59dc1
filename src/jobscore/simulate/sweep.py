"""The sweep over named worlds: every policy, the ideal observer and the bound measured on
each world of `worlds.WORLDS`, for one or more seeds."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from jobscore.simulate.measure import ROWS, WorldResults, score_world
from jobscore.simulate.metrics import NewcomerRow, good_newcomers
from jobscore.simulate.targets import Target, bayes_targets
from jobscore.simulate.world import WorldConfig, generate_world
from jobscore.simulate.worlds import DEFAULT_WORLD, WORLDS, world_named

__all__ = ["WorldRun", "run_worlds"]


@dataclass(frozen=True, slots=True)
class WorldRun:
    name: str
    seed: int
    results: WorldResults
    newcomers: tuple[NewcomerRow, ...]

    def newcomer(self, row: str) -> NewcomerRow:
        return next(n for n in self.newcomers if n.policy == row)

    @property
    def targets(self) -> list[Target]:
        """bayes's bars; the gap to the ideal observer and the newcomers are held on the
        default world only."""
        held = (self.newcomer("bayes"), self.newcomer("upwork"))
        return bayes_targets(self.results, held if self.name == DEFAULT_WORLD else None)


def run_worlds(
    names: Sequence[str] | None = None,
    seeds: Sequence[int] = (1,),
    advance: Callable[[str], None] = lambda _: None,
    resize: Callable[[WorldConfig], WorldConfig] = lambda config: config,
) -> tuple[WorldRun, ...]:
    """Measure every world of `names` for every seed, in that order; `resize` may change each
    world's size (months, freelancers, clients) before it is built."""
    runs = []
    for name in names if names is not None else [w.name for w in WORLDS]:
        world = world_named(name)
        for seed in seeds:
            results = score_world(generate_world(resize(world.config(seed))))
            truth, lengths = results.truth, results.lengths
            newcomers = tuple(good_newcomers(r, results.scores[r], truth, lengths) for r in ROWS)
            runs.append(WorldRun(name, seed, results, newcomers))
            advance(f"{name}, seed {seed}")
    return tuple(runs)
