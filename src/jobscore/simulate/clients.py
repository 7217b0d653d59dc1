"""How each kind of simulated client ends a contract and rates the freelancer.

Kinds: honest clients rate what happened; lenient ones soften bad news; harsh ones
rate everything lower; hostile ones rate everyone badly whatever happened; silent ones mostly
leave no feedback at all. Public stars inflate with time (`inflation` 0 → 1 squeezes every
raw rating toward 5), private scores do not: that gap is the inflation `bayes` corrects for.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from jobscore.domain.enums import DisputeResult, EndReason

if TYPE_CHECKING:
    # For annotations only: numpy is imported by `world`, which hands its generator in.
    import numpy as np

__all__ = [
    "BAD_END_REASONS",
    "DEFAULT_FEEDBACK_CHANCE",
    "DISPUTE_CHANCE",
    "DISPUTE_LOST_CHANCE",
    "FEEDBACK_CHANCE",
    "HOSTILE_BLAME_CHANCE",
    "PARTIAL_REFUND_CHANCE",
    "PARTIAL_REFUND_SHARE",
    "PRIVATE_SCORE_CHANCE",
    "RAW_STARS",
    "REFUND_TO_AVOID_FEEDBACK",
    "ClientKind",
    "Ending",
    "end_contract",
    "private_scores",
    "public_stars",
]


class ClientKind(StrEnum):
    HONEST = "honest"
    LENIENT = "lenient"
    HARSH = "harsh"
    HOSTILE = "hostile"
    SILENT = "silent"


@dataclass(frozen=True, slots=True)
class Ending:
    """What a client does when a contract ends."""

    end_reason: EndReason
    stars: float | None
    private_score: int | None
    dispute: DisputeResult | None
    refund_share: float


#: Private scores by kind and outcome: (values, probabilities).
_PRIVATE: dict[tuple[ClientKind, bool], tuple[tuple[int, ...], tuple[float, ...]]] = {
    (ClientKind.HONEST, True): ((8, 9, 10), (0.1, 0.35, 0.55)),
    (ClientKind.HONEST, False): ((1, 2, 3, 4, 5, 6, 7), (0.05, 0.1, 0.15, 0.2, 0.2, 0.2, 0.1)),
    (ClientKind.LENIENT, True): ((9, 10), (0.2, 0.8)),
    (ClientKind.LENIENT, False): ((5, 6, 7, 8), (0.2, 0.3, 0.3, 0.2)),
    (ClientKind.HARSH, True): ((6, 7, 8, 9), (0.15, 0.35, 0.35, 0.15)),
    (ClientKind.HARSH, False): ((0, 1, 2, 3, 4, 5), (0.15, 0.2, 0.2, 0.2, 0.15, 0.1)),
    (ClientKind.HOSTILE, True): ((0, 1, 2, 3), (0.3, 0.3, 0.2, 0.2)),
    (ClientKind.HOSTILE, False): ((0, 1, 2, 3), (0.3, 0.3, 0.2, 0.2)),
}


def private_scores(kind: ClientKind, good: bool) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """The private scores a client of `kind` gives, and their chances, after a good or a bad
    job (a silent client rates as an honest one when it rates at all)."""
    effective = ClientKind.HONEST if kind is ClientKind.SILENT else kind
    return _PRIVATE[(effective, good)]


FEEDBACK_CHANCE = {ClientKind.SILENT: 0.15}
DEFAULT_FEEDBACK_CHANCE = 0.9
PRIVATE_SCORE_CHANCE = 0.85
#: Of bad outcomes, the share the freelancer refunds in full, hoping the client then leaves
#: no feedback.
REFUND_TO_AVOID_FEEDBACK = 0.08
#: How a bad job ends, before a dispute; then the chance of a dispute, and of the freelancer
#: losing it.
BAD_END_REASONS: tuple[tuple[EndReason, float], ...] = (
    (EndReason.QUALITY, 0.3),
    (EndReason.UNRESPONSIVE, 0.1),
    (EndReason.CANCELLED, 0.2),
    (EndReason.COMPLETED, 0.4),
)
DISPUTE_CHANCE = 0.08
DISPUTE_LOST_CHANCE = 0.7
#: Of bad fixed-price jobs not refunded in full, the share refunded in part, and the range of
#: the refunded share (drawn evenly, to the cent of a share).
PARTIAL_REFUND_CHANCE = 0.25
PARTIAL_REFUND_SHARE = (0.2, 0.8)
#: A hostile client ends even a good job "for quality" this often.
HOSTILE_BLAME_CHANCE = 0.2

#: Raw stars by kind and outcome: `low + span · u ** power` with u even on [0, 1).
RAW_STARS: dict[tuple[ClientKind, bool], tuple[float, float, float]] = {
    (ClientKind.HONEST, True): (4.2, 0.8, 0.5),
    (ClientKind.HONEST, False): (1.0, 3.0, 1.0),
    (ClientKind.LENIENT, True): (5.0, 0.0, 1.0),
    (ClientKind.LENIENT, False): (3.5, 1.5, 1.0),
    (ClientKind.HARSH, True): (3.4, 1.2, 1.0),
    (ClientKind.HARSH, False): (1.0, 2.0, 1.0),
    (ClientKind.HOSTILE, True): (1.0, 1.0, 1.0),
    (ClientKind.HOSTILE, False): (1.0, 1.0, 1.0),
}


def _raw_stars(kind: ClientKind, good: bool, rng: np.random.Generator) -> float:
    low, span, power = RAW_STARS[(kind, good)]
    return low + span * float(float(rng.random()) ** power)


def public_stars(raw: float, inflation: float) -> float:
    """Raw stars squeezed toward 5 by `inflation` (0 → 1), to one decimal."""
    return round(5.0 - (5.0 - raw) * (1.0 - inflation), 1)


def end_contract(
    kind: ClientKind,
    good: bool,
    inflation: float,
    fixed_price: bool,
    rng: np.random.Generator,
    private_chance: float = PRIVATE_SCORE_CHANCE,
) -> Ending:
    """The end reason, feedback, dispute and refund of one contract. `private_chance` is the
    chance that feedback carries a private score. `likelihood.py` gives the chance of each
    ending this draws, and must change with it."""
    effective = ClientKind.HONEST if kind is ClientKind.SILENT else kind
    reason = EndReason.COMPLETED
    dispute: DisputeResult | None = None
    refund = 0.0
    if not good:
        reason = EndReason(
            rng.choice(
                [str(r) for r, _ in BAD_END_REASONS], p=[share for _, share in BAD_END_REASONS]
            )
        )
        if rng.random() < DISPUTE_CHANCE:
            reason = EndReason.DISPUTE
            lost = rng.random() < DISPUTE_LOST_CHANCE
            dispute = DisputeResult.LOST if lost else DisputeResult.WON
        if fixed_price and rng.random() < REFUND_TO_AVOID_FEEDBACK:
            return Ending(EndReason.CANCELLED, None, None, dispute, 1.0)
        if fixed_price and rng.random() < PARTIAL_REFUND_CHANCE:
            refund = round(float(rng.uniform(*PARTIAL_REFUND_SHARE)), 2)
    elif kind is ClientKind.HOSTILE and rng.random() < HOSTILE_BLAME_CHANCE:
        reason = EndReason.QUALITY  # a hostile client blames the work whatever it was

    if rng.random() >= FEEDBACK_CHANCE.get(kind, DEFAULT_FEEDBACK_CHANCE):
        return Ending(reason, None, None, dispute, refund)
    raw = _raw_stars(effective, good, rng)
    stars = raw if kind is ClientKind.HOSTILE else public_stars(raw, inflation)
    private: int | None = None
    if rng.random() < private_chance:
        values, chances = _PRIVATE[(effective, good)]
        private = int(rng.choice(values, p=chances))
    return Ending(reason, round(stars, 1), private, dispute, refund)
