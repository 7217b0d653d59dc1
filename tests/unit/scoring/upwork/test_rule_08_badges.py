"""§3.8: Rising Talent, Top Rated (13 of the last 16 weekly snapshots at 90+, 90+ now, $1,000
in 12 months, first contract over 90 days ago, no hold), Top Rated Plus ($10,000 in 12 months
and one contract of $5,000+ without a bad outcome), Expert-Vetted (by hand only).

T = AS_OF = 2026-01-01T00:00Z. The weekly snapshots are T − k weeks, k = 0..15; the one for
k = 0 is the score now.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from jobscore.domain.facts import ContractFacts
from jobscore.domain.records import AccountHold, Freelancer
from jobscore.scoring.upwork.badges import EXPERT_VETTED, RISING_TALENT, TOP_RATED, TOP_RATED_PLUS
from tests.builders import AS_OF, contract, scored

T = AS_OF
WEEK = timedelta(weeks=1)
DAY = timedelta(days=1)


def job(
    ident: str, client: str, started: datetime, ended: datetime | None, **fields: Any
) -> ContractFacts:
    return contract(
        ident,
        client,
        started=started.isoformat(),
        ended=ended.isoformat() if ended else None,
        **fields,
    )


def pair(
    *,
    second_ended: datetime = T - 12 * WEEK,
    first_started: datetime = T - 200 * DAY,
    earned: tuple[str, str] = ("600", "600"),
) -> tuple[ContractFacts, ContractFacts]:
    """Two short good jobs with two clients: 100% from the instant the second one ends.

    The second runs 3 days only: an open contract that had run 90 days would already count
    as steady long-term work at the earlier snapshots (§3.1)."""
    first = job("k1", "c1", first_started, first_started + DAY, earned=earned[0], stars=5)
    second = job("k2", "c2", second_ended - 3 * DAY, second_ended, earned=earned[1], stars=5)
    return first, second


# --- Top Rated -------------------------------------------------------------------------------


def test_top_rated_after_13_weekly_snapshots_at_90() -> None:
    # The second job ended at T − 12 weeks: snapshots k = 0..12 show 100% (13 of 16),
    # k = 13..15 show no score.
    result = scored(*pair())
    assert result.score == 100.0
    assert TOP_RATED in result.badges
    assert RISING_TALENT not in result.badges


def test_not_top_rated_after_12_weekly_snapshots() -> None:
    # One second later: the snapshot at T − 12 weeks had no score yet, so 12 of 16.
    result = scored(*pair(second_ended=T - 12 * WEEK + timedelta(seconds=1)))
    assert result.score == 100.0
    assert TOP_RATED not in result.badges


def dip_history(bad_ended: datetime) -> list[ContractFacts]:
    # g1, g2: $600 good, 7 paid quarters → 1.25 + 7 = 8.25 → capped at 8; ended T − 200 days.
    # b: $135 bad (1), ended at `bad_ended`. h1..h4: $135 good (1 each), ended T − 2 weeks.
    #   before b: 16 / 16 = 100%; b in, h not yet: (16 − 1) / 17 = 88.2% < 90;
    #   all in: (20 − 1) / 21 = 90.5%.
    long_start = T - 900 * DAY
    goods = [
        job(f"g{i}", f"c{i}", long_start, T - 200 * DAY, earned=600, paid_quarters=7, stars=5)
        for i in (1, 2)
    ]
    bad = job("b", "cb", bad_ended - 10 * DAY, bad_ended, earned=135, stars=1)
    late = [
        job(f"h{i}", f"ch{i}", T - 3 * WEEK, T - 2 * WEEK, earned=135, stars=5) for i in range(1, 5)
    ]
    return [*goods, bad, *late]


def test_three_weeks_below_90_still_leave_13_of_16() -> None:
    # b ended T − 5 weeks: snapshots k = 3, 4, 5 read 88.2%; the other 13 are at 90 or more.
    result = scored(*dip_history(T - 5 * WEEK))
    assert result.score == pytest.approx(100 * 19 / 21)
    assert TOP_RATED in result.badges


def test_four_weeks_below_90_lose_top_rated() -> None:
    # b ended T − 6 weeks: k = 3..6 read 88.2%, leaving 12 of 16.
    result = scored(*dip_history(T - 6 * WEEK))
    assert result.score == pytest.approx(100 * 19 / 21)
    assert TOP_RATED not in result.badges


def test_top_rated_needs_90_now() -> None:
    # g1, g2 and b only, b ended yesterday: the 15 past snapshots read 100% (b not in yet),
    # but now (16 − 1) / 17 = 88.2%.
    history = [c for c in dip_history(T - DAY) if not c.contract_id.startswith("h")]
    result = scored(*history)
    assert result.score == pytest.approx(100 * 15 / 17)
    assert TOP_RATED not in result.badges


@pytest.mark.parametrize(
    ("earned", "top_rated"), [(("500", "500"), True), (("500", "499.99"), False)]
)
def test_top_rated_needs_1000_earned_in_12_months(earned: tuple[str, str], top_rated: bool) -> None:
    assert (TOP_RATED in scored(*pair(earned=earned)).badges) is top_rated


def test_money_older_than_12_months_does_not_count() -> None:
    # $10,000 paid 13 months ago plus $600 + $600 recently: $1,200 in 12 months is enough,
    # and the old contract does not stop the badge.
    old = job("k0", "c0", T - 500 * DAY, T - 400 * DAY, earned=10000, stars=5)
    result = scored(old, *pair(earned=("300", "300")))
    assert TOP_RATED not in result.badges  # $600 in 12 months
    assert TOP_RATED in scored(old, *pair()).badges  # $1,200


@pytest.mark.parametrize(
    ("first_started", "top_rated"),
    [(T - 90 * DAY, False), (T - 90 * DAY - timedelta(seconds=1), True)],
)
def test_top_rated_needs_a_first_contract_over_90_days_ago(
    first_started: datetime, top_rated: bool
) -> None:
    # Both jobs end by T − 85 days, so the 13 snapshots from T − 12 weeks show 100%.
    history = pair(first_started=first_started, second_ended=first_started + 5 * DAY)
    assert scored(*history).score == 100.0
    assert (TOP_RATED in scored(*history).badges) is top_rated


def test_a_hold_blocks_top_rated() -> None:
    held = Freelancer("me", holds=(AccountHold(start=T - DAY, days=14, reason="review"),))
    result = scored(*pair(), freelancer=held)
    assert result.hold.held
    assert result.hold.by_hand
    assert result.score == 100.0
    assert TOP_RATED not in result.badges
    # The hold ended: T − 15 days + 14 days < T.
    ended = Freelancer("me", holds=(AccountHold(start=T - 15 * DAY, days=14),))
    assert TOP_RATED in scored(*pair(), freelancer=ended).badges


# --- Top Rated Plus --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("earned", "plus"),
    [
        (("6000", "4500"), True),  # $10,500; one contract of $6,000
        (("5000", "5000"), True),  # $10,000; $5,000 is enough
        (("5000", "4999.99"), False),  # $9,999.99 in 12 months
        (("4999.99", "6000"), True),  # the second one qualifies
    ],
)
def test_top_rated_plus_by_money(earned: tuple[str, str], plus: bool) -> None:
    result = scored(*pair(earned=earned))
    assert TOP_RATED in result.badges
    assert (TOP_RATED_PLUS in result.badges) is plus


def test_top_rated_plus_needs_one_contract_of_5000() -> None:
    # $4,999 + $4,999 + $2 = $10,000 in 12 months, but no single contract reaches $5,000.
    third = job("k3", "c3", T - 300 * DAY, T - 250 * DAY, earned=2, stars=5)
    result = scored(*pair(earned=("4999", "4999")), third)
    assert TOP_RATED in result.badges
    assert TOP_RATED_PLUS not in result.badges


@pytest.mark.parametrize(("stars", "plus"), [(4.2, True), (1.0, False)])
def test_the_5000_contract_must_not_have_a_bad_outcome(stars: float, plus: bool) -> None:
    # Six heavy goods: $900 with 7 paid quarters → 1.25 + 7 = 8.25, capped at 8: 48 good.
    # k: $6,000 over 100 days → 1.5 + 1 = 2.5.
    #   neutral: 48 / 50.5 = 95.0%; bad: (48 − 2.5) / 50.5 = 90.1%: Top Rated either way.
    # Money in 12 months: 6 × $900 + $6,000 = $11,400.
    long_start = T - 900 * DAY
    goods = [
        job(f"g{i}", f"c{i}", long_start, T - 200 * DAY, earned=900, paid_quarters=7, stars=5)
        for i in range(6)
    ]
    big = job("k", "cx", T - 250 * DAY, T - 150 * DAY, earned=6000, stars=stars)
    result = scored(*goods, big)
    assert result.contract("k").weight == 2.5
    assert result.score == pytest.approx(100 * (45.5 if stars < 4 else 48) / 50.5)
    assert TOP_RATED in result.badges
    assert (TOP_RATED_PLUS in result.badges) is plus


# --- Rising Talent and Expert-Vetted ---------------------------------------------------------


def one_job(ended: datetime, **history: Any) -> Any:
    k = job("k1", "c1", ended - 20 * DAY, ended, earned=300, stars=5)
    return scored(k, **history)


def test_rising_talent_with_no_score_yet_and_recent_work() -> None:
    result = one_job(T - 30 * DAY)
    assert result.score is None
    assert result.badges == (RISING_TALENT,)


@pytest.mark.parametrize(
    ("ended", "active"),
    [(T - 89 * DAY, True), (T - 90 * DAY, False)],  # active means within (T − 90 days, T]
)
def test_rising_talent_needs_activity_in_the_last_90_days(ended: datetime, active: bool) -> None:
    assert (RISING_TALENT in one_job(ended).badges) is active


def test_an_open_contract_is_activity() -> None:
    running = job("k1", "c1", T - 400 * DAY, None, earned=300, last_payment_at="2025-06-01")
    assert scored(running).badges == (RISING_TALENT,)


def test_rising_talent_needs_a_complete_profile_and_no_hold() -> None:
    incomplete = Freelancer("me", profile_complete=False)
    assert one_job(T - 30 * DAY, freelancer=incomplete).badges == ()
    held = Freelancer("me", holds=(AccountHold(start=T - DAY),))
    assert one_job(T - 30 * DAY, freelancer=held).badges == ()


def test_rising_talent_ends_with_the_first_score() -> None:
    result = scored(*pair())
    assert result.score is not None
    assert RISING_TALENT not in result.badges


def test_expert_vetted_is_granted_by_hand_only() -> None:
    vetted = Freelancer("me", expert_vetted=True)
    assert scored(freelancer=vetted).badges == (EXPERT_VETTED,)
    assert EXPERT_VETTED in scored(*pair(), freelancer=vetted).badges
    # No record, however good, earns it.
    assert EXPERT_VETTED not in scored(*pair(earned=("6000", "6000"))).badges


def test_a_hold_blocks_expert_vetted_too() -> None:
    # §3.9: "a hold blocks badges" — every badge, the one granted by hand included.
    held = Freelancer("me", expert_vetted=True, holds=(AccountHold(start=T - DAY),))
    assert scored(*pair(), freelancer=held).badges == ()


def test_an_open_contract_qualifies_for_plus_by_its_last_12_months() -> None:
    # An open retainer dated by its ledger: $4,000 paid 14 months ago and $3,000 last month.
    # All-time $7,000, but only $3,000 in the last 12 months: not the $5,000 contract.
    started = T - 500 * DAY
    ledger = ((T - 425 * DAY, Decimal(4000)), (T - 30 * DAY, Decimal(3000)))
    retainer = ContractFacts(
        "r", "cr", started, Decimal(7000), last_payment_at=T - 30 * DAY, ledger=ledger
    )
    first, second = pair(earned=("4000", "4000"))
    result = scored(first, second, retainer)
    assert TOP_RATED in result.badges
    assert TOP_RATED_PLUS not in result.badges
    recent = ((T - 60 * DAY, Decimal(2500)), (T - 30 * DAY, Decimal(2500)))
    paid_lately = ContractFacts(
        "r", "cr", started, Decimal(5000), last_payment_at=T - 30 * DAY, ledger=recent
    )
    assert TOP_RATED_PLUS in scored(first, second, paid_lately).badges


def test_badge_thresholds_are_parameters() -> None:
    from jobscore.scoring import UPWORK

    cheaper = UPWORK.with_params(top_rated_min_earnings_12m=Decimal(500))
    assert TOP_RATED in scored(*pair(earned=("200", "300")), policy=cheaper).badges
    assert TOP_RATED not in scored(*pair(earned=("200", "300"))).badges
