"""`jobscore template`: a history file to fill in, that scores as it is written."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobscore.cli import app
from jobscore.cli.template_commands import EXAMPLE_ROWS, template_text
from jobscore.io.rows import COLUMNS, REQUIRED_COLUMNS

ROOT = Path(__file__).parents[2]
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_header_is_every_column_the_reader_knows_in_order() -> None:
    code, out, _ = run("template")
    assert code == 0
    header, *rows = list(csv.reader(out.splitlines()))
    assert tuple(header) == COLUMNS
    assert set(REQUIRED_COLUMNS) <= set(header)
    assert len(rows) == len(EXAMPLE_ROWS) >= 1
    assert all(len(row) == len(COLUMNS) for row in rows)


def test_the_json_template_has_every_column_in_every_row() -> None:
    code, out, _ = run("template", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [tuple(row) for row in rows] == [COLUMNS] * len(EXAMPLE_ROWS)
    first = rows[0]
    # Money stays a decimal string; a blank cell is null.
    assert first["earned"] == "1250.00"
    assert first["private_score"] is None


def test_the_examples_show_the_formats() -> None:
    rows = EXAMPLE_ROWS
    assert any(not row.get("ended_at") for row in rows), "an open contract"
    assert any(row.get("refunded") for row in rows), "a refund"
    assert all(not row.get("private_score") for row in rows), "never shown to a freelancer"
    assert {row.get("kind") for row in rows} == {"fixed", "hourly"}


@pytest.mark.parametrize(
    ("name", "flags"), [("contracts.csv", ()), ("contracts.json", ("--json",))]
)
def test_the_template_as_written_scores(tmp_path: Path, name: str, flags: tuple[str, ...]) -> None:
    path = tmp_path / name
    code, out, err = run("template", "--out", str(path), *flags)
    assert code == 0, err
    assert str(path) in out
    code, out, err = run("score", str(path), "--as-of", "2026-11-01", "--json")
    assert code == 0, err
    document = json.loads(out)
    # A $1,100 net job with 4.75 stars and a steady open hourly contract: both good.
    assert [c["outcome"] for c in document["contracts"]] == ["good", "good"]
    assert document["score"] == 100.0
    for policy in ("upwork-2015", "bayes"):
        code, _, err = run("score", str(path), "--policy", policy)
        assert code == 0, err


def test_a_json_name_alone_writes_json(tmp_path: Path) -> None:
    path = tmp_path / "contracts.json"
    assert run("template", "--out", str(path))[0] == 0
    assert json.loads(path.read_text())[0]["contract_id"] == "logo-design"


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "contracts.csv"
    path.write_text("my own contracts\n")
    code, out, err = run("template", "--out", str(path))
    assert code == 2
    assert "already exists" in err
    assert not out
    assert path.read_text() == "my own contracts\n"


@pytest.mark.parametrize(
    ("name", "flags", "wanted"),
    [("contracts.txt", (), ".csv"), ("contracts.csv", ("--json",), ".json")],
)
def test_a_file_the_readers_would_not_know_is_refused(
    tmp_path: Path, name: str, flags: tuple[str, ...], wanted: str
) -> None:
    code, _, err = run("template", "--out", str(tmp_path / name), *flags)
    assert code == 2
    assert f"ending in {wanted}" in err
    assert not (tmp_path / name).exists()


def test_the_example_file_is_the_template() -> None:
    example = (ROOT / "examples" / "template.csv").read_text()
    assert example == template_text(), "regenerate it: jobscore template > examples/template.csv"


def test_the_history_format_shows_the_template() -> None:
    text = (ROOT / "docs" / "history-format.md").read_text()
    blocks = re.findall(r"```\n(contract_id,.*?)```", text, flags=re.S)
    assert blocks == [template_text()], "copy `jobscore template` into docs/history-format.md"
