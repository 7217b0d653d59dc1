"""§3.3: the outcome of a counted contract. Private score 9–10 good, 7–8 neutral, 0–6 bad;
without one, public stars ≥ 4.5 good, ≥ 4.0 neutral, below bad; a dispute lost by the
freelancer, or an end reason of `unresponsive` or `quality`, is bad whatever the stars."""

from __future__ import annotations

from typing import Any

import pytest

from jobscore.domain.enums import DisputeResult, EndReason, Outcome
from tests.builders import contract, scored

GOOD = Outcome.GOOD
NEUTRAL = Outcome.NEUTRAL
BAD = Outcome.BAD

OTHER = contract("o", "c2", started="2025-05-01", ended="2025-06-01", earned=135, stars=5)


def outcome(**fields: Any) -> Outcome | None:
    k = contract("k", "c1", started="2025-05-01", ended="2025-06-01", earned=135, **fields)
    return scored(k, OTHER).contract("k").outcome


@pytest.mark.parametrize(
    ("private", "expected"),
    [(10, GOOD), (9, GOOD), (8, NEUTRAL), (7, NEUTRAL), (6, BAD), (3, BAD), (0, BAD)],
)
def test_private_score_decides_when_there_is_one(private: int, expected: Outcome) -> None:
    assert outcome(private_score=private) is expected


@pytest.mark.parametrize(
    ("stars", "private", "expected"),
    [(1.0, 10, GOOD), (5.0, 6, BAD), (5.0, 8, NEUTRAL), (3.0, 9, GOOD)],
)
def test_private_score_wins_over_public_stars(
    stars: float, private: int, expected: Outcome
) -> None:
    assert outcome(stars=stars, private_score=private) is expected


@pytest.mark.parametrize(
    ("stars", "expected"),
    [
        (5.0, GOOD),
        (4.5, GOOD),
        (4.49, NEUTRAL),
        (4.0, NEUTRAL),
        (3.99, BAD),
        (2.0, BAD),
        (1.0, BAD),
    ],
)
def test_public_stars_decide_without_a_private_score(stars: float, expected: Outcome) -> None:
    assert outcome(stars=stars) is expected


@pytest.mark.parametrize(
    "fields",
    [
        {"stars": 5.0, "private_score": 10, "dispute": DisputeResult.LOST},
        {"stars": 5.0, "end_reason": EndReason.UNRESPONSIVE},
        {"private_score": 10, "end_reason": EndReason.QUALITY},
    ],
    ids=["dispute_lost", "unresponsive", "quality"],
)
def test_bad_whatever_the_stars(fields: dict[str, Any]) -> None:
    assert outcome(**fields) is BAD


@pytest.mark.parametrize(
    "fields",
    [
        {"stars": 5.0, "dispute": DisputeResult.WON},
        {"stars": 5.0, "end_reason": EndReason.DISPUTE},
        {"stars": 5.0, "end_reason": EndReason.CANCELLED},
        {"stars": 5.0, "end_reason": EndReason.NO_WORK},
        {"stars": 5.0, "end_reason": EndReason.COMPLETED},
    ],
    ids=["dispute_won", "ended_by_dispute", "cancelled", "no_work", "completed"],
)
def test_other_endings_follow_the_feedback(fields: dict[str, Any]) -> None:
    assert outcome(**fields) is GOOD


def test_neutral_counts_in_the_denominator_only() -> None:
    # k $135 neutral (w 1) + o $135 good (w 1): (1 − 0) / 2 = 50%.
    k = contract("k", "c1", started="2025-05-01", ended="2025-06-01", earned=135, stars=4.2)
    assert scored(k, OTHER).score == 50.0


def test_outcome_cuts_are_policy_parameters() -> None:
    # A marketplace that reads 8 as good changes the value, not the code.
    from jobscore.scoring import UPWORK

    lenient = UPWORK.with_params(private_good_min=8)
    k = contract("k", "c1", started="2025-05-01", ended="2025-06-01", earned=135, private_score=8)
    assert scored(k, OTHER, policy=lenient).contract("k").outcome is GOOD
    assert scored(k, OTHER).contract("k").outcome is NEUTRAL
