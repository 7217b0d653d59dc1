"""What a refund-or-keep answer rests on: its verdict, and each reason as a kind and figures.

`jobscore.render.refund_words` writes them as sentences; the tool itself writes none.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

__all__ = [
    "IncomeProtected",
    "MonthsBelow",
    "MonthsWithoutScore",
    "PartialNow",
    "Reason",
    "ReasonKind",
    "RecordSize",
    "ScoresNow",
    "Verdict",
]


class Verdict(StrEnum):
    #: The income refunding protects is more than the refund.
    REFUND = "refund"
    #: Refunding protects some income, but no more than it gives up.
    KEEP = "keep"
    #: Refunding protects no income at all: keeping is no worse.
    KEEP_NO_WORSE = "keep_no_worse"


class ReasonKind(StrEnum):
    SCORES_NOW = "scores_now"
    RECORD_SIZE = "record_size"
    MONTHS_BELOW = "months_below"
    MONTHS_WITHOUT_SCORE = "months_without_score"
    INCOME_PROTECTED = "income_protected"
    PARTIAL_NOW = "partial_now"


@dataclass(frozen=True, slots=True)
class ScoresNow:
    """The score shown now if the money is kept, and if it is refunded (None: no score)."""

    kind: ClassVar[ReasonKind] = ReasonKind.SCORES_NOW
    keep: float | None
    refund: float | None


@dataclass(frozen=True, slots=True)
class RecordSize:
    """Counted contracts in the displayed window: the fewer, the more one of them weighs."""

    kind: ClassVar[ReasonKind] = ReasonKind.RECORD_SIZE
    counted: int
    weighs_heavily: bool


@dataclass(frozen=True, slots=True)
class MonthsBelow:
    """Months of the next `months` each path shows a score below `below`."""

    kind: ClassVar[ReasonKind] = ReasonKind.MONTHS_BELOW
    below: float
    months: int
    keep: int
    refund: int


@dataclass(frozen=True, slots=True)
class MonthsWithoutScore:
    """Months of the next `months` each path shows no score at all."""

    kind: ClassVar[ReasonKind] = ReasonKind.MONTHS_WITHOUT_SCORE
    months: int
    keep: int
    refund: int


@dataclass(frozen=True, slots=True)
class IncomeProtected:
    """Income refunding protects (negative: costs), at `monthly_income`, against the refund."""

    kind: ClassVar[ReasonKind] = ReasonKind.INCOME_PROTECTED
    protected: Decimal
    monthly_income: Decimal
    refund: Decimal


@dataclass(frozen=True, slots=True)
class PartialNow:
    """The score shown now after a partial refund of `amount`, client pleased or unhappy."""

    kind: ClassVar[ReasonKind] = ReasonKind.PARTIAL_NOW
    amount: Decimal
    pleased: float | None
    unhappy: float | None


Reason = ScoresNow | RecordSize | MonthsBelow | MonthsWithoutScore | IncomeProtected | PartialNow
