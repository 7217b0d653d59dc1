"""The what-if's and screen's words, written from the tools' figures."""

from __future__ import annotations

from jobscore.render.tool_words import (
    assumed_feedback_words,
    feedback_words,
    scenario_label,
    screen_reason_words,
    stars_words,
)
from jobscore.scoring import UPWORK, score
from jobscore.tools.changes import FeedbackChange
from jobscore.tools.screen import Factor, Reason
from jobscore.tools.whatif import ClientReaction, Scenario
from tests.builders import AS_OF, history


def test_stars_and_feedback() -> None:
    assert stars_words(1.0) == "1 star"
    assert stars_words(4.5) == "4.5 stars"
    assert feedback_words(2.0, 3) == "2 stars, private 3"
    assert feedback_words(None, None) == "no feedback"
    assert assumed_feedback_words(FeedbackChange("k7", 5.0, 10)) == "k7: 5 stars, private 10/10"


def test_a_scenario_is_named_by_the_client_it_assumes() -> None:
    scored = score(history(), UPWORK, AS_OF)
    assert scenario_label(Scenario(None, scored)) == "after"
    assert scenario_label(Scenario(ClientReaction.UNHAPPY, scored)) == (
        "after, if the client is unhappy"
    )


def test_each_screen_reason_in_words() -> None:
    words = [
        screen_reason_words(reason)
        for reason in (
            Reason(Factor.RECORD, 16.6, 1, 1, 0.10, smoothing=10.0),
            Reason(Factor.STARS_GIVEN, 29.1, 2.1, 9, 4.7),
            Reason(Factor.PRIVATE_GIVEN, 6.7, 2.0, 1, 8.5),
            Reason(Factor.SILENT, -1.9, 0.0, 1, 0.15),
            Reason(Factor.PAYMENT_NOT_VERIFIED, 3.0),
            Reason(Factor.FLAGGED, 9.0),
        )
    ]
    assert words == [
        "1 of its 1 rated contract ended as a bad outcome (marketplace rate 10%, smoothed as "
        "10 ordinary contracts)",
        "gives 2.1 stars on average over 9 ratings (marketplace 4.7)",
        "private scores average 2.0/10 over 1 (marketplace 8.5)",
        "0% of its 1 ended contracts ended without feedback (marketplace 15%)",
        "its payment method is not verified",
        "flagged or suspended by the marketplace",
    ]
