"""Every lifecycle rule, refused with its name, record and field, and its valid case accepted.

Each case is a log (`before`), a write that breaks the rule, and the nearest write that does
not (against `accepted_before` when it needs another log). The story is in `story.py`: k1 is
opened on 2025-01-02, paid 500.00 (p1) on 2025-01-10 and ended on 2025-02-01 (`day(0)`); its
feedback window closes at the end of 2025-02-15.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jobscore.domain.enums import DisputeResult, EndedBy, EndReason, Party
from jobscore.domain.events import (
    ClientFlagged,
    ContractEnded,
    ContractOpened,
    DisputeOpened,
    DisputeResolved,
    EditGranted,
    FeedbackCategory,
    FeedbackEdited,
    FeedbackGiven,
    FeedbackRemoved,
    PaymentMade,
    Recorded,
    RefundMade,
    ResponsePosted,
)
from jobscore.domain.lifecycle import apply, replay
from jobscore.domain.rules import Rule
from jobscore.errors import ERROR_TABLE, RuleBroken
from jobscore.instants import end_of_day
from tests.unit.domain.story import (
    END,
    ENDED,
    OPENED,
    PAID,
    REGISTERED,
    at,
    client,
    completed,
    day,
    freelancer,
    operator,
)


@dataclass(frozen=True)
class Case:
    rule: Rule
    before: tuple[Recorded, ...]
    refused: Recorded
    accepted: Recorded
    field: str
    record: str = "contract k1"
    accepted_before: tuple[Recorded, ...] | None = None


def pay(
    when: str | datetime, amount: str = "100.00", ident: str = "p2", k: str = "k1"
) -> PaymentMade:
    instant = at(when) if isinstance(when, str) else when
    return PaymentMade(instant, k, ident, Decimal(amount))


def refund(
    when: str | datetime, amount: str = "100.00", payment: str = "p1", ident: str = "r1"
) -> RefundMade:
    instant = at(when) if isinstance(when, str) else when
    return RefundMade(instant, "k1", ident, payment, Decimal(amount))


def feedback(
    when: datetime, side: Party = Party.CLIENT, stars: float = 4.0, **kw: Any
) -> FeedbackGiven:
    return FeedbackGiven(when, "k1", side, stars, **kw)


def edit(
    when: datetime, side: Party = Party.CLIENT, stars: float = 5.0, **kw: Any
) -> FeedbackEdited:
    return FeedbackEdited(when, "k1", side, stars, **kw)


def remove(when: datetime, of: Party = Party.CLIENT, k: str = "k1", **kw: Any) -> FeedbackRemoved:
    return FeedbackRemoved(when, k, of, **kw)


CLIENT_GAVE = (*ENDED, client(feedback(day(3))))
BOTH_GAVE = (*CLIENT_GAVE, freelancer(feedback(day(5), Party.FREELANCER, 5.0)))
FREELANCER_GAVE = (*ENDED, freelancer(feedback(day(5), Party.FREELANCER, 5.0)))
DISPUTED = (*PAID, client(DisputeOpened(at("2025-01-15"), "k1", "d1", Party.CLIENT, Decimal(300))))
RESOLVED = (*DISPUTED, operator(DisputeResolved(at("2025-01-20"), "k1", "d1", Decimal(100))))
FREELANCER_MAY_EDIT = (*BOTH_GAVE, client(EditGranted(day(6), "k1", Party.CLIENT)))
CLIENT_MAY_EDIT = (*BOTH_GAVE, freelancer(EditGranted(day(6), "k1", Party.FREELANCER)))
CLOSES = end_of_day(END, 14)  # 2025-02-15T23:59:59.999999Z
FIRST_TEN = (*REGISTERED, *completed(10, "2025-01-05"))  # ended 2025-01-06 .. 2025-01-15
ONE_USED = (*FIRST_TEN, operator(remove(at("2025-03-01"), k="a1", under_allowance=True)))
TEN_MORE = (*ONE_USED, *completed(10, "2025-03-05", prefix="b"))  # ended by 2025-03-15

CASES = [
    # Every fact
    Case(
        Rule.INSTANT_WITHOUT_TIMEZONE,
        OPENED,
        client(pay(datetime(2025, 1, 10)), recorded_at=at("2025-01-10")),
        client(pay("2025-01-10")),
        "at",
    ),
    Case(
        Rule.EMPTY_ID,
        OPENED,
        client(pay("2025-01-10", ident=" ")),
        client(pay("2025-01-10")),
        "payment_id",
    ),
    Case(
        Rule.DUPLICATE_ID,
        PAID,
        client(pay("2025-01-10", "400.00", "p1")),
        client(pay("2025-01-10", "500.00", "p1")),
        "payment_id",
    ),
    Case(
        Rule.UNKNOWN_FREELANCER,
        REGISTERED,
        client(ContractOpened(at("2025-01-02"), "k2", "f9", "c1")),
        client(ContractOpened(at("2025-01-02"), "k2", "f2", "c1")),
        "freelancer_id",
        "contract k2",
    ),
    Case(
        Rule.UNKNOWN_CLIENT,
        REGISTERED,
        operator(ContractOpened(at("2025-01-02"), "k2", "f1", "c9")),
        operator(ContractOpened(at("2025-01-02"), "k2", "f1", "c2")),
        "client_id",
        "contract k2",
    ),
    Case(
        Rule.UNKNOWN_CONTRACT,
        OPENED,
        client(pay("2025-01-10", k="k9")),
        client(pay("2025-01-10")),
        "contract_id",
        "contract k9",
    ),
    Case(
        Rule.UNKNOWN_PAYMENT,
        PAID,
        freelancer(refund("2025-01-11", payment="p9")),
        freelancer(refund("2025-01-11")),
        "payment_id",
    ),
    Case(
        Rule.UNKNOWN_DISPUTE,
        DISPUTED,
        operator(DisputeResolved(at("2025-01-20"), "k1", "d9", Decimal(0))),
        operator(DisputeResolved(at("2025-01-20"), "k1", "d1", Decimal(0))),
        "dispute_id",
    ),
    Case(
        Rule.OPERATOR_ONLY,
        DISPUTED,
        client(DisputeResolved(at("2025-01-20"), "k1", "d1", Decimal(0))),
        operator(DisputeResolved(at("2025-01-20"), "k1", "d1", Decimal(0))),
        "actor",
    ),
    Case(
        Rule.OPERATOR_ONLY, BOTH_GAVE, freelancer(remove(day(8))), operator(remove(day(8))), "actor"
    ),
    Case(
        Rule.OPERATOR_ONLY,
        REGISTERED,
        client(ClientFlagged(at("2025-01-05"), "c1")),
        operator(ClientFlagged(at("2025-01-05"), "c1")),
        "actor",
        "client c1",
    ),
    Case(
        Rule.OPERATOR_ONLY,
        PAID,
        client(ContractEnded(END, "k1", EndedBy.PLATFORM, EndReason.OTHER)),
        operator(ContractEnded(END, "k1", EndedBy.PLATFORM, EndReason.OTHER)),
        "actor",
    ),
    Case(Rule.NOT_THAT_SIDE, ENDED, freelancer(feedback(day(1))), client(feedback(day(1))), "by"),
    Case(
        Rule.NOT_THAT_SIDE,
        OPENED,
        freelancer(pay("2025-01-10")),
        client(pay("2025-01-10")),
        "actor",
    ),
    Case(
        Rule.NOT_THAT_SIDE,
        OPENED,
        client(pay("2025-01-10"), client_id="c2"),
        client(pay("2025-01-10")),
        "actor",
    ),
    Case(
        Rule.NOT_THAT_SIDE,
        PAID,
        client(refund("2025-01-11")),
        freelancer(refund("2025-01-11")),
        "actor",
    ),
    Case(
        Rule.NOT_THAT_SIDE,
        REGISTERED,
        client(ContractOpened(at("2025-01-02"), "k2", "f1", "c1"), client_id="c2"),
        client(ContractOpened(at("2025-01-02"), "k2", "f1", "c2"), client_id="c2"),
        "client_id",
        "contract k2",
    ),
    Case(
        Rule.BACKFILL_BY_OPERATOR_ONLY,
        OPENED,
        client(pay("2025-01-10"), recorded_at=at("2025-01-11")),
        operator(pay("2025-01-10"), recorded_at=at("2025-01-11")),
        "at",
    ),
    Case(
        Rule.BACKFILL_BY_OPERATOR_ONLY,
        REGISTERED,
        client(ContractOpened(at("2025-01-02"), "k2", "f1", "c1", started_at=at("2025-01-01"))),
        client(ContractOpened(at("2025-01-02"), "k2", "f1", "c1", started_at=at("2025-01-09"))),
        "started_at",
        "contract k2",
    ),
    # Money
    Case(
        Rule.AMOUNT_NOT_POSITIVE,
        OPENED,
        client(pay("2025-01-10", "0")),
        client(pay("2025-01-10", "0.01")),
        "amount",
    ),
    Case(
        Rule.SUB_CENT_AMOUNT,
        OPENED,
        client(pay("2025-01-10", "10.005")),
        client(pay("2025-01-10", "10.500")),
        "amount",
    ),
    Case(
        # The largest amount every store and engine holds exactly is 9,999,999,999,999,999.99.
        Rule.AMOUNT_TOO_LARGE,
        OPENED,
        client(pay("2025-01-10", "10000000000000000.00")),
        client(pay("2025-01-10", "9999999999999999.99")),
        "amount",
    ),
    Case(
        Rule.AMOUNT_TOO_LARGE,
        PAID,
        client(DisputeOpened(at("2025-01-15"), "k1", "d1", Party.CLIENT, Decimal("1e16"))),
        client(DisputeOpened(at("2025-01-15"), "k1", "d1", Party.CLIENT, Decimal(300))),
        "escrow",
    ),
    Case(
        Rule.PAYMENT_BEFORE_START,
        OPENED,
        operator(pay("2025-01-01T23:00:00Z")),
        operator(pay("2025-01-02")),
        "at",
    ),
    Case(
        Rule.PAYMENT_ON_CLOSED_CONTRACT,
        ENDED,
        client(pay(day(1))),
        operator(pay("2025-01-20"), recorded_at=day(1)),
        "at",
    ),
    Case(
        Rule.REFUND_BEFORE_PAYMENT,
        PAID,
        operator(refund("2025-01-09")),
        freelancer(refund("2025-01-11")),
        "at",
    ),
    Case(
        Rule.REFUND_ABOVE_REFUNDABLE,
        (*PAID, freelancer(refund("2025-01-11", "200.00"))),
        freelancer(refund("2025-01-12", "300.01", ident="r2")),
        freelancer(refund("2025-01-12", "300.00", ident="r2")),
        "amount",
    ),
    Case(
        Rule.REFUND_AFTER_LIMIT,
        PAID,
        freelancer(refund(at("2025-01-10") + timedelta(days=180, seconds=1))),
        freelancer(refund(at("2025-01-10") + timedelta(days=180))),
        "at",
    ),
    # Disputes
    Case(
        Rule.ESCROW_NEGATIVE,
        PAID,
        client(DisputeOpened(at("2025-01-15"), "k1", "d1", Party.CLIENT, Decimal(-1))),
        client(DisputeOpened(at("2025-01-15"), "k1", "d1", Party.CLIENT, Decimal(0))),
        "escrow",
    ),
    Case(
        Rule.DISPUTE_BEFORE_START,
        OPENED,
        operator(DisputeOpened(at("2025-01-01T12:00:00Z"), "k1", "d1", Party.CLIENT)),
        freelancer(DisputeOpened(at("2025-01-03"), "k1", "d1", Party.FREELANCER)),
        "at",
    ),
    Case(
        Rule.DISPUTE_ALREADY_RESOLVED,
        RESOLVED,
        operator(DisputeResolved(at("2025-01-20"), "k1", "d1", Decimal(200))),
        operator(DisputeResolved(at("2025-01-20"), "k1", "d1", Decimal(100))),
        "dispute_id",
    ),
    Case(
        Rule.RESOLVED_BEFORE_OPENED,
        DISPUTED,
        operator(DisputeResolved(at("2025-01-14"), "k1", "d1", Decimal(0))),
        operator(DisputeResolved(at("2025-01-15"), "k1", "d1", Decimal(0))),
        "at",
    ),
    Case(
        Rule.SPLIT_OUTSIDE_ESCROW,
        DISPUTED,
        operator(DisputeResolved(at("2025-01-20"), "k1", "d1", Decimal("300.01"))),
        operator(DisputeResolved(at("2025-01-20"), "k1", "d1", Decimal(300), DisputeResult.WON)),
        "freelancer_share",
    ),
    # The end
    Case(
        Rule.CONTRACT_ALREADY_ENDED,
        ENDED,
        freelancer(ContractEnded(day(1), "k1", EndedBy.FREELANCER, EndReason.CANCELLED)),
        client(ContractEnded(END, "k1", EndedBy.CLIENT, EndReason.COMPLETED)),
        "contract_id",
    ),
    Case(
        Rule.END_BEFORE_START,
        OPENED,
        operator(
            ContractEnded(at("2025-01-01T12:00:00Z"), "k1", EndedBy.CLIENT, EndReason.NO_WORK)
        ),
        client(ContractEnded(at("2025-01-02"), "k1", EndedBy.CLIENT, EndReason.NO_WORK)),
        "at",
    ),
    Case(
        Rule.END_BEFORE_LAST_PAYMENT,
        PAID,
        operator(ContractEnded(at("2025-01-09"), "k1", EndedBy.CLIENT, EndReason.COMPLETED)),
        operator(ContractEnded(at("2025-01-10"), "k1", EndedBy.CLIENT, EndReason.COMPLETED)),
        "at",
    ),
    # Feedback
    Case(
        Rule.FEEDBACK_ON_OPEN_CONTRACT,
        PAID,
        client(feedback(at("2025-01-20"))),
        client(feedback(at("2025-01-20"))),
        "at",
        accepted_before=(
            *PAID,
            client(ContractEnded(at("2025-01-20"), "k1", EndedBy.CLIENT, EndReason.COMPLETED)),
        ),
    ),
    Case(
        Rule.FEEDBACK_ON_OPEN_CONTRACT,
        ENDED,
        operator(feedback(day(-1))),
        operator(feedback(day(0))),
        "at",
    ),
    Case(
        Rule.FEEDBACK_WINDOW_CLOSED,
        ENDED,
        client(feedback(CLOSES + timedelta(microseconds=1))),
        client(feedback(CLOSES)),
        "at",
    ),
    Case(
        Rule.FEEDBACK_ONCE_PER_SIDE,
        CLIENT_GAVE,
        client(feedback(day(4), stars=5.0)),
        client(feedback(day(3))),
        "by",
    ),
    Case(
        Rule.FEEDBACK_AFTER_RESPONSE,
        (*CLIENT_GAVE, freelancer(ResponsePosted(day(15), "k1", Party.FREELANCER, "thanks"))),
        operator(feedback(day(5), Party.FREELANCER), recorded_at=day(20)),
        operator(feedback(day(5), Party.FREELANCER), recorded_at=day(20)),
        "by",
        accepted_before=CLIENT_GAVE,
    ),
    Case(
        Rule.STARS_OUT_OF_RANGE,
        ENDED,
        client(feedback(day(1), stars=5.5)),
        client(feedback(day(1), stars=5.0)),
        "stars",
    ),
    Case(
        Rule.STARS_OUT_OF_RANGE,
        ENDED,
        client(feedback(day(1), category_stars=((FeedbackCategory.SKILLS, 0.5),))),
        client(feedback(day(1), category_stars=((FeedbackCategory.SKILLS, 1.0),))),
        "category_stars[skills]",
    ),
    Case(
        Rule.PRIVATE_SCORE_OUT_OF_RANGE,
        ENDED,
        client(feedback(day(1), private_score=11)),
        client(feedback(day(1), private_score=10)),
        "private_score",
    ),
    Case(
        Rule.CLIENT_SIDE_ONLY,
        ENDED,
        freelancer(feedback(day(1), Party.FREELANCER, private_score=5)),
        freelancer(feedback(day(1), Party.FREELANCER)),
        "private_score",
    ),
    # Edits
    Case(
        Rule.EDIT_GRANT_ONCE,
        CLIENT_MAY_EDIT,
        freelancer(EditGranted(day(7), "k1", Party.FREELANCER)),
        freelancer(EditGranted(day(6), "k1", Party.FREELANCER)),
        "by",
    ),
    Case(
        Rule.EDIT_GRANT_OUTSIDE_WINDOW,
        BOTH_GAVE,
        freelancer(EditGranted(day(15), "k1", Party.FREELANCER)),
        freelancer(EditGranted(day(13), "k1", Party.FREELANCER)),
        "at",
    ),
    Case(
        Rule.NOTHING_TO_EDIT,
        FREELANCER_GAVE,
        freelancer(EditGranted(day(6), "k1", Party.FREELANCER)),
        client(EditGranted(day(6), "k1", Party.CLIENT)),
        "by",
    ),
    Case(
        Rule.EDIT_WITHOUT_GRANT,
        FREELANCER_MAY_EDIT,
        client(edit(day(7))),
        freelancer(edit(day(7), Party.FREELANCER, 4.0)),
        "by",
    ),
    Case(
        Rule.EDIT_OUTSIDE_GRANT_PERIOD,
        CLIENT_MAY_EDIT,
        client(edit(day(20) + timedelta(seconds=1))),
        client(edit(day(20))),
        "at",
    ),
    Case(
        Rule.FEEDBACK_EDITED_ONCE,
        (*CLIENT_MAY_EDIT, client(edit(day(7)))),
        client(edit(day(8), stars=4.5)),
        client(edit(day(7))),
        "by",
    ),
    Case(
        Rule.PRIVATE_FEEDBACK_IS_FINAL,
        CLIENT_MAY_EDIT,
        client(edit(day(7), private_score=9)),
        client(edit(day(7))),
        "private_score",
    ),
    # Responses
    Case(
        Rule.RESPONSE_ONCE_PER_SIDE,
        (*BOTH_GAVE, freelancer(ResponsePosted(day(6), "k1", Party.FREELANCER, "thanks"))),
        freelancer(ResponsePosted(day(7), "k1", Party.FREELANCER, "thanks again")),
        freelancer(ResponsePosted(day(6), "k1", Party.FREELANCER, "thanks")),
        "by",
    ),
    Case(
        Rule.NOTHING_TO_RESPOND_TO,
        FREELANCER_GAVE,
        freelancer(ResponsePosted(day(16), "k1", Party.FREELANCER, "?")),
        client(ResponsePosted(day(16), "k1", Party.CLIENT, "thanks")),
        "by",
    ),
    Case(
        Rule.RESPONSE_BEFORE_REVEAL,
        CLIENT_GAVE,
        freelancer(ResponsePosted(day(4), "k1", Party.FREELANCER, "thanks")),
        freelancer(ResponsePosted(day(15), "k1", Party.FREELANCER, "thanks")),
        "at",
    ),
    Case(
        Rule.RESPONSE_AFTER_DEADLINE,
        BOTH_GAVE,
        freelancer(ResponsePosted(day(33) + timedelta(seconds=1), "k1", Party.FREELANCER, "late")),
        freelancer(ResponsePosted(day(33), "k1", Party.FREELANCER, "just in time")),
        "at",
    ),
    # Removal
    Case(
        Rule.NOTHING_TO_REMOVE,
        FREELANCER_GAVE,
        operator(remove(day(8))),
        operator(remove(day(8), Party.FREELANCER)),
        "of",
    ),
    Case(
        Rule.FEEDBACK_ALREADY_REMOVED,
        (*BOTH_GAVE, operator(remove(day(8), reason="abuse"))),
        operator(remove(day(9), reason="abuse")),
        operator(remove(day(8), reason="abuse")),
        "of",
    ),
    Case(
        Rule.ALLOWANCE_FOR_CLIENT_FEEDBACK_ONLY,
        BOTH_GAVE,
        operator(remove(day(8), Party.FREELANCER, under_allowance=True)),
        operator(remove(day(8), Party.FREELANCER)),
        "under_allowance",
    ),
    Case(
        Rule.REMOVAL_ALLOWANCE_TOO_SOON,
        TEN_MORE,
        operator(remove(at("2025-05-31"), k="b1", under_allowance=True)),
        operator(remove(at("2025-06-01"), k="b1", under_allowance=True)),
        "at",
        "contract b1",
    ),
    Case(
        Rule.REMOVAL_ALLOWANCE_NOT_EARNED,
        (*REGISTERED, *completed(9, "2025-01-05")),
        operator(remove(at("2025-03-01"), k="a1", under_allowance=True)),
        operator(remove(at("2025-03-01"), k="a1", under_allowance=True)),
        "under_allowance",
        "contract a1",
        accepted_before=FIRST_TEN,
    ),
    Case(
        Rule.REMOVAL_ALLOWANCE_NOT_EARNED,
        (*ONE_USED, *completed(9, "2025-03-05", prefix="b")),
        operator(remove(at("2025-06-01"), k="b1", under_allowance=True)),
        operator(remove(at("2025-06-01"), k="b1", under_allowance=True)),
        "under_allowance",
        "contract b1",
        accepted_before=TEN_MORE,
    ),
    # Clients
    Case(
        Rule.CLIENT_ALREADY_FLAGGED,
        (*REGISTERED, operator(ClientFlagged(at("2025-01-05"), "c1"))),
        operator(ClientFlagged(at("2025-01-06"), "c1")),
        operator(ClientFlagged(at("2025-01-05"), "c1")),
        "flag",
        "client c1",
    ),
]

#: Checked by its own test: it needs a scorer (test_allowance.py).
NEEDS_A_SCORER = {Rule.REMOVAL_WOULD_LOWER_SCORE}


def _name(case: Case) -> str:
    return f"{case.rule}-{case.field}"


@pytest.mark.parametrize("case", CASES, ids=_name)
def test_a_broken_rule_is_refused_by_name(case: Case) -> None:
    state = replay(case.before)
    with pytest.raises(RuleBroken) as refused:
        apply(state, case.refused)
    assert (refused.value.rule, refused.value.record, refused.value.field) == (
        case.rule,
        case.record,
        case.field,
    )
    assert str(refused.value).endswith(f"(rule {case.rule})")
    assert replay(case.before) == state  # nothing changed


@pytest.mark.parametrize("case", CASES, ids=_name)
def test_the_valid_case_passes(case: Case) -> None:
    before = case.before if case.accepted_before is None else case.accepted_before
    state = replay(before)
    after = apply(state, case.accepted)
    assert replay((*before, case.accepted)) == after


def test_every_rule_has_a_case() -> None:
    assert {case.rule for case in CASES} | NEEDS_A_SCORER == set(Rule)


def test_a_broken_rule_is_a_422_and_exit_2() -> None:
    kind = ERROR_TABLE[RuleBroken]
    assert (kind.code, kind.exit_code, int(kind.http_status)) == ("rule_broken", 2, 422)


def test_every_rule_is_explained_in_the_docs() -> None:
    text = (Path(__file__).parents[3] / "docs" / "lifecycle.md").read_text(encoding="utf-8")
    assert [rule for rule in Rule if f"`{rule}`" not in text] == []
