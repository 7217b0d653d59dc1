"""§3.7: a score can be computed as of any instant; the 2015 policy recalculated every second
Sunday (its anchor is Sunday 2015-01-04); snapshots are daily by default."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jobscore.scoring import UPWORK, UPWORK_2015
from jobscore.scoring.upwork.scorer import recalculated_at
from tests.builders import AS_OF, at, contract, scored

K1 = contract("k1", "c1", started="2025-11-01", ended="2025-12-01", earned=135, stars=5)
# Ends at noon on 2025-12-31; its 1 star is given the same instant.
K2 = contract("k2", "c2", started="2025-12-01", ended="2025-12-31T12:00:00Z", earned=135, stars=1)


def test_the_upwork_score_moves_at_the_instant_a_contract_ends() -> None:
    before = scored(K1, K2, as_of="2025-12-31T11:59:59Z")
    after = scored(K1, K2, as_of="2025-12-31T12:00:00Z")
    assert before.score is None  # one job only
    assert after.score == 0.0  # (1 − 1) / 2
    assert after.computed_as_of == after.as_of == at("2025-12-31T12:00:00Z")


def test_the_core_reads_no_clock() -> None:
    # The same history and instant give the same result whenever it is computed.
    assert scored(K1, K2) == scored(K1, K2)
    assert scored(K1, K2, as_of="2020-01-01").score is None


@pytest.mark.parametrize(
    ("as_of", "recalculated"),
    [
        # 2015-01-04 + 287 × 14 days = 2026-01-04 (4,018 days = 11 × 365 + 3 leap days), so
        # the fortnightly Sundays around AS_OF are 2025-12-21 and 2026-01-04.
        ("2026-01-01T00:00:00Z", "2025-12-21T00:00:00Z"),
        ("2026-01-03T23:59:59Z", "2025-12-21T00:00:00Z"),
        ("2026-01-04T00:00:00Z", "2026-01-04T00:00:00Z"),
        ("2026-01-17T12:00:00Z", "2026-01-04T00:00:00Z"),
        ("2015-01-04T00:00:00Z", "2015-01-04T00:00:00Z"),
        ("2015-01-03T00:00:00Z", "2014-12-21T00:00:00Z"),  # before the anchor, still Sundays
    ],
)
def test_2015_recalculates_every_second_sunday(as_of: str, recalculated: str) -> None:
    assert recalculated_at(UPWORK_2015, at(as_of)) == at(recalculated)
    assert at(recalculated).weekday() == 6  # Sunday
    assert recalculated_at(UPWORK, at(as_of)) == at(as_of)


def test_a_contract_ending_after_the_last_recalculation_waits_for_the_next() -> None:
    # Four jobs with three clients make the 2015 score eligible; the fourth ends 2025-12-22,
    # the day after the recalculation of 2025-12-21.
    jobs = [
        contract("k1", "c1", started="2025-10-01", ended="2025-11-01", earned=135, stars=5),
        contract("k2", "c2", started="2025-10-01", ended="2025-11-02", earned=135, stars=5),
        contract("k3", "c3", started="2025-10-01", ended="2025-11-03", earned=135, stars=5),
        contract("k4", "c1", started="2025-12-01", ended="2025-12-22", earned=135, stars=5),
    ]
    result = scored(*jobs, policy=UPWORK_2015)
    assert result.as_of == AS_OF
    assert result.computed_as_of == at("2025-12-21")
    assert result.score is None
    assert result.contract("k4").excluded_because == "open"
    # On 2026-01-04 it is in: 4 jobs, 3 clients, all good → 100%.
    assert scored(*jobs, policy=UPWORK_2015, as_of="2026-01-04").score == 100.0


def test_snapshot_intervals() -> None:
    assert timedelta(days=UPWORK.snapshot_interval_days) == timedelta(days=1)
    assert timedelta(days=UPWORK_2015.snapshot_interval_days) == timedelta(weeks=2)
