"""The README's commands are run here, so the quick start cannot rot."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobscore.cli import app
from jobscore.extras import missing_modules

ROOT = Path(__file__).parents[1]
#: Commands that need an optional extra.
COMMAND_EXTRAS = {"batch": "duckdb", "simulate": "sim"}
README = (ROOT / "README.md").read_text()


def readme_commands() -> list[str]:
    """Every `$ jobscore ...` line inside a ```console block."""
    blocks = re.findall(r"```console\n(.*?)```", README, flags=re.S)
    return [
        line.removeprefix("$ ").strip()
        for block in blocks
        for line in block.splitlines()
        if line.startswith("$ jobscore ")
    ]


def test_the_readme_has_commands() -> None:
    assert len(readme_commands()) >= 5


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command_runs(command: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    argv = shlex.split(command)[1:]
    extra = COMMAND_EXTRAS.get(argv[0])
    if extra and (missing := missing_modules(extra)):
        pytest.skip(f"needs jobscore[{extra}]: {', '.join(missing)} not installed")
    argv = [arg.replace("OUT_DIR", str(tmp_path)) for arg in argv]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 0, result.stderr or result.stdout
    assert result.stdout.strip()


def test_quick_start_targets_exist() -> None:
    assert "make demo" in README
    assert "make test" in README
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^demo:", makefile, flags=re.M)
    assert re.search(r"^test:", makefile, flags=re.M)
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci


def test_make_demo_scores_every_example() -> None:
    """`make demo` with this interpreter's environment (no install step)."""
    bin_dir = Path(sys.executable).parent
    result = subprocess.run(
        ["make", "--no-print-directory", "demo", f"BIN={bin_dir}", "STAMP="],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "160"},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for example in ("newcomer_one_star", "veteran_150", "recovering_78", "rich_history"):
        assert f"examples/{example}" in result.stdout
    assert result.stdout.count("Job Success Score") >= 6
