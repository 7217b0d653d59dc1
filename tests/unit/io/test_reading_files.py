"""Every history file is read as meant, or refused with a message that says how to fix it:
amounts in one unambiguous format (or with --decimal-comma), column names in any case or
spelling of separators, blank spreadsheet rows skipped with a note, and files that are not
history files (wrong encoding, empty, ragged, nested without end) refused by name."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jobscore.errors import InvalidInput
from jobscore.io import load_history_file
from jobscore.io.headers import match_columns, normal_name
from jobscore.io.rows import COLUMNS

HEADER = "contract_id,client_id,started_at,ended_at,earned,stars"
ROW = "k1,c1,2025-03-01,2025-03-10,{earned},5"


def csv_file(tmp_path: Path, *lines: str, name: str = "h.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def refused(path: Path, **options: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        load_history_file(path, **options)
    return caught.value


# --- amounts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("earned", "value"),
    [("1700.50", "1700.50"), ('"$1,700.50"', "1700.50"), ('"1,700"', "1700.00"),
     ("250.500", "250.50")],
)  # fmt: skip
def test_amounts_in_the_one_format_are_read(tmp_path: Path, earned: str, value: str) -> None:
    (k1,) = load_history_file(csv_file(tmp_path, HEADER, ROW.format(earned=earned))).contracts
    assert k1.earned == Decimal(value)


@pytest.mark.parametrize("earned", ['"1.700,50"', '"1,00"', '"1,7,00"', '"17,00.5"', "1e3", "€12"])
def test_amounts_that_could_mean_another_are_refused_naming_row_and_field(
    tmp_path: Path, earned: str
) -> None:
    problems = refused(csv_file(tmp_path, HEADER, ROW.format(earned=earned))).problems
    assert [(p.source, p.row, p.record, p.field) for p in problems] == [
        ("h.csv", 2, "contract k1", "earned")
    ]
    assert "is not an amount: write decimal dollars with a point before the cents" in str(
        problems[0]
    )


def test_a_decimal_comma_amount_says_how_to_read_it(tmp_path: Path) -> None:
    (problem,) = refused(csv_file(tmp_path, HEADER, ROW.format(earned='"1.700,50"'))).problems
    assert "read the file with --decimal-comma" in problem.message


def test_a_json_text_amount_is_held_to_the_same_format(tmp_path: Path) -> None:
    path = tmp_path / "rows.json"
    row = {"contract_id": "k1", "client_id": "c1", "started_at": "2025-03-01", "earned": "1,00"}
    path.write_text(json.dumps([row]))
    (problem,) = refused(path).problems
    assert (problem.row, problem.field) == (1, "earned")


def test_with_a_decimal_comma(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "contract_id,client_id,started_at,ended_at,earned,refunded,stars",
        'k1,c1,2025-03-01,2025-03-10,"1.700,50","0,50","4,5"',
    )
    (k1,) = load_history_file(path, decimal_comma=True).contracts
    assert (k1.earned, k1.refunded, k1.stars) == (Decimal("1700.50"), Decimal("0.50"), 4.5)
    problems = refused(path).problems  # without the option: refused, never misread
    assert {p.field for p in problems} == {"earned", "refunded", "stars"}


def test_a_decimal_comma_refuses_a_decimal_point(tmp_path: Path) -> None:
    path = csv_file(tmp_path, HEADER, ROW.format(earned='"1,700.50"'))
    (problem,) = refused(path, decimal_comma=True).problems
    assert problem.field == "earned"
    assert "without --decimal-comma" in problem.message


def test_numbers_stored_as_numbers_read_the_same_with_a_decimal_comma(tmp_path: Path) -> None:
    path = tmp_path / "rows.json"
    path.write_text(
        '[{"contract_id": "k1", "client_id": "c1", "started_at": "2025-03-01",'
        ' "ended_at": "2025-03-10", "earned": 1700.5, "stars": 4.5}]'
    )
    (k1,) = load_history_file(path, decimal_comma=True).contracts
    assert (k1.earned, k1.stars) == (Decimal("1700.50"), 4.5)


# --- column names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Private Score", "private-score", "PRIVATE_SCORE", " private  score "]
)
def test_column_names_match_whatever_their_case_and_separators(name: str) -> None:
    assert normal_name(name) == "private_score"
    assert match_columns([name], COLUMNS).columns == {name: "private_score"}


def test_optional_and_required_columns_in_another_case_are_read(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "Contract ID,CLIENT_ID,Started-At,Ended At,Earned,Stars,Private Score,End Reason",
        "k1,c1,2025-03-01,2025-03-10,100,1,0,quality",
    )
    loaded = load_history_file(path)
    (k1,) = loaded.contracts
    assert (k1.stars, k1.private_score, k1.end_reason) == (1.0, 0, "quality")
    assert loaded.findings == ()


def test_a_name_close_to_a_column_is_refused_with_the_column_meant(tmp_path: Path) -> None:
    path = csv_file(tmp_path, HEADER.replace("stars", "Strs"), ROW.format(earned="100"))
    (problem,) = refused(path).problems
    assert str(problem) == "h.csv, row 1: Strs: is not a column; did you mean `stars`? " + (
        "Rename it, or remove it"
    )


def test_a_column_named_twice_is_refused(tmp_path: Path) -> None:
    path = csv_file(tmp_path, HEADER + ",Stars", ROW.format(earned="100") + ",4")
    (problem,) = refused(path).problems
    assert (problem.row, problem.field) == (1, "stars")
    assert "'stars' and 'Stars' are the same column" in problem.message


def test_a_far_off_name_is_ignored_with_a_note(tmp_path: Path) -> None:
    path = csv_file(tmp_path, HEADER + ",notes", ROW.format(earned="100") + ",fine")
    (finding,) = load_history_file(path).findings
    assert finding.message == "ignored unknown columns: notes"


def test_json_row_keys_match_in_any_case(tmp_path: Path) -> None:
    path = tmp_path / "rows.json"
    row = {"Contract ID": "k1", "client-id": "c1", "STARTED_AT": "2025-03-01", "Earned": "5"}
    path.write_text(json.dumps([row]))
    (k1,) = load_history_file(path).contracts
    assert (k1.contract_id, k1.client_id, k1.earned) == ("k1", "c1", Decimal("5.00"))


def test_rich_json_keys_match_in_any_case(tmp_path: Path) -> None:
    path = tmp_path / "rich.json"
    contract = {
        "ID": "k1", "Client ID": "c1", "Started At": "2025-03-01", "Ended At": "2025-03-10",
        "Payments": [{"At": "2025-03-10", "Amount": "300.00"}],
        "Feedback": {"At": "2025-03-11", "Stars": 5, "Private Score": 9},
    }  # fmt: skip
    path.write_text(json.dumps({"Contracts": [contract]}))
    (k1,) = load_history_file(path).contracts
    assert (k1.earned, k1.stars, k1.private_score) == (Decimal("300.00"), 5.0, 9)


# --- rows ------------------------------------------------------------------------------------


def test_blank_spreadsheet_rows_are_skipped_with_a_note(tmp_path: Path) -> None:
    path = csv_file(tmp_path, HEADER, ROW.format(earned="100"), ",,,,,", ", , ,,,", "")
    loaded = load_history_file(path)
    assert [c.contract_id for c in loaded.contracts] == ["k1"]
    assert [f.message for f in loaded.findings] == ["skipped 2 blank rows (rows 3, 4)"]


def test_blank_json_rows_are_skipped_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "rows.json"
    row = {"contract_id": "k1", "client_id": "c1", "started_at": "2025-03-01", "earned": "5"}
    path.write_text(json.dumps([row, {}, {"contract_id": " ", "earned": None}]))
    loaded = load_history_file(path)
    assert [f.message for f in loaded.findings] == ["skipped 2 blank rows (rows 2, 3)"]


@pytest.mark.parametrize(("extra", "values"), [(",x,y", 8), ("", 6)])
def test_a_row_with_more_or_fewer_values_than_the_header_is_refused(
    tmp_path: Path, extra: str, values: int
) -> None:
    line = ROW.format(earned="100") + extra if extra else "k2,c1,2025-03-01,2025-03-10,100"
    path = csv_file(tmp_path, HEADER, ROW.format(earned="100"), line)
    (problem,) = refused(path).problems
    assert (problem.source, problem.row, problem.field) == ("h.csv", 3, "values")
    count = values if extra else 5
    assert f"the row has {count} values but the header has 6 columns" in problem.message


def test_a_file_of_only_a_header_is_refused(tmp_path: Path) -> None:
    (problem,) = refused(csv_file(tmp_path, HEADER)).problems
    assert str(problem) == (
        "h.csv: contracts: the file holds no contracts;"
        " add a row for each contract under the header"
    )


# --- files that are not history files --------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "is empty; expected a header row"),
        (b"  \n\n", "is empty"),
        ((HEADER + "\nk1,caf\xe9,2025-03-01,,1,5\n").encode("latin-1"), "byte 0xe9 on line 2"),
        ((HEADER + "\n").encode("utf-16"), "is UTF-16 text; save it as UTF-8"),
        (b"\x00\x01\x02garbage", "NUL character"),
        (b'contract_id,"client\n', "not a readable CSV file"),
    ],
)
def test_what_is_not_a_csv_history_is_refused_by_name(
    tmp_path: Path, data: bytes, words: str
) -> None:
    path = tmp_path / "h.csv"
    path.write_bytes(data)
    (problem,) = refused(path).problems
    assert problem.source == "h.csv"
    assert words in problem.message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("not json", "not valid JSON: Expecting value (line 1, column 1); expected a JSON array"),
        ("[" * 50_000 + "]" * 50_000, "nested too deeply"),
        ('"a string"', 'expected a JSON array of contract rows, or an object with a "contracts"'),
        ("[]", "holds no contracts"),
        ('[{"contract_id": ["k1"], "client_id": "c", "started_at": "2025-01-01", "earned": 1}]',
         "expected a single value"),
    ],
)  # fmt: skip
def test_what_is_not_a_json_history_is_refused_by_name(
    tmp_path: Path, text: str, words: str
) -> None:
    path = tmp_path / "h.json"
    path.write_text(text)
    problems = refused(path).problems
    assert problems[0].source == "h.json"
    assert words in problems[0].message


def test_a_stray_file_in_a_directory_is_named(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow", reason="needs jobscore[duckdb]")
    pq = pytest.importorskip("pyarrow.parquet", reason="needs jobscore[duckdb]")
    directory = tmp_path / "history"
    directory.mkdir()
    table = pa.table(
        {"contract_id": ["k1"], "client_id": ["c1"], "started_at": ["2025-01-01"], "earned": ["1"]}
    )
    pq.write_table(table, directory / "part-0.parquet")
    (directory / "_SUCCESS").write_text("")
    (directory / ".part-0.parquet.crc").write_text("")
    assert len(load_history_file(directory).contracts) == 1
    (directory / "notes.txt").write_text("hello")
    (problem,) = refused(directory).problems
    assert problem.source == "history/notes.txt"
    assert "notes.txt is not a .parquet file; move it out of history" in problem.message


@pytest.mark.parametrize("started", ["0205-03-01", "1899-12-31", "2200-01-01", "9999-12-31"])
def test_dates_outside_the_years_of_a_history_are_refused(tmp_path: Path, started: str) -> None:
    path = csv_file(tmp_path, HEADER, ROW.format(earned="100").replace("2025-03-01", started))
    problems = refused(path).problems
    assert (problems[0].row, problems[0].field) == (2, "started_at")
    assert f"{started} is outside the years 1900 to 2199" in problems[0].message


@pytest.mark.parametrize("days", [-1, 3651, 10**9])
def test_an_account_hold_of_impossible_length_is_refused(tmp_path: Path, days: int) -> None:
    path = tmp_path / "rich.json"
    contract = {"id": "k1", "client_id": "c1", "started_at": "2025-03-01", "payments": []}
    freelancer = {"id": "me", "holds": [{"start": "2026-01-05", "days": days}]}
    path.write_text(json.dumps({"freelancer": freelancer, "contracts": [contract]}))
    (problem,) = refused(path).problems
    assert (problem.record, problem.field) == ("freelancer holds[0]", "days")
    assert f"is {days}; a hold lasts 0 to 3650 days" in problem.message


@pytest.mark.parametrize("size", [1, 2, 3, 5, 64])
def test_a_large_file_is_checked_in_chunks_as_a_whole_one_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    from jobscore.io import text_files

    monkeypatch.setattr(text_files, "_CHUNK", size)
    path = tmp_path / "h.csv"
    path.write_bytes("contract_id\nk\u00e9\u20ac\n".encode())  # characters across chunks
    text_files.check_text_file(path, "h.csv", "rows")
    path.write_bytes(b"contract_id\nk\n\xe9x\n")
    with pytest.raises(InvalidInput, match=r"byte 0xe9 on line 3"):
        text_files.check_text_file(path, "h.csv", "rows")
