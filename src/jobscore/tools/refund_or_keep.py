"""refund-or-keep: keep the money and take the bad outcome, or refund?

For one contract with an unhappy client, each option is scored month by month for 24 months
(as of now, then one month later, and so on). Every path assumes the same new work: by
default the freelancer's own pace of the last 12 months (contracts a month, median size,
good outcomes), because a path with no new work at all lets every other contract age out
until the one bad outcome is all that is left — which would judge a 200-contract veteran as
if the record were empty by the end. `Pace(0, ...)` asks for no new work.

- keep: the client leaves bad feedback (the feedback it has said it will leave, else 1 star,
  private 0);
- refund in full and cancel: net $0; what the client does then is not in the freelancer's
  hands, so both ways are followed: it leaves no feedback, or its bad feedback all the same
  (which, at $0, still counts under `upwork`). When the feedback is final already (its window
  has closed), a refund cannot change it, and there is one way only;
- a partial refund: a client pleased in every respect (good feedback, the contract
  completed) and an unhappy one.

The recommendation weighs money against months: each month a path shows a score below one
of the `SCORE_BANDS` (90, 80, 75), or no score at all, is assumed to cost a share of a
month's income (`DecisionRules`); the income is the freelancer's own average over the last 12
months. A refund's two ways are weighed by a stated chance that the client is unhappy all
the same (`DecisionRules.chance_unhappy`). Refunding is recommended when the income it is
expected to protect is more than the refund. A contract that already counts as a good
outcome has nothing to refund. A record of 2 contracts and one of 200 get different answers
because one contract moves a short record by many points and a long one by few.

The answer is numbers, not words: a `Verdict`, the `Reason`s it rests on (each a kind and its
figures) and the `Assumptions` made. `jobscore.render.refund_words` writes them as sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from jobscore.domain.enums import Outcome
from jobscore.domain.facts import History
from jobscore.errors import InvalidInput, Problem
from jobscore.instants import as_utc, shift_months
from jobscore.money import CENT, ZERO, format_money
from jobscore.scoring.catalog import CATALOG, Reader
from jobscore.scoring.reading import Reading
from jobscore.scoring.result import Policy
from jobscore.tools.changes import (
    Applied,
    Change,
    FeedbackChange,
    RefundChange,
    apply_changes,
    find_contract,
)
from jobscore.tools.effects import (
    GOOD_FEEDBACK,
    POOR_FEEDBACK,
    Effect,
    Responded,
    feedback_window_closes,
    respond,
)
from jobscore.tools.pace import Pace, monthly_income_of, own_pace, pace_contracts
from jobscore.tools.refund_reasons import (
    SCORE_BANDS,
    SHORT_RECORD,
    Band,
    ByPath,
    DecisionRules,
    IncomeProtected,
    MonthsBelow,
    MonthsWithoutScore,
    PartialNow,
    PathKind,
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
    "ByPath",
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
class Path:
    key: PathKind
    money_given_up: Decimal
    readings: tuple[Reading, ...]
    #: What the changes of this path did, and what they assumed of the client.
    effects: tuple[Effect, ...] = ()
    responded: tuple[Responded, ...] = ()

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

    #: What an unhappy client leaves: the feedback it has said it will leave
    #: (`feedback_given`), else a poor one.
    unhappy: Feedback
    feedback_given: bool
    #: The feedback's window closed already: a refund cannot change it.
    feedback_final: bool
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
    #: Refunded in full: the client content, then unhappy all the same; one path when the
    #: feedback is final already.
    refund: tuple[Path, ...]
    partial: tuple[Path, ...]
    #: Counted contracts in the displayed window now (the size of the record that decides).
    record_size: int
    monthly_income: Decimal
    #: What a full refund is expected to protect, its ways weighed by `chance_unhappy`.
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
        return (self.keep, *self.refund, *self.partial)

    @property
    def points_at_stake(self) -> float | None:
        """What keeping costs now against refunding, when the refunded client is content:
        refund-now minus keep-now."""
        keep, refund = self.keep.now.score, self.refund[0].now.score
        return None if keep is None or refund is None else refund - keep

    @property
    def money_at_stake(self) -> Decimal:
        return self.refund[0].money_given_up

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
    # Only what had happened by `as_of`: an answer never rests on facts dated later.
    history = history.known_at(as_of)
    rules = rules or DecisionRules()
    target = find_contract(history, contract_id)
    left = target.earned - target.refunded
    record = f"contract {contract_id}"
    if left <= 0:
        raise InvalidInput(
            Problem(
                "contract_id",
                "is already refunded in full: there is nothing to decide",
                source=history.source,
                record=record,
            )
        )
    part = (left / 2).quantize(CENT) if partial is None else partial
    if not ZERO < part < left:
        raise InvalidInput(
            Problem(
                "partial",
                f"{format_money(part)} is not a partial refund: give an amount above $0 and "
                f"below the {format_money(left)} left to refund",
                source=history.source,
                record=record,
            )
        )
    stated_pace = pace is not None
    pace = pace if pace is not None else own_pace(history, as_of)
    extra: tuple[Change, ...] = ()
    if pace.per_month > 0:
        extra = (pace_contracts(pace, as_of, rules.months),)

    # Feedback recorded while its window is open is what the client has said it will leave;
    # once the window has closed, the feedback (or its absence) is final.
    closes = feedback_window_closes(target)
    final = closes is not None and closes <= as_of
    said = Feedback(target.stars, target.private_score)
    unhappy = said if target.has_feedback or final else Feedback(*POOR_FEEDBACK)
    keep_changes: tuple[Change, ...] = ()
    if not target.has_feedback and not final:
        keep_changes = (FeedbackChange(contract_id, *POOR_FEEDBACK),)
    # Every path shares the future contracts of the pace, so they are added once, and the
    # bayes policy keeps the per-contract work the paths share.
    paced = apply_changes(history, extra, as_of)
    reader = CATALOG.reader(policy)

    def ways(
        money: Decimal, changes: Sequence[Change], content: PathKind, unhappy_key: PathKind
    ) -> tuple[Path, ...]:
        applied = apply_changes(paced.history, changes, as_of)
        if not applied.pending:
            return (_path(applied, reader, as_of, unhappy_key, money, rules),)
        return tuple(
            _path(applied, reader, as_of, key, money, rules, content=pleased)
            for key, pleased in ((content, True), (unhappy_key, False))
        )

    keep_applied = apply_changes(paced.history, keep_changes, as_of)
    # In cents, as every amount of the answer is: "0.00" in JSON, like "350.00".
    keep = _path(keep_applied, reader, as_of, PathKind.KEEP, ZERO.quantize(CENT), rules)
    refund = ways(
        left, (RefundChange(contract_id),), PathKind.REFUND_SILENT, PathKind.REFUND_UNHAPPY
    )
    partial_paths = ways(
        part, (RefundChange(contract_id, part),), PathKind.PARTIAL_PLEASED, PathKind.PARTIAL_UNHAPPY
    )
    if len(refund) == 1:
        # The feedback is final: a refund changes the money only.
        refund = (_renamed(refund[0], PathKind.REFUND_FINAL),)
        partial_paths = (_renamed(partial_paths[0], PathKind.PARTIAL_FINAL),)
    # The record that decides: the history with the bad outcome taken, as of now.
    now = CATALOG.score_without_points(
        apply_changes(history, keep_changes, as_of).history, policy, as_of
    )
    displayed = now.windows.get(now.window or "")
    record_size = displayed.counted if displayed else sum(1 for c in now.contracts if c.counted)
    income = monthly_income if monthly_income is not None else monthly_income_of(history, as_of)
    protected = (Decimal(str(_expected_protection(keep, refund, rules))) * income).quantize(CENT)
    if now.contract(contract_id).outcome is Outcome.GOOD:
        verdict = Verdict.ALREADY_GOOD
    elif protected > left:
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
        partial=partial_paths,
        record_size=record_size,
        monthly_income=income,
        income_protected=protected,
        verdict=verdict,
        reasons=_reasons(keep, refund, partial_paths, record_size, income, protected, rules),
        assumed=Assumptions(
            unhappy=unhappy,
            feedback_given=target.has_feedback,
            feedback_final=final,
            partial=part,
            pleased=Feedback(*GOOD_FEEDBACK),
            pace=pace,
            pace_stated=stated_pace,
            income_stated=monthly_income is not None,
        ),
        rules=rules,
    )


def _expected_protection(keep: Path, refund: Sequence[Path], rules: DecisionRules) -> float:
    """Months' income a full refund is expected to save: keep's loss minus the refund's,
    its ways weighed by the chance that the client is unhappy all the same."""
    if len(refund) == 1:
        expected = refund[0].share_lost(rules)
    else:
        content, unhappy = refund
        chance = rules.chance_unhappy
        expected = (1 - chance) * content.share_lost(rules) + chance * unhappy.share_lost(rules)
    return keep.share_lost(rules) - expected


def _path(
    applied: Applied,
    reader: Reader,
    as_of: datetime,
    key: PathKind,
    money: Decimal,
    rules: DecisionRules,
    *,
    content: bool | None = None,
) -> Path:
    history, responded = applied.history, tuple[Responded, ...]()
    if content is not None:
        history, responded = respond(applied.history, applied.pending, content)
    readings = tuple(reader.read(history, shift_months(as_of, k)) for k in range(rules.months + 1))
    return Path(key, money, readings, applied.effects, responded)


def _renamed(path: Path, key: PathKind) -> Path:
    return Path(key, path.money_given_up, path.readings, path.effects, path.responded)


def _reasons(
    keep: Path,
    refund: Sequence[Path],
    partial: Sequence[Path],
    record_size: int,
    income: Decimal,
    protected: Decimal,
    rules: DecisionRules,
) -> tuple[Reason, ...]:
    n = rules.months
    compared = (keep, *refund)
    reasons: list[Reason] = [
        ScoresNow(ByPath(tuple((p.key, p.now.score) for p in compared))),
        RecordSize(record_size, weighs_heavily=record_size < SHORT_RECORD),
        *(
            MonthsBelow(t, n, ByPath(tuple((p.key, p.months_below(t, n)) for p in compared)))
            for t in rules.thresholds
        ),
        MonthsWithoutScore(n, ByPath(tuple((p.key, p.months_without_score(n)) for p in compared))),
        IncomeProtected(
            protected,
            income,
            refund[0].money_given_up,
            rules.chance_unhappy if len(refund) > 1 else None,
        ),
    ]
    if len(partial) == 2:
        pleased, unhappy = partial
        reasons.append(PartialNow(pleased.money_given_up, pleased.now.score, unhappy.now.score))
    return tuple(reasons)
