"""`jobscore simulate` in-process."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jobscore.cli import app

SMALL = ["--months", "6", "--freelancers", "20", "--arrivals", "1", "--clients", "15"]


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
    assert document["policies"]["bayes"]["scored"] == document["policies"]["bayes"]["population"]
    assert (tmp_path / "report.md").exists()
    assert (tmp_path / "sweep.png").exists()


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
