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

__all__ = ["ClientKind", "Ending", "end_contract"]


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

FEEDBACK_CHANCE = {ClientKind.SILENT: 0.15}
DEFAULT_FEEDBACK_CHANCE = 0.9
PRIVATE_SCORE_CHANCE = 0.85
#: Of bad outcomes, the share the freelancer refunds in full, hoping the client then leaves
#: no feedback.
REFUND_TO_AVOID_FEEDBACK = 0.08


def _raw_stars(kind: ClientKind, good: bool, rng: np.random.Generator) -> float:
    u = float(rng.random())
    if kind is ClientKind.HOSTILE:
        return 1.0 + u
    if kind is ClientKind.LENIENT:
        return 5.0 if good else 3.5 + 1.5 * u
    if kind is ClientKind.HARSH:
        return 3.4 + 1.2 * u if good else 1.0 + 2.0 * u
    return 4.2 + 0.8 * u**0.5 if good else 1.0 + 3.0 * u


def _public_stars(raw: float, inflation: float) -> float:
    return round(5.0 - (5.0 - raw) * (1.0 - inflation), 1)


def end_contract(
    kind: ClientKind, good: bool, inflation: float, fixed_price: bool, rng: np.random.Generator
) -> Ending:
    """The end reason, feedback, dispute and refund of one contract."""
    effective = ClientKind.HONEST if kind is ClientKind.SILENT else kind
    reason = EndReason.COMPLETED
    dispute: DisputeResult | None = None
    refund = 0.0
    if not good:
        reason = EndReason(
            rng.choice(
                ["quality", "unresponsive", "cancelled", "completed"], p=[0.3, 0.1, 0.2, 0.4]
            )
        )
        if rng.random() < 0.08:
            reason = EndReason.DISPUTE
            dispute = DisputeResult.LOST if rng.random() < 0.7 else DisputeResult.WON
        if fixed_price and rng.random() < REFUND_TO_AVOID_FEEDBACK:
            return Ending(EndReason.CANCELLED, None, None, dispute, 1.0)
        if fixed_price and rng.random() < 0.25:
            refund = round(float(rng.uniform(0.2, 0.8)), 2)
    elif kind is ClientKind.HOSTILE and rng.random() < 0.2:
        reason = EndReason.QUALITY  # a hostile client blames the work whatever it was

    if rng.random() >= FEEDBACK_CHANCE.get(kind, DEFAULT_FEEDBACK_CHANCE):
        return Ending(reason, None, None, dispute, refund)
    raw = _raw_stars(effective, good, rng)
    stars = raw if kind is ClientKind.HOSTILE else _public_stars(raw, inflation)
    private: int | None = None
    if rng.random() < PRIVATE_SCORE_CHANCE:
        values, chances = _PRIVATE[(effective, good)]
        private = int(rng.choice(values, p=chances))
    return Ending(reason, round(stars, 1), private, dispute, refund)
