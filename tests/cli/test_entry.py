"""`jobscore` alone and `jobscore --version`: what someone trying the command first sees."""

from __future__ import annotations

import tomllib
from pathlib import Path

from typer.testing import CliRunner

import jobscore
from jobscore.cli import LAZY_COMMANDS, app

ROOT = Path(__file__).parents[2]
runner = CliRunner()


def test_version_prints_the_package_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"jobscore {jobscore.__version__}\n"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert jobscore.__version__ == project["version"]


def test_a_bare_command_prints_the_help_and_succeeds() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 0
    assert "Usage: jobscore" in result.stdout
    for command in ("score", "explain", *LAZY_COMMANDS):
        assert command in result.stdout
    assert not result.stderr


def test_help_succeeds_too() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "--version" in result.stdout
