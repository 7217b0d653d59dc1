"""What a refund-or-keep answer rests on: the rules it decides by, its verdict, and each
reason as a kind and figures.

`jobscore.render.refund_words` writes them as sentences; the tool itself writes none.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar, Generic, TypeVar

from jobscore.errors import InvalidInput, Problem

__all__ = [
    "CHANCE_UNHAPPY",
    "SCORE_BANDS",
    "SHORT_RECORD",
    "Band",
    "ByPath",
    "DecisionRules",
    "IncomeProtected",
    "MonthsBelow",
    "MonthsWithoutScore",
    "PartialNow",
    "PathKind",
    "Reason",
    "ReasonKind",
    "RecordSize",
    "ScoresNow",
    "Verdict",
]


@dataclass(frozen=True, slots=True)
class Band:
    """A month shown below `below` is assumed to cost `share_lost` of a month's income (the
    lowest band a score is below is the one that counts)."""

    below: float
    share_lost: float


#: The score bands, highest first: the crossings every answer reports, and what a month shown
#: below each is assumed to cost.
SCORE_BANDS = (Band(90.0, 0.15), Band(80.0, 0.4), Band(75.0, 0.6))

#: The chance, unless the freelancer states another, that a refunded client is unhappy all
#: the same: as likely as not.
CHANCE_UNHAPPY = 0.5

#: A displayed window with fewer counted contracts than this is a short record: one
#: contract weighs heavily in it.
SHORT_RECORD = 10


@dataclass(frozen=True, slots=True)
class DecisionRules:
    """How many months each path is followed, what a month in each band costs, and how
    likely a refunded client is to be unhappy all the same."""

    months: int = 24
    bands: tuple[Band, ...] = SCORE_BANDS
    #: A month with no score shown: clients filtering on a score do not find the profile,
    #: as below the highest band.
    no_score_share: float = 0.15
    #: The chance that a client, once refunded, still leaves its bad feedback (or, after a
    #: partial refund, is not pleased). As likely as not, unless the freelancer knows better.
    chance_unhappy: float = CHANCE_UNHAPPY

    def __post_init__(self) -> None:
        if not 0.0 <= self.chance_unhappy <= 1.0:
            raise InvalidInput(
                Problem("chance_unhappy", f"{self.chance_unhappy:g} is not between 0 and 1")
            )

    @property
    def thresholds(self) -> tuple[float, ...]:
        """The scores whose crossings the answer reports, highest first."""
        return tuple(band.below for band in self.bands)

    def share_lost(self, score: float | None) -> float:
        if score is None:
            return self.no_score_share
        for band in sorted(self.bands, key=lambda b: b.below):
            if score < band.below - 1e-9:
                return band.share_lost
        return 0.0


class PathKind(StrEnum):
    """The ways a refund-or-keep answer follows the score, month by month."""

    KEEP = "keep"
    #: Refunded in full and cancelled; the client, content, leaves no feedback.
    REFUND_SILENT = "refund_silent"
    #: Refunded in full and cancelled; the client leaves its bad feedback all the same.
    REFUND_UNHAPPY = "refund_unhappy"
    #: Refunded in full and cancelled, the client's feedback final already (its window closed).
    REFUND_FINAL = "refund_final"
    PARTIAL_PLEASED = "partial_pleased"
    PARTIAL_UNHAPPY = "partial_unhappy"
    #: A partial refund, the client's feedback final already.
    PARTIAL_FINAL = "partial_final"


class Verdict(StrEnum):
    #: The income refunding is expected to protect is more than the refund.
    REFUND = "refund"
    #: Refunding is expected to protect some income, but no more than it gives up.
    KEEP = "keep"
    #: Refunding is expected to protect no income at all: keeping is no worse.
    KEEP_NO_WORSE = "keep_no_worse"
    #: The contract already counts as a good outcome: there is nothing a refund could mend.
    ALREADY_GOOD = "already_good"


class ReasonKind(StrEnum):
    SCORES_NOW = "scores_now"
    RECORD_SIZE = "record_size"
    MONTHS_BELOW = "months_below"
    MONTHS_WITHOUT_SCORE = "months_without_score"
    INCOME_PROTECTED = "income_protected"
    PARTIAL_NOW = "partial_now"


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ByPath(Generic[T]):
    """One figure of each path compared: keep, then the refund's ways."""

    values: tuple[tuple[PathKind, T], ...]

    def __getitem__(self, key: PathKind) -> T:
        return dict(self.values)[key]


@dataclass(frozen=True, slots=True)
class ScoresNow:
    """The score each path shows now (None: no score yet)."""

    kind: ClassVar[ReasonKind] = ReasonKind.SCORES_NOW
    scores: ByPath[float | None]


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
    counts: ByPath[int]


@dataclass(frozen=True, slots=True)
class MonthsWithoutScore:
    """Months of the next `months` each path shows no score at all."""

    kind: ClassVar[ReasonKind] = ReasonKind.MONTHS_WITHOUT_SCORE
    months: int
    counts: ByPath[int]


@dataclass(frozen=True, slots=True)
class IncomeProtected:
    """Income a full refund is expected to protect (negative: to cost), at `monthly_income`,
    with the client unhappy all the same at `chance_unhappy`, against the refund."""

    kind: ClassVar[ReasonKind] = ReasonKind.INCOME_PROTECTED
    protected: Decimal
    monthly_income: Decimal
    refund: Decimal
    #: None: the feedback is final, and a refund has one way only.
    chance_unhappy: float | None


@dataclass(frozen=True, slots=True)
class PartialNow:
    """The score shown now after a partial refund of `amount`, client pleased or unhappy."""

    kind: ClassVar[ReasonKind] = ReasonKind.PARTIAL_NOW
    amount: Decimal
    pleased: float | None
    unhappy: float | None


Reason = ScoresNow | RecordSize | MonthsBelow | MonthsWithoutScore | IncomeProtected | PartialNow
