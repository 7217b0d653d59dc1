"""What-if changes written as text: each kind read to its change, and bad text refused naming
the field it came from."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jobscore.errors import InvalidInput
from jobscore.tools.change_text import TextField, parse_change, parse_pace
from jobscore.tools.changes import (
    AddContracts,
    CloseContract,
    FeedbackChange,
    KeepOpen,
    MoveClock,
    RefundChange,
)
from tests.builders import at


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("refund:k7", RefundChange("k7")),
        ("refund:k7:250.50", RefundChange("k7", Decimal("250.50"))),
        ("refund:team:k7:$1,200", RefundChange("team:k7", Decimal("1200"))),
        ("feedback:k7:1:0", FeedbackChange("k7", 1.0, 0)),
        ("feedback:k7:4.5", FeedbackChange("k7", 4.5, None)),
        ("feedback:k7::3", FeedbackChange("k7", None, 3)),
        ("add:3@500", AddContracts(3, Decimal("500"))),
        ("add:3@500:4", AddContracts(3, Decimal("500"), stars=4.0, private_score=None)),
        ("add:2@800:5:9", AddContracts(2, Decimal("800"), stars=5.0, private_score=9)),
        ("close:k8", CloseContract("k8")),
        ("close:k8:2026-12-01", CloseContract("k8", at("2026-12-01"))),
        ("keep-open:k8", KeepOpen("k8")),
        ("Clock:2027-01-01", MoveClock(at("2027-01-01"))),
    ],
)
def test_each_kind_reads_as_the_command_lines_option(text: str, change: object) -> None:
    assert parse_change(text, "changes.0") == change


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("k7", "write a change as KIND:"),
        ("undo:k7", "KIND one of refund, feedback, add, close, keep-open, clock"),
        ("refund:", "write a change"),
        ("feedback:k7", "use feedback:CONTRACT_ID:STARS[:PRIVATE], e.g. feedback:k7:1:0"),
        ("feedback:k7:1:0:9", "use feedback:CONTRACT_ID"),
        ("feedback:k7:one", "'one' is not a number"),
        ("feedback:k7:1:zero", "'zero' is not a whole number"),
        ("add:3", "use add:N@AMOUNT"),
        ("add:three@500", "'three' is not a whole number"),
        ("add:1001@500", "at most 1000 contracts"),
        ("add:3@500.005", "more than two decimals"),
        ("refund:k7:12,5", "12,5"),
        ("close:k8:someday", "someday"),
        ("clock:9999-12-31", "outside the years 1900 to 2199"),
    ],
)
def test_bad_text_is_refused_naming_its_field(text: str, words: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_change(text, "changes.3")
    [problem] = refused.value.problems
    assert problem.field == "changes.3"
    assert words in problem.message


@pytest.mark.parametrize(
    ("text", "pace"), [("2", 2.0), ("2/month", 2.0), ("1.5/mo", 1.5), (" 0.5 /Month", 0.5)]
)
def test_a_pace_is_contracts_a_month(text: str, pace: float) -> None:
    assert parse_pace(text, TextField("pace")) == pace


@pytest.mark.parametrize("text", ["0", "-1", "0.001", "5000", "nan", "inf", "fast"])
def test_a_pace_no_plan_can_use_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_pace(text, TextField("--pace", "command line"))
    assert refused.value.problems[0].field == "--pace"


def test_no_work_is_a_pace_where_it_is_allowed() -> None:
    assert parse_pace("0", TextField("--pace"), allow_zero=True) == 0.0
