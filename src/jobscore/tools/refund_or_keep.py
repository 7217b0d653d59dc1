"""refund-or-keep (SPEC §5, seed 000): keep the money and take the bad outcome, or refund?

For one contract with an unhappy client, each option is scored month by month for 24 months
(as of now, then one month later, and so on). Every path assumes the same new work: by
default the freelancer's own pace of the last 12 months (contracts a month, median size,
good outcomes), because a path with no new work at all lets every other contract age out
until the one bad outcome is all that is left — which would judge a 200-contract veteran as
if the record were empty by the end. `Pace(0, ...)` asks for no new work.

- keep: the client leaves bad feedback (the feedback already given, else 1 star, private 0);
- refund in full and cancel: net $0, and the client, once refunded, leaves no feedback;
- a partial refund, with the client's feedback unknown: a pleased and an unhappy path.

The recommendation weighs money against months: each month a path shows a score below 90,
80 or 75 is assumed to cost a share of a month's income (`DecisionRules`); the income is the
freelancer's own average over the last 12 months. Refunding is recommended when the income
it protects is more than the refund. A record of 2 contracts and one of 200 get different
answers because one contract moves a short record by many points and a long one by few.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from jobscore.domain.facts import ContractFacts, History
from jobscore.instants import as_utc, shift_months
from jobscore.money import CENT, ZERO, format_money
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
    stars_words,
)
from jobscore.tools.pace import Pace, monthly_income_of, own_pace, pace_contracts
from jobscore.tools.readings import Reading, ReadingMemo, read_score, score_without_points

__all__ = [
    "THRESHOLDS",
    "DecisionRules",
    "Pace",
    "Path",
    "RefundOrKeep",
    "refund_or_keep",
]

THRESHOLDS = (90.0, 80.0, 75.0)


@dataclass(frozen=True, slots=True)
class DecisionRules:
    """Share of a month's income assumed lost while the score shows in each band."""

    months: int = 24
    below_75: float = 0.6
    below_80: float = 0.4
    below_90: float = 0.15

    def share_lost(self, score: float | None) -> float:
        # "No score yet" is not held against anyone: the profile shows no number at all.
        if score is None or score >= 90.0 - 1e-9:
            return 0.0
        if score < 75.0 - 1e-9:
            return self.below_75
        if score < 80.0 - 1e-9:
            return self.below_80
        return self.below_90

    def describe(self) -> str:
        return (
            f"a month shown below 75 is assumed to cost {self.below_75:.0%} of a month's "
            f"income, 75-80 {self.below_80:.0%}, 80-90 {self.below_90:.0%}; no score yet costs "
            "nothing"
        )


@dataclass(frozen=True, slots=True)
class Path:
    key: str
    label: str
    money_given_up: Decimal
    readings: tuple[Reading, ...]
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
    recommend_refund: bool
    recommendation: str
    reasons: tuple[str, ...]
    assumptions: tuple[str, ...]
    rules: DecisionRules = field(default_factory=DecisionRules)

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
        """The scores whose crossings the answer reports (90, 80, 75)."""
        return THRESHOLDS


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
    notes: list[str] = []

    if target.has_feedback:
        keep_changes: tuple[Change, ...] = ()
        keep_said = f"keeps the feedback already given ({_feedback_words(target)})"
    else:
        keep_changes = (FeedbackChange(contract_id, *POOR_FEEDBACK),)
        keep_said = "the unhappy client leaves 1 star and a private 0"
    notes.append(f"keep: {keep_said}")
    # Every path shares the future contracts of the pace, so they are added once, and the
    # bayes policy keeps the per-contract work the paths share.
    paced = apply_changes(history, extra, as_of)
    memo = ReadingMemo()
    # In cents, as every amount of the answer is: "0.00" in JSON, like "350.00".
    nothing = ZERO.quantize(CENT)
    keep = _path(paced, policy, as_of, "keep", "keep the money", nothing, keep_changes, rules, memo)
    refund = _path(
        paced,
        policy,
        as_of,
        "refund",
        "refund in full and cancel",
        left,
        (RefundChange(contract_id),),
        rules,
        memo,
    )
    # The decision comes before the feedback is final: feedback already recorded is what the
    # client leaves if nothing is refunded, and stays unknown after a partial refund.
    unhappy = (target.stars, target.private_score) if target.has_feedback else POOR_FEEDBACK
    partial_paths: list[Path] = []
    if part < left:
        for key, label, said in (
            ("partial_pleased", "client pleased", GOOD_FEEDBACK),
            ("partial_unhappy", "client unhappy", unhappy),
        ):
            changes = (RefundChange(contract_id, part), FeedbackChange(contract_id, *said))
            partial_paths.append(
                _path(
                    paced,
                    policy,
                    as_of,
                    key,
                    f"refund {format_money(part)}, {label}",
                    part,
                    changes,
                    rules,
                    memo,
                )
            )
    notes += [
        "refund: net $0 and cancelled; the client, once refunded, leaves no feedback (seed 000)",
        f"partial refund: {format_money(part)}, with the client's feedback unknown "
        f"(pleased: 5 stars, private 10; unhappy: {_feedback_words_of(*unhappy)})",
        f"each path is scored as of now and then every month for {rules.months} months",
        "no new work on any path"
        if not extra
        else f"new work on every path: {pace.per_month:.2g} good contracts a month of "
        f"{format_money(pace.size)}, each from a new client"
        + ("" if stated_pace else " (your own pace in the last 12 months; --pace 0 for none)"),
        rules.describe(),
    ]
    # The record that decides: the history with the bad outcome taken, as of now.
    now = score_without_points(policy, apply_changes(history, keep_changes, as_of).history, as_of)
    displayed = now.windows.get(now.window or "")
    record_size = displayed.counted if displayed else sum(1 for c in now.contracts if c.counted)
    income = monthly_income if monthly_income is not None else monthly_income_of(history, as_of)
    notes.append(
        f"income: {format_money(income)} a month "
        + (
            "(as given)"
            if monthly_income is not None
            else "(your average over the months worked in the last 12)"
        )
    )
    protected = Decimal(str(keep.share_lost(rules) - refund.share_lost(rules))) * income
    protected = protected.quantize(CENT)
    do_refund = protected > left
    reasons = _reasons(keep, refund, partial_paths, record_size, income, protected, rules)
    sentence = _recommendation(do_refund, keep, refund, left, protected, rules, record_size)
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
        recommend_refund=do_refund,
        recommendation=sentence,
        reasons=reasons,
        assumptions=tuple(notes),
        rules=rules,
    )


def _path(
    paced: Applied,
    policy: Policy,
    as_of: datetime,
    key: str,
    label: str,
    money: Decimal,
    changes: Sequence[Change],
    rules: DecisionRules,
    memo: ReadingMemo,
) -> Path:
    applied = apply_changes(paced.history, changes, as_of)
    readings = tuple(
        read_score(policy, applied.history, shift_months(as_of, k), memo)
        for k in range(rules.months + 1)
    )
    return Path(key, label, money, readings, applied.notes + paced.notes)


def _feedback_words(c: ContractFacts) -> str:
    return _feedback_words_of(c.stars, c.private_score)


def _feedback_words_of(stars: float | None, private: int | None) -> str:
    parts = []
    if stars is not None:
        parts.append(stars_words(stars))
    if private is not None:
        parts.append(f"private {private}")
    return ", ".join(parts) or "no feedback"


def _score_words(reading: Reading) -> str:
    return "no score yet" if reading.score is None else f"{reading.score:.1f}%"


def _reasons(
    keep: Path,
    refund: Path,
    partial: Sequence[Path],
    record_size: int,
    income: Decimal,
    protected: Decimal,
    rules: DecisionRules,
) -> tuple[str, ...]:
    n = rules.months
    reasons = [
        f"now: keeping shows {_score_words(keep.now)}, refunding shows {_score_words(refund.now)}",
        f"the displayed window holds {record_size} counted contract"
        f"{'s' * (record_size != 1)}, so one contract weighs "
        + ("heavily" if record_size < 10 else "little"),
    ]
    for threshold in THRESHOLDS:
        reasons.append(
            f"months shown below {threshold:g} in the next {n}: keep "
            f"{keep.months_below(threshold, n)}, refund {refund.months_below(threshold, n)}"
        )
    reasons.append(
        f"months with no score yet: keep {keep.months_without_score(n)}, "
        f"refund {refund.months_without_score(n)}"
    )
    reasons.append(
        f"income protected by refunding: {format_money(protected)} "
        f"(at {format_money(income)} a month) against "
        f"{format_money(refund.money_given_up)} refunded"
    )
    if partial:
        scores = [p.now.score for p in partial]
        shown = ", ".join(f"{p.label}: {_score_words(p.now)}" for p in partial)
        if None not in scores:
            reasons.append(
                f"partial refund of {format_money(partial[0].money_given_up)} now: {shown}"
            )
        else:
            reasons.append(f"partial refund now: {shown}")
    return tuple(reasons)


def _recommendation(
    do_refund: bool,
    keep: Path,
    refund: Path,
    amount: Decimal,
    protected: Decimal,
    rules: DecisionRules,
    record_size: int,
) -> str:
    n = rules.months
    below_90 = keep.months_below(90, n) - refund.months_below(90, n)
    below_80 = keep.months_below(80, n) - refund.months_below(80, n)
    moved = abs((refund.now.score or 0) - (keep.now.score or 0))
    stake = (
        "takes the score from a number to no score yet"
        if refund.now.score is None and keep.now.score is not None
        else f"moves the score {moved:.1f} points now"
    )
    if do_refund:
        return (
            f"Refund and cancel: with {record_size} counted contracts this one outcome {stake}, "
            f"and refunding {format_money(amount)} avoids {max(below_80, 0)} month(s) shown "
            f"below 80 and {max(below_90, 0)} below 90 in the next {n}, worth about "
            f"{format_money(protected)} of income — more than the refund."
        )
    if protected < 0:
        return (
            f"Keep the money: with {record_size} counted contracts this outcome is no worse "
            f"than a refund — refunding {format_money(amount)} would cost about "
            f"{format_money(-protected)} more of income over the next {n} months."
        )
    avoided = (
        "changes no month's band"
        if below_90 <= 0 and below_80 <= 0
        else f"avoids only {max(below_90, 0)} month(s) below 90 and {max(below_80, 0)} below 80"
    )
    return (
        f"Keep the money: with {record_size} counted contracts this one outcome {stake} and "
        f"refunding {avoided} in the next {n} months, worth about {format_money(protected)} "
        f"of income — less than the {format_money(amount)} a refund gives up."
    )
