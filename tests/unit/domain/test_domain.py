"""The pure domain: instants, money, contract facts and their checks, and the reduction of
full records (dated payments, refunds, disputes, feedback) to facts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from jobscore.domain import (
    Client,
    ClientFeedback,
    Contract,
    ContractFacts,
    Dispute,
    DisputeResult,
    Kind,
    Outcome,
    Party,
    Payment,
    Refund,
    check_contract,
    check_ledger,
    reduce_contract,
)
from jobscore.errors import InvalidInput, Problem
from jobscore.instants import (
    as_utc,
    end_of_day,
    format_instant,
    full_quarters_between,
    parse_instant,
    shift_months,
)
from jobscore.money import format_money, parse_money
from tests.builders import at, contract, history

# --- instants --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-10", datetime(2025, 3, 10, tzinfo=UTC)),  # a date is 00:00 UTC
        ("2025-03-10T12:30:00Z", datetime(2025, 3, 10, 12, 30, tzinfo=UTC)),
        ("2025-03-10T12:30:00", datetime(2025, 3, 10, 12, 30, tzinfo=UTC)),  # naive is UTC
        ("2025-03-10T14:30:00+02:00", datetime(2025, 3, 10, 12, 30, tzinfo=UTC)),
        (" 2025-03-10 ", datetime(2025, 3, 10, tzinfo=UTC)),
    ],
)
def test_parse_instant(text: str, expected: datetime) -> None:
    assert parse_instant(text) == expected


@pytest.mark.parametrize("text", ["", "2025-02-30", "10/03/2025", "soon"])
def test_parse_instant_refuses_what_is_not_iso_8601(text: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_instant(text)


def test_as_utc_and_format_instant() -> None:
    assert as_utc(date(2025, 1, 2)) == datetime(2025, 1, 2, tzinfo=UTC)
    assert format_instant(datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)) == "2025-01-02T03:04:05Z"


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2026-01-01", -12, "2025-01-01"),
        ("2026-01-01", -24, "2024-01-01"),
        ("2025-03-31", -1, "2025-02-28"),  # no 31st of February: clamp the day
        ("2024-03-31", -1, "2024-02-29"),  # leap year
        ("2024-02-29", 12, "2025-02-28"),
        ("2025-08-31", -6, "2025-02-28"),
        ("2025-11-15", 3, "2026-02-15"),  # across a year
    ],
)
def test_shift_months_moves_calendar_months(start: str, months: int, expected: str) -> None:
    assert shift_months(at(start), months) == at(expected)


def test_end_of_day_is_the_last_instant_of_a_utc_day() -> None:
    # The feedback window of a contract ended 2025-07-25 closes at the end of 2025-08-08.
    closes = end_of_day(at("2025-07-25T18:00:00Z"), 14)
    assert closes == datetime(2025, 8, 8, 23, 59, 59, 999999, tzinfo=UTC)


@pytest.mark.parametrize(
    ("end", "quarters"),
    [("2024-12-31", 0), ("2025-01-01", 0), ("2025-03-31", 0), ("2025-04-01", 1), ("2025-12-27", 4)],
)
def test_full_quarters_are_whole_90_day_periods(end: str, quarters: int) -> None:
    assert full_quarters_between(at("2025-01-01"), at(end)) == quarters


# --- money -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,250.50", "1250.50"),
        ("$300", "300.00"),
        (300, "300.00"),
        ("250.500", "250.50"),  # trailing zeros are not cents
        (Decimal("250.5000"), "250.50"),
        (Decimal("2.5005e2"), "250.05"),  # a number: no format to mistake
        (" -$1,700.5 ", "-1700.50"),
        (".5", "0.50"),
    ],
)
def test_parse_money(text: str | int | Decimal, value: str) -> None:
    assert parse_money(text) == Decimal(value)
    assert str(parse_money(text)) == value


@pytest.mark.parametrize(
    "text",
    ["250.005", Decimal("250.005"), "0.001", "-0.001", Decimal("2.5e-3"), "1,000.0001",
     "250.0000000000000000000000000001"],
)  # fmt: skip
def test_parse_money_refuses_more_than_two_decimals(text: str | Decimal) -> None:
    with pytest.raises(ValueError, match=r"more than two decimals") as refused:
        parse_money(text)
    assert str(refused.value).startswith(repr(str(text)))


@pytest.mark.parametrize("text", [0.1, True, "ten", "NaN", "Infinity", Decimal("NaN")])
def test_parse_money_refuses_floats_and_non_amounts(text: object) -> None:
    with pytest.raises(ValueError, match=r"float|amount"):
        parse_money(text)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text", ["1.700,50", "1,00", "1,7,00", "17,00.5", "1000,000", "1e3", "2.5e-3", "€12", "$-5"]
)
def test_parse_money_refuses_amounts_that_could_mean_another(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not an amount: write decimal dollars") as refused:
        parse_money(text)
    assert str(refused.value).startswith(repr(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.700,50", "1700.50"), ("1700,5", "1700.50"), ("$1.700", "1700.00"), (",5", "0.50")],
)
def test_parse_money_with_a_decimal_comma(text: str, value: str) -> None:
    assert str(parse_money(text, decimal_comma=True)) == value


@pytest.mark.parametrize("text", ["1,700.50", "1700.50", "1.70,5"])
def test_parse_money_with_a_decimal_comma_refuses_a_decimal_point(text: str) -> None:
    with pytest.raises(ValueError, match=r"with a decimal comma, write"):
        parse_money(text, decimal_comma=True)


def test_parse_money_refuses_amounts_no_engine_holds() -> None:
    with pytest.raises(ValueError, match=r"too large"):
        parse_money("10000000000000000")


def test_format_money() -> None:
    assert format_money(Decimal("1250.5")) == "$1,250.50"
    assert format_money(Decimal("-3")) == "-$3.00"
    assert format_money(Decimal("10"), "EUR") == "EUR 10.00"


# --- contract facts --------------------------------------------------------------------------


def test_facts_defaults_follow_section_8() -> None:
    k = contract("k", "c", started="2025-01-01", ended="2025-07-01", earned=900, refunded=100)
    assert k.net_earnings == Decimal(800)
    assert k.last_paid_at == at("2025-07-01")  # default: ended_at
    assert k.quarters_paid == 2  # 181 days: 2 full periods
    assert k.kind is Kind.FIXED
    running = contract("r", "c", started="2025-01-01", ended=None)
    assert running.is_open
    assert running.last_paid_at == at("2025-01-01")  # default: started_at


def test_feedback_instant_and_mid_contract() -> None:
    k = contract("k", "c", started="2025-01-01", ended="2025-02-01", stars=5)
    assert k.feedback_instant == at("2025-02-01")
    mid = contract("k", "c", started="2025-01-01", ended="2025-02-01", stars=5,
                   feedback_at="2025-01-20")  # fmt: skip
    assert mid.is_mid_contract_feedback
    assert not contract("k", "c").has_feedback


def test_a_valid_contract_has_no_problems() -> None:
    assert check_contract(contract("k", "c", stars=4.5, private_score=9)) == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"earned": -1}, "earned"),
        ({"earned": "250.005"}, "earned"),
        ({"earned": 100, "refunded": "0.005"}, "refunded"),
        ({"earned": 100, "refunded": 101}, "refunded"),
        ({"refunded": -1}, "refunded"),
        ({"stars": 5.5}, "stars"),
        ({"private_score": 11}, "private_score"),
        ({"paid_quarters": -1}, "paid_quarters"),
        ({"last_payment_at": "2024-12-31"}, "last_payment_at"),
        ({"client_stars_given_mean": 0.5}, "client_stars_given_mean"),
        ({"client_stars_given_count": -2}, "client_stars_given_count"),
        ({"feedback_at": "2025-02-16", "stars": 5}, "feedback_at"),  # ended 2025-02-01
        ({"feedback_at": "2025-01-20", "private_score": 9}, "private_score"),  # mid-contract
        ({"feedback_at": "2025-02-03"}, "feedback_at"),  # a date, but no feedback at all
    ],
)
def test_check_contract_names_the_field(fields: dict[str, object], field: str) -> None:
    k = contract("k1", "c", started="2025-01-01", ended="2025-02-01", **fields)  # type: ignore[arg-type]
    (problem,) = check_contract(k)
    assert (problem.field, problem.record) == (field, "contract k1")


def test_check_contract_lists_every_problem() -> None:
    k = contract("k1", " ", ended="2024-12-01", earned=-5, stars=0)
    fields = {p.field for p in check_contract(k)}
    assert fields == {"client_id", "earned", "ended_at", "stars"}


def test_client_flags_reach_the_history() -> None:
    k = contract("k", "c1")
    assert not history(k).is_client_flagged(k)
    assert history(k, clients={"c1": Client("c1", suspended=True)}).is_client_flagged(k)
    assert history(contract("k", "c1", client_flagged=True)).is_client_flagged(
        contract("k", "c1", client_flagged=True)
    )


def test_outcome_signs() -> None:
    assert [o.value_sign for o in Outcome] == [1, 0, -1]


# --- full records reduce to facts -----------------------------------------------------------


def hourly(**fields: object) -> Contract:
    base: dict[str, object] = {
        "id": "h1",
        "freelancer_id": "me",
        "client_id": "c1",
        "kind": Kind.HOURLY,
        "started_at": at("2025-01-06"),
        "ended_at": at("2025-10-06"),  # 273 days: 3 full periods
        "payments": (
            Payment("w1", at("2025-01-13"), Decimal(400)),
            Payment("w2", at("2025-02-10"), Decimal(400)),
            # nothing in the second period (2025-04-06 .. 2025-07-05)
            Payment("w3", at("2025-08-04"), Decimal(400)),
        ),
    }
    return Contract(**{**base, **fields})  # type: ignore[arg-type]


def test_reduce_sums_money_and_counts_paid_periods() -> None:
    refunds = (Refund("r1", at("2025-08-10"), Decimal(150), "w3"),)
    facts = reduce_contract(hourly(refunds=refunds))
    assert (facts.earned, facts.refunded, facts.net_earnings) == (
        Decimal(1200),
        Decimal(150),
        Decimal(1050),
    )
    assert facts.last_payment_at == at("2025-08-04")
    assert facts.paid_quarters == 2  # periods 1 and 3 had a payment
    assert facts.ledger[-1] == (at("2025-08-10"), Decimal(-150))


def test_reduce_takes_the_latest_end_of_contract_feedback_and_the_dispute_result() -> None:
    feedback = (
        ClientFeedback(at("2025-05-01"), stars=5.0, mid_contract=True),
        ClientFeedback(at("2025-10-07"), stars=2.0, private_score=4),
        ClientFeedback(at("2025-10-09"), stars=3.0, private_score=4),  # an edit
    )
    disputes = (Dispute(at("2025-09-01"), Party.CLIENT, at("2025-09-20"), DisputeResult.LOST),)
    facts = reduce_contract(
        hourly(feedback=feedback, disputes=disputes), Client("c1", flagged=True)
    )
    assert (facts.stars, facts.private_score, facts.feedback_at) == (3.0, 4, at("2025-10-09"))
    assert facts.dispute is DisputeResult.LOST
    assert facts.client_flagged


def test_reduce_as_of_an_earlier_instant_sees_only_what_happened_by_then() -> None:
    feedback = (ClientFeedback(at("2025-10-07"), stars=5.0),)
    facts = reduce_contract(hourly(feedback=feedback), as_of=at("2025-03-01"))
    assert facts.is_open
    assert facts.earned == Decimal(800)
    assert not facts.has_feedback


def test_check_ledger_accepts_a_clean_contract() -> None:
    assert check_ledger(hourly()) == []


def test_check_ledger_refuses_refunds_above_what_is_left() -> None:
    refunds = (
        Refund("r1", at("2025-02-11"), Decimal(500)),
        Refund("r2", at("2025-02-12"), Decimal(301)),  # 800 paid − 500 = 300 left
    )
    (problem,) = check_ledger(hourly(refunds=refunds))
    assert problem.field == "refunds[r2].amount"


def test_check_ledger_refuses_a_refund_before_its_payment() -> None:
    refunds = (Refund("r1", at("2025-08-01"), Decimal(100), "w3"),)
    (problem,) = check_ledger(hourly(refunds=refunds))
    assert problem.field == "refunds[r1].at"


def test_check_ledger_refuses_non_positive_amounts() -> None:
    payments = (Payment("p0", at("2025-01-10"), Decimal(0)),)
    refunds = (Refund("r0", at("2025-01-11"), Decimal(-1)),)
    fields = {p.field for p in check_ledger(hourly(payments=payments, refunds=refunds))}
    assert fields == {"payments[p0].amount", "refunds[r0].amount"}


# --- errors ----------------------------------------------------------------------------------


def test_invalid_input_lists_every_problem() -> None:
    one = Problem("stars", "is 6", source="h.csv", row=3, record="contract k2")
    assert str(InvalidInput(one)) == "h.csv, row 3, contract k2: stars: is 6"
    two = InvalidInput([one, Problem("kind", "is weekly", "h.csv", 4)])
    assert str(two).splitlines() == [
        "2 problems:",
        "  h.csv, row 3, contract k2: stars: is 6",
        "  h.csv, row 4: kind: is weekly",
    ]
    assert isinstance(two, ValueError)
    assert InvalidInput("plain").problems[0].field == "input"


def test_facts_compare_by_content_not_by_ledger() -> None:
    # Two inputs of the same contract (a flat row and dated records) are the same facts.
    flat = ContractFacts("k", "c", at("2025-01-01"), Decimal(10))
    dated = ContractFacts("k", "c", at("2025-01-01"), Decimal(10),
                          ledger=((at("2025-01-02"), Decimal(10)),))  # fmt: skip
    assert flat == dated


@pytest.mark.parametrize("feedback_at", [None, "2025-02-03"])
def test_a_removed_feedback_without_stars_is_sound(feedback_at: str | None) -> None:
    """Moderation may remove a feedback with its stars: the row keeps only the flag."""
    k = contract(
        "k1", "c", started="2025-01-01", ended="2025-02-01",
        feedback_removed=True, feedback_at=feedback_at,
    )  # fmt: skip
    assert check_contract(k) == []
