"""Hypothetical changes are values; applying them builds a new history and says what it assumed."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from jobscore.domain.enums import EndedBy, EndReason
from jobscore.errors import InvalidInput
from jobscore.tools.changes import (
    AddContracts,
    CloseContract,
    FeedbackChange,
    KeepOpen,
    MoveClock,
    RefundChange,
    apply_changes,
)
from jobscore.tools.effects import (
    ClientResponse,
    FeedbackFinal,
    FeedbackLeft,
    Pending,
    Refunded,
    respond,
)
from tests.builders import AS_OF, at, contract, history


def base():  # type: ignore[no-untyped-def]
    return history(
        contract("k1", "c1", ended="2025-10-01", earned=700, stars=1.0, private_score=2),
        contract("k2", "c2", ended="2025-11-01", earned=500, stars=5.0),
        contract(
            "lt", "c3", started="2024-06-01", ended=None, earned=9000, last_payment_at="2025-12-20"
        ),
    )


def facts(applied, contract_id):  # type: ignore[no-untyped-def]
    return next(c for c in applied.history.contracts if c.contract_id == contract_id)


def test_full_refund_cancels_nets_zero_and_leaves_the_client_to_respond() -> None:
    # k3 ended on 2025-12-25: its feedback window is open until the end of 2026-01-08, and
    # the 1 star recorded is what the client has said it will leave.
    original = history(
        contract("k3", "c1", ended="2025-12-25", earned=700, stars=1.0, private_score=2)
    )
    applied = apply_changes(original, [RefundChange("k3")], AS_OF)
    k3 = facts(applied, "k3")
    assert k3.net_earnings == 0
    assert k3.end_reason is EndReason.CANCELLED
    assert k3.ended_by is EndedBy.FREELANCER
    assert applied.effects == (Refunded("k3", Decimal("700"), Decimal("700"), in_full=True),)
    assert applied.pending == (Pending("k3", in_full=True, said=(1.0, 2)),)
    # Content: no feedback at all; unhappy: the 1 star all the same.
    silent, said = respond(applied.history, applied.pending, content=True)
    assert not silent.contracts[0].has_feedback
    assert said[0].response is ClientResponse.SILENT
    unhappy, said = respond(applied.history, applied.pending, content=False)
    assert (unhappy.contracts[0].stars, unhappy.contracts[0].private_score) == (1.0, 2)
    assert said[0].response is ClientResponse.UNHAPPY
    # The history handed in is untouched.
    assert original.contracts[0].refunded == 0
    assert original.contracts[0].stars == 1.0


def test_a_refund_cannot_change_final_feedback() -> None:
    # k1 ended on 2025-10-01: its window closed at the end of 2025-10-15.
    applied = apply_changes(base(), [RefundChange("k1")], AS_OF)
    assert applied.pending == ()
    assert facts(applied, "k1").stars == 1.0
    assert applied.effects[1] == FeedbackFinal("k1", at("2025-10-16") - timedelta(microseconds=1))


def test_partial_refund_without_feedback_leaves_it_open() -> None:
    h = history(contract("k1", "c1", ended="2025-12-25", earned=700))
    applied = apply_changes(h, [RefundChange("k1", Decimal("200"))], AS_OF)
    assert facts(applied, "k1").net_earnings == Decimal("500")
    assert applied.pending == (Pending("k1", in_full=False, said=None),)
    # Pleased: good feedback and the contract completed; unhappy: a poor one.
    pleased, _ = respond(applied.history, applied.pending, content=True)
    assert (pleased.contracts[0].stars, pleased.contracts[0].end_reason) == (
        5.0,
        EndReason.COMPLETED,
    )
    unhappy, _ = respond(applied.history, applied.pending, content=False)
    assert (unhappy.contracts[0].stars, unhappy.contracts[0].private_score) == (1.0, 0)
    # Feedback given with the changes settles it.
    settled = apply_changes(
        h, [FeedbackChange("k1", 4.0), RefundChange("k1", Decimal("200"))], AS_OF
    )
    assert settled.pending == ()
    assert facts(settled, "k1").stars == 4.0


def test_refund_above_what_is_left_is_refused_naming_the_contract() -> None:
    with pytest.raises(InvalidInput) as caught:
        apply_changes(base(), [RefundChange("k2", Decimal("600"))], AS_OF)
    problem = caught.value.problems[0]
    assert problem.record == "contract k2"
    assert problem.field == "refund"
    assert "$500.00" in problem.message


def test_unknown_contract_is_refused() -> None:
    with pytest.raises(InvalidInput, match="no contract 'nope'"):
        apply_changes(base(), [RefundChange("nope")], AS_OF)


@pytest.mark.parametrize(
    ("stars", "private", "field"), [(6.0, None, "stars"), (5.0, 11, "private_score")]
)
def test_feedback_out_of_range_is_refused(stars: float, private: int | None, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        apply_changes(base(), [FeedbackChange("k2", stars, private)], AS_OF)
    assert caught.value.problems[0].field == field
    assert caught.value.problems[0].record == "contract k2"


def test_feedback_on_an_open_contract_ends_it_now() -> None:
    applied = apply_changes(base(), [FeedbackChange("lt", 5.0, 10)], AS_OF)
    assert facts(applied, "lt").ended_at == AS_OF
    assert applied.effects == (FeedbackLeft("lt", 5.0, 10, ended_now=True),)


def test_close_and_keep_open() -> None:
    closed = apply_changes(base(), [CloseContract("lt")], AS_OF)
    assert facts(closed, "lt").ended_at == AS_OF
    with pytest.raises(InvalidInput, match="already ended"):
        apply_changes(base(), [CloseContract("k1")], AS_OF)
    later = at("2026-07-01")
    kept = apply_changes(base(), [KeepOpen("lt"), MoveClock(later)], AS_OF)
    lt = facts(kept, "lt")
    assert lt.is_open
    # Paid every 30 days from the last payment (2025-12-20) up to the clock: 6 payments at the
    # average rate so far, 9000 over the 567 days since the start → 476.19 a month.
    assert lt.last_payment_at == at("2025-12-20") + timedelta(days=180)
    assert lt.earned == Decimal("9000") + 6 * Decimal("476.19")
    assert kept.clock == later


def test_added_contracts_come_from_new_clients_and_spread_to_the_clock() -> None:
    clock = AS_OF + timedelta(days=90)
    applied = apply_changes(base(), [AddContracts(3, Decimal("400")), MoveClock(clock)], AS_OF)
    new = [c for c in applied.history.contracts if c.contract_id.startswith("new-")]
    assert [c.ended_at for c in new] == [AS_OF + timedelta(days=30 * i) for i in (1, 2, 3)]
    assert len({c.client_id for c in new}) == 3
    assert all(c.stars == 5.0 and c.private_score == 10 for c in new)
    assert {c.client_id for c in new}.isdisjoint({"c1", "c2", "c3"})


def test_clock_cannot_go_back() -> None:
    with pytest.raises(InvalidInput, match="before the as-of"):
        apply_changes(base(), [MoveClock(AS_OF - timedelta(days=1))], AS_OF)


def test_adding_nothing_is_refused() -> None:
    with pytest.raises(InvalidInput, match="at least 1"):
        apply_changes(base(), [AddContracts(0, Decimal("100"))], AS_OF)
