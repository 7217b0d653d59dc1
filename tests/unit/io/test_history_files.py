"""History import (§8): CSV, JSON rows and rich JSON reduce to the same facts; bad input is
refused whole, with every problem naming the file, row and field."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jobscore.domain.enums import DisputeResult, EndReason, Kind
from jobscore.errors import InvalidInput, Problem
from jobscore.io import load_history, load_history_file
from jobscore.scoring import UPWORK, score
from tests.builders import AS_OF, at

# One freelancer's history written three ways. The rich form carries what the flat rows only
# summarise: k1's $500 is two milestones less a $100 refund (net $400), k2 ran 200 days with a
# payment in each of its two full 90-day periods, and k3's lost dispute is a dated record.
FLAT_ROWS: list[dict[str, Any]] = [
    {
        "contract_id": "k1",
        "client_id": "c1",
        "kind": "fixed",
        "started_at": "2025-03-01",
        "ended_at": "2025-04-01",
        "ended_by": "client",
        "end_reason": "completed",
        "earned": "500.00",
        "refunded": "100.00",
        "last_payment_at": "2025-04-01",
        "paid_quarters": "0",
        "stars": "4.8",
        "private_score": "9",
        "feedback_at": "2025-04-03",
    },
    {
        "contract_id": "k2",
        "client_id": "c2",
        "kind": "hourly",
        "started_at": "2025-01-06",
        "ended_at": "2025-07-25",
        "earned": "2400.00",
        "last_payment_at": "2025-07-21",
        "paid_quarters": "2",
        "stars": "5",
        "feedback_at": "2025-07-30",
    },
    {
        "contract_id": "k3",
        "client_id": "c3",
        "started_at": "2025-09-01",
        "ended_at": "2025-09-20",
        "end_reason": "dispute",
        "earned": "300.00",
        "last_payment_at": "2025-09-10",
        "paid_quarters": "0",
        "stars": "2",
        "feedback_at": "2025-09-22",
        "dispute": "lost",
    },
]

RICH_CONTRACTS: list[dict[str, Any]] = [
    {
        "id": "k1",
        "client_id": "c1",
        "kind": "fixed",
        "started_at": "2025-03-01",
        "ended_at": "2025-04-01",
        "ended_by": "client",
        "end_reason": "completed",
        "payments": [
            {"id": "m1", "at": "2025-03-15", "amount": "200.00"},
            {"id": "m2", "at": "2025-04-01", "amount": "300.00"},
        ],
        "refunds": [{"id": "r1", "at": "2025-04-02", "amount": "100.00", "payment_id": "m2"}],
        "feedback": [{"at": "2025-04-03", "stars": 4.8, "private_score": 9}],
    },
    {
        "id": "k2",
        "client_id": "c2",
        "kind": "hourly",
        "started_at": "2025-01-06",
        "ended_at": "2025-07-25",
        "payments": [
            # Quarter 1 is 2025-01-06 .. 2025-04-06, quarter 2 runs to 2025-07-05.
            {"id": "w1", "at": "2025-02-03", "amount": "800.00", "kind": "invoice"},
            {"id": "w2", "at": "2025-05-05", "amount": "800.00", "kind": "invoice"},
            {"id": "w3", "at": "2025-07-21", "amount": "800.00", "kind": "invoice"},
        ],
        "feedback": {"at": "2025-07-30", "stars": 5},
    },
    {
        "id": "k3",
        "client_id": "c3",
        "started_at": "2025-09-01",
        "ended_at": "2025-09-20",
        "end_reason": "dispute",
        "payments": [{"id": "m1", "at": "2025-09-10", "amount": "300.00"}],
        "disputes": [
            {
                "opened_at": "2025-09-15",
                "opened_by": "client",
                "resolved_at": "2025-09-19",
                "result": "lost",
            }
        ],
        "feedback": [{"at": "2025-09-22", "stars": 2}],
    },
]


def write_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    columns: list[str] = []
    for row in rows:
        columns += [name for name in row if name not in columns]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def problems_of(path: Path) -> tuple[Problem, ...]:
    with pytest.raises(InvalidInput) as caught:
        load_history_file(path)
    return caught.value.problems


def only_problem(path: Path) -> Problem:
    found = problems_of(path)
    assert len(found) == 1, found
    return found[0]


# --- the same history in every form ---------------------------------------------------------


def test_csv_json_rows_and_rich_json_load_to_the_same_facts(tmp_path: Path) -> None:
    from_csv = load_history(write_csv(tmp_path / "h.csv", FLAT_ROWS))
    from_rows = load_history(write_json(tmp_path / "rows.json", FLAT_ROWS))
    from_rich = load_history(write_json(tmp_path / "rich.json", {"contracts": RICH_CONTRACTS}))
    assert from_csv.contracts == from_rows.contracts == from_rich.contracts
    k1, k2, k3 = from_rich.contracts
    assert (k1.earned, k1.refunded, k1.net_earnings) == (Decimal(500), Decimal(100), Decimal(400))
    assert k2.kind is Kind.HOURLY
    assert k2.quarters_paid == 2
    assert k3.dispute is DisputeResult.LOST
    assert k3.end_reason is EndReason.DISPUTE


def test_every_form_gives_the_same_score(tmp_path: Path) -> None:
    # k1 $400 good (private 9): 1.25; k2 $2,400 good: 1.5 + 2 quarters = 3.5; k3 lost its
    # dispute: bad, $300 → 1.25. (1.25 + 3.5 − 1.25) / 6 = 58.33…%.
    scores = [
        score(load_history(path), UPWORK, AS_OF).score
        for path in (
            write_csv(tmp_path / "h.csv", FLAT_ROWS),
            write_json(tmp_path / "rows.json", FLAT_ROWS),
            write_json(tmp_path / "rich.json", {"contracts": RICH_CONTRACTS}),
        )
    ]
    assert scores == [pytest.approx(100 * 3.5 / 6)] * 3


def test_json_rows_take_numbers_as_well_as_text(tmp_path: Path) -> None:
    rows = [
        {"contract_id": "k1", "client_id": "c1", "started_at": "2025-03-01",
         "ended_at": "2025-04-01", "earned": 500, "refunded": 100.5, "stars": 4.8,
         "private_score": 9, "feedback_removed": False, "client_flagged": True},
    ]  # fmt: skip
    (facts,) = load_history(write_json(tmp_path / "rows.json", rows)).contracts
    assert facts.refunded == pytest.approx(100.5)
    assert str(facts.refunded) == "100.50"  # parsed as Decimal, never through a float
    assert facts.stars == 4.8
    assert facts.private_score == 9
    assert facts.client_flagged is True


def test_rich_json_takes_client_flags_from_client_records(tmp_path: Path) -> None:
    document = {
        "clients": [{"id": "c1", "suspended": True}, {"id": "c2", "flagged": True}, {"id": "c3"}],
        "contracts": RICH_CONTRACTS,
    }
    history = load_history(write_json(tmp_path / "rich.json", document))
    assert [c.client_flagged for c in history.contracts] == [True, True, False]
    assert history.clients["c1"].suspended


def test_an_identical_duplicate_row_is_accepted_once(tmp_path: Path) -> None:
    rows = [FLAT_ROWS[0], FLAT_ROWS[1], dict(FLAT_ROWS[0])]
    loaded = load_history_file(write_csv(tmp_path / "h.csv", rows))
    assert [c.contract_id for c in loaded.contracts] == ["k1", "k2"]
    assert any("row 4" in f.message for f in loaded.findings)  # header is row 1


# --- bad input: each names the row and the field ---------------------------------------------


def bad_row(**changes: str) -> list[dict[str, Any]]:
    """FLAT_ROWS with one field of the second contract changed (CSV row 3)."""
    return [FLAT_ROWS[0], {**FLAT_ROWS[1], **changes}, FLAT_ROWS[2]]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"refunded": "2400.01"}, "refunded", "above what was paid"),
        ({"stars": "6"}, "stars", "1.0 to 5.0"),
        ({"stars": "0.5"}, "stars", "1.0 to 5.0"),
        ({"private_score": "11"}, "private_score", "0 to 10"),
        ({"private_score": "-1"}, "private_score", "0 to 10"),
        ({"kind": "weekly"}, "kind", "hourly, fixed"),
        ({"end_reason": "bored"}, "end_reason", "completed"),
        ({"dispute": "maybe"}, "dispute", "won, lost"),
        ({"started_at": "2025-13-45"}, "started_at", "ISO 8601"),
        ({"ended_at": "last tuesday"}, "ended_at", "ISO 8601"),
        ({"earned": "lots"}, "earned", "not an amount"),
        ({"earned": "2400.005"}, "earned", "'2400.005' has more than two decimals"),
        ({"refunded": "0.001"}, "refunded", "'0.001' has more than two decimals"),
        ({"earned": ""}, "earned", "required"),
        ({"client_id": " "}, "client_id", "required"),
        ({"last_payment_at": "2025-01-01"}, "last_payment_at", "before the contract started"),
        ({"ended_at": "2024-12-31", "last_payment_at": "", "feedback_at": ""}, "ended_at",
         "before started_at"),
        # The contract ended 2025-07-25: the window closes at the end of 2025-08-08.
        ({"feedback_at": "2025-08-09"}, "feedback_at", "after the feedback window closed"),
        ({"ended_at": "", "feedback_at": ""}, "stars", "open contract"),
        ({"feedback_removed": "perhaps"}, "feedback_removed", "true or false"),
        ({"paid_quarters": "1.5"}, "paid_quarters", "whole number"),
    ],
)  # fmt: skip
def test_a_bad_csv_row_is_refused_naming_row_and_field(
    tmp_path: Path, changes: dict[str, str], field: str, words: str
) -> None:
    problem = only_problem(write_csv(tmp_path / "h.csv", bad_row(**changes)))
    assert (problem.source, problem.row, problem.field) == ("h.csv", 3, field)
    assert problem.record == "contract k2"
    assert words in problem.message
    assert f"h.csv, row 3, contract k2: {field}: " in str(problem)


def test_feedback_on_the_last_day_of_its_window_is_accepted(tmp_path: Path) -> None:
    # Ended 2025-07-25; day 14 after it is 2025-08-08, open until its last instant.
    rows = bad_row(feedback_at="2025-08-08T23:59:59Z")
    (_, k2, _) = load_history(write_csv(tmp_path / "h.csv", rows)).contracts
    assert k2.feedback_at == at("2025-08-08T23:59:59Z")


def test_a_duplicate_id_with_different_content_is_refused(tmp_path: Path) -> None:
    rows = [FLAT_ROWS[0], FLAT_ROWS[1], {**FLAT_ROWS[0], "stars": "1"}]
    problem = only_problem(write_csv(tmp_path / "h.csv", rows))
    assert (problem.row, problem.field) == (4, "contract_id")
    assert "first seen at row 2" in problem.message


def test_a_file_with_several_bad_rows_lists_every_one(tmp_path: Path) -> None:
    rows = [
        {**FLAT_ROWS[0], "stars": "6"},
        FLAT_ROWS[1],
        {**FLAT_ROWS[2], "private_score": "11", "kind": "weekly"},
        {**FLAT_ROWS[1], "contract_id": "k4", "started_at": "yesterday"},
    ]
    found = problems_of(write_csv(tmp_path / "h.csv", rows))
    assert sorted((p.row, p.field) for p in found) == [
        (2, "stars"),
        (4, "kind"),
        (4, "private_score"),
        (5, "started_at"),
    ]
    with pytest.raises(InvalidInput, match="4 problems") as caught:
        load_history_file(tmp_path / "h.csv")
    assert "row 5" in str(caught.value)


def test_trailing_zeros_are_not_more_decimals(tmp_path: Path) -> None:
    rows = bad_row(earned="2400.500", refunded="0.5000")
    (_, k2, _) = load_history(write_csv(tmp_path / "h.csv", rows)).contracts
    assert (str(k2.earned), str(k2.refunded)) == ("2400.50", "0.50")


@pytest.mark.parametrize("amount", [250.005, "250.005", 0.001])
def test_json_rows_refuse_more_than_two_decimals_as_numbers_or_text(
    tmp_path: Path, amount: float | str
) -> None:
    # JSON numbers are read as Decimal, digit for digit: 250.005 is not rounded to a cent.
    problem = only_problem(write_json(tmp_path / "rows.json", bad_row(earned=amount)))  # type: ignore[arg-type]
    assert (problem.row, problem.record, problem.field) == (2, "contract k2", "earned")
    assert "more than two decimals" in problem.message


def test_json_rows_are_numbered_from_one(tmp_path: Path) -> None:
    problem = only_problem(write_json(tmp_path / "rows.json", bad_row(stars="6")))
    assert (problem.source, problem.row, problem.field) == ("rows.json", 2, "stars")


def test_a_missing_required_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("contract_id,client_id,started_at\nk1,c1,2025-01-01\n", encoding="utf-8")
    problem = only_problem(path)
    assert (problem.row, problem.field) == (1, "earned")


# --- bad rich JSON ---------------------------------------------------------------------------


def rich_with(index: int, **changes: Any) -> dict[str, Any]:
    contracts = [dict(c) for c in RICH_CONTRACTS]
    contracts[index] = {**contracts[index], **changes}
    return {"contracts": contracts}


def test_rich_payment_before_the_contract_started_is_refused(tmp_path: Path) -> None:
    payments = [{"id": "m0", "at": "2025-02-28", "amount": "500.00"}]
    document = rich_with(0, payments=payments, refunds=[])
    problem = only_problem(write_json(tmp_path / "rich.json", document))
    assert (problem.row, problem.record, problem.field) == (1, "contract k1", "payments[m0].at")
    assert "before the contract started" in problem.message


def test_rich_refund_above_what_was_paid_is_refused(tmp_path: Path) -> None:
    refunds = [{"id": "r1", "at": "2025-04-02", "amount": "500.01"}]
    problem = only_problem(write_json(tmp_path / "rich.json", rich_with(0, refunds=refunds)))
    assert (problem.row, problem.field) == (1, "refunds[r1].amount")
    assert "above what was paid and not yet refunded (500.00)" in problem.message


PAID_M2 = {"id": "m2", "at": "2025-04-01", "amount": "300.00"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"payments": [{"id": "m1", "at": "2025-03-15", "amount": "200.005"}, PAID_M2]},
         "payments[1].amount"),
        ({"payments": [{"id": "m1", "at": "2025-03-15", "amount": 200.001}, PAID_M2]},
         "payments[1].amount"),
        ({"refunds": [{"id": "r1", "at": "2025-04-02", "amount": "99.999"}]}, "refunds[1].amount"),
    ],
)  # fmt: skip
def test_rich_amounts_with_more_than_two_decimals_are_refused(
    tmp_path: Path, changes: dict[str, Any], field: str
) -> None:
    problem = only_problem(write_json(tmp_path / "rich.json", rich_with(0, **changes)))
    assert (problem.row, problem.record, problem.field) == (1, "contract k1", field)
    assert "more than two decimals" in problem.message


def test_rich_refunds_together_may_not_exceed_what_was_paid(tmp_path: Path) -> None:
    refunds = [
        {"id": "r1", "at": "2025-04-02", "amount": "300.00"},
        {"id": "r2", "at": "2025-04-03", "amount": "300.00"},
    ]
    problem = only_problem(write_json(tmp_path / "rich.json", rich_with(0, refunds=refunds)))
    assert problem.field == "refunds[r2].amount"
    assert "(200.00)" in problem.message  # $500 paid − $300 already refunded


def test_rich_refund_more_than_180_days_after_payment_is_refused(tmp_path: Path) -> None:
    # m1 was paid 2025-03-15; 180 days later is 2025-09-11. The contract's dates allow it.
    payments = [{"id": "m1", "at": "2025-03-15", "amount": "500.00"}]
    late = [{"id": "r1", "at": "2025-09-12", "amount": "100.00"}]
    document = rich_with(0, ended_at="2025-09-30", payments=payments, refunds=late, feedback=[])
    problem = only_problem(write_json(tmp_path / "rich.json", document))
    assert (problem.row, problem.field) == (1, "refunds[r1].at")
    assert "180 days" in problem.message

    on_time = [{"id": "r1", "at": "2025-09-11", "amount": "100.00"}]
    document = rich_with(0, ended_at="2025-09-30", payments=payments, refunds=on_time, feedback=[])
    (k1, _, _) = load_history(write_json(tmp_path / "ok.json", document)).contracts
    assert k1.net_earnings == 400


def test_refund_naming_an_old_payment_runs_from_that_payment(tmp_path: Path) -> None:
    # A later small payment (2025-08-01) must not reopen the refund window of m1 (2025-03-15,
    # closed 2025-09-11). Before the fix the 180 days ran from the latest payment instead.
    payments = [
        {"id": "m1", "at": "2025-03-15", "amount": "500.00"},
        {"id": "m2", "at": "2025-08-01", "amount": "100.00"},
    ]
    refunds = [{"id": "r1", "at": "2025-09-20", "amount": "500.00", "payment_id": "m1"}]
    document = rich_with(0, ended_at="2025-09-30", payments=payments, refunds=refunds, feedback=[])
    problem = only_problem(write_json(tmp_path / "rich.json", document))
    assert problem.field == "refunds[r1].at"
    assert "2025-03-15" in problem.message


def test_refund_naming_an_unknown_payment_is_refused(tmp_path: Path) -> None:
    refunds = [{"id": "r1", "at": "2025-04-02", "amount": "10.00", "payment_id": "m9"}]
    problem = only_problem(write_json(tmp_path / "rich.json", rich_with(0, refunds=refunds)))
    assert problem.field == "refunds[r1].payment_id"


def test_rich_feedback_after_its_window_is_refused(tmp_path: Path) -> None:
    # k1 ended 2025-04-01: the window closes at the end of 2025-04-15.
    feedback = [{"at": "2025-04-16", "stars": 5}]
    problem = only_problem(write_json(tmp_path / "rich.json", rich_with(0, feedback=feedback)))
    assert (problem.row, problem.field) == (1, "feedback[1].at")
    assert "after the feedback window closed" in problem.message


def test_rich_end_of_contract_feedback_on_an_open_contract_is_refused(tmp_path: Path) -> None:
    document = rich_with(1, ended_at=None)
    problem = only_problem(write_json(tmp_path / "rich.json", document))
    assert (problem.row, problem.record, problem.field) == (2, "contract k2", "feedback[1]")
    assert "open contract" in problem.message


def test_rich_mid_contract_feedback_on_an_open_contract_is_accepted(tmp_path: Path) -> None:
    feedback = [{"at": "2025-04-01", "stars": 5, "mid_contract": True}]
    document = rich_with(1, ended_at=None, feedback=feedback)
    (_, k2, _) = load_history(write_json(tmp_path / "rich.json", document)).contracts
    assert k2.is_open
    assert not k2.has_feedback  # mid-contract feedback counts toward no score


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({"at": "2025-04-03", "stars": 6}, "feedback[1].stars"),
        ({"at": "2025-04-03", "stars": 5, "private_score": 11}, "feedback[1].private_score"),
        # Stars of mid-contract feedback are checked too, although that feedback is dropped.
        ({"at": "2025-03-20", "stars": 9, "mid_contract": True}, "feedback[1].stars"),
        ({"at": "2025-03-20", "stars": 5, "private_score": 8, "mid_contract": True},
         "feedback[1].private_score"),
    ],
)  # fmt: skip
def test_rich_feedback_out_of_range_is_refused(
    tmp_path: Path, item: dict[str, Any], field: str
) -> None:
    later = {"at": "2025-04-04", "stars": 5}
    document = rich_with(0, feedback=[item, later])
    problem = only_problem(write_json(tmp_path / "rich.json", document))
    assert (problem.row, problem.field) == (1, field)


def test_rich_duplicate_id_with_different_content_is_refused(tmp_path: Path) -> None:
    # Before the fix the second record silently replaced the first.
    payments = [{"id": "m1", "at": "2025-03-15", "amount": "900"}]
    other = {**RICH_CONTRACTS[0], "payments": payments, "refunds": []}
    document = {"contracts": [*RICH_CONTRACTS, other]}
    problem = only_problem(write_json(tmp_path / "rich.json", document))
    assert (problem.row, problem.field) == (4, "contract_id")
    assert "first seen at row 1" in problem.message


def test_rich_and_flat_copies_of_one_contract_are_checked_against_each_other(
    tmp_path: Path,
) -> None:
    same = {"contracts": [*RICH_CONTRACTS, FLAT_ROWS[0]]}
    loaded = load_history_file(write_json(tmp_path / "same.json", same))
    assert len(loaded.contracts) == 3
    differs = {"contracts": [*RICH_CONTRACTS, {**FLAT_ROWS[0], "stars": "1"}]}
    problem = only_problem(write_json(tmp_path / "differs.json", differs))
    assert (problem.row, problem.field) == (4, "contract_id")
    assert "first seen at row 1" in problem.message


def test_rich_file_with_several_bad_contracts_lists_every_one(tmp_path: Path) -> None:
    contracts = [dict(c) for c in RICH_CONTRACTS]
    contracts[0]["refunds"] = [{"id": "r1", "at": "2025-04-02", "amount": "900"}]
    contracts[1]["kind"] = "weekly"
    contracts[2]["feedback"] = [{"at": "2025-12-01", "stars": 2}]
    found = problems_of(write_json(tmp_path / "rich.json", {"contracts": contracts}))
    assert sorted((p.row, p.field) for p in found) == [
        (1, "refunds[r1].amount"),
        (2, "kind"),
        (3, "feedback[1].at"),
    ]


def test_unreadable_files_are_bad_input(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert only_problem(broken).field == "file"
    wrong = write_json(tmp_path / "wrong.json", {"rows": []})
    assert only_problem(wrong).field == "contracts"
    assert only_problem(tmp_path / "missing.csv").field == "path"
    text = tmp_path / "history.txt"
    text.write_text("", encoding="utf-8")
    assert "unknown file type" in only_problem(text).message
