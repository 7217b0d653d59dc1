"""§3.4: weight by net earnings ($1–250 → 1, $251–1,000 → 1.25, over $1,000 → 1.5), plus 1 for
every full 3 months of length with a payment (a 90-day period, as the code documents), at most
8; a counted $0 contract weighs 1."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jobscore.scoring import UPWORK
from jobscore.scoring.upwork.weights import contract_weight, value_weight
from tests.builders import contract, scored

OTHER = contract("o", "c2", started="2025-05-01", ended="2025-06-01", earned=135, stars=5)


@pytest.mark.parametrize(
    ("net", "weight"),
    [
        ("1", 1.0),
        ("250", 1.0),
        # SPEC's brackets are in whole dollars; cents above $250 belong to the next one.
        ("250.01", 1.25),
        ("251", 1.25),
        ("1000", 1.25),
        ("1000.01", 1.5),
        ("1001", 1.5),
        ("250000", 1.5),
    ],
)
def test_value_brackets(net: str, weight: float) -> None:
    k = contract("k", "c1", started="2025-05-01", ended="2025-06-01", earned=net, stars=5)
    assert value_weight(k, UPWORK) == weight
    assert scored(k, OTHER).contract("k").weight == weight


def test_the_bracket_is_chosen_by_net_earnings_after_refunds() -> None:
    # $1,200 paid − $300 refunded = $900 net → 1.25, not the 1.5 of $1,200.
    k = contract("k", "c1", started="2025-05-01", earned=1200, refunded=300, stars=5)
    assert k.net_earnings == Decimal(900)
    assert contract_weight(k, UPWORK) == 1.25


@pytest.mark.parametrize(
    ("ended", "quarters", "weight"),
    [
        ("2025-03-31", 0, 1.25),  # 89 days: no full period
        ("2025-04-01", 1, 2.25),  # 90 days: one, $500 → 1.25 + 1
        ("2025-06-29", 1, 2.25),  # 179 days
        ("2025-06-30", 2, 3.25),  # 180 days: two → 1.25 + 2
    ],
)
def test_one_more_per_full_paid_period(ended: str, quarters: int, weight: float) -> None:
    # Default paid_quarters (§8): the full 90-day periods between start and end.
    k = contract("k", "c1", started="2025-01-01", ended=ended, earned=500, stars=5)
    assert k.quarters_paid == quarters
    assert contract_weight(k, UPWORK) == weight


def test_only_periods_with_a_payment_add_weight() -> None:
    # 2025-01-01 → 2025-12-27 is 360 days = 4 full periods, but only 1 had a payment.
    k = contract("k", "c1", started="2025-01-01", ended="2025-12-27", earned=500, paid_quarters=1)
    assert contract_weight(k, UPWORK) == 2.25  # 1.25 + 1


def test_weight_is_capped_at_8() -> None:
    # $2,000 → 1.5, + 6 periods = 7.5 (under the cap); + 7 periods = 8.5 → 8.
    six = contract(
        "k", "c1", started="2023-01-01", ended="2025-01-01", earned=2000, paid_quarters=6
    )
    seven = contract(
        "k", "c1", started="2023-01-01", ended="2025-01-01", earned=2000, paid_quarters=7
    )
    eight = contract(
        "k", "c1", started="2023-01-01", ended="2025-01-01", earned=2000, paid_quarters=8
    )
    assert [contract_weight(c, UPWORK) for c in (six, seven, eight)] == [7.5, 8.0, 8.0]


def test_a_counted_zero_contract_weighs_one() -> None:
    # Refunded in full after 2 paid periods, then 1 star: counted bad with weight 1.
    k = contract(
        "k", "c1", started="2025-01-01", ended="2025-07-01", earned=3000, refunded=3000, stars=1
    )
    assert k.quarters_paid == 2
    assert scored(k, OTHER).contract("k").weight == 1.0


def test_weight_enters_the_score() -> None:
    # k: $300 good over 180 days → 1.25 + 2 = 3.25; b: $135 bad → 1.
    # (3.25 − 1) / (3.25 + 1) = 2.25 / 4.25 = 52.94%.
    k = contract("k", "c1", started="2025-01-01", ended="2025-06-30", earned=300, stars=5)
    b = contract("b", "c2", started="2025-05-01", ended="2025-06-01", earned=135, stars=1)
    assert scored(k, b).score == pytest.approx(100 * 2.25 / 4.25)
