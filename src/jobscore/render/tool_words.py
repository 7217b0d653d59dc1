"""Words the freelancer tools' answers share, for the terminal and for web pages alike.

Every function here is pure and returns a plain string: no rich, no markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from jobscore.instants import format_instant
from jobscore.money import format_money
from jobscore.tools.effects import (
    Added,
    ClientResponse,
    ClockMoved,
    Closed,
    Effect,
    FeedbackFinal,
    FeedbackLeft,
    KeptOpen,
    Refunded,
    Responded,
)

if TYPE_CHECKING:
    from jobscore.tools.recover import PaceRecovery, Recovery
    from jobscore.tools.screen import ClientRisk
    from jobscore.tools.screen import Reason as ScreenReason
    from jobscore.tools.whatif import Scenario, WhatIf

__all__ = [
    "effect_words",
    "effects_words",
    "feedback_words",
    "pace_assumptions",
    "recovery_assumptions",
    "responded_words",
    "scenario_label",
    "score_words",
    "screen_assumptions",
    "screen_reason_words",
    "stars_words",
    "whatif_assumptions",
]


def stars_words(stars: float) -> str:
    return f"{stars:g} star{'' if stars == 1 else 's'}"


def score_words(score: float | None) -> str:
    return "no score yet" if score is None else f"{score:.1f}%"


def _feedback_parts(stars: float | None, private_score: int | None, scale: str) -> list[str]:
    parts = []
    if stars is not None:
        parts.append(stars_words(stars))
    if private_score is not None:
        parts.append(f"private {private_score}{scale}")
    return parts


def feedback_words(stars: float | None, private_score: int | None) -> str:
    """Feedback in words: "2 stars, private 3", or "no feedback" when there is none."""
    return ", ".join(_feedback_parts(stars, private_score, "")) or "no feedback"


_CLIENT = {
    ClientResponse.PLEASED: "the client is pleased",
    ClientResponse.SILENT: "the client leaves no feedback",
    ClientResponse.UNHAPPY: "the client is unhappy all the same",
}


def scenario_label(scenario: Scenario) -> str:
    """A what-if "after": plain, or with the client content or unhappy."""
    if scenario.client is None:
        return "after"
    return f"after, if {_CLIENT[scenario.client]}"


def _given(stars: float | None, private_score: int | None) -> str:
    """Feedback a client leaves: "1 star and private 2/10"."""
    return " and ".join(_feedback_parts(stars, private_score, "/10")) or "no feedback"


def responded_words(said: Responded) -> str:
    """What a scenario assumes of a client the refund left to respond."""
    match said.response:
        case ClientResponse.SILENT:
            return f"{said.contract_id}: the client leaves no feedback"
        case ClientResponse.PLEASED:
            return (
                f"{said.contract_id}: the client is pleased — leaves "
                f"{_given(said.stars, said.private_score)}, and the contract ends as completed"
            )
        case _:
            return (
                f"{said.contract_id}: the client is unhappy all the same — leaves "
                f"{_given(said.stars, said.private_score)}"
            )


def effect_words(effect: Effect) -> str:
    """What one change did to the history, and what it assumed."""
    match effect:
        case Refunded(contract_id=c, amount=amount, left=left, in_full=True):
            return f"{c}: refunded in full ({format_money(amount)}) and cancelled"
        case Refunded(contract_id=c, amount=amount, left=left):
            return f"{c}: {format_money(amount)} of {format_money(left)} refunded"
        case FeedbackLeft(contract_id=c, stars=stars, private_score=private, ended_now=now):
            said = f"{c}: the client leaves {_given(stars, private)}"
            return said + (" and the contract ends now" if now else "")
        case Closed(contract_id=c, at=at, without_feedback=silent):
            said = f"{c}: closed on {at:%Y-%m-%d}"
            return said + (" with no feedback unless given with --feedback" if silent else "")
        case KeptOpen(contract_id=c, until=until, monthly=monthly, added=added):
            return (
                f"{c}: kept open until {until:%Y-%m-%d}, paid every 30 days at its "
                f"average rate so far ({format_money(monthly)} a month, "
                f"{format_money(added)} in all)"
            )
        case Added(count=n, amount=amount, length_days=days, stars=stars, private_score=p):
            feedback = _given(stars, p)
            return (
                f"{n} new contract{'s' * (n != 1)} of {format_money(amount)}, each from a new "
                f"client, {days} days long, ending with {feedback}"
            )
        case ClockMoved(as_of=as_of, to=to):
            return f"scored as of {format_instant(to)} instead of {format_instant(as_of)}"
        case FeedbackFinal(contract_id=c, closed_at=closed):
            return (
                f"{c}: its feedback window closed on {closed:%Y-%m-%d}, so the feedback given "
                "is final: a refund changes the money only"
            )
    raise TypeError(f"not an effect: {effect!r}")


def effects_words(effects: Sequence[Effect]) -> tuple[str, ...]:
    return tuple(effect_words(e) for e in effects)


def screen_reason_words(reason: ScreenReason) -> str:
    """Why a client is riskier or safer than the marketplace, with the figures it rests on."""
    from jobscore.tools.screen import Factor

    market = reason.marketplace
    match reason.factor:
        case Factor.RECORD:
            count = reason.count
            return (
                f"{reason.client:g} of its {count} rated contract{'s' * (count != 1)} ended as a "
                f"bad outcome (marketplace rate {market:.0%}, smoothed as {reason.smoothing:g} "
                "ordinary contracts)"
            )
        case Factor.STARS_GIVEN:
            count = reason.count
            return (
                f"gives {reason.client:.1f} stars on average over {count} rating"
                f"{'s' * (count != 1)} (marketplace {market:.1f})"
            )
        case Factor.PRIVATE_GIVEN:
            return (
                f"private scores average {reason.client:.1f}/10 over {reason.count} "
                f"(marketplace {market:.1f})"
            )
        case Factor.REFUNDED | Factor.DISPUTED | Factor.SILENT:
            return (
                f"{reason.client:.0%} of its {reason.count} ended contracts {reason.factor} "
                f"(marketplace {market:.0%})"
            )
        case Factor.PAYMENT_NOT_VERIFIED:
            return "its payment method is not verified"
        case Factor.FLAGGED:
            return "flagged or suspended by the marketplace"


def whatif_assumptions(answer: WhatIf) -> tuple[str, ...]:
    """What a what-if's changes did and assumed; when a refund leaves a client's feedback
    open, that both ways it can go are shown."""
    said = list(effects_words(answer.effects))
    if not answer.changes:
        said.append("no change given: before and after are the same")
    if len(answer.after) > 1:
        said.append(
            "what a refunded client does next is not in your hands: both ways are shown, "
            "the client content (no feedback after a full refund; after a partial one, good "
            "feedback and the contract completed) and the client unhappy all the same"
        )
    return tuple(said)


def recovery_assumptions(answer: Recovery) -> tuple[str, ...]:
    """What recover's search assumed of the new contracts."""
    from jobscore.tools.recover import LEAD_DAYS

    said = [
        f"new contracts: good (5 stars, private 10), each from a new client, of "
        f"{format_money(answer.size)} each, {LEAD_DAYS} days long (none ends sooner than that)",
        f"at most {answer.max_per_month} new contracts end in any 30 days",
        "each new contract ends as late as the schedule allows (later is never worse)",
        f"search up to {format_instant(answer.by)}"
        + (
            ""
            if answer.searched_to == answer.by
            else f", then up to {format_instant(answer.searched_to)}"
        ),
    ]
    if answer.sizes_tried:
        said.append(f"sizes tried: {', '.join(format_money(s) for s in answer.sizes_tried)}")
    return tuple(said)


def pace_assumptions(answer: PaceRecovery) -> tuple[str, ...]:
    """What recover at a pace assumed of the new work."""
    from jobscore.tools.recover import LEAD_DAYS, SPAN

    first = max((SPAN / answer.per_month).days, LEAD_DAYS)
    return (
        f"new work: {answer.per_month:g} good contracts a month (5 stars, private 10) of "
        f"{format_money(answer.size)}, each from a new client, the first ending {first} days "
        "from now",
        f"searched up to {format_instant(answer.horizon)}",
    )


def screen_assumptions(answer: ClientRisk) -> tuple[str, ...]:
    """What screening a client assumed."""
    said = [
        f"marketplace figures: {answer.marketplace.source}",
        "a bad outcome is judged by the policy's rules; a flagged client's feedback is read "
        "as if it counted, and the flag weighed on its own",
        "hire rate is not in contract files and is left out",
    ]
    if answer.payment_verified is None:
        said.append("payment verification unknown (no client record in the file)")
    return tuple(said)
