"""Named worlds: the default marketplace and variants built on other assumptions, so that a
policy is measured on worlds it was not tuned on.

Each variant changes one or a few of: the mean and spread of true quality, the share of
feedback without a private score, the mix of clients, how many contracts a freelancer gets,
how much quality moves, and whether hiring follows the displayed score. The default world
is `WorldConfig()` itself, so its figures stay those of the simulator's first report.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from jobscore.errors import InvalidInput, Problem

if TYPE_CHECKING:
    # The world module imports numpy: the names here are checked before it is loaded.
    from jobscore.simulate.world import WorldConfig

__all__ = ["DEFAULT_WORLD", "WORLDS", "NamedWorld", "world_config", "world_named"]

DEFAULT_WORLD = "default"


@dataclass(frozen=True, slots=True)
class NamedWorld:
    name: str
    about: str
    #: WorldConfig fields and their values in this world.
    changes: tuple[tuple[str, Any], ...] = ()
    #: Client kinds' shares; the kinds not named share the rest in their default ratio.
    shares: tuple[tuple[str, float], ...] = ()

    def config(self, seed: int) -> WorldConfig:
        from jobscore.simulate.world import WorldConfig

        config = replace(WorldConfig(), seed=seed, **dict(self.changes))
        return config.with_shares(**dict(self.shares)) if self.shares else config


WORLDS: tuple[NamedWorld, ...] = (
    NamedWorld(DEFAULT_WORLD, "the world `bayes` was tuned on"),
    NamedWorld(
        "lower-quality",
        "true quality ~ Beta(3, 1): mean 0.75, a wider spread",
        (("quality_beta", (3.0, 1.0)),),
    ),
    NamedWorld(
        "higher-quality",
        "true quality ~ Beta(18, 2): mean 0.9, a narrow spread",
        (("quality_beta", (18.0, 2.0)),),
    ),
    NamedWorld(
        "every-private",
        "every feedback carries a private score (none missing)",
        (("private_score_chance", 1.0),),
    ),
    NamedWorld(
        "few-private",
        "60% of feedback without a private score",
        (("private_score_chance", 0.4),),
    ),
    NamedWorld(
        "lenient-and-harsh",
        "30% lenient and 30% harsh clients",
        shares=(("lenient", 0.3), ("harsh", 0.3)),
    ),
    NamedWorld(
        "few-contracts",
        "clients hire 0.2 times a month instead of 0.5: fewer contracts per freelancer",
        (("jobs_per_client_month", 0.2),),
    ),
    NamedWorld(
        "drifting",
        "40% of freelancers drift, by steps twice as large, and 15% drop once",
        (("drift_share", 0.4), ("drift_step", 0.04), ("drop_share", 0.15)),
    ),
    NamedWorld(
        "random-hiring",
        "hiring does not follow the displayed score",
        (("hiring_follows_score", False),),
    ),
    NamedWorld(
        "elsewhere",
        "all at once: quality ~ Beta(3, 1), 60% of feedback without a private score, "
        "30% lenient and 30% harsh clients, hiring that does not follow the score",
        (
            ("quality_beta", (3.0, 1.0)),
            ("private_score_chance", 0.4),
            ("hiring_follows_score", False),
        ),
        (("lenient", 0.3), ("harsh", 0.3)),
    ),
)


def world_named(name: str) -> NamedWorld:
    for world in WORLDS:
        if world.name == name:
            return world
    names = ", ".join(w.name for w in WORLDS)
    raise InvalidInput(Problem("--world", f"{name!r} is not a world; use one of {names}"))


def world_config(name: str, seed: int) -> WorldConfig:
    """The configuration of the world called `name`, with `seed`."""
    return world_named(name).config(seed)
