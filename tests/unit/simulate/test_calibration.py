"""Calibration error and interval coverage, on hand-made scores."""

from __future__ import annotations

import pytest

from tests.extras import skip_without

skip_without("sim")  # before the simulator's modules, which import numpy

from jobscore.simulate.calibration import (  # noqa: E402
    CoverageRow,
    calibration_error,
    calibration_row,
    coverage_row,
)
from jobscore.simulate.metrics import LENGTH_BINS  # noqa: E402
from jobscore.simulate.targets import MIN_BIN_FREELANCERS, judged_bins  # noqa: E402


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


def _coverage(by_bin: dict[str, tuple[float | None, int]]) -> CoverageRow:
    bins = {label: by_bin.get(label, (None, 0)) for label, _, _ in LENGTH_BINS}
    return CoverageRow("bayes", None, sum(n for _, n in bins.values()), bins)


def test_coverage_is_judged_on_bins_joined_until_each_holds_enough_freelancers() -> None:
    # 20 + 30 + 20 = 70 with one to three contracts; 62 with 4-5; 100 + 300 with 6 and more,
    # and a last bin of 10 too small to stand alone.
    row = _coverage(
        {
            "1": (0.5, 20),
            "2": (1.0, 30),
            "3": (0.75, 20),
            "4-5": (0.8, 62),
            "6-10": (0.7, 100),
            "11-30": (0.9, 300),
            "31+": (0.0, 10),
        }
    )
    judged = judged_bins(row)
    assert [(label, n) for label, _, n in judged] == [
        ("1-3", 70),
        ("4-5", 62),
        ("6-10", 100),
        ("11+", 310),
    ]
    shares = [share for _, share, _ in judged]
    assert shares == pytest.approx([(10 + 30 + 15) / 70, 0.8, 0.7, 270 / 310])
    assert min(n for _, _, n in judged) >= MIN_BIN_FREELANCERS


def test_too_few_freelancers_in_all_make_one_bin_and_empty_bins_none() -> None:
    assert judged_bins(_coverage({"2": (0.5, 4), "31+": (1.0, 6)})) == [("1+", 0.8, 10)]
    assert judged_bins(_coverage({})) == []
