"""A reading: the displayed score as of one instant, without the explanation around it.

The tools ask one question hundreds of times: what would the displayed score be as of this
instant, for this variant of a history? Each policy kind answers it more cheaply than its
full scorer does (`catalog.PolicyKind.read`), with the same figure; a property test holds
them to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["Reading"]


@dataclass(frozen=True, slots=True)
class Reading:
    """The displayed score and its window as of one instant (None: no score yet)."""

    at: datetime
    score: float | None
    window: str | None

    def at_or_above(self, threshold: float) -> bool:
        return self.score is not None and self.score >= threshold - 1e-9
