"""The two reference figures at the end of SPEC §3, and points per contract by leave-one-out."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jobscore.domain.facts import ContractFacts
from tests.builders import at, contract, scored


def short(
    ident: str, client: str, earned: int, stars: float, ended: str = "2025-06-01"
) -> ContractFacts:
    """A contract of 20 days (no full 90-day period): its weight is its value bracket."""
    started = (at(ended) - timedelta(days=20)).isoformat()
    return contract(ident, client, started=started, ended=ended, earned=earned, stars=stars)


def test_first_reference_figure() -> None:
    # $135 bad → 1; $2,000 good → 1.5. (1.5 − 1) / (1 + 1.5) = 0.5 / 2.5 = 20%.
    result = scored(short("k1", "c1", 135, 1), short("k2", "c2", 2000, 5))
    assert result.score == pytest.approx(20.0)
    assert result.eligible


def test_second_reference_figure() -> None:
    # Ten $300 good → 10 × 1.25 = 12.5; one $300 bad → 1.25.
    # (12.5 − 1.25) / 13.75 = 11.25 / 13.75 = 81.818…%.
    good = [short(f"g{i}", f"c{i}", 300, 5) for i in range(10)]
    result = scored(*good, short("b", "cb", 300, 1))
    assert result.score == pytest.approx(100 * 11.25 / 13.75)
    assert round(result.score or 0, 1) == 81.8


def test_points_in_the_first_reference_figure() -> None:
    # Without k1 only the good job is left: 100% → k1 cost 20 − 100 = −80 points.
    # Without k2 only the bad job is left: 0% → k2 brought 20 − 0 = +20 points.
    result = scored(short("k1", "c1", 135, 1), short("k2", "c2", 2000, 5))
    assert result.contract("k1").points == pytest.approx(-80.0)
    assert result.contract("k2").points == pytest.approx(20.0)


def test_points_by_leave_one_out_in_the_displayed_window() -> None:
    # old ($500 bad, ended 2024-06-01) sits in 24m only; x, y, z ended in 2025.
    #   x $135 bad → 1; y $2,000 good → 1.5; z $300 good → 1.25.
    # 24m: good 2.75, bad 1 + 1.25 = 2.25, Σw 5 → 0.5 / 5 = 10%.
    # 12m: good 2.75, bad 1, Σw 3.75 → 1.75 / 3.75 = 46.67%, displayed.
    old = short("old", "c1", 500, 1, ended="2024-06-01")
    x = short("x", "c2", 135, 1, ended="2025-03-01")
    y = short("y", "c3", 2000, 5, ended="2025-05-01")
    z = short("z", "c4", 300, 5, ended="2025-06-01")
    result = scored(old, x, y, z)
    assert result.window == "12m"
    displayed = 100 * 1.75 / 3.75
    assert result.score == pytest.approx(displayed)
    # Without x: 2.75 / 2.75 = 100%              → −53.33
    # Without y: (1.25 − 1) / 2.25 = 11.11%      → +35.56
    # Without z: (1.5 − 1) / 2.5 = 20%           → +26.67
    assert result.contract("x").points == pytest.approx(displayed - 100)
    assert result.contract("y").points == pytest.approx(displayed - 100 * 0.25 / 2.25)
    assert result.contract("z").points == pytest.approx(displayed - 20)
    # old is outside the displayed window: 0 points there, though it weighs on 24m:
    # 24m without old: 1.75 / 3.75 = 46.67% → 10 − 46.67 = −36.67 in that window.
    assert result.contract("old").points == 0.0
    assert result.contract("old").points_by_window["24m"] == pytest.approx(10 - displayed)
    assert "12m" not in result.contract("old").points_by_window


def test_points_in_a_displayed_trending_score() -> None:
    # The trending history of the window tests (all weigh 1):
    #   a1 bad 2025-03-01, a2 bad 2025-08-01, a3 good 2025-08-15, a4 good 2025-11-01,
    #   a5 good 2025-12-01. 6m = 50%, 3m = 100%, trending 75% displayed.
    a1 = short("a1", "c1", 135, 1, ended="2025-03-01")
    a2 = short("a2", "c2", 135, 1, ended="2025-08-01")
    a3 = short("a3", "c3", 135, 5, ended="2025-08-15")
    a4 = short("a4", "c4", 135, 5, ended="2025-11-01")
    a5 = short("a5", "c5", 135, 5, ended="2025-12-01")
    result = scored(a1, a2, a3, a4, a5)
    assert (result.window, result.score) == ("trending", 75.0)
    # a5 in 6m and 3m: without it 6m = (2 − 1) / 3 = 33.3%, 3m = 100% → trending 66.67.
    assert result.contract("a5").points == pytest.approx(75 - (100 / 3 + 100) / 2)
    # a2 in 6m only: without it 6m = 3 / 3 = 100%, 3m = 100% → trending 100 → −25.
    assert result.contract("a2").points == pytest.approx(-25.0)
    # a1 is in neither: nothing in the displayed score.
    assert result.contract("a1").points == 0.0


def test_the_only_contract_of_a_window_has_no_points_there() -> None:
    # Without it the window would be empty: no score to compare with.
    result = scored(short("k1", "c1", 135, 5), short("k2", "c1", 135, 5, ended="2023-06-01"))
    assert result.contract("k1").points_by_window["24m"] is None
