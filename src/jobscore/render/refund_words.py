"""refund-or-keep's answer in words: the recommendation, its reasons and its assumptions.

The tool answers in figures (`jobscore.tools.refund_or_keep`); these pure functions write them
as sentences, the same for the terminal, `--json` and web pages. This module loads the tool's:
a renderer imports it when it has a refund-or-keep answer to show.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TypeVar

from jobscore.money import format_money
from jobscore.render.tool_words import feedback_words, score_words
from jobscore.tools.refund_or_keep import (
    ByPath,
    DecisionRules,
    IncomeProtected,
    MonthsBelow,
    MonthsWithoutScore,
    PartialNow,
    Path,
    PathKind,
    Reason,
    RecordSize,
    RefundOrKeep,
    ScoresNow,
    Verdict,
)

T = TypeVar("T")

__all__ = [
    "assumption_words",
    "path_label",
    "reason_words",
    "recommendation_words",
    "rules_words",
]

_LABELS = {
    PathKind.KEEP: "keep the money",
    PathKind.REFUND_SILENT: "refund in full, client leaves no feedback",
    PathKind.REFUND_UNHAPPY: "refund in full, client unhappy all the same",
    PathKind.REFUND_FINAL: "refund in full (feedback final)",
    PathKind.PARTIAL_PLEASED: "client pleased",
    PathKind.PARTIAL_UNHAPPY: "client unhappy",
    PathKind.PARTIAL_FINAL: "feedback final",
}
_PARTIAL = (PathKind.PARTIAL_PLEASED, PathKind.PARTIAL_UNHAPPY, PathKind.PARTIAL_FINAL)
#: Short names of the compared paths in a reason's figures.
_SHORT = {
    PathKind.KEEP: "keep",
    PathKind.REFUND_SILENT: "refund, no feedback",
    PathKind.REFUND_UNHAPPY: "refund, unhappy",
    PathKind.REFUND_FINAL: "refund",
}


def path_label(path: Path) -> str:
    """A path's name: "keep the money", "refund in full, client leaves no feedback", "refund
    $350.00, client pleased"."""
    label = _LABELS[path.key]
    if path.key in _PARTIAL:
        return f"refund {format_money(path.money_given_up)}, {label}"
    return label


def _each(figures: ByPath[T], words: Callable[[T], str]) -> str:
    return ", ".join(f"{_SHORT[key]} {words(value)}" for key, value in figures.values)


def reason_words(reason: Reason) -> str:
    match reason:
        case ScoresNow(scores=scores):
            return f"shown now: {_each(scores, score_words)}"
        case RecordSize(counted=n, weighs_heavily=heavily):
            return (
                f"the displayed window holds {n} counted contract{'s' * (n != 1)}, so one "
                f"contract weighs {'heavily' if heavily else 'little'}"
            )
        case MonthsBelow(below=below, months=months, counts=counts):
            return f"months shown below {below:g} in the next {months}: {_each(counts, str)}"
        case MonthsWithoutScore(counts=counts):
            return f"months with no score: {_each(counts, str)}"
        case IncomeProtected(
            protected=protected, monthly_income=income, refund=refund_amount, chance_unhappy=p
        ):
            chance = "" if p is None else f", the client unhappy all the same at {p:.0%}"
            return (
                f"income a full refund is expected to protect: {format_money(protected)} "
                f"(at {format_money(income)} a month{chance}) against "
                f"{format_money(refund_amount)} refunded"
            )
        case PartialNow(amount=amount, pleased=pleased, unhappy=unhappy):
            given = f"refund {format_money(amount)}"
            return (
                f"partial refund now: {given}, client pleased: {score_words(pleased)}; "
                f"{given}, client unhappy: {score_words(unhappy)}"
            )
    raise TypeError(f"not a refund-or-keep reason: {reason!r}")


def recommendation_words(answer: RefundOrKeep) -> str:
    """What to do, in one sentence, with the figures it rests on."""
    n, size = answer.rules.months, answer.record_size
    amount, protected = format_money(answer.money_at_stake), answer.income_protected
    counted = f"{size} counted contract{'s' * (size != 1)}"
    if answer.verdict is Verdict.ALREADY_GOOD:
        return (
            f"Keep the money: {answer.contract_id} already counts as a good outcome, so a "
            f"refund has nothing to mend — it would give up {amount} and the good outcome."
        )
    expected = f"worth about {format_money(protected)} of income over the next {n} months"
    if len(answer.refund) > 1:
        expected += (
            f" (both ways weighed, the client unhappy all the same at "
            f"{answer.rules.chance_unhappy:.0%})"
        )
    kept, content = answer.keep.now.score, answer.refund[0].now.score
    stake = (
        "takes the score from a number to no score yet"
        if content is None and kept is not None
        else f"moves the score {abs((content or 0) - (kept or 0)):.1f} points now"
    )
    if answer.verdict is Verdict.REFUND:
        return (
            f"Refund and cancel: with {counted} this one outcome {stake}, and refunding "
            f"{amount} is expected to save months shown below the bands, {expected} — "
            "more than the refund."
        )
    if answer.verdict is Verdict.KEEP_NO_WORSE:
        return (
            f"Keep the money: with {counted} this outcome is no worse than a refund — "
            f"refunding {amount} is expected to cost about {format_money(-protected)} more "
            f"of income over the next {n} months."
        )
    return (
        f"Keep the money: with {counted} this one outcome {stake}, and what refunding "
        f"{amount} is expected to save is {expected} — less than the refund."
    )


def rules_words(rules: DecisionRules) -> str:
    """What a month in each band, or with no score, is assumed to cost, lowest band first."""
    bands = sorted(rules.bands, key=lambda b: b.below)
    lowest = bands[0]
    parts = [
        f"a month shown below {lowest.below:g} is assumed to cost {lowest.share_lost:.0%} of a "
        "month's income"
    ]
    parts += [
        f"{lower.below:g}-{band.below:g} {band.share_lost:.0%}" for lower, band in pairwise(bands)
    ]
    return ", ".join(parts) + f"; a month with no score shown {rules.no_score_share:.0%}"


def assumption_words(answer: RefundOrKeep) -> tuple[str, ...]:
    assumed, rules = answer.assumed, answer.rules
    unhappy, pleased, pace = assumed.unhappy, assumed.pleased, assumed.pace
    said = feedback_words(unhappy.stars, unhappy.private_score)
    if assumed.feedback_final:
        keep = f"the feedback is final: {said}"
    elif assumed.feedback_given:
        keep = f"the client leaves the feedback it has given ({said})"
    else:
        keep = f"the unhappy client leaves {said}"
    if assumed.feedback_final:
        refund = (
            "refund: net $0 and cancelled; the feedback's window has closed, so the feedback "
            f"({said}) is final and stays"
        )
        partial = f"partial refund: {format_money(assumed.partial)}; the feedback stays"
    else:
        refund = (
            "refund: net $0 and cancelled; what the client does then is not in your hands, so "
            f"both ways are followed: it leaves no feedback, or {said} all the same "
            f"(taken as {rules.chance_unhappy:.0%} likely; --chance-unhappy to change it)"
        )
        partial = (
            f"partial refund: {format_money(assumed.partial)}, the client pleased "
            f"({feedback_words(pleased.stars, pleased.private_score)}, the contract completed) "
            f"or unhappy ({said})"
        )
    if pace.per_month > 0:
        work = (
            f"new work on every path: {pace.per_month:.2g} good contracts a month of "
            f"{format_money(pace.size)}, each from a new client"
        )
        if not assumed.pace_stated:
            work += " (your own pace in the last 12 months; --pace 0 for none)"
    else:
        work = "no new work on any path"
    income = (
        "(as given)"
        if assumed.income_stated
        else "(your average over the months worked in the last 12)"
    )
    return (
        f"keep: {keep}",
        refund,
        partial,
        f"each path is scored as of now and then every month for {rules.months} months",
        work,
        rules_words(rules),
        f"income: {format_money(answer.monthly_income)} a month {income}",
    )
