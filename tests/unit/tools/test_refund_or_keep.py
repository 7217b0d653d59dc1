"""refund-or-keep: month-by-month paths, crossings, and answers that depend on the record."""

from __future__ import annotations

from dataclasses import fields
from datetime import timedelta
from decimal import Decimal

import pytest

from jobscore.instants import shift_months
from jobscore.scoring import get_policy, score
from jobscore.scoring.upwork.policy import UPWORK
from jobscore.tools.changes import FeedbackChange, apply_changes
from jobscore.tools.pace import Pace, months_active, own_pace
from jobscore.tools.refund_or_keep import (
    SCORE_BANDS,
    ByPath,
    DecisionRules,
    Feedback,
    IncomeProtected,
    MonthsBelow,
    MonthsWithoutScore,
    PartialNow,
    PathKind,
    ReasonKind,
    RecordSize,
    ScoresNow,
    Verdict,
    refund_or_keep,
)
from tests.builders import AS_OF, at, contract, history


def job(contract_id: str, client_id: str, ended: str, earned: int = 500, **fields):  # type: ignore[no-untyped-def]
    started = (at(ended) - timedelta(days=10)).date().isoformat()
    return contract(contract_id, client_id, started=started, ended=ended, earned=earned, **fields)


NO_WORK = Pace(0, Decimal("0"))


def small():  # type: ignore[no-untyped-def]
    # Two $500 goods (1.25 each) and an unhappy client on a $500 job that ended on 2025-12-25:
    # no feedback yet, and its window open until the end of 2026-01-08.
    return history(
        job("g1", "c1", "2025-11-15", stars=5.0),
        job("g2", "c2", "2025-12-15", stars=5.0),
        job("k", "c3", "2025-12-25"),
    )


def test_paths_month_by_month_by_hand() -> None:
    answer = refund_or_keep(small(), UPWORK, AS_OF, "k", pace=NO_WORK)
    keep = answer.keep
    silent, unhappy = answer.refund
    assert (silent.key, unhappy.key) == (PathKind.REFUND_SILENT, PathKind.REFUND_UNHAPPY)
    assert len(keep.readings) == 25
    assert [r.at for r in keep.readings] == [shift_months(AS_OF, k) for k in range(25)]
    # Keep: the client leaves 1 star → (2.5 − 1.25) / 3.75 = 33.3%, until g1 leaves the
    # 24-month window on 2027-11-15; on 2027-12-01 g2 and k are left: (1.25 − 1.25) / 2.5 = 0%.
    assert keep.now.score == pytest.approx(100 / 3)
    assert keep.readings[22].score == pytest.approx(100 / 3)
    assert keep.readings[23].score == pytest.approx(0.0)
    assert keep.months_below(90, 24) == 24
    assert keep.months_without_score(24) == 0
    assert keep.first_at_or_above(75) is None
    # Refunded in full, the client silent: k counts nowhere → 100% until g1 ages out, then
    # g2 alone: no score.
    assert silent.now.score == pytest.approx(100.0)
    assert silent.first_at_or_above(90) == silent.now
    assert silent.months_below(90, 24) == 0
    assert silent.readings[23].score is None
    # Refunded in full, the client's 1 star all the same: bad at net $0 still counts, with
    # weight 1 → (2.5 − 1) / 3.5 = 42.9%; on 2027-12-01 (1.25 − 1) / 2.25 = 11.1%.
    assert unhappy.now.score == pytest.approx(100 * 1.5 / 3.5)
    assert unhappy.readings[23].score == pytest.approx(100 * 0.25 / 2.25)
    assert answer.points_at_stake == pytest.approx(100 - 100 / 3)
    assert answer.money_at_stake == Decimal("500")
    # Half refunded: pleased (5 stars, completed, net $250 → weight 1) 100%; unhappy (1 star
    # at net $250 → weight 1) (2.5 − 1) / 3.5 = 42.9%.
    pleased, partial_unhappy = answer.partial
    assert pleased.now.score == pytest.approx(100.0)
    assert partial_unhappy.now.score == pytest.approx(100 * 1.5 / 3.5)
    assert pleased.money_given_up == Decimal("250.00")
    assert [r.response for r in pleased.responded] == ["pleased"]


def test_income_and_recommendation_follow_the_numbers() -> None:
    answer = refund_or_keep(small(), UPWORK, AS_OF, "k", pace=NO_WORK)
    # Income: $1,500 earned since the first contract started on 2025-11-05, 57 days or
    # 1.8725 months ago → $801.07 a month. Keep: 24 months below 75 (60% each) = 14.4 months
    # of income. Refund, silent: one month with no score (15%) = 0.15; unhappy: 24 months
    # below 75 = 14.4. At even chances the refund is expected to lose 7.275, so it protects
    # 14.4 − 7.275 = 7.125 months = $5,707.62, more than the $500 refund.
    assert answer.monthly_income == Decimal("801.07")
    assert answer.income_protected == Decimal("5707.62")
    assert answer.recommend_refund
    assert answer.verdict is Verdict.REFUND
    stingy = refund_or_keep(small(), UPWORK, AS_OF, "k", pace=NO_WORK, monthly_income=Decimal("20"))
    # 7.125 × $20 = $142.50 < $500: keep.
    assert stingy.income_protected == Decimal("142.50")
    assert stingy.verdict is Verdict.KEEP
    # A client sure to be unhappy all the same: the refund saves nothing.
    sure = refund_or_keep(
        small(), UPWORK, AS_OF, "k", pace=NO_WORK, rules=DecisionRules(chance_unhappy=1.0)
    )
    assert sure.income_protected == Decimal("0.00")
    assert sure.verdict is Verdict.KEEP


def test_final_feedback_leaves_a_refund_one_way() -> None:
    # k ended on 2025-12-01 with no feedback: its window closed at the end of 2025-12-15, so
    # as of 2026-01-01 it counts nowhere, kept or refunded, and nothing is expected of the
    # client.
    h = history(*small().contracts[:2], job("k", "c3", "2025-12-01"))
    answer = refund_or_keep(h, UPWORK, AS_OF, "k", pace=NO_WORK)
    assert [p.key for p in answer.paths] == [
        PathKind.KEEP,
        PathKind.REFUND_FINAL,
        PathKind.PARTIAL_FINAL,
    ]
    assert answer.assumed.feedback_final
    assert answer.keep.now.score == answer.refund[0].now.score == pytest.approx(100.0)
    assert answer.income_protected == Decimal("0.00")
    assert answer.verdict is Verdict.KEEP


def bad_job_in(record_size: int):  # type: ignore[no-untyped-def]
    """The same unhappy $700 client on top of `record_size − 1` good $500 contracts."""
    goods = [
        job(f"g{i}", f"c{i}", (AS_OF - timedelta(days=3 + 2 * i)).date().isoformat(), stars=5.0)
        for i in range(record_size - 1)
    ]
    return history(*goods, job("bad", "unhappy", "2025-12-28", earned=700))


def test_two_contracts_and_two_hundred_get_different_answers() -> None:
    short = refund_or_keep(bad_job_in(2), UPWORK, AS_OF, "bad")
    long = refund_or_keep(bad_job_in(200), UPWORK, AS_OF, "bad")
    # Short record: 1 good 1.25 and 1 bad 1.25 → 0%; refunding leaves one contract (no score)
    # or, the client unhappy all the same, the bad one at weight 1: (1.25 − 1) / 2.25 = 11.1%.
    assert short.keep.now.score == pytest.approx(0.0)
    assert short.refund[0].now.score is None
    assert short.refund[1].now.score == pytest.approx(100 * 0.25 / 2.25)
    assert short.recommend_refund
    # Long record: the 24-month window holds 199 goods and the bad one:
    # (199 − 1) × 1.25 / (200 × 1.25) = 99% → 1 point at stake, no band changes.
    assert long.keep.now.score == pytest.approx(99.0)
    assert long.points_at_stake == pytest.approx(1.0)
    assert not long.recommend_refund
    assert long.keep.months_below(90, 24) == long.refund[0].months_below(90, 24)
    assert long.income_protected == Decimal("0.00")
    # The answer says why: the size of the record and the scores now.
    assert RecordSize(2, weighs_heavily=True) in short.reasons
    assert RecordSize(200, weighs_heavily=False) in long.reasons
    now = long.reasons[0]
    assert isinstance(now, ScoresNow)
    assert now.scores[PathKind.KEEP] == pytest.approx(99.0)
    assert now.scores[PathKind.REFUND_SILENT] == pytest.approx(100.0)


def test_feedback_already_given_is_what_keeping_means() -> None:
    # The window is open: the 2 stars are what the client has said it will leave.
    h = history(*small().contracts[:2], job("k", "c3", "2025-12-25", stars=2.0, private_score=3))
    answer = refund_or_keep(h, UPWORK, AS_OF, "k")
    assert answer.assumed.feedback_given
    assert not answer.assumed.feedback_final
    assert answer.assumed.unhappy == Feedback(2.0, 3)
    # Refunded, the client silent: no feedback; unhappy: the same 2 stars at net $0.
    assert [r.stars for p in answer.refund for r in p.responded] == [None, 2.0]
    # Partial, unhappy: the same 2 stars at net $250.
    assert answer.partial[1].now.score == pytest.approx(100 * 1.5 / 3.5)


def test_a_good_contract_has_nothing_to_refund() -> None:
    # Asked about g1 (5 stars): it is a good outcome already.
    answer = refund_or_keep(small(), UPWORK, AS_OF, "g1", pace=NO_WORK)
    assert answer.verdict is Verdict.ALREADY_GOOD
    assert not answer.recommend_refund


def test_a_partial_refund_must_be_partial() -> None:
    from jobscore.errors import InvalidInput

    for amount in ("0", "500", "900"):
        with pytest.raises(InvalidInput, match="is not a partial refund"):
            refund_or_keep(small(), UPWORK, AS_OF, "k", partial=Decimal(amount))


def test_own_pace_counts_only_the_months_worked() -> None:
    # small(): 3 contracts ended since the first started 1.8725 months ago (57 days).
    assert months_active(small(), AS_OF) == pytest.approx(57 / 30.44)
    assert own_pace(small(), AS_OF) == Pace(3 / (57 / 30.44), Decimal("500.00"))
    # A record older than a year: the last 12 months, whatever came before.
    veteran = history(job("old", "c0", "2023-03-01"), *small().contracts)
    assert months_active(veteran, AS_OF) == 12.0
    assert own_pace(veteran, AS_OF) == Pace(0.25, Decimal("500.00"))


def test_by_default_every_path_keeps_the_freelancers_own_pace() -> None:
    default = refund_or_keep(small(), UPWORK, AS_OF, "k")
    stated = refund_or_keep(small(), UPWORK, AS_OF, "k", pace=own_pace(small(), AS_OF))
    assert default.keep.readings == stated.keep.readings
    assert (
        default.keep.readings
        != refund_or_keep(small(), UPWORK, AS_OF, "k", pace=NO_WORK).keep.readings
    )
    assert not default.assumed.pace_stated
    assert stated.assumed.pace_stated
    assert default.assumed.pace == stated.assumed.pace


def test_a_pace_adds_work_to_every_path() -> None:
    answer = refund_or_keep(small(), UPWORK, AS_OF, "k", pace=Pace(2, Decimal("500")))
    # One month in, two new goods (1.25 each) have ended: keep = (5 − 1.25) / 6.25 = 60%.
    assert answer.keep.readings[1].score == pytest.approx(60.0)
    assert answer.assumed.pace == Pace(2, Decimal("500"))


def test_paths_match_scoring_the_changed_history_directly() -> None:
    answer = refund_or_keep(bad_job_in(12), UPWORK, AS_OF, "bad", pace=NO_WORK)
    changed = apply_changes(bad_job_in(12), [FeedbackChange("bad", 1.0, 0)], AS_OF).history
    for reading in answer.keep.readings:
        assert reading.score == score(changed, UPWORK, reading.at).score


@pytest.mark.parametrize("name", ["upwork", "upwork-2015", "bayes"])
def test_every_policy_answers(name: str) -> None:
    answer = refund_or_keep(bad_job_in(6), get_policy(name), AS_OF, "bad", pace=NO_WORK)
    assert answer.policy_name == name
    assert len(answer.paths) == 5
    assert answer.reasons


def test_a_contract_refunded_in_full_has_nothing_to_decide() -> None:
    from jobscore.errors import InvalidInput

    h = history(job("k", "c1", "2025-12-01", refunded=500))
    with pytest.raises(InvalidInput, match="already refunded in full"):
        refund_or_keep(h, UPWORK, AS_OF, "k")


def test_the_reasons_are_kinds_and_figures() -> None:
    answer = refund_or_keep(small(), UPWORK, AS_OF, "k", pace=NO_WORK)
    # small(), by hand (see the tests above): keep 33.3% now and 24 months below every band;
    # refunded and silent, 100% until g1 ages out, then no score; unhappy, 42.9% and 24 below.
    assert [r.kind for r in answer.reasons] == [
        ReasonKind.SCORES_NOW,
        ReasonKind.RECORD_SIZE,
        ReasonKind.MONTHS_BELOW,
        ReasonKind.MONTHS_BELOW,
        ReasonKind.MONTHS_BELOW,
        ReasonKind.MONTHS_WITHOUT_SCORE,
        ReasonKind.INCOME_PROTECTED,
        ReasonKind.PARTIAL_NOW,
    ]
    now, size, *below, without, income, partial = answer.reasons
    keep, silent, unhappy = PathKind.KEEP, PathKind.REFUND_SILENT, PathKind.REFUND_UNHAPPY
    assert isinstance(now, ScoresNow)
    assert [k for k, _ in now.scores.values] == [keep, silent, unhappy]
    assert now.scores[silent] == pytest.approx(100.0)
    assert size == RecordSize(3, weighs_heavily=True)
    counts = ByPath(((keep, 24), (silent, 0), (unhappy, 24)))
    assert below == [MonthsBelow(t, 24, counts) for t in (90.0, 80.0, 75.0)]
    assert without == MonthsWithoutScore(24, ByPath(((keep, 0), (silent, 1), (unhappy, 0))))
    assert income == IncomeProtected(
        Decimal("5707.62"), Decimal("801.07"), Decimal("500.00"), chance_unhappy=0.5
    )
    assert partial == PartialNow(
        Decimal("250.00"),
        pytest.approx(100.0),  # type: ignore[arg-type]
        pytest.approx(100 * 1.5 / 3.5),  # type: ignore[arg-type]
    )
    # Figures only: no reason holds words, and money stays Decimal.
    for reason in answer.reasons:
        assert not any(isinstance(getattr(reason, f.name), str) for f in fields(reason))
    assert isinstance(income, IncomeProtected)
    assert all(isinstance(v, Decimal) for v in (income.protected, income.refund))


def test_the_bands_are_defined_once() -> None:
    rules = DecisionRules()
    assert rules.bands == SCORE_BANDS
    assert rules.thresholds == (90.0, 80.0, 75.0)
    # Below 75: 60% of a month; 75-80: 40%; 80-90: 15%; 90 and up: nothing; no score: 15%.
    assert [rules.share_lost(s) for s in (74.9, 75.0, 79.9, 80.0, 89.9, 90.0, None)] == [
        0.6,
        0.4,
        0.4,
        0.15,
        0.15,
        0.0,
        0.15,
    ]
    answer = refund_or_keep(small(), UPWORK, AS_OF, "k", pace=NO_WORK)
    assert answer.thresholds == rules.thresholds


def test_refunding_that_loses_a_good_contract_is_no_better_than_keeping() -> None:
    # 18 goods, one bad and k, a happy client's 5 stars: keeping shows (19 − 1) / 20 = 90%;
    # refunding k leaves (18 − 1) / 19 = 89.5%, below 90 every month: income lost, not kept.
    # k is good already, which the verdict says first.
    goods = [job(f"g{i}", f"c{i}", f"2025-{1 + i % 9:02d}-10", stars=5.0) for i in range(18)]
    h = history(
        *goods, job("b", "cb", "2025-10-10", stars=1.0), job("k", "ck", "2025-12-25", stars=5.0)
    )
    answer = refund_or_keep(h, UPWORK, AS_OF, "k", pace=NO_WORK)
    assert answer.keep.now.score == pytest.approx(90.0)
    assert answer.income_protected < 0
    assert answer.verdict is Verdict.ALREADY_GOOD
