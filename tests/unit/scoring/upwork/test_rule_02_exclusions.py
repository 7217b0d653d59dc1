"""§3.2: what counts nowhere (no feedback; net $0 with positive or no feedback; a flagged or
suspended client's feedback; removed feedback; mid-contract feedback), and what counts even at
net $0 (negative feedback, with weight 1 by §3.4).

Every contract below ends in 2025 (before AS_OF = 2026-01-01) and runs less than 90 days, so
weights come from the value brackets alone: $135 → 1, $500 → 1.25, $2,000 → 1.5.
"""

from __future__ import annotations

from typing import Any

import pytest

from jobscore.domain.enums import DisputeResult, Outcome
from jobscore.domain.facts import ContractFacts
from jobscore.domain.records import Client
from tests.builders import contract, scored

# The baseline: $2,000 good (1.5) + $500 good (1.25) from two clients → 100% in every window
# that holds them.
GOOD_BIG = contract("g1", "c1", started="2025-05-01", ended="2025-06-01", earned=2000, stars=5)
GOOD_MID = contract("g2", "c2", started="2025-05-01", ended="2025-06-15", earned=500, stars=5)


def job(**fields: Any) -> ContractFacts:
    """The contract under test: $135 from client c3, ended 2025-07-01."""
    base: dict[str, Any] = {"started": "2025-06-01", "ended": "2025-07-01", "earned": 135}
    return contract("x", "c3", **{**base, **fields})


def assert_changes_nothing(x: ContractFacts, reason: str, **history: Any) -> None:
    with_x = scored(GOOD_BIG, GOOD_MID, x, **history)
    without = scored(GOOD_BIG, GOOD_MID, **history)
    assert with_x.contract("x").excluded_because == reason
    assert with_x.contract("x").outcome is None
    assert with_x.contract("x").weight == 0.0
    assert with_x.score == without.score == 100.0
    assert {n: w.score for n, w in with_x.windows.items()} == {
        n: w.score for n, w in without.windows.items()
    }
    assert with_x.windows["24m"].counted == 2


def test_no_feedback_is_excluded() -> None:
    assert_changes_nothing(job(), "no_feedback")


def test_net_zero_with_positive_feedback_is_excluded() -> None:
    # $500 paid, $500 refunded: no money changed hands, and the 5 stars count nowhere.
    assert_changes_nothing(job(earned=500, refunded=500, stars=5), "zero_earnings")
    assert_changes_nothing(job(earned=500, refunded=500, private_score=10), "zero_earnings")


def test_net_zero_without_feedback_is_excluded() -> None:
    assert_changes_nothing(job(earned=500, refunded=500), "no_feedback")


def test_net_zero_with_neutral_feedback_is_excluded_as_documented() -> None:
    # SPEC names only positive and negative; the policy's assumption: only bad counts at $0.
    assert_changes_nothing(job(earned=500, refunded=500, stars=4.2), "zero_earnings")


def test_feedback_from_a_client_flagged_in_the_row_is_excluded() -> None:
    assert_changes_nothing(job(stars=1, client_flagged=True), "flagged_client")


@pytest.mark.parametrize(
    "client",
    [Client("c3", flagged=True), Client("c3", suspended=True)],
    ids=["flagged", "suspended"],
)
def test_feedback_from_a_flagged_or_suspended_client_record_is_excluded(client: Client) -> None:
    assert_changes_nothing(job(stars=1), "flagged_client", clients={"c3": client})


def test_a_client_record_in_good_standing_does_not_exclude() -> None:
    result = scored(GOOD_BIG, GOOD_MID, job(stars=1), clients={"c3": Client("c3")})
    assert result.contract("x").outcome is Outcome.BAD


def test_removed_feedback_is_excluded() -> None:
    assert_changes_nothing(job(stars=1, feedback_removed=True), "removed")


@pytest.mark.parametrize("policy", ["upwork", "upwork-2015"])
def test_feedback_removed_with_its_stars_is_excluded(policy: str) -> None:
    """Moderation may take the stars with it; the contract counts nowhere still, also where
    a contract without feedback would count as neutral (the 2015 rules)."""
    x = job(feedback_removed=True)
    with_x = scored(GOOD_BIG, GOOD_MID, x, policy=policy)
    assert with_x.contract("x").excluded_because == "removed"
    assert with_x.score == scored(GOOD_BIG, GOOD_MID, policy=policy).score


def test_mid_contract_feedback_is_excluded() -> None:
    # Given 2025-06-20, before the contract's last day (2025-07-01): public, counts nowhere.
    x = job(stars=1, feedback_at="2025-06-20")
    assert x.is_mid_contract_feedback
    assert_changes_nothing(x, "mid_contract_feedback")


def test_feedback_on_the_last_day_is_end_of_contract_feedback() -> None:
    x = job(stars=1, feedback_at="2025-07-01T18:00:00Z")
    assert not x.is_mid_contract_feedback
    assert scored(GOOD_BIG, GOOD_MID, x).contract("x").outcome is Outcome.BAD


def test_negative_feedback_at_net_zero_still_counts_with_weight_one() -> None:
    # $5,000 paid and refunded in full, then 1 star: counted bad. Its weight is 1, not the
    # 1.5 of a $5,000 contract, and not raised by its 2 paid quarters.
    x = job(started="2025-01-01", earned=5000, refunded=5000, stars=1, paid_quarters=2)
    result = scored(GOOD_BIG, GOOD_MID, x)
    item = result.contract("x")
    assert (item.outcome, item.weight, item.excluded_because) == (Outcome.BAD, 1.0, None)
    # 24m: (1.5 + 1.25 − 1) / (1.5 + 1.25 + 1) = 1.75 / 3.75 = 46.67%.
    assert result.score == pytest.approx(100 * 1.75 / 3.75)


def test_a_lost_dispute_at_net_zero_counts_as_negative() -> None:
    # 5 stars but the dispute was lost: bad (§3.3), so it counts even at $0.
    x = job(earned=300, refunded=300, stars=5, dispute=DisputeResult.LOST)
    assert scored(GOOD_BIG, GOOD_MID, x).contract("x").outcome is Outcome.BAD


def test_seed_000_refund_and_cancel_keeps_the_one_star_off_the_score() -> None:
    # The seed's choice: the $700 job refunded in full with the client's 1 star still given
    # counts (bad, weight 1); refunded with no feedback left, it counts nowhere.
    refunded_rated = job(earned=700, refunded=700, stars=1)
    refunded_silent = job(earned=700, refunded=700)
    assert scored(GOOD_BIG, GOOD_MID, refunded_rated).score == pytest.approx(100 * 1.75 / 3.75)
    assert scored(GOOD_BIG, GOOD_MID, refunded_silent).score == 100.0
