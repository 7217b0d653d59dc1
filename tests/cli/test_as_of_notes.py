"""An --as-of before every contract, or later than today, gets a note saying so."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jobscore.cli import app

NEWCOMER = str(Path(__file__).parents[2] / "examples" / "newcomer_one_star.csv")
runner = CliRunner()


def test_before_every_contract_is_noted_with_the_first_start() -> None:
    result = runner.invoke(app, ["score", NEWCOMER, "--as-of", "2020-01-01", "--json"])
    assert result.exit_code == 0
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["field"] == "as_of"
    assert "before every contract (the first started on 2026-08-03)" in finding["message"]


def test_after_today_is_noted() -> None:
    result = runner.invoke(app, ["explain", NEWCOMER, "--as-of", "2199-01-01"])
    assert result.exit_code == 0
    assert "is after today" in result.stdout


def test_a_tool_notes_it_on_stderr_and_keeps_its_json_clean() -> None:
    result = runner.invoke(app, ["recover", NEWCOMER, "--as-of", "2020-01-01", "--json"])
    assert result.exit_code == 0
    assert "note: --as-of 2020-01-01 is before every contract" in result.stderr
    assert json.loads(result.stdout)["tool"] == "recover"


def test_an_ordinary_as_of_gets_no_note() -> None:
    result = runner.invoke(app, ["whatif", NEWCOMER, "--as-of", "2026-11-01", "--json"])
    assert result.exit_code == 0
    assert "note:" not in result.stderr
