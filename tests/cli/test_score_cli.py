"""`jobscore score` and `jobscore explain`, run in process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobscore.cli import app

EXAMPLES = Path(__file__).parents[2] / "examples"
HEADER = "contract_id,client_id,kind,started_at,ended_at,earned,refunded,stars,private_score\n"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, body: str, name: str = "history.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body)
    return path


def test_score_json_has_the_stable_keys(tmp_path: Path) -> None:
    # §3's first reference figure: (1.5 − 1) / 2.5 = 20%.
    path = write(
        tmp_path,
        "k1,c1,fixed,2025-03-01,2025-03-10,135,,1,\nk2,c2,fixed,2025-04-01,2025-04-20,2000,,5,\n",
    )
    code, out, _ = run("score", str(path), "--as-of", "2025-06-01", "--json")
    assert code == 0
    document = json.loads(out)
    assert document["policy"] == {"name": "upwork", "version": document["policy"]["version"]}
    assert document["as_of"] == "2025-06-01T00:00:00Z"
    assert document["score"] == pytest.approx(20.0)
    assert document["eligible"] is True
    assert document["window"] == "24m"
    assert set(document["windows"]) == {"24m", "12m", "6m", "3m", "trending"}
    assert document["interval"] is None
    assert document["badges"] == []
    first = {c["contract_id"]: c for c in document["contracts"]}["k1"]
    assert first["outcome"] == "bad"
    assert first["excluded_because"] is None
    assert first["weight"] == 1.0
    # Without k1 the window is k2 alone, 100%: k1 costs 80 points.
    assert first["points"] == pytest.approx(-80.0)


def test_not_yet_eligible_shows_null_never_zero(tmp_path: Path) -> None:
    path = write(tmp_path, "k1,c1,fixed,2025-03-01,2025-03-10,700,,1,2\n")
    code, out, _ = run("score", str(path), "--as-of", "2025-06-01", "--json")
    assert code == 0
    document = json.loads(out)
    assert document["score"] is None
    assert document["eligible"] is False
    assert document["window"] is None
    code, out, _ = run("score", str(path), "--as-of", "2025-06-01")
    assert "no score yet" in out
    assert "0.0%" not in out


def test_explain_table_names_the_costliest_contract() -> None:
    code, out, _ = run("explain", str(EXAMPLES / "veteran_150.csv"), "--as-of", "2026-11-01")
    assert code == 0
    assert "storefront-rebuild cost you the most" in out
    # The costliest contract is the first row of the table.
    rows = [line for line in out.splitlines() if line.startswith(("v", "storefront", "retainer"))]
    assert rows[0].startswith("storefront-rebuild")


def test_explain_json_lists_every_contract() -> None:
    code, out, _ = run(
        "explain", str(EXAMPLES / "veteran_150.csv"), "--as-of", "2026-11-01", "--json"
    )
    assert code == 0
    document = json.loads(out)
    assert len(document["contracts"]) == 151
    worst = min(document["contracts"], key=lambda c: c["points"])
    assert worst["contract_id"] == "storefront-rebuild"
    assert worst["outcome"] == "bad"


def test_legacy_policy_by_name() -> None:
    code, out, _ = run(
        "score",
        str(EXAMPLES / "newcomer_one_star.csv"),
        "--policy",
        "upwork-2015",
        "--as-of",
        "2026-11-01",
        "--json",
    )
    assert code == 0
    document = json.loads(out)
    assert document["policy"]["name"] == "upwork-2015"
    # 2 jobs with 2 clients is below the 2015 bar of 4 jobs with 3 clients.
    assert document["score"] is None


def test_unknown_policy_is_bad_input() -> None:
    code, _, err = run("score", str(EXAMPLES / "newcomer_one_star.csv"), "--policy", "nope")
    assert code == 2
    assert "unknown policy 'nope'" in err


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("k1,c1,fixed,2025-03-01,2025-03-10,100,150,5,", "refunded"),
        ("k1,c1,fixed,2025-03-01,2025-03-10,100,,6,", "stars"),
        ("k1,c1,fixed,2025-03-01,2025-03-10,100,,5,11", "private_score"),
        ("k1,c1,weekly,2025-03-01,2025-03-10,100,,5,", "kind"),
        ("k1,c1,fixed,2025-13-01,2025-03-10,100,,5,", "started_at"),
        ("k1,c1,fixed,2025-03-01,2025-03-10,lots,,5,", "earned"),
    ],
)
def test_bad_input_exits_2_naming_row_and_field(tmp_path: Path, row: str, field: str) -> None:
    path = write(tmp_path, "k0,c0,fixed,2025-01-01,2025-01-10,100,,5,\n" + row + "\n")
    code, out, err = run("score", str(path), "--as-of", "2025-06-01")
    assert code == 2
    assert out == ""
    assert "history.csv, row 3" in err
    assert f"{field}:" in err
    assert "Traceback" not in err


def test_duplicate_id_with_different_content_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "k1,c1,fixed,2025-03-01,2025-03-10,100,,5,\nk1,c1,fixed,2025-03-01,2025-03-10,900,,5,\n",
    )
    code, _, err = run("score", str(path), "--as-of", "2025-06-01")
    assert code == 2
    assert "row 3" in err
    assert "duplicate id 'k1'" in err


def test_every_bad_row_is_listed(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "k1,c1,fixed,2025-03-01,2025-03-10,100,,6,\n"
        "k2,c2,fixed,2025-03-01,2025-03-10,100,,5,\n"
        "k3,c3,fixed,2025-03-01,2025-03-10,100,,5,12\n",
    )
    code, _, err = run("score", str(path), "--as-of", "2025-06-01")
    assert code == 2
    assert "2 problems" in err
    assert "row 2" in err
    assert "row 4" in err


def test_missing_file_and_bad_as_of_are_bad_input(tmp_path: Path) -> None:
    code, _, err = run("score", str(tmp_path / "missing.csv"))
    assert code == 2
    assert "no such file" in err
    code, _, err = run("score", str(EXAMPLES / "newcomer_one_star.csv"), "--as-of", "soon")
    assert code == 2
    assert "--as-of" in err


def test_several_freelancers_need_a_choice(tmp_path: Path) -> None:
    path = tmp_path / "market.csv"
    path.write_text(
        "contract_id,freelancer_id,client_id,started_at,ended_at,earned,stars\n"
        "k1,f1,c1,2025-03-01,2025-03-10,100,5\n"
        "k2,f2,c1,2025-03-01,2025-03-10,100,5\n"
    )
    code, _, err = run("score", str(path), "--as-of", "2025-06-01")
    assert code == 2
    assert "--freelancer" in err
    code, out, _ = run("score", str(path), "--as-of", "2025-06-01", "--freelancer", "f2", "--json")
    assert code == 0
    assert json.loads(out)["freelancer_id"] == "f2"


def test_rich_json_history_scores() -> None:
    code, out, _ = run(
        "explain", str(EXAMPLES / "rich_history.json"), "--as-of", "2026-11-01", "--json"
    )
    assert code == 0
    document = json.loads(out)
    by_id = {c["contract_id"]: c for c in document["contracts"]}
    assert by_id["scraper"]["excluded_because"] == "flagged_client"
    # The open hourly contract was paid in each of its 5 full quarters: 1.5 + 5 = 6.5.
    assert by_id["ops-support"]["outcome"] == "good"
    assert by_id["ops-support"]["weight"] == 6.5
    assert "top_rated" in document["badges"]


@pytest.mark.parametrize("command", ["score", "explain"])
def test_money_is_a_decimal_string_in_json(command: str, tmp_path: Path) -> None:
    path = write(tmp_path, "k1,c1,fixed,2025-03-01,2025-03-10,135.5,,5,\n")
    code, out, _ = run(command, str(path), "--as-of", "2025-06-01", "--json")
    assert code == 0
    (contract,) = json.loads(out)["contracts"]
    assert contract["net_earnings"] == "135.50"
