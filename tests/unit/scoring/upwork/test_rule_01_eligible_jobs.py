"""§3.1: a contract counts if it ended with end-of-contract feedback, or if it is a long-term
contract paid at least once in every 90-day period so far (good while it stays that way).

As of AS_OF = 2026-01-01T00:00Z unless said otherwise.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from jobscore.domain.enums import Outcome
from jobscore.domain.facts import ContractFacts
from jobscore.scoring import UPWORK
from jobscore.scoring.upwork.outcomes import is_steady_long_term
from tests.builders import AS_OF, at, contract, scored

# Two finished jobs from two other clients so that the windows have enough data.
GOOD_A = contract("a", "ca", ended="2025-11-01", earned=135, stars=5)
GOOD_B = contract("b", "cb", ended="2025-11-02", earned=135, stars=5)


def test_a_contract_that_ended_with_feedback_counts() -> None:
    job = contract("k1", "c1", started="2025-05-01", ended="2025-06-01", earned=135, stars=5)
    result = scored(job, GOOD_A)
    k1 = result.contract("k1")
    assert (k1.outcome, k1.excluded_because, k1.weight) == (Outcome.GOOD, None, 1.0)


def steady(**fields: Any) -> ContractFacts:
    """An open hourly-style contract: started 2025-06-01 (214 days before AS_OF), $3,000."""
    defaults: dict[str, Any] = {
        "started": "2025-06-01",
        "ended": None,
        "earned": 3000,
        "last_payment_at": "2025-12-20",
    }
    return contract("lt", "c1", **{**defaults, **fields})


def test_a_steady_long_term_contract_counts_as_good_without_feedback() -> None:
    # Paid 12 days ago; 2025-06-01 → 2025-12-20 is 202 days = 2 full 90-day periods, both paid
    # (paid_quarters defaults to them). Weight: $3,000 → 1.5, + 2 paid quarters = 3.5.
    result = scored(steady(), GOOD_A)
    lt = result.contract("lt")
    assert (lt.outcome, lt.weight) == (Outcome.GOOD, 3.5)
    # An open contract is placed at the as-of instant: it sits in every window, even 3 months.
    assert lt.windows == ("24m", "12m", "6m", "3m")
    # 24m: (3.5 + 1) / 4.5 = 100%, with 2 contracts from 2 clients.
    assert result.score == 100.0


def test_long_term_stops_counting_after_a_90_day_gap_in_payments() -> None:
    # 2025-10-03 → 2026-01-01 is 90 days exactly (28 + 30 + 31 + 1): still steady.
    assert scored(steady(last_payment_at="2025-10-03"), GOOD_A).contract("lt").outcome is (
        Outcome.GOOD
    )
    # One second more than 90 days: the run is broken and the open contract counts nowhere.
    lt = scored(steady(last_payment_at="2025-10-02T23:59:59Z"), GOOD_A).contract("lt")
    assert (lt.outcome, lt.excluded_because) == (None, "open")


def test_a_quarter_without_payment_breaks_the_run() -> None:
    # Paid recently, but only 1 of the 2 full periods since the start had a payment.
    lt = scored(steady(paid_quarters=1), GOOD_A).contract("lt")
    assert lt.excluded_because == "open"


def test_dated_payments_show_a_gap_inside_a_quarter_boundary() -> None:
    # Payments 2025-06-10 and 2025-09-25 fall in periods 1 and 2 (2025-06-01 + 90 days =
    # 2025-08-30), yet they are 107 days apart: more than 90 days went unpaid, so the contract
    # is no longer steady, although every whole quarter had a payment.
    ledger = (
        (at("2025-06-10"), Decimal(1000)),
        (at("2025-09-25"), Decimal(1000)),
        (at("2025-12-20"), Decimal(1000)),
    )
    gap = steady(ledger=ledger, paid_quarters=2)
    assert not is_steady_long_term(gap, UPWORK, AS_OF)
    # The same money paid every 80 days or less is steady.
    even = (
        (at("2025-07-01"), Decimal(1000)),
        (at("2025-09-15"), Decimal(1000)),
        (at("2025-12-01"), Decimal(1000)),
    )
    assert is_steady_long_term(steady(ledger=even, paid_quarters=2), UPWORK, AS_OF)


def test_the_start_counts_as_the_first_mark_for_the_gap() -> None:
    # First payment 95 days after the start: the first period went unpaid.
    ledger = ((at("2025-09-04"), Decimal(1500)), (at("2025-12-20"), Decimal(1500)))
    assert not is_steady_long_term(steady(ledger=ledger), UPWORK, AS_OF)


@pytest.mark.parametrize(
    ("started", "counted"),
    [("2025-10-03", True), ("2025-10-03T00:00:01Z", False)],  # 90 days, and a second short
)
def test_long_term_means_running_at_least_90_days(started: str, counted: bool) -> None:
    lt = scored(steady(started=started), GOOD_A).contract("lt")
    assert (lt.outcome is Outcome.GOOD) is counted


def test_an_unpaid_or_fully_refunded_open_contract_is_not_steady() -> None:
    assert scored(steady(refunded=3000), GOOD_A).contract("lt").excluded_because == "open"
    assert scored(steady(earned=0), GOOD_A).contract("lt").excluded_because == "open"


def test_once_ended_a_long_term_contract_needs_its_feedback() -> None:
    ended = steady(ended="2025-12-20")
    assert scored(ended, GOOD_A).contract("lt").excluded_because == "no_feedback"
    rated = steady(ended="2025-12-20", stars=5)
    assert scored(rated, GOOD_A).contract("lt").outcome is Outcome.GOOD


def test_as_of_an_earlier_instant_only_payments_made_by_then_count() -> None:
    # As of 2025-09-15 the dated payments show 2025-06-10 only (97 days ago): not steady then,
    # although the contract is steady at the end of the year.
    ledger = (
        (at("2025-06-10"), Decimal(1000)),
        (at("2025-09-20"), Decimal(1000)),
        (at("2025-12-10"), Decimal(1000)),
    )
    lt = steady(ledger=ledger, paid_quarters=2)
    assert not is_steady_long_term(lt, UPWORK, at("2025-09-15"))
    assert not is_steady_long_term(lt, UPWORK, AS_OF)  # 102-day gap


def test_feedback_visible_only_after_it_is_given() -> None:
    # Ended 2025-12-30, feedback 2026-01-02: as of AS_OF it is not there yet.
    late = contract("k1", "c1", ended="2025-12-30", stars=5, feedback_at="2026-01-02")
    assert scored(late, GOOD_A).contract("k1").excluded_because == "no_feedback"
    assert scored(late, GOOD_A, as_of="2026-01-02").contract("k1").outcome is Outcome.GOOD


def test_a_contract_not_started_yet_counts_nowhere() -> None:
    future = contract("k1", "c1", started="2026-02-01", ended="2026-03-01", stars=5)
    assert scored(future, GOOD_A, GOOD_B).contract("k1").excluded_because == "not_started"
