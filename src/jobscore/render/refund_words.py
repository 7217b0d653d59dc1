"""refund-or-keep's answer in words: the recommendation, its reasons and its assumptions.

The tool answers in figures (`jobscore.tools.refund_or_keep`); these pure functions write them
as sentences, the same for the terminal, `--json` and web pages. This module loads the tool's:
a renderer imports it when it has a refund-or-keep answer to show.
"""

from __future__ import annotations

from itertools import pairwise

from jobscore.money import format_money
from jobscore.render.tool_words import feedback_words, score_words, stars_words
from jobscore.tools.refund_or_keep import (
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

__all__ = [
    "assumption_words",
    "path_label",
    "reason_words",
    "recommendation_words",
    "rules_words",
]

_LABELS = {
    PathKind.KEEP: "keep the money",
    PathKind.REFUND: "refund in full and cancel",
    PathKind.PARTIAL_PLEASED: "client pleased",
    PathKind.PARTIAL_UNHAPPY: "client unhappy",
}
_PARTIAL = (PathKind.PARTIAL_PLEASED, PathKind.PARTIAL_UNHAPPY)


def path_label(path: Path) -> str:
    """A path's name: "keep the money", "refund in full and cancel", "refund $350.00, client
    pleased"."""
    label = _LABELS[path.key]
    if path.key in _PARTIAL:
        return f"refund {format_money(path.money_given_up)}, {label}"
    return label


def reason_words(reason: Reason) -> str:
    match reason:
        case ScoresNow(keep=keep, refund=refund):
            return f"now: keeping shows {score_words(keep)}, refunding shows {score_words(refund)}"
        case RecordSize(counted=n, weighs_heavily=heavily):
            return (
                f"the displayed window holds {n} counted contract{'s' * (n != 1)}, so one "
                f"contract weighs {'heavily' if heavily else 'little'}"
            )
        case MonthsBelow(below=below, months=months, keep=keep_months, refund=refund_months):
            return (
                f"months shown below {below:g} in the next {months}: keep {keep_months}, "
                f"refund {refund_months}"
            )
        case MonthsWithoutScore(keep=keep_months, refund=refund_months):
            return f"months with no score yet: keep {keep_months}, refund {refund_months}"
        case IncomeProtected(protected=protected, monthly_income=income, refund=refund_amount):
            return (
                f"income protected by refunding: {format_money(protected)} "
                f"(at {format_money(income)} a month) against "
                f"{format_money(refund_amount)} refunded"
            )
        case PartialNow(amount=amount, pleased=pleased, unhappy=unhappy):
            given = f"refund {format_money(amount)}"
            shown = (
                f"{given}, {_LABELS[PathKind.PARTIAL_PLEASED]}: {score_words(pleased)}, "
                f"{given}, {_LABELS[PathKind.PARTIAL_UNHAPPY]}: {score_words(unhappy)}"
            )
            if pleased is None or unhappy is None:
                return f"partial refund now: {shown}"
            return f"partial refund of {format_money(amount)} now: {shown}"
    raise TypeError(f"not a refund-or-keep reason: {reason!r}")


def recommendation_words(answer: RefundOrKeep) -> str:
    """What to do, in one sentence, with the figures it rests on."""
    n, size = answer.rules.months, answer.record_size
    keep, refund = answer.keep, answer.refund
    amount, protected = format_money(answer.money_at_stake), answer.income_protected
    # The sentence cites the two highest bands (90 and 80 by default).
    high, next_ = answer.thresholds[:2]
    below_high = keep.months_below(high, n) - refund.months_below(high, n)
    below_next = keep.months_below(next_, n) - refund.months_below(next_, n)
    kept, refunded = keep.now.score, refund.now.score
    stake = (
        "takes the score from a number to no score yet"
        if refunded is None and kept is not None
        else f"moves the score {abs((refunded or 0) - (kept or 0)):.1f} points now"
    )
    if answer.verdict is Verdict.REFUND:
        return (
            f"Refund and cancel: with {size} counted contracts this one outcome {stake}, "
            f"and refunding {amount} avoids {max(below_next, 0)} month(s) shown "
            f"below {next_:g} and {max(below_high, 0)} below {high:g} in the next {n}, worth "
            f"about {format_money(protected)} of income — more than the refund."
        )
    if answer.verdict is Verdict.KEEP_NO_WORSE:
        return (
            f"Keep the money: with {size} counted contracts this outcome is no worse "
            f"than a refund — refunding {amount} would cost about "
            f"{format_money(-protected)} more of income over the next {n} months."
        )
    avoided = (
        "changes no month's band"
        if below_high <= 0 and below_next <= 0
        else f"avoids only {max(below_high, 0)} month(s) below {high:g} and "
        f"{max(below_next, 0)} below {next_:g}"
    )
    return (
        f"Keep the money: with {size} counted contracts this one outcome {stake} and "
        f"refunding {avoided} in the next {n} months, worth about {format_money(protected)} "
        f"of income — less than the {amount} a refund gives up."
    )


def rules_words(rules: DecisionRules) -> str:
    """What a month in each band is assumed to cost, lowest band first."""
    bands = sorted(rules.bands, key=lambda b: b.below)
    lowest = bands[0]
    parts = [
        f"a month shown below {lowest.below:g} is assumed to cost {lowest.share_lost:.0%} of a "
        "month's income"
    ]
    parts += [
        f"{lower.below:g}-{band.below:g} {band.share_lost:.0%}" for lower, band in pairwise(bands)
    ]
    return ", ".join(parts) + "; no score yet costs nothing"


def assumption_words(answer: RefundOrKeep) -> tuple[str, ...]:
    assumed, rules = answer.assumed, answer.rules
    unhappy, pleased, pace = assumed.unhappy, assumed.pleased, assumed.pace
    if assumed.feedback_given:
        keep = (
            "keeps the feedback already given "
            f"({feedback_words(unhappy.stars, unhappy.private_score)})"
        )
    else:
        keep = (
            f"the unhappy client leaves {_stars(unhappy.stars)} and a private "
            f"{unhappy.private_score}"
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
        "refund: net $0 and cancelled; the client, once refunded, leaves no feedback",
        f"partial refund: {format_money(assumed.partial)}, with the client's feedback unknown "
        f"(pleased: {feedback_words(pleased.stars, pleased.private_score)}; "
        f"unhappy: {feedback_words(unhappy.stars, unhappy.private_score)})",
        f"each path is scored as of now and then every month for {rules.months} months",
        work,
        rules_words(rules),
        f"income: {format_money(answer.monthly_income)} a month {income}",
    )


def _stars(stars: float | None) -> str:
    return "no stars" if stars is None else stars_words(stars)
