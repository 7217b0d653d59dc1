"""what-if, checked against hand-computed figures of the upwork rules."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from jobscore.scoring import get_policy
from jobscore.scoring.upwork.policy import UPWORK, UPWORK_2015
from jobscore.tools.changes import (
    AddContracts,
    CloseContract,
    FeedbackChange,
    MoveClock,
    RefundChange,
)
from jobscore.tools.effects import ClientResponse, FeedbackFinal, Responded
from jobscore.tools.whatif import what_if
from tests.builders import AS_OF, at, contract, history


def job(contract_id: str, client_id: str, ended: str, earned: int, **fields):  # type: ignore[no-untyped-def]
    """A short fixed-price contract: started 10 days before it ended, so no paid quarter."""
    started = (at(ended) - timedelta(days=10)).date().isoformat()
    return contract(contract_id, client_id, started=started, ended=ended, earned=earned, **fields)


def one_star_record():  # type: ignore[no-untyped-def]
    # Two $2,000 good contracts (weight 1.5 each) and a $700 one-star (weight 1.25) that
    # ended on 2025-12-20: its feedback window is open until the end of 2026-01-03, so the
    # 1 star is what the client has said it will leave.
    return history(
        job("g1", "c1", ended="2025-10-01", earned=2000, stars=5.0),
        job("g2", "c2", ended="2025-11-01", earned=2000, stars=5.0),
        job("bad", "c3", ended="2025-12-20", earned=700, stars=1.0),
    )


def test_before_is_the_plain_score() -> None:
    answer = what_if(one_star_record(), UPWORK, AS_OF, [])
    # (1.5 + 1.5 − 1.25) / 4.25 = 41.18%
    assert answer.before.score == pytest.approx(100 * 1.75 / 4.25)
    assert answer.after[0].result.score == answer.before.score


def test_full_refund_of_a_one_star_contract_shows_both_ways() -> None:
    answer = what_if(one_star_record(), UPWORK, AS_OF, [RefundChange("bad")])
    silent, unhappy = answer.after
    assert (silent.client, unhappy.client) == (ClientResponse.SILENT, ClientResponse.UNHAPPY)
    # The client leaves no feedback: net $0 with none counts nowhere, (1.5 + 1.5) / 3 = 100%.
    assert silent.result.score == pytest.approx(100.0)
    assert silent.result.contract("bad").excluded_because == "no_feedback"
    delta = {w.name: w.delta for w in answer.windows(silent)}
    assert delta["24m"] == pytest.approx(100.0 - 100 * 1.75 / 4.25)
    # The client leaves its 1 star all the same: negative feedback counts even at net $0,
    # weight 1: (1.5 + 1.5 − 1) / 4 = 50%.
    assert unhappy.result.score == pytest.approx(50.0)
    assert unhappy.assumed == (Responded("bad", ClientResponse.UNHAPPY, 1.0, None),)


def test_a_refund_after_the_feedback_window_closed_changes_the_money_only() -> None:
    h = history(*one_star_record().contracts[:2], job("bad", "c3", "2025-12-01", 700, stars=1.0))
    answer = what_if(h, UPWORK, AS_OF, [RefundChange("bad")])
    (after,) = answer.after
    assert after.client is None
    assert isinstance(answer.effects[-1], FeedbackFinal)
    assert after.result.score == pytest.approx(50.0)


def test_full_refund_when_the_one_star_stays_counts_it_at_weight_one() -> None:
    # §3.2: negative feedback counts even at net $0, and a counted $0 contract weighs 1:
    # (1.5 + 1.5 − 1) / 4 = 50%, up from 41.18% — exactly the weight change 1.25 → 1.
    answer = what_if(
        one_star_record(), UPWORK, AS_OF, [RefundChange("bad"), FeedbackChange("bad", 1.0)]
    )
    assert answer.after[0].result.score == pytest.approx(50.0)
    assert answer.after[0].result.contract("bad").weight == 1.0


def test_partial_refund_shows_a_range() -> None:
    h = history(
        job("g1", "c1", ended="2025-10-01", earned=2000, stars=5.0),
        job("g2", "c2", ended="2025-11-01", earned=2000, stars=5.0),
        job("open", "c3", ended="2025-12-25", earned=700),
    )
    answer = what_if(h, UPWORK, AS_OF, [RefundChange("open", Decimal("400"))])
    pleased, unhappy = answer.after
    # Net $300 → weight 1.25. Pleased: 100%. Unhappy: (3 − 1.25) / 4.25 = 41.18%.
    assert pleased.result.score == pytest.approx(100.0)
    assert unhappy.result.score == pytest.approx(100 * 1.75 / 4.25)
    assert (pleased.client, unhappy.client) == (ClientResponse.PLEASED, ClientResponse.UNHAPPY)
    assert pleased.assumed == (Responded("open", ClientResponse.PLEASED, 5.0, 10, True),)
    assert unhappy.assumed == (Responded("open", ClientResponse.UNHAPPY, 1.0, 0),)
    assert pleased.result.contract("open").excluded_because is None


def test_a_partial_refund_with_feedback_given_shows_both_ways() -> None:
    # The client has said 1 star: pleased, it leaves 5 stars and private 10 instead.
    answer = what_if(one_star_record(), UPWORK, AS_OF, [RefundChange("bad", Decimal("200"))])
    pleased, unhappy = answer.after
    # Net $500 → weight 1.25: pleased 100%, unhappy (3 − 1.25) / 4.25 = 41.18%.
    assert pleased.result.score == pytest.approx(100.0)
    assert unhappy.result.score == pytest.approx(100 * 1.75 / 4.25)


def test_a_client_leaving_one_star_and_the_badges_lost() -> None:
    # Six $2,000 good contracts, a year of work: Top Rated. A 1-star on a seventh costs it.
    goods = [
        job(f"g{i}", f"c{i}", ended=f"2025-0{i}-20", earned=2000, stars=5.0) for i in range(1, 7)
    ]
    pending = job("k7", "c7", ended="2025-12-20", earned=2000)
    h = history(*goods, pending)
    answer = what_if(h, UPWORK, AS_OF, [FeedbackChange("k7", 1.0, 0)])
    assert "top_rated" in answer.before.badges
    (after,) = answer.after
    # 12-month window: 6 × 1.5 good, 1.5 bad → (9 − 1.5) / 10.5 = 71.4%; the 6-month window
    # holds g6 and k7 → 0%; the displayed score is the 24-month one, equal to the 12-month.
    assert after.result.window_score("12m") == pytest.approx(100 * 7.5 / 10.5)
    assert answer.badges_lost(after) == ("top_rated",)
    assert answer.badges_gained(after) == ()


def test_moving_the_clock_ages_a_bad_contract_out() -> None:
    h = history(
        job("g1", "c1", ended="2025-12-10", earned=2000, stars=5.0),
        job("g2", "c2", ended="2025-12-20", earned=2000, stars=5.0),
        job("bad", "c3", ended="2025-09-15", earned=135, stars=1.0),
    )
    # As of 2026-01-01 the 3-month window holds g1, g2 → trending = (6m + 3m) / 2 with
    # 6m = (3 − 1) / 4 = 50% and 3m = 100% → 75%, not above the 24-month 50%... displayed 75%.
    answer = what_if(h, UPWORK, AS_OF, [MoveClock(at("2026-03-16"))])
    assert answer.before.score == pytest.approx(75.0)
    assert answer.before.window == "trending"
    # On 2026-03-16 the bad contract has left the 6-month window (it ended 2025-09-15): 100%.
    assert answer.after[0].result.window_score("6m") == pytest.approx(100.0)
    assert answer.after[0].result.score == pytest.approx(100.0)


def test_adding_contracts_and_closing_a_long_term_one() -> None:
    h = history(
        job("g1", "c1", ended="2025-10-01", earned=2000, stars=5.0),
        job("bad", "c3", ended="2025-12-01", earned=2000, stars=1.0),
        contract(
            "lt", "c4", started="2025-01-01", ended=None, earned=5000, last_payment_at="2025-12-15"
        ),
    )
    before = what_if(h, UPWORK, AS_OF, []).before
    # The open long-term contract counts as good: 1.5 + 3 quarters... weight min(1.5+3, 8)=4.5.
    assert before.contract("lt").weight == pytest.approx(4.5)
    closed = what_if(h, UPWORK, AS_OF, [CloseContract("lt")]).after[0].result
    assert closed.contract("lt").excluded_because == "no_feedback"
    # Without it: (1.5 − 1.5) / 3 = 0%.
    assert closed.score == pytest.approx(0.0)
    added = what_if(h, UPWORK, AS_OF, [CloseContract("lt"), AddContracts(2, Decimal("300"))])
    # Two $300 good contracts (1.25 each) ending now: (1.5 + 2.5 − 1.5) / 5.5 = 45.45%.
    assert added.after[0].result.score == pytest.approx(100 * 2.5 / 5.5)


@pytest.mark.parametrize("name", ["upwork", "upwork-2015", "bayes"])
def test_every_policy_answers(name: str) -> None:
    policy = get_policy(name)
    four = history(
        *one_star_record().contracts, job("g4", "c4", ended="2025-12-10", earned=2000, stars=5.0)
    )
    answer = what_if(
        four, policy, AS_OF, [RefundChange("bad"), MoveClock(AS_OF + timedelta(days=30))]
    )
    assert answer.policy_name == name
    assert answer.before.score != answer.after[0].result.score


def test_legacy_policy_loses_the_score_when_a_refund_leaves_three_jobs() -> None:
    # upwork-2015: eligibility needs 4 counted jobs with 3 clients.
    h = history(
        *one_star_record().contracts,
        job("g4", "c4", ended="2025-12-10", earned=2000, stars=5.0),
    )
    answer = what_if(h, UPWORK_2015, AS_OF, [RefundChange("bad")])
    # Before: three $2,000 goods (1.5 each) and the $700 bad (1.25): (4.5 − 1.25) / 5.75.
    assert answer.before.score == pytest.approx(100 * 3.25 / 5.75)
    # After: without feedback the refunded contract would be neutral, but at net $0 only a
    # bad outcome counts, so it is excluded — three jobs left, below the 2015 rule's four.
    after = answer.after[0].result
    assert after.contract("bad").excluded_because == "zero_earnings"
    assert after.score is None
    assert not after.eligible
