"""§3.5: windows of 24, 12, 6 and 3 months; a window of M months as of T holds the contracts
that ended in (T − M months, T]; each score is 100 × (Σ w·good − Σ w·bad) / Σ w clamped to
0–100; candidates 24m, 12m, 6m and trending = (6m + 3m) / 2; the displayed score is the best
candidate with enough data (2 counted contracts from 2 clients; trending needs both windows).

As of AS_OF = 2026-01-01T00:00Z the windows start (exclusive) at 2024-01-01 (24m),
2025-01-01 (12m), 2025-07-01 (6m) and 2025-10-01 (3m).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from jobscore.domain.facts import ContractFacts
from jobscore.scoring import UPWORK
from tests.builders import AS_OF, at, contract, scored


def job(ident: str, client: str, ended: str, stars: float, earned: int = 135) -> ContractFacts:
    """A short contract (started 20 days before its end): weight from its value only."""
    started = (at(ended) - timedelta(days=20)).isoformat()
    return contract(ident, client, started=started, ended=ended, earned=earned, stars=stars)


def test_window_starts_are_calendar_months_before_as_of() -> None:
    starts = {name: w.start for name, w in scored().windows.items() if w.start is not None}
    assert starts == {
        "24m": at("2024-01-01"),
        "12m": at("2025-01-01"),
        "6m": at("2025-07-01"),
        "3m": at("2025-10-01"),
    }


@pytest.mark.parametrize(
    ("ended", "windows"),
    [
        ("2024-01-01T00:00:00Z", ()),  # exactly T − 24 months: outside (open start)
        ("2024-01-01T00:00:01Z", ("24m",)),
        ("2025-01-01T00:00:00Z", ("24m",)),
        ("2025-01-01T00:00:01Z", ("24m", "12m")),
        ("2025-07-01T00:00:00Z", ("24m", "12m")),
        ("2025-07-01T00:00:01Z", ("24m", "12m", "6m")),
        ("2025-10-01T00:00:00Z", ("24m", "12m", "6m")),
        ("2025-10-01T00:00:01Z", ("24m", "12m", "6m", "3m")),
        ("2026-01-01T00:00:00Z", ("24m", "12m", "6m", "3m")),  # exactly T: inside
    ],
)
def test_membership_by_end_date(ended: str, windows: tuple[str, ...]) -> None:
    result = scored(job("k", "c1", ended, 5), job("o", "c2", "2025-12-01", 5))
    assert result.contract("k").windows == windows
    if not windows:
        assert result.contract("k").excluded_because == "out_of_window"


def test_a_contract_ending_after_as_of_is_still_open() -> None:
    k = contract("k", "c1", started="2025-12-01", ended="2026-01-01T00:00:01Z", stars=5)
    assert scored(k).contract("k").excluded_because == "open"


def test_calendar_months_clamp_the_day() -> None:
    # As of 2025-08-31 the 6-month window starts 2025-02-28 (no February 31st).
    result = scored(as_of="2025-08-31")
    assert result.windows["6m"].start == at("2025-02-28")
    assert result.windows["3m"].start == at("2025-05-31")


def test_a_window_score_is_clamped_at_zero() -> None:
    # Two bad contracts: (0 − 2) / 2 = −100% → 0%, never negative.
    result = scored(job("a", "c1", "2025-11-01", 1), job("b", "c2", "2025-11-02", 1))
    assert result.windows["3m"].score == 0.0
    assert result.score == 0.0
    # Neutral only: (0 − 0) / 2 = 0%.
    result = scored(job("a", "c1", "2025-11-01", 4), job("b", "c2", "2025-11-02", 4))
    assert result.score == 0.0


def test_enough_data_needs_two_contracts_from_two_clients() -> None:
    same_client = scored(job("a", "c1", "2025-11-01", 5), job("b", "c1", "2025-11-02", 5))
    assert same_client.windows["24m"].score == 100.0
    assert not same_client.windows["24m"].enough_data
    assert same_client.score is None
    two_clients = scored(job("a", "c1", "2025-11-01", 5), job("b", "c2", "2025-11-02", 5))
    assert two_clients.windows["24m"].enough_data
    assert two_clients.score == 100.0


def test_enough_data_is_configurable() -> None:
    three = UPWORK.with_params(window_min_contracts=3, eligibility_min_jobs=3)
    result = scored(job("a", "c1", "2025-11-01", 5), job("b", "c2", "2025-11-02", 5), policy=three)
    assert result.score is None


# A history whose windows all differ. All weigh 1 ($135, short).
#   a1 bad  ended 2025-03-01  in 24m, 12m
#   a2 bad  ended 2025-08-01  in 24m, 12m, 6m
#   a3 good ended 2025-08-15  in 24m, 12m, 6m
#   a4 good ended 2025-11-01  in every window
#   a5 good ended 2025-12-01  in every window
A1 = job("a1", "c1", "2025-03-01", 1)
A2 = job("a2", "c2", "2025-08-01", 1)
A3 = job("a3", "c3", "2025-08-15", 5)
A4 = job("a4", "c4", "2025-11-01", 5)
A5 = job("a5", "c5", "2025-12-01", 5)


def test_trending_is_displayed_when_it_is_the_best_candidate() -> None:
    result = scored(A1, A2, A3, A4, A5)
    # 24m = 12m: (3 − 2) / 5 = 20%. 6m: (3 − 1) / 4 = 50%. 3m: (2 − 0) / 2 = 100%.
    # trending = (50 + 100) / 2 = 75%: the best candidate.
    assert {name: w.score for name, w in result.windows.items()} == {
        "24m": 20.0,
        "12m": 20.0,
        "6m": 50.0,
        "3m": 100.0,
        "trending": 75.0,
    }
    assert (result.window, result.score) == ("trending", 75.0)


def test_trending_needs_enough_data_in_both_windows() -> None:
    # Without a5 the 3-month window holds a4 alone: trending (66.7 + 100) / 2 = 83.3% would be
    # best, but it is not a candidate. 6m: (2 − 1) / 3 = 33.3%; 24m: (2 − 2) / 4 = 0%.
    result = scored(A1, A2, A3, A4)
    assert result.windows["trending"].score == pytest.approx((100 / 3 + 100) / 2)
    assert not result.windows["trending"].enough_data
    assert result.window == "6m"
    assert result.score == pytest.approx(100 / 3)


def test_the_displayed_score_is_the_best_candidate_and_ties_go_to_the_longer_window() -> None:
    # Old bad jobs in 24m only; two good $500 jobs since July.
    # 24m: (2.5 − 2) / 4.5 = 11.1%. 12m = 6m = 2.5 / 2.5 = 100%: a tie, 12m is shown.
    b1 = job("b1", "c1", "2024-06-01", 1)
    b2 = job("b2", "c2", "2024-07-01", 1)
    g1 = job("g1", "c3", "2025-08-01", 5, earned=500)
    g2 = job("g2", "c4", "2025-09-01", 5, earned=500)
    result = scored(b1, b2, g1, g2)
    assert result.windows["24m"].score == pytest.approx(100 * 0.5 / 4.5)
    assert result.windows["12m"].score == result.windows["6m"].score == 100.0
    assert (result.window, result.score) == ("12m", 100.0)


def test_a_3_month_score_alone_is_never_displayed() -> None:
    # 3m is not a candidate; it enters only through trending.
    assert "3m" not in UPWORK.candidates
    result = scored(A1, A2, A4, A5)
    # 3m: 100% with enough data; 6m: (2 − 1) / 3 = 33.3%; trending (33.3 + 100) / 2 = 66.7%.
    assert result.windows["3m"].score == 100.0
    assert result.window == "trending"
    assert result.score == pytest.approx((100 / 3 + 100) / 2)


def test_window_sums_are_reported() -> None:
    window = scored(A1, A2, A3, A4, A5).windows["6m"]
    assert (window.counted, window.clients) == (4, 4)
    assert (window.weight, window.good_weight, window.bad_weight) == (4.0, 3.0, 1.0)


def test_ageing_out_dates_are_the_end_plus_each_window() -> None:
    result = scored(A4, A5, as_of=AS_OF)
    assert result.contract("a4").ages_out_at == {
        "24m": at("2027-11-01"),
        "12m": at("2026-11-01"),
        "6m": at("2026-05-01"),
        "3m": at("2026-02-01"),
    }
