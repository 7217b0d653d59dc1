"""The what-if's and screen's words, written from the tools' figures."""

from __future__ import annotations

from decimal import Decimal

from jobscore.render.tool_words import (
    effect_words,
    feedback_words,
    responded_words,
    scenario_label,
    screen_reason_words,
    stars_words,
)
from jobscore.scoring import UPWORK, score
from jobscore.tools.effects import (
    Added,
    ClientResponse,
    ClockMoved,
    Closed,
    FeedbackFinal,
    FeedbackLeft,
    KeptOpen,
    Refunded,
    Responded,
)
from jobscore.tools.screen import Factor, Reason
from jobscore.tools.whatif import Scenario
from tests.builders import AS_OF, at, history


def test_stars_and_feedback() -> None:
    assert stars_words(1.0) == "1 star"
    assert stars_words(4.5) == "4.5 stars"
    assert feedback_words(2.0, 3) == "2 stars, private 3"
    assert feedback_words(None, None) == "no feedback"


def test_what_a_refunded_client_is_assumed_to_do() -> None:
    assert responded_words(Responded("k7", ClientResponse.SILENT, None, None)) == (
        "k7: the client leaves no feedback"
    )
    assert responded_words(Responded("k7", ClientResponse.PLEASED, 5.0, 10, True)) == (
        "k7: the client is pleased — leaves 5 stars and private 10/10, and the contract ends "
        "as completed"
    )
    assert responded_words(Responded("k7", ClientResponse.UNHAPPY, 1.0, 2)) == (
        "k7: the client is unhappy all the same — leaves 1 star and private 2/10"
    )


def test_each_effect_in_words() -> None:
    words = [
        effect_words(effect)
        for effect in (
            Refunded("k1", Decimal("700.00"), Decimal("700.00"), in_full=True),
            Refunded("k1", Decimal("350.00"), Decimal("700.00"), in_full=False),
            FeedbackLeft("k2", 1.0, None, ended_now=True),
            Closed("k3", at("2026-12-01"), without_feedback=True),
            KeptOpen("k4", at("2027-01-01"), Decimal("500.00"), Decimal("1000.00")),
            Added(2, Decimal("900.00"), 14, 5.0, 10),
            ClockMoved(AS_OF, at("2027-01-01")),
            FeedbackFinal("k5", at("2026-10-27")),
        )
    ]
    assert words == [
        "k1: refunded in full ($700.00) and cancelled",
        "k1: $350.00 of $700.00 refunded",
        "k2: the client leaves 1 star and the contract ends now",
        "k3: closed on 2026-12-01 with no feedback unless given with --feedback",
        "k4: kept open until 2027-01-01, paid every 30 days at its average rate so far "
        "($500.00 a month, $1,000.00 in all)",
        "2 new contracts of $900.00, each from a new client, 14 days long, ending with 5 stars "
        "and private 10/10",
        "scored as of 2027-01-01T00:00:00Z instead of 2026-01-01T00:00:00Z",
        "k5: its feedback window closed on 2026-10-27, so the feedback given is final: a refund "
        "changes the money only",
    ]


def test_a_scenario_is_named_by_the_client_it_assumes() -> None:
    scored = score(history(), UPWORK, AS_OF)
    assert scenario_label(Scenario(None, scored)) == "after"
    assert scenario_label(Scenario(ClientResponse.UNHAPPY, scored)) == (
        "after, if the client is unhappy all the same"
    )
    assert scenario_label(Scenario(ClientResponse.SILENT, scored)) == (
        "after, if the client leaves no feedback"
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
