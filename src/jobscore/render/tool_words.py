"""Words the freelancer tools' answers share, for the terminal and for web pages alike.

Every function here is pure and returns a plain string: no rich, no markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobscore.tools.changes import FeedbackChange
    from jobscore.tools.screen import Reason as ScreenReason
    from jobscore.tools.whatif import Scenario

__all__ = [
    "assumed_feedback_words",
    "feedback_words",
    "scenario_label",
    "score_words",
    "screen_reason_words",
    "stars_words",
]


def stars_words(stars: float) -> str:
    return f"{stars:g} star{'' if stars == 1 else 's'}"


def score_words(score: float | None) -> str:
    return "no score yet" if score is None else f"{score:.1f}%"


def feedback_words(stars: float | None, private_score: int | None) -> str:
    """Feedback in words: "2 stars, private 3", or "no feedback" when there is none."""
    parts = []
    if stars is not None:
        parts.append(stars_words(stars))
    if private_score is not None:
        parts.append(f"private {private_score}")
    return ", ".join(parts) or "no feedback"


def scenario_label(scenario: Scenario) -> str:
    """A what-if "after": plain, or with the client pleased or unhappy."""
    if scenario.client is None:
        return "after"
    return f"after, if the client is {scenario.client}"


def assumed_feedback_words(change: FeedbackChange) -> str:
    """Feedback a what-if assumed for a contract whose feedback the changes left unknown."""
    parts = []
    if change.stars is not None:
        parts.append(stars_words(change.stars))
    if change.private_score is not None:
        parts.append(f"private {change.private_score}/10")
    return f"{change.contract_id}: {', '.join(parts) or 'no feedback'}"


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
