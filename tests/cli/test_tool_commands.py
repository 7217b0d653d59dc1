"""`jobscore whatif`, `refund-or-keep`, `recover` and `screen`, run in process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobscore.cli import app

EXAMPLES = Path(__file__).parents[2] / "examples"
NEWCOMER = str(EXAMPLES / "newcomer_one_star.csv")
VETERAN = str(EXAMPLES / "veteran_150.csv")
RECOVERING = str(EXAMPLES / "recovering_78.csv")
AS_OF = ("--as-of", "2026-11-01")
HEADER = "contract_id,client_id,started_at,ended_at,earned,stars,private_score\n"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def run_json(*args: str) -> dict:  # type: ignore[type-arg]
    code, out, err = run(*args, "--json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_whatif_refund_json() -> None:
    doc = run_json("whatif", NEWCOMER, "--refund", "webpage-copy", *AS_OF)
    # Before: $120 good (1) and $700 bad (1.25): (1 − 1.25) / 2.25 → clamped to 0%.
    assert doc["before"]["score"] == 0.0
    silent, unhappy = doc["after"]
    assert silent["label"] == "after, if the client leaves no feedback"
    assert silent["score"] is None  # one counted contract left: no score yet
    assert silent["badges_gained"] == ["rising_talent"]
    # The 1 star all the same, at net $0 with weight 1: (1 − 1) / 2 = 0%.
    assert unhappy["label"] == "after, if the client is unhappy all the same"
    assert unhappy["score"] == 0.0
    assert unhappy["assumed_feedback"] == [
        "webpage-copy: the client is unhappy all the same — leaves 1 star and private 2/10"
    ]
    assert doc["changes"] == [{"kind": "refund", "contract_id": "webpage-copy", "amount": None}]
    assert doc["assumptions"][0] == "webpage-copy: refunded in full ($700.00) and cancelled"
    assert set(silent["windows"]) >= {"24m", "12m", "6m", "3m", "trending"}


def test_whatif_refund_with_the_feedback_given_assumes_nothing_else() -> None:
    doc = run_json(
        "whatif", NEWCOMER, "--refund", "webpage-copy", "--feedback", "webpage-copy:1", *AS_OF
    )
    (after,) = doc["after"]
    assert after["score"] == 0.0
    assert doc["assumptions"] == [
        "webpage-copy: refunded in full ($700.00) and cancelled",
        "webpage-copy: the client leaves 1 star",
    ]


def test_whatif_every_change_in_one_table(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text(
        HEADER
        + "k1,c1,2026-05-01,2026-05-10,500,5,10\n"
        + "k2,c2,2026-06-01,2026-06-10,500,,\n"
        + "lt,c3,2026-01-01,,3000,,\n"
    )
    code, out, err = run(
        "whatif",
        str(path),
        "--refund",
        "k1:100",
        "--feedback",
        "k2:1:0",
        "--add",
        "2@400:5",
        "--close",
        "lt",
        "--clock",
        "2026-12-01",
        *AS_OF,
    )
    assert code == 0, err
    assert "before" in out
    assert "Badges before" in out
    assert "k2: the client leaves 1 star and private 0/10" in out
    assert "2 new contracts of $400.00" in out


def test_whatif_partial_refund_shows_both_outcomes(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text(
        HEADER + "k1,c1,2026-05-01,2026-05-10,500,5,10\nk2,c2,2026-10-01,2026-10-25,500,,\n"
    )
    doc = run_json("whatif", str(path), "--refund", "k2:200", *AS_OF)
    labels = [a["label"] for a in doc["after"]]
    assert labels == [
        "after, if the client is pleased",
        "after, if the client is unhappy all the same",
    ]
    assert doc["after"][0]["score"] == 100.0
    # Unhappy: $500 good (1.25) and $300 bad (1.25) → 0%.
    assert doc["after"][1]["score"] == 0.0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--refund", "nope"), "no contract 'nope'"),
        (("--feedback", "webpage-copy:6"), "stars"),
        (("--feedback", "webpage-copy"), "CONTRACT_ID:STARS"),
        (("--add", "3x500"), "N@AMOUNT"),
        (("--refund", "webpage-copy:900"), "more than what is left"),
        (("--clock", "someday"), "--clock"),
    ],
)
def test_whatif_bad_input_exits_2(args: tuple[str, ...], words: str) -> None:
    code, out, err = run("whatif", NEWCOMER, *args, *AS_OF)
    assert code == 2
    assert words in err
    assert "Traceback" not in err + out


def bad_job_file(tmp_path: Path, goods: int) -> str:
    rows = [
        f"g{i},c{i},2026-{1 + i % 10:02d}-01,2026-{1 + i % 10:02d}-10,500,5,10"
        for i in range(goods)
    ]
    rows.append("bad,unhappy,2026-10-01,2026-10-20,700,1,0")
    path = tmp_path / f"record_{goods + 1}.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n")
    return str(path)


def test_refund_or_keep_two_contracts_and_two_hundred(tmp_path: Path) -> None:
    # The same income on both records: only the record's size differs.
    likely = ("--monthly-income", "2000")
    short = run_json("refund-or-keep", bad_job_file(tmp_path, 1), "bad", *likely, *AS_OF)
    long = run_json("refund-or-keep", bad_job_file(tmp_path, 199), "bad", *likely, *AS_OF)
    assert short["recommend"] == "refund"
    assert long["recommend"] == "keep"
    assert short["record_size"] == 2
    assert long["record_size"] == 200
    assert long["points_at_stake"] < 2
    assert [o["key"] for o in short["options"]] == [
        "keep",
        "refund_silent",
        "refund_unhappy",
        "partial_pleased",
        "partial_unhappy",
    ]
    assert len(short["options"][0]["path"]) == 25
    assert set(short["options"][0]["first_at_or_above"]) == {"90", "80", "75"}
    code, out, _ = run("refund-or-keep", bad_job_file(tmp_path, 199), "bad", *AS_OF)
    assert code == 0
    assert "Keep the money: with 200 counted contracts" in out
    assert "Score month by month" in out


def test_refund_or_keep_options(tmp_path: Path) -> None:
    doc = run_json(
        "refund-or-keep",
        NEWCOMER,
        "webpage-copy",
        "--partial",
        "200",
        "--pace",
        "0",
        "--monthly-income",
        "1000",
        *AS_OF,
    )
    assert doc["options"][3]["money_given_up"] == "200.00"
    assert doc["monthly_income"] == "1000.00"
    assert any("no new work" in a for a in doc["assumptions"])
    code, _, err = run("refund-or-keep", NEWCOMER, "missing", *AS_OF)
    assert code == 2
    assert "no contract 'missing'" in err


def test_recover_fewest_and_pace() -> None:
    doc = run_json("recover", RECOVERING, "--as-of", "2026-07-01", "--by", "2026-08-15")
    assert doc["reachable"] is False
    assert doc["nearest"]["score"] >= 90
    assert doc["nearest_contracts"] == len(doc["nearest_schedule"])
    # As of 2026-07-01 only what had happened counts: bakery-site (started 2026-06-22) had not
    # ended, and the later contracts had not started. Once shop-rebuild leaves the 6-month
    # window on 2026-12-12, that window holds no contract: two new ones are needed.
    waiting = run_json("recover", RECOVERING, "--as-of", "2026-07-01")
    assert waiting["contracts"] == 2
    assert waiting["reached"]["at"].startswith("2026-12-12")
    assert [o["contracts"] for o in waiting["options"]][-1] == 2
    pace = run_json("recover", RECOVERING, "--as-of", "2026-07-01", "--pace", "2/month")
    assert pace["mode"] == "pace"
    assert pace["reached"]["score"] >= 90
    assert pace["reached"]["at"].startswith("2026-12-12")
    code, out, _ = run("recover", RECOVERING, "--as-of", "2026-07-01", "--by", "2026-08-15")
    assert code == 0
    assert "Out of reach by 2026-08-15" in out
    assert "Nearest reachable" in out


def test_recover_bad_options_exit_2() -> None:
    assert run("recover", RECOVERING, "--target", "120", *AS_OF)[0] == 2
    assert run("recover", RECOVERING, "--pace", "fast", *AS_OF)[0] == 2
    assert run("recover", RECOVERING, "--max-per-month", "0", *AS_OF)[0] == 2


def test_screen_from_a_file_and_by_id() -> None:
    doc = run_json("screen", VETERAN, "--client", "hostile-holdings", *AS_OF)
    assert doc["probability_bad"] > 0.5
    assert doc["reasons"][0]["points"] >= doc["reasons"][-1]["points"]
    by_id = run_json("screen", "client-01", "--marketplace", VETERAN, *AS_OF)
    assert by_id["probability_bad"] < 0.05
    code, out, _ = run("screen", NEWCOMER, "--client", "northwind-dental", *AS_OF)
    assert code == 0
    assert "Reasons, largest first" in out


def test_screen_needs_a_file_or_a_client() -> None:
    code, _, err = run("screen", "client-01", *AS_OF)
    assert code == 2
    assert "--marketplace" in err
    code, _, err = run("screen", VETERAN, *AS_OF)
    assert code == 2
    assert "--client" in err


@pytest.mark.parametrize("policy", ["upwork", "upwork-2015", "bayes"])
def test_every_tool_under_every_policy(policy: str) -> None:
    for args in (
        ("whatif", NEWCOMER, "--refund", "webpage-copy"),
        ("refund-or-keep", NEWCOMER, "webpage-copy"),
        ("recover", RECOVERING),
        ("screen", NEWCOMER, "--client", "northwind-dental"),
    ):
        doc = run_json(*args, "--policy", policy, *AS_OF)
        assert doc["policy"]["name"] == policy


@pytest.mark.parametrize(
    ("args", "field", "money"),
    [
        (("whatif", NEWCOMER, "--refund", "webpage-copy:350"), ("changes", 0, "amount"), "350.00"),
        (("refund-or-keep", NEWCOMER, "webpage-copy"), ("money_at_stake",), "700.00"),
        (("refund-or-keep", NEWCOMER, "webpage-copy"), ("options", 0, "money_given_up"), "0.00"),
        (("recover", RECOVERING, "--size", "450"), ("size",), "450.00"),
        (("recover", RECOVERING, "--pace", "2/month", "--size", "450"), ("size",), "450.00"),
        (("screen", NEWCOMER, "--client", "northwind-dental"), ("spend",), "700.00"),
    ],
)
def test_money_is_a_decimal_string_in_json(
    args: tuple[str, ...], field: tuple[str | int, ...], money: str
) -> None:
    value: object = run_json(*args, *AS_OF)
    for key in field:
        value = value[key]  # type: ignore[index]
    assert value == money
