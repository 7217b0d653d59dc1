"""Closed sets of the domain."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["DisputeResult", "EndReason", "EndedBy", "Kind", "Outcome", "Party", "PaymentKind"]


class Kind(StrEnum):
    HOURLY = "hourly"
    FIXED = "fixed"


class EndedBy(StrEnum):
    CLIENT = "client"
    FREELANCER = "freelancer"
    PLATFORM = "platform"


class EndReason(StrEnum):
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_WORK = "no_work"
    UNRESPONSIVE = "unresponsive"
    QUALITY = "quality"
    DISPUTE = "dispute"
    OTHER = "other"


class DisputeResult(StrEnum):
    """How a dispute ended, from the freelancer's side."""

    WON = "won"
    LOST = "lost"


class Party(StrEnum):
    CLIENT = "client"
    FREELANCER = "freelancer"


class PaymentKind(StrEnum):
    MILESTONE = "milestone"
    INVOICE = "invoice"
    BONUS = "bonus"


class Outcome(StrEnum):
    GOOD = "good"
    NEUTRAL = "neutral"
    BAD = "bad"

    @property
    def value_sign(self) -> int:
        """+1 for good, 0 for neutral, -1 for bad: the numerator of a window score."""
        return {Outcome.GOOD: 1, Outcome.NEUTRAL: 0, Outcome.BAD: -1}[self]
