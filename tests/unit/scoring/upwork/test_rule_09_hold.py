"""§3.9: bad outcomes from 3 or more distinct clients within 90 days put the freelancer on a
14-day hold, and a hold blocks badges. A bad outcome is dated by its feedback (here, the end
of its contract); "within 90 days" is the half-open (t − 90 days, t], as windows are."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from jobscore.domain.facts import ContractFacts
from jobscore.scoring.upwork.badges import TOP_RATED
from tests.builders import at, contract, scored


def bad(ident: str, client: str, ended: str, **fields: Any) -> ContractFacts:
    started = (at(ended) - timedelta(days=10)).isoformat()
    return contract(ident, client, started=started, ended=ended, earned=135, stars=1, **fields)


# Three clients' bad outcomes within 76 days (2025-10-10 .. 2025-12-25).
THREE = (
    bad("b1", "c1", "2025-10-10"),
    bad("b2", "c2", "2025-11-10"),
    bad("b3", "c3", "2025-12-25"),
)


def test_three_clients_within_90_days_put_the_account_on_hold() -> None:
    hold = scored(*THREE).hold
    assert hold.held
    assert (hold.since, hold.until) == (at("2025-12-25"), at("2026-01-08"))
    assert hold.clients == ("c1", "c2", "c3")
    assert not hold.by_hand


@pytest.mark.parametrize(
    ("as_of", "held"),
    [
        ("2025-12-24T23:59:59Z", False),  # before the third bad outcome
        ("2025-12-25T00:00:00Z", True),
        ("2026-01-07T23:59:59Z", True),
        ("2026-01-08T00:00:00Z", False),  # 14 days later the hold is over
    ],
)
def test_the_hold_lasts_14_days(as_of: str, held: bool) -> None:
    assert scored(*THREE, as_of=as_of).hold.held is held


@pytest.mark.parametrize(
    ("first", "held"),
    [
        ("2025-10-03", True),  # 2025-10-03 → 2025-12-31 is 89 days
        ("2025-10-01", False),  # 91 days: the first has left the 90-day span
    ],
)
def test_the_three_must_fall_within_90_days(first: str, held: bool) -> None:
    history = (bad("b1", "c1", first), bad("b2", "c2", "2025-11-15"), bad("b3", "c3", "2025-12-31"))
    assert scored(*history).hold.held is held


def test_three_bad_outcomes_from_two_clients_are_not_a_hold() -> None:
    history = (*THREE[:2], bad("b3", "c1", "2025-12-25"))
    assert not scored(*history).hold.held


def test_excluded_bad_feedback_does_not_count_toward_a_hold() -> None:
    flagged = bad("b3", "c3", "2025-12-25", client_flagged=True)
    removed = bad("b3", "c3", "2025-12-25", feedback_removed=True)
    assert not scored(*THREE[:2], flagged).hold.held
    assert not scored(*THREE[:2], removed).hold.held


def heavy_goods() -> list[ContractFacts]:
    # Eight $600 jobs with 7 paid quarters: 1.25 + 7 = 8.25 → 8 each, 64 good.
    return [
        contract(
            f"g{i}",
            f"g{i}",
            started="2023-06-01",
            ended="2025-06-01",
            earned=600,
            paid_quarters=7,
            stars=5,
        )
        for i in range(8)
    ]


def test_a_hold_blocks_top_rated_even_at_90() -> None:
    # (64 − 3) / 67 = 91.0%: Top Rated, unless three different clients gave the bad outcomes.
    two_clients = scored(*heavy_goods(), *THREE[:2], bad("b3", "c1", "2025-12-25"))
    three_clients = scored(*heavy_goods(), *THREE)
    assert two_clients.score == three_clients.score == pytest.approx(100 * 61 / 67)
    assert TOP_RATED in two_clients.badges
    assert three_clients.hold.held
    assert TOP_RATED not in three_clients.badges
    # Once the hold is over (2026-01-08) the badge is back.
    assert TOP_RATED in scored(*heavy_goods(), *THREE, as_of="2026-01-08").badges


def test_hold_parameters() -> None:
    from jobscore.scoring import UPWORK

    two = UPWORK.with_params(hold_bad_clients=2)
    assert scored(*THREE[:2], policy=two, as_of="2025-11-10").hold.held
    longer = UPWORK.with_params(hold_days=30)
    assert scored(*THREE, policy=longer, as_of="2026-01-20").hold.held
