"""refund-or-keep: keep the money and take the bad outcome, or refund?

For one contract with an unhappy client, each option is scored month by month for 24 months
(as of now, then one month later, and so on). Every path assumes the same new work: by
default the freelancer's own pace of the last 12 months (contracts a month, median size,
good outcomes), because a path with no new work at all lets every other contract age out
until the one bad outcome is all that is left — which would judge a 200-contract veteran as
if the record were empty by the end. `Pace(0, ...)` asks for no new work.

- keep: the client leaves bad feedback (the feedback already given, else 1 star, private 0);
- refund in full and cancel: net $0, and the client, once refunded, leaves no feedback;
- a partial refund, with the client's feedback unknown: a pleased and an unhappy path.

The recommendation weighs money against months: each month a path shows a score below one
of the `SCORE_BANDS` (90, 80, 75) is assumed to cost a share of a month's income
(`DecisionRules`); the income is the freelancer's own average over the last 12 months.
Refunding is recommended when the income it protects is more than the refund. A record of 2
contracts and one of 200 get different answers because one contract moves a short record by
many points and a long one by few.

The answer is numbers, not words: a `Verdict`, the `Reason`s it rests on (each a kind and its
figures) and the `Assumptions` made. `jobscore.render.refund_words` writes them as sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from jobscore.domain.facts import History
from jobscore.instants import as_utc, shift_months
from jobscore.money import CENT, ZERO
from jobscore.scoring.catalog import CATALOG, Reader
from jobscore.scoring.reading import Reading
from jobscore.scoring.result import Policy
from jobscore.tools.changes import (
    GOOD_FEEDBACK,
    POOR_FEEDBACK,
    Applied,
    Change,
    FeedbackChange,
    RefundChange,
    apply_changes,
    find_contract,
)
from jobscore.tools.pace import Pace, monthly_income_of, own_pace, pace_contracts
from jobscore.tools.refund_reasons import (
    IncomeProtected,
    MonthsBelow,
    MonthsWithoutScore,
    PartialNow,
    Reason,
    ReasonKind,
    RecordSize,
    ScoresNow,
    Verdict,
)

__all__ = [
    "SCORE_BANDS",
    "SHORT_RECORD",
    "Assumptions",
    "Band",
    "DecisionRules",
    "Feedback",
    "IncomeProtected",
    "MonthsBelow",
    "MonthsWithoutScore",
    "Pace",
    "PartialNow",
    "Path",
    "PathKind",
    "Reason",
    "ReasonKind",
    "RecordSize",
    "RefundOrKeep",
    "ScoresNow",
    "Verdict",
    "refund_or_keep",
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

#: A displayed window with fewer counted contracts than this is a short record: one
#: contract weighs heavily in it.
SHORT_RECORD = 10


@dataclass(frozen=True, slots=True)
class DecisionRules:
    """How many months each path is followed, and what a month in each band costs."""

    months: int = 24
    bands: tuple[Band, ...] = SCORE_BANDS

    @property
    def thresholds(self) -> tuple[float, ...]:
        """The scores whose crossings the answer reports, highest first."""
        return tuple(band.below for band in self.bands)

    def share_lost(self, score: float | None) -> float:
        # "No score yet" is not held against anyone: the profile shows no number at all.
        if score is None:
            return 0.0
        for band in sorted(self.bands, key=lambda b: b.below):
            if score < band.below - 1e-9:
                return band.share_lost
        return 0.0


class PathKind(StrEnum):
    KEEP = "keep"
    REFUND = "refund"
    PARTIAL_PLEASED = "partial_pleased"
    PARTIAL_UNHAPPY = "partial_unhappy"


@dataclass(frozen=True, slots=True)
class Path:
    key: PathKind
    money_given_up: Decimal
    readings: tuple[Reading, ...]
    #: What the changes of this path assumed, as `apply_changes` wrote it.
    assumed: tuple[str, ...] = ()

    @property
    def now(self) -> Reading:
        return self.readings[0]

    def first_at_or_above(self, threshold: float) -> Reading | None:
        return next((r for r in self.readings if r.at_or_above(threshold)), None)

    def months_below(self, threshold: float, months: int) -> int:
        return sum(
            1
            for r in self.readings[:months]
            if r.score is not None and not r.at_or_above(threshold)
        )

    def months_without_score(self, months: int) -> int:
        return sum(1 for r in self.readings[:months] if r.score is None)

    def share_lost(self, rules: DecisionRules) -> float:
        return sum(rules.share_lost(r.score) for r in self.readings[: rules.months])


@dataclass(frozen=True, slots=True)
class Feedback:
    stars: float | None
    private_score: int | None


@dataclass(frozen=True, slots=True)
class Assumptions:
    """What the paths assume beyond the record."""

    #: What an unhappy client leaves, if the money is kept or after a partial refund: the
    #: feedback already given (`feedback_given`), else a poor one.
    unhappy: Feedback
    feedback_given: bool
    #: The partial refund compared, and what a pleased client leaves after it.
    partial: Decimal
    pleased: Feedback
    #: New work on every path (`per_month` 0: none); `pace_stated`: given, not the own pace.
    pace: Pace
    pace_stated: bool
    #: The monthly income was given, not the freelancer's own average.
    income_stated: bool


@dataclass(frozen=True, slots=True)
class RefundOrKeep:
    contract_id: str
    policy_name: str
    as_of: datetime
    keep: Path
    refund: Path
    partial: tuple[Path, ...]
    #: Counted contracts in the displayed window now (the size of the record that decides).
    record_size: int
    monthly_income: Decimal
    income_protected: Decimal
    verdict: Verdict
    reasons: tuple[Reason, ...]
    assumed: Assumptions
    rules: DecisionRules = field(default_factory=DecisionRules)

    @property
    def recommend_refund(self) -> bool:
        return self.verdict is Verdict.REFUND

    @property
    def paths(self) -> tuple[Path, ...]:
        return (self.keep, self.refund, *self.partial)

    @property
    def points_at_stake(self) -> float | None:
        """What keeping costs now, against refunding: refund-now minus keep-now."""
        keep, refund = self.keep.now.score, self.refund.now.score
        return None if keep is None or refund is None else refund - keep

    @property
    def money_at_stake(self) -> Decimal:
        return self.refund.money_given_up

    @property
    def thresholds(self) -> tuple[float, ...]:
        """The scores whose crossings the answer reports (the rules' bands)."""
        return self.rules.thresholds


def refund_or_keep(
    history: History,
    policy: Policy,
    as_of: datetime,
    contract_id: str,
    *,
    partial: Decimal | None = None,
    pace: Pace | None = None,
    monthly_income: Decimal | None = None,
    rules: DecisionRules | None = None,
) -> RefundOrKeep:
    as_of = as_utc(as_of)
    rules = rules or DecisionRules()
    target = find_contract(history, contract_id)
    left = target.earned - target.refunded
    if left <= 0:
        from jobscore.errors import InvalidInput, Problem

        raise InvalidInput(
            Problem(
                "contract_id",
                "is already refunded in full: there is nothing to decide",
                source=history.source,
                record=f"contract {contract_id}",
            )
        )
    half = (left / 2).quantize(CENT)
    part = half if partial is None else partial
    stated_pace = pace is not None
    pace = pace if pace is not None else own_pace(history, as_of)
    extra: tuple[Change, ...] = ()
    if pace.per_month > 0:
        extra = (pace_contracts(pace, as_of, rules.months),)

    # The decision comes before the feedback is final: feedback already recorded is what the
    # client leaves if nothing is refunded, and stays unknown after a partial refund.
    if target.has_feedback:
        keep_changes: tuple[Change, ...] = ()
        unhappy = Feedback(target.stars, target.private_score)
    else:
        unhappy = Feedback(*POOR_FEEDBACK)
        keep_changes = (FeedbackChange(contract_id, *POOR_FEEDBACK),)
    # Every path shares the future contracts of the pace, so they are added once, and the
    # bayes policy keeps the per-contract work the paths share.
    paced = apply_changes(history, extra, as_of)
    reader = CATALOG.reader(policy)

    def path(key: PathKind, money: Decimal, changes: Sequence[Change]) -> Path:
        return _path(paced, reader, as_of, key, money, changes, rules)

    # In cents, as every amount of the answer is: "0.00" in JSON, like "350.00".
    keep = path(PathKind.KEEP, ZERO.quantize(CENT), keep_changes)
    refund = path(PathKind.REFUND, left, (RefundChange(contract_id),))
    pleased = Feedback(*GOOD_FEEDBACK)
    partial_paths: list[Path] = []
    if part < left:
        for key, said in ((PathKind.PARTIAL_PLEASED, pleased), (PathKind.PARTIAL_UNHAPPY, unhappy)):
            changes = (
                RefundChange(contract_id, part),
                FeedbackChange(contract_id, said.stars, said.private_score),
            )
            partial_paths.append(path(key, part, changes))
    # The record that decides: the history with the bad outcome taken, as of now.
    now = CATALOG.score_without_points(
        apply_changes(history, keep_changes, as_of).history, policy, as_of
    )
    displayed = now.windows.get(now.window or "")
    record_size = displayed.counted if displayed else sum(1 for c in now.contracts if c.counted)
    income = monthly_income if monthly_income is not None else monthly_income_of(history, as_of)
    protected = Decimal(str(keep.share_lost(rules) - refund.share_lost(rules))) * income
    protected = protected.quantize(CENT)
    if protected > left:
        verdict = Verdict.REFUND
    elif protected < 0:
        verdict = Verdict.KEEP_NO_WORSE
    else:
        verdict = Verdict.KEEP
    return RefundOrKeep(
        contract_id=contract_id,
        policy_name=now.policy_name,
        as_of=as_of,
        keep=keep,
        refund=refund,
        partial=tuple(partial_paths),
        record_size=record_size,
        monthly_income=income,
        income_protected=protected,
        verdict=verdict,
        reasons=_reasons(keep, refund, partial_paths, record_size, income, protected, rules),
        assumed=Assumptions(
            unhappy=unhappy,
            feedback_given=target.has_feedback,
            partial=part,
            pleased=pleased,
            pace=pace,
            pace_stated=stated_pace,
            income_stated=monthly_income is not None,
        ),
        rules=rules,
    )


def _path(
    paced: Applied,
    reader: Reader,
    as_of: datetime,
    key: PathKind,
    money: Decimal,
    changes: Sequence[Change],
    rules: DecisionRules,
) -> Path:
    applied = apply_changes(paced.history, changes, as_of)
    readings = tuple(
        reader.read(applied.history, shift_months(as_of, k)) for k in range(rules.months + 1)
    )
    return Path(key, money, readings, applied.notes + paced.notes)


def _reasons(
    keep: Path,
    refund: Path,
    partial: Sequence[Path],
    record_size: int,
    income: Decimal,
    protected: Decimal,
    rules: DecisionRules,
) -> tuple[Reason, ...]:
    n = rules.months
    reasons: list[Reason] = [
        ScoresNow(keep.now.score, refund.now.score),
        RecordSize(record_size, weighs_heavily=record_size < SHORT_RECORD),
        *(
            MonthsBelow(t, n, keep.months_below(t, n), refund.months_below(t, n))
            for t in rules.thresholds
        ),
        MonthsWithoutScore(n, keep.months_without_score(n), refund.months_without_score(n)),
        IncomeProtected(protected, income, refund.money_given_up),
    ]
    if partial:
        pleased, unhappy = partial
        reasons.append(PartialNow(pleased.money_given_up, pleased.now.score, unhappy.now.score))
    return tuple(reasons)
