"""Every engine refuses a file with a broken row, wherever the row falls, and writes nothing.

Scoring flags broken rows in its own scan (the only pass over every check when the file is
sound), so each engine's flag is held here to rows inside and outside every window, beside
valid contracts of the same freelancer or alone. Then every rule of `check_contract` in turn:
the reference and every engine refuse the same row, naming the same field and contract.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest

from jobscore.batch.columns import Family
from jobscore.batch.staging_sql import checks
from tests.conformance.engines import ENGINES, POLICIES, READERS, engine_for, refusal

AS_OF = datetime(2025, 7, 1, tzinfo=UTC)
COLUMNS = (
    "contract_id", "freelancer_id", "client_id", "started_at", "ended_at", "earned", "refunded",
    "last_payment_at", "paid_quarters", "stars", "private_score", "feedback_at",
    "feedback_removed", "client_stars_given_mean", "client_stars_given_count",
)  # fmt: skip
SOUND = [
    {"contract_id": "k1", "freelancer_id": "f1", "client_id": "c1", "started_at": "2025-03-01",
     "ended_at": "2025-03-10", "earned": "135", "stars": "1"},
    {"contract_id": "k2", "freelancer_id": "f1", "client_id": "c2", "started_at": "2025-04-01",
     "ended_at": "2025-04-20", "earned": "2000", "stars": "5"},
    {"contract_id": "k3", "freelancer_id": "f2", "client_id": "c1", "started_at": "2025-04-01",
     "ended_at": "2025-04-20", "earned": "300", "stars": "5"},
]  # fmt: skip
#: A sound contract of f1 in every window, which each case below breaks in one way.
K9 = {
    "contract_id": "k9", "freelancer_id": "f1", "client_id": "c3", "started_at": "2025-06-01",
    "ended_at": "2025-06-10", "earned": "40", "stars": "5",
}  # fmt: skip
BROKEN = {
    "beside valid contracts, in every window": {**K9, "earned": "-40"},
    "alone, in no window": {
        **K9, "freelancer_id": "f9", "started_at": "2019-05-01", "ended_at": "2019-05-20",
        "earned": "-40",
    },
}  # fmt: skip
#: One broken row per rule: what it changes in k9, the field it must name, words of the message.
RULES: dict[str, tuple[dict[str, str], str, str]] = {
    "an empty contract id": ({"contract_id": ""}, "contract_id", "is required and missing"),
    "an empty client id": ({"client_id": ""}, "client_id", "is required and missing"),
    "no start": ({"started_at": ""}, "started_at", "is required and missing"),
    "no earnings": ({"earned": ""}, "earned", "is required and missing"),
    "negative earnings": ({"earned": "-40"}, "earned", "earnings cannot be negative"),
    "earnings in fractions of a cent": ({"earned": "40.005"}, "earned", "more than two decimals"),
    "a negative refund": ({"refunded": "-1"}, "refunded", "a refund cannot be negative"),
    "a refund above what was paid": ({"refunded": "40.01"}, "refunded", "above what was paid"),
    "a refund in fractions of a cent": (
        {"refunded": "0.005"}, "refunded", "more than two decimals"
    ),
    "an end before the start": ({"ended_at": "2025-05-20"}, "ended_at", "before started_at"),
    "a payment before the start": (
        {"last_payment_at": "2025-05-01"}, "last_payment_at", "a payment cannot come before"
    ),
    "negative paid quarters": ({"paid_quarters": "-1"}, "paid_quarters", "must be 0 or more"),
    "stars above five": ({"stars": "6"}, "stars", "public stars go from 1.0 to 5.0"),
    "a private score above ten": (
        {"private_score": "11"}, "private_score", "the private score goes from 0 to 10"
    ),
    "a client's mean stars below one": (
        {"client_stars_given_mean": "0.5"}, "client_stars_given_mean", "must be 1.0 to 5.0"
    ),
    "a negative count of client ratings": (
        {"client_stars_given_count": "-3"}, "client_stars_given_count", "must be 0 or more"
    ),
    "a feedback date without feedback": (
        {"stars": "", "feedback_at": "2025-06-12"}, "feedback_at", "no stars or private score"
    ),
    "end-of-contract feedback on an open contract": (
        {"ended_at": ""}, "stars", "feedback on an open contract"
    ),
    "feedback before the start": (
        {"feedback_at": "2025-05-01"}, "feedback_at", "feedback cannot come before the contract"
    ),
    "a private score on mid-contract feedback": (
        {"feedback_at": "2025-06-05", "private_score": "9"}, "private_score", "public only"
    ),
    "a start before 1900": ({"started_at": "1899-12-31"}, "started_at", "the years 1900 to 2199"),
    "an end after 2199": (
        {"ended_at": "2200-01-01", "stars": ""}, "ended_at", "the years 1900 to 2199"
    ),
    "a payment after 2199": (
        {"last_payment_at": "2200-01-01T00:00:00Z"}, "last_payment_at", "the years 1900 to 2199"
    ),
    "feedback in year 1": ({"feedback_at": "0001-01-01"}, "feedback_at", "the years 1900 to 2199"),
    # Ended 2025-06-10: the window closes at the end of 2025-06-24.
    "feedback after its window": (
        {"feedback_at": "2025-06-25"}, "feedback_at", "after the feedback window closed"
    ),
}  # fmt: skip


def write_contracts(path: Path, *broken: dict[str, str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows([*SOUND, *broken])
    return path


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("policy_name", POLICIES)
@pytest.mark.parametrize("where", list(BROKEN))
def test_a_broken_row_refuses_the_file(
    engine: str, policy_name: str, where: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    contracts = write_contracts(tmp_path / "contracts.csv", BROKEN[where])
    runner = engine_for(engine, request)
    out = tmp_path / "scores.parquet"
    refused = refusal(runner, contracts, out, as_of=AS_OF, policy_name=policy_name)
    problems = refused.problems
    assert [(p.field, p.record) for p in problems] == [("earned", "contract k9")]
    assert "earnings cannot be negative" in problems[0].message
    assert list(tmp_path.iterdir()) == [contracts]


def test_every_check_has_a_broken_row_here() -> None:
    """Each SQL check (the twins of `check_contract`, and the required columns) is broken by
    one of the rows above; checks of a value's type are the readers' own, tested with them."""
    missing = [
        (check.field, check.message)
        for check in checks(dict.fromkeys(COLUMNS, Family.TEXT))
        if not check.message.startswith("is not ")
        and not any(f == check.field and words in check.message for _, f, words in RULES.values())
    ]
    assert not missing


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("rule", list(RULES))
def test_every_reader_refuses_a_row_breaking_each_rule(
    reader: str, rule: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    changes, field, words = RULES[rule]
    contracts = write_contracts(tmp_path / "contracts.csv", {**K9, **changes})
    out = tmp_path / "scores.parquet"
    refused = refusal(engine_for(reader, request), contracts, out, as_of=AS_OF)
    record = None if changes.get("contract_id") == "" else "contract k9"
    assert [(p.field, p.record) for p in refused.problems] == [(field, record)]
    assert words in refused.problems[0].message
    assert list(tmp_path.iterdir()) == [contracts]
