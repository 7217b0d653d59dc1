"""refund-or-keep in words: figures in, the sentences the terminal and `--json` show out."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from jobscore.render.refund_words import (
    assumption_words,
    path_label,
    reason_words,
    recommendation_words,
    rules_words,
)
from jobscore.scoring.upwork.policy import UPWORK
from jobscore.tools.pace import Pace
from jobscore.tools.refund_or_keep import (
    Band,
    DecisionRules,
    IncomeProtected,
    MonthsBelow,
    MonthsWithoutScore,
    PartialNow,
    RecordSize,
    ScoresNow,
    refund_or_keep,
)
from tests.builders import AS_OF, at, contract, history


def job(contract_id: str, client_id: str, ended: str, **fields):  # type: ignore[no-untyped-def]
    started = (at(ended) - timedelta(days=10)).date().isoformat()
    return contract(contract_id, client_id, started=started, ended=ended, earned=500, **fields)


def small():  # type: ignore[no-untyped-def]
    return history(
        job("g1", "c1", "2025-11-15", stars=5.0),
        job("g2", "c2", "2025-12-15", stars=5.0),
        job("k", "c3", "2025-12-01"),
    )


def test_each_reason_in_words() -> None:
    assert reason_words(ScoresNow(100 / 3, None)) == (
        "now: keeping shows 33.3%, refunding shows no score yet"
    )
    assert reason_words(RecordSize(1, weighs_heavily=True)) == (
        "the displayed window holds 1 counted contract, so one contract weighs heavily"
    )
    assert reason_words(RecordSize(200, weighs_heavily=False)) == (
        "the displayed window holds 200 counted contracts, so one contract weighs little"
    )
    assert reason_words(MonthsBelow(90.0, 24, 23, 0)) == (
        "months shown below 90 in the next 24: keep 23, refund 0"
    )
    assert reason_words(MonthsWithoutScore(24, 1, 0)) == (
        "months with no score yet: keep 1, refund 0"
    )
    assert reason_words(
        IncomeProtected(Decimal("11054.77"), Decimal("801.07"), Decimal("500.00"))
    ) == ("income protected by refunding: $11,054.77 (at $801.07 a month) against $500.00 refunded")
    assert reason_words(PartialNow(Decimal("250.00"), 100.0, 42.857)) == (
        "partial refund of $250.00 now: refund $250.00, client pleased: 100.0%, "
        "refund $250.00, client unhappy: 42.9%"
    )
    assert reason_words(PartialNow(Decimal("250.00"), None, 42.857)) == (
        "partial refund now: refund $250.00, client pleased: no score yet, "
        "refund $250.00, client unhappy: 42.9%"
    )


def test_the_rules_in_words_follow_the_bands() -> None:
    assert rules_words(DecisionRules()) == (
        "a month shown below 75 is assumed to cost 60% of a month's income, 75-80 40%, "
        "80-90 15%; no score yet costs nothing"
    )
    two_bands = DecisionRules(bands=(Band(95.0, 0.1), Band(85.0, 0.5)))
    assert rules_words(two_bands) == (
        "a month shown below 85 is assumed to cost 50% of a month's income, 85-95 10%; "
        "no score yet costs nothing"
    )


def test_an_answer_in_words() -> None:
    answer = refund_or_keep(small(), UPWORK, AS_OF, "k", pace=Pace(0, Decimal("0")))
    assert [path_label(p) for p in answer.paths] == [
        "keep the money",
        "refund in full and cancel",
        "refund $250.00, client pleased",
        "refund $250.00, client unhappy",
    ]
    # 23 months below 80 and 90 avoided, 13.8 months of $801.07 (see test_refund_or_keep).
    assert recommendation_words(answer) == (
        "Refund and cancel: with 3 counted contracts this one outcome moves the score 66.7 "
        "points now, and refunding $500.00 avoids 23 month(s) shown below 80 and 23 below 90 "
        "in the next 24, worth about $11,054.77 of income — more than the refund."
    )
    assert assumption_words(answer) == (
        "keep: the unhappy client leaves 1 star and a private 0",
        "refund: net $0 and cancelled; the client, once refunded, leaves no feedback",
        "partial refund: $250.00, with the client's feedback unknown (pleased: 5 stars, "
        "private 10; unhappy: 1 star, private 0)",
        "each path is scored as of now and then every month for 24 months",
        "no new work on any path",
        rules_words(answer.rules),
        "income: $801.07 a month (your average over the months worked in the last 12)",
    )


def test_feedback_already_given_and_a_stated_pace_and_income() -> None:
    h = history(*small().contracts[:2], job("k", "c3", "2025-12-01", stars=2.0, private_score=3))
    answer = refund_or_keep(
        h, UPWORK, AS_OF, "k", pace=Pace(2, Decimal("500")), monthly_income=Decimal("20")
    )
    words = assumption_words(answer)
    assert words[0] == "keep: keeps the feedback already given (2 stars, private 3)"
    assert words[4] == (
        "new work on every path: 2 good contracts a month of $500.00, each from a new client"
    )
    assert words[-1] == "income: $20.00 a month (as given)"
    assert recommendation_words(answer).startswith("Keep the money: with 3 counted contracts")
