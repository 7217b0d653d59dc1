"""The simulator on a tiny world: seeded, complete, and byte-for-byte reproducible."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.extras import skip_without

skip_without("sim")  # before the simulator's modules, which import numpy

from jobscore.simulate.baselines import wilson_lower_bound  # noqa: E402
from jobscore.simulate.clients import ClientKind  # noqa: E402
from jobscore.simulate.metrics import good_newcomers, tau_row  # noqa: E402
from jobscore.simulate.report import write_report  # noqa: E402
from jobscore.simulate.run import ROWS, run_simulation  # noqa: E402
from jobscore.simulate.sweep import run_worlds  # noqa: E402
from jobscore.simulate.sweep_report import write_sweep  # noqa: E402
from jobscore.simulate.world import WorldConfig, generate_world  # noqa: E402
from jobscore.simulate.worlds import WORLDS, world_config  # noqa: E402

TINY = WorldConfig(seed=3, months=8, initial_freelancers=30, arrivals_per_month=2, clients=25)


def test_the_same_seed_builds_the_same_world_and_another_seed_does_not() -> None:
    a, b = generate_world(TINY), generate_world(TINY)
    assert a.histories == b.histories
    assert a.freelancers == b.freelancers
    other = generate_world(WorldConfig(seed=4, months=8, initial_freelancers=30, clients=25))
    assert other.histories != a.histories


def test_the_world_has_newcomers_every_client_kind_and_open_contracts() -> None:
    world = generate_world(TINY)
    assert sum(f.newcomer for f in world.freelancers) == 2 * 7
    assert set(world.client_kinds.values()) == set(ClientKind)
    contracts = [c for h in world.histories for c in h.contracts]
    assert any(c.ended_at is None for c in contracts)
    assert all(c.started_at <= world.as_of for c in contracts)


def test_shares_are_rescaled_around_the_kinds_that_are_set() -> None:
    shares = dict(WorldConfig().with_shares(harsh=0.5, hostile=0.0).client_shares)
    assert shares[ClientKind.HARSH] == 0.5
    assert shares[ClientKind.HOSTILE] == 0.0
    assert sum(shares.values()) == pytest.approx(1.0)
    # honest : lenient : silent keep their 60 : 15 : 10 ratio in the remaining half.
    assert shares[ClientKind.HONEST] == pytest.approx(0.5 * 60 / 85)
    with pytest.raises(ValueError, match="add up to at most 1"):
        WorldConfig().with_shares(harsh=0.7, hostile=0.5)


def test_tau_counts_no_score_below_every_score() -> None:
    # Scored pairs agree perfectly; the unscored freelancer is the best one, so the ranking
    # a client sees (him last) is worse than the ranking over those scored.
    row = tau_row("p", [10.0, 20.0, None], [0.1, 0.2, 0.9], [True, True, True])
    assert row.covered == 2
    assert row.tau_scored == pytest.approx(1.0)
    assert row.tau_as_seen == pytest.approx(-1 / 3)


def test_good_newcomers_below_80_and_without_a_score_are_counted_apart() -> None:
    row = good_newcomers("p", [70.0, None, 95.0, 50.0], [0.95, 0.92, 0.91, 0.5], [1, 0, 3, 2])
    assert (row.good_newcomers, row.below_filter, row.no_score) == (3, 1, 1)


def test_wilson_lower_bound_matches_a_hand_computed_value() -> None:
    # 9 of 10 at z = 1.96: (0.9 + 0.19208 - 1.96·sqrt(0.009 + 0.00096)) / 1.38416 = 0.5958...
    assert wilson_lower_bound(9, 10, 1.96) == pytest.approx(0.59585, abs=1e-4)


def test_a_tiny_run_reports_every_policy_and_writes_identical_bytes(tmp_path: Path) -> None:
    steps: list[str] = []
    results = run_simulation(TINY, sweep=(0.0, 0.5), advance=steps.append)
    assert [row.policy for row in results.main.taus] == list(ROWS)
    assert steps[0] == "main world"
    assert len(steps) == 5
    bayes = results.tau("bayes")
    assert bayes.covered == bayes.population  # bayes scores everyone
    first = write_report(results, tmp_path / "a")
    second = write_report(run_simulation(TINY, sweep=(0.0, 0.5)), tmp_path / "b")
    assert [p.name for p in first] == [
        "report.md",
        "tau.png",
        "error_by_length.png",
        "recovery.png",
        "sweep.png",
    ]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    text = first[0].read_text(encoding="utf-8")
    assert "| bayes |" in text
    assert "hostile 50%" in text


def test_the_default_world_is_the_simulators_own_and_every_other_differs() -> None:
    assert world_config("default", 5) == WorldConfig(seed=5)
    configs = [w.config(5) for w in WORLDS]
    assert len(set(configs)) == len(WORLDS) >= 7
    assert world_config("lower-quality", 5).quality_beta == (3.0, 1.0)
    shares = dict(world_config("lenient-and-harsh", 5).client_shares)
    assert (shares[ClientKind.LENIENT], shares[ClientKind.HARSH]) == (0.3, 0.3)
    with pytest.raises(ValueError, match="not a world"):
        world_config("mars", 1)


def test_a_world_without_private_scores_or_hiring_by_score_is_built_so() -> None:
    few = generate_world(replace(TINY, private_score_chance=0.0))
    rated = [c for h in few.histories for c in h.contracts if c.stars is not None]
    assert rated
    assert all(c.private_score is None for c in rated)
    # Hiring by noise alone draws the same numbers, so only who is hired changes.
    blind = generate_world(replace(TINY, hiring_follows_score=False))
    assert generate_world(replace(TINY, hiring_follows_score=False)).histories == blind.histories
    assert blind.histories != generate_world(TINY).histories


def test_the_sweep_measures_every_world_and_holds_bayes_to_its_bars(tmp_path: Path) -> None:
    steps: list[str] = []
    small = {"months": 6, "initial_freelancers": 25, "arrivals_per_month": 1, "clients": 20}
    runs = run_worlds(
        ["default", "few-private"],
        seeds=[1, 2],
        advance=steps.append,
        resize=lambda c: replace(c, **small),
    )
    assert [(r.name, r.seed) for r in runs] == [
        ("default", 1),
        ("default", 2),
        ("few-private", 1),
        ("few-private", 2),
    ]
    assert steps == [
        "default, seed 1",
        "default, seed 2",
        "few-private, seed 1",
        "few-private, seed 2",
    ]
    # The newcomers and the gap to the ideal observer are held on the default world only.
    assert len(runs[0].targets) == 6
    assert len(runs[2].targets) == 4
    text = write_sweep(runs, tmp_path, "jobscore simulate --sweep").read_text(encoding="utf-8")
    assert "## few-private, seed 2" in text
    assert "| ideal observer |" in text
