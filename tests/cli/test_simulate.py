"""`jobscore simulate` in-process."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobscore.cli import app
from tests.extras import needs

SMALL = ["--months", "6", "--freelancers", "20", "--arrivals", "1", "--clients", "15"]


@needs("sim")
def test_simulate_writes_the_report_and_prints_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["simulate", "--seed", "2", "--out", str(tmp_path), *SMALL, "--json"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document["policies"]) == {
        "upwork",
        "upwork-2015",
        "bayes",
        "average-stars",
        "wilson",
    }
    assert set(document["references"]) == {"ideal observer", "every outcome seen"}
    assert document["policies"]["bayes"]["scored"] == document["policies"]["bayes"]["population"]
    assert 0.0 <= document["policies"]["bayes"]["interval_coverage"] <= 1.0
    assert (tmp_path / "report.md").exists()
    assert (tmp_path / "sweep.png").exists()


@needs("sim")
def test_simulate_prints_a_table_for_people(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["simulate", "--out", str(tmp_path), *SMALL])
    assert result.exit_code == 0, result.output
    assert "bayes" in result.stdout
    assert "report.md" in result.stdout


def test_a_bad_share_exits_2_naming_the_option(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["simulate", "--out", str(tmp_path), "--share", "grumpy=0.2"])
    assert result.exit_code == 2
    assert "--share" in result.stderr
    assert "harsh=0.2" in result.stderr


def test_a_missing_plotting_library_stops_before_the_simulation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # matplotlib draws only at the end: without the check up front, the whole simulation ran
    # before the import failed.
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if it were not installed

    def no_simulation(*args: object, **kwargs: object) -> None:
        raise AssertionError("the simulation ran")

    monkeypatch.setattr("jobscore.simulate.run.run_simulation", no_simulation)
    result = CliRunner().invoke(app, ["simulate", "--out", str(tmp_path / "sim"), *SMALL])
    assert result.exit_code == 1
    assert "matplotlib is not installed" in result.stderr
    assert "pip install 'jobscore[sim]'" in result.stderr
    assert not (tmp_path / "sim").exists()


def test_shares_adding_up_to_more_than_one_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["simulate", "--out", str(tmp_path), "--share", "harsh=0.7", "--share", "hostile=0.6"]
    )
    assert result.exit_code == 2
    assert "--share" in result.stderr
    assert "more than 1" in result.stderr


@pytest.mark.parametrize(
    ("inside", "words"),
    [("", "--out: exists and is not a directory"), ("sim", "is a file, so no directory")],
)
def test_an_out_that_is_or_is_inside_a_file_exits_2_before_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inside: str, words: str
) -> None:
    def no_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("the simulation started")

    monkeypatch.setattr("jobscore.simulate.run.run_simulation", no_run)
    taken = tmp_path / "report"
    taken.write_text("not a directory", encoding="utf-8")
    out = taken / inside if inside else taken
    result = CliRunner().invoke(app, ["simulate", "--out", str(out), *SMALL])
    assert result.exit_code == 2
    assert words in " ".join(result.stderr.split())


@needs("sim")
def test_simulate_runs_a_named_world(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["simulate", "--world", "few-private", "--out", str(tmp_path), *SMALL]
    )
    assert result.exit_code == 0, result.output
    assert "The few-private world" in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_an_unknown_world_exits_2_naming_the_worlds(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["simulate", "--world", "mars", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "--world" in result.stderr
    assert "lower-quality" in result.stderr


@needs("sim")
def test_the_sweep_writes_every_world_and_prints_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["simulate", "--sweep", "--seeds", "1", "--out", str(tmp_path), *SMALL, "--json"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    names = [w["world"] for w in document["worlds"]]
    assert names[0] == "default"
    assert len(names) >= 7
    assert all("ideal observer" in w["references"] for w in document["worlds"])
    assert "## elsewhere, seed 1" in (tmp_path / "worlds.md").read_text(encoding="utf-8")


def test_the_sweep_refuses_a_world_or_shares(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["simulate", "--sweep", "--world", "drifting", "--out", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "--sweep" in result.stderr
