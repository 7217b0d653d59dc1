"""The ideal observer: exact where a closed form exists, and calibrated on a simulated world."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.extras import skip_without

skip_without("sim")  # before the simulator's modules, which import numpy

import numpy as np  # noqa: E402

from jobscore.simulate.ideal import (  # noqa: E402
    QualityModel,
    every_outcome_seen,
    ideal_observer,
    quality_posterior,
)
from jobscore.simulate.world import WorldConfig, generate_world  # noqa: E402

STEADY = QualityModel(beta=(7.0, 1.0), months=12, drift_share=0.0, drift_step=0.02, drop_share=0.0)
# Outcomes of three freelancers: (good, bad) counts, spread over months.
RECORDS = ((0, 0), (5, 1), (2, 6))


def _rows(records: tuple[tuple[int, int], ...]) -> list[tuple[int, int, float, float]]:
    rows = []
    for who, (good, bad) in enumerate(records):
        rows += [(who, k % 12, 1.0, 0.0) for k in range(good)]
        rows += [(who, (k * 5) % 12, 0.0, 1.0) for k in range(bad)]
    return rows


def test_steady_quality_gives_the_beta_posterior() -> None:
    # Beta(7, 1) and g good, b bad outcomes: the posterior is Beta(7 + g, 1 + b).
    posterior = quality_posterior(STEADY, 3, _rows(RECORDS))
    expected = [(7 + g) / (8 + g + b) for g, b in RECORDS]
    assert posterior.mean == pytest.approx(expected, abs=2e-3)
    for low, mean, high in zip(posterior.low, posterior.mean, posterior.high, strict=True):
        assert low < mean < high


def test_soft_evidence_is_a_mixture_of_good_and_bad() -> None:
    # One record twice as likely after a good job as after a bad one, under Beta(1, 1):
    # the posterior is ∝ (2q + (1 − q)) = 1 + q, whose mean is (1/2 + 1/3) / (1 + 1/2) = 5/9.
    flat = QualityModel((1.0, 1.0), 12, 0.0, 0.02, 0.0)
    posterior = quality_posterior(flat, 1, [(0, 3, 0.2, 0.1)])
    assert posterior.mean[0] == pytest.approx(5 / 9, abs=1e-4)


def test_a_walk_with_tiny_steps_is_steady_quality() -> None:
    still = QualityModel((7.0, 1.0), 12, drift_share=1.0, drift_step=0.003, drop_share=0.0)
    steady = quality_posterior(STEADY, 3, _rows(RECORDS))
    walking = quality_posterior(still, 3, _rows(RECORDS))
    assert walking.mean == pytest.approx(steady.mean, abs=0.01)


def test_without_evidence_each_pattern_gives_its_prior_mean() -> None:
    rng = np.random.default_rng(5)
    start = rng.beta(7.0, 1.0, size=200_000)
    # One drop of 0.2-0.4 by the end; a walk of 13 steps of 0.02, clipped.
    dropped = np.maximum(start - rng.uniform(0.2, 0.4, size=start.size), 0.02)
    walked = np.clip(start + rng.normal(0, 0.02 * np.sqrt(13), size=start.size), 0.02, 0.999)
    drop = QualityModel((7.0, 1.0), 12, drift_share=0.0, drift_step=0.02, drop_share=1.0)
    drift = QualityModel((7.0, 1.0), 12, drift_share=1.0, drift_step=0.02, drop_share=0.0)
    assert quality_posterior(drop, 1, []).mean[0] == pytest.approx(dropped.mean(), abs=2e-3)
    assert quality_posterior(drift, 1, []).mean[0] == pytest.approx(walked.mean(), abs=2e-3)


def test_a_drop_is_seen_in_the_months_after_it() -> None:
    # Good jobs for 8 months, then bad ones: a drop explains it better than steady quality.
    model = QualityModel((7.0, 1.0), 12, drift_share=0.0, drift_step=0.02, drop_share=0.5)
    rows = [(0, m, 1.0, 0.0) for m in range(8) for _ in range(3)]
    rows += [(0, m, 0.0, 1.0) for m in range(8, 12) for _ in range(3)]
    mixed = quality_posterior(model, 1, rows).mean[0]
    steady = quality_posterior(STEADY, 1, rows).mean[0]
    assert mixed < steady - 0.1


SMALL = WorldConfig(seed=11, months=12, initial_freelancers=150, arrivals_per_month=4, clients=150)


def test_the_ideal_observer_is_calibrated_on_a_simulated_world() -> None:
    world = generate_world(SMALL)
    truth = [f.true_quality for f in world.freelancers]
    for posterior in (ideal_observer(world), every_outcome_seen(world)):
        held = [
            low <= t <= high
            for low, high, t in zip(posterior.low, posterior.high, truth, strict=True)
        ]
        assert 0.7 <= sum(held) / len(held) <= 0.9
        mean = sum(posterior.mean) / len(truth)
        assert mean == pytest.approx(sum(truth) / len(truth), abs=0.02)


def test_every_outcome_seen_knows_more_than_the_record() -> None:
    world = generate_world(SMALL)
    truth = np.array([f.true_quality for f in world.freelancers])
    ideal = np.abs(np.array(ideal_observer(world).mean) - truth).mean()
    bound = np.abs(np.array(every_outcome_seen(world).mean) - truth).mean()
    assert bound < ideal


def test_the_month_of_an_instant_follows_the_runs_months() -> None:
    config = WorldConfig()  # months start on the 2nd
    assert config.month_of(config.start) == 0
    assert config.month_of(config.start + timedelta(days=30)) == 0  # February 1st
    assert config.month_of(config.start + timedelta(days=31)) == 1
    assert config.inflation_at(0) == config.inflation[0]
    assert config.inflation_at(config.months - 1) == config.inflation[1]
