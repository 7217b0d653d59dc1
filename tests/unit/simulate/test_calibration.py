"""Calibration error and interval coverage, on hand-made scores."""

from __future__ import annotations

import pytest

from tests.extras import skip_without

skip_without("sim")  # before the simulator's modules, which import numpy

from jobscore.simulate.calibration import (  # noqa: E402
    calibration_error,
    calibration_row,
    coverage_row,
)


def test_calibration_error_is_the_contract_weighted_gap_in_each_bucket() -> None:
    # Bucket 90-100: scores 95 (2 contracts) and 91 (2): mean 93 against truths 0.9 and 0.8,
    # mean 85: gap 8 over 4 contracts. Bucket 50-60: score 55 (1 contract), truth 0.6: gap 5.
    # (8·4 + 5·1) / 5 = 7.4.
    scores = [95.0, 91.0, 55.0, None]
    truth = [0.9, 0.8, 0.6, 0.1]
    assert calibration_error(scores, truth, [2, 2, 1, 7]) == pytest.approx(7.4)


def test_a_score_of_100_falls_in_the_top_bucket_and_nobody_scored_gives_none() -> None:
    assert calibration_error([100.0, 90.0], [0.95, 0.95], [1, 1]) == pytest.approx(0.0)
    assert calibration_error([None], [0.5], [3]) is None


def test_newcomers_are_freelancers_with_one_to_three_contracts() -> None:
    row = calibration_row("p", [80.0, 80.0], [0.7, 0.9], [2, 10])
    assert row.newcomer_error == pytest.approx(10.0)
    # Both, weighted 2 and 10: mean truth (1.4 + 9) / 12 = 0.8666...: gap 6.67.
    assert row.error == pytest.approx(100 * 10.4 / 12 - 80.0)


def test_coverage_counts_the_truth_inside_the_interval_by_history_length() -> None:
    intervals = [(70.0, 90.0), (70.0, 90.0), (10.0, 20.0), None]
    row = coverage_row("p", intervals, [0.8, 0.95, 0.15, 0.5], [1, 1, 12, 4])
    assert (row.share, row.freelancers) == (pytest.approx(2 / 3), 3)
    assert row.by_bin["1"] == (0.5, 2)
    assert row.by_bin["11-30"] == (1.0, 1)
    assert row.by_bin["4-5"] == (None, 0)
