"""Properties of the `upwork` reference scorer over generated, realistic histories.

A generated history is what a freelancer's export looks like: a handful of clients, fixed and
hourly contracts from 2023 to the end of 2025, some open, refunds up to the full amount,
feedback that is public, private, both or missing, the occasional dispute, flagged client or
removed feedback. Everything is scored as of AS_OF = 2026-01-01.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from jobscore.domain.enums import DisputeResult, EndReason, Kind
from jobscore.domain.facts import ContractFacts, History, check_contract
from jobscore.scoring import UPWORK, UPWORK_2015, ScoreResult, UpworkPolicy, score
from tests.builders import AS_OF, at

FIRST_DAY = at("2023-01-01")
LAST_DAY = AS_OF - timedelta(days=1)
WINDOWS = ("24m", "12m", "6m", "3m", "trending")
# Floating sums of quarter-multiples are exact, but a ratio may still round differently.
EPSILON = 1e-9

clients = st.sampled_from([f"client-{n}" for n in range(6)])
stars = st.sampled_from([1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.2, 4.5, 4.8, 5.0])
private_scores = st.integers(min_value=0, max_value=10)
amounts = st.one_of(
    st.sampled_from([0, 1, 135, 250, 251, 300, 700, 1000, 1001, 2000, 5000]),
    st.integers(min_value=0, max_value=25_000),
).map(Decimal)


@st.composite
def contract_facts(draw: st.DrawFn, ident: str, client: str | None = None) -> ContractFacts:
    span = (LAST_DAY - FIRST_DAY).days
    started = FIRST_DAY + timedelta(days=draw(st.integers(0, span)))
    is_open = draw(st.integers(0, 5)) == 0  # about one contract in six is still running
    earned = draw(amounts)
    refunded = draw(st.sampled_from([Decimal(0), earned, (earned / 2).quantize(Decimal("0.01"))]))
    fields: dict[str, Any] = {}
    if is_open:
        paid_days = draw(st.integers(0, (AS_OF - started).days))
        fields["last_payment_at"] = started + timedelta(days=paid_days)
    else:
        length = draw(st.integers(0, min(400, (LAST_DAY - started).days)))
        ended = started + timedelta(days=length)
        fields["ended_at"] = ended
        fields["end_reason"] = draw(st.none() | st.sampled_from(EndReason))
        fields["dispute"] = draw(st.none() | st.sampled_from(DisputeResult))
        feedback = draw(st.sampled_from(["none", "public", "private", "both"]))
        if feedback in {"public", "both"}:
            fields["stars"] = draw(stars)
        if feedback in {"private", "both"}:
            fields["private_score"] = draw(private_scores)
        if feedback != "none":
            fields["feedback_removed"] = draw(st.integers(0, 9)) == 0
    if draw(st.booleans()):
        fields["paid_quarters"] = draw(st.integers(0, 8))
    facts = ContractFacts(
        contract_id=ident,
        client_id=client or draw(clients),
        started_at=started,
        earned=earned,
        refunded=refunded,
        kind=draw(st.sampled_from(Kind)),
        client_flagged=draw(st.integers(0, 14)) == 0,
        **fields,
    )
    assert check_contract(facts) == []  # the strategy makes only valid rows
    return facts


@st.composite
def histories(draw: st.DrawFn, max_size: int = 10) -> History:
    size = draw(st.integers(0, max_size))
    contracts = tuple(draw(contract_facts(f"k{n}")) for n in range(size))
    return History(freelancer_id="me", contracts=contracts)


policies = st.sampled_from([UPWORK, UPWORK_2015])


def window_scores(result: ScoreResult) -> dict[str, float | None]:
    return {name: result.window_score(name) for name in WINDOWS}


def score_view(result: ScoreResult) -> tuple[Any, ...]:
    """What a reader of the score sees: the number, its window, eligibility, every window."""
    return (result.score, result.window, result.eligible, window_scores(result))


@given(histories(), policies)
def test_the_score_is_a_percentage_or_none(history: History, policy: UpworkPolicy) -> None:
    result = score(history, policy, AS_OF)
    assert result.eligible is (result.score is not None)
    assert (result.window is None) is (result.score is None)
    for value in [result.score, *window_scores(result).values()]:
        assert value is None or 0.0 <= value <= 100.0
    if result.window is not None:
        assert result.score == result.window_score(result.window)


@given(histories(), st.randoms(use_true_random=False), policies)
def test_the_order_of_rows_never_changes_the_score(
    history: History, random: Any, policy: UpworkPolicy
) -> None:
    shuffled = list(history.contracts)
    random.shuffle(shuffled)
    before = score(history, policy, AS_OF)
    after = score(history.with_contracts(tuple(shuffled)), policy, AS_OF)
    assert score_view(before) == score_view(after)
    assert before.badges == after.badges
    assert before.hold == after.hold
    by_id = {c.contract_id: c for c in before.contracts}
    assert {c.contract_id: c for c in after.contracts} == by_id


def recent(ident: str, stars_given: float, earned: Decimal, days_ago: int) -> ContractFacts:
    """A finished contract from a new client, ended `days_ago` days before AS_OF (< 3 months,
    so it joins every window)."""
    ended = AS_OF - timedelta(days=days_ago)
    return ContractFacts(
        contract_id=ident,
        client_id="new-client",
        started_at=ended - timedelta(days=30),
        ended_at=ended,
        earned=earned,
        stars=stars_given,
    )


recent_days = st.integers(min_value=0, max_value=85)
positive_amounts = amounts.filter(lambda a: a > 0)


@given(histories(), policies, positive_amounts, recent_days)
def test_a_good_contract_never_lowers_a_window(
    history: History, policy: UpworkPolicy, earned: Decimal, days_ago: int
) -> None:
    before = window_scores(score(history, policy, AS_OF))
    extra = recent("good", 5.0, earned, days_ago)
    after = window_scores(score(history.with_contracts((*history.contracts, extra)), policy, AS_OF))
    for name in WINDOWS:
        if before[name] is not None:
            assert after[name] is not None
            assert after[name] >= before[name] - EPSILON  # type: ignore[operator]


@given(histories(), policies, amounts, recent_days)
def test_a_bad_contract_never_raises_a_window(
    history: History, policy: UpworkPolicy, earned: Decimal, days_ago: int
) -> None:
    # At any amount, even $0: negative feedback counts at net $0 too.
    before = window_scores(score(history, policy, AS_OF))
    extra = recent("bad", 1.0, earned, days_ago)
    after = window_scores(score(history.with_contracts((*history.contracts, extra)), policy, AS_OF))
    for name in WINDOWS:
        if before[name] is not None:
            assert after[name] is not None
            assert after[name] <= before[name] + EPSILON  # type: ignore[operator]


@st.composite
def excluded_contracts(draw: st.DrawFn) -> ContractFacts:
    """A finished contract that rule 2 excludes, whatever else it says."""
    base = draw(contract_facts("excluded"))
    ended = base.ended_at or (AS_OF - timedelta(days=draw(recent_days)))
    base = ContractFacts(
        contract_id=base.contract_id,
        client_id=base.client_id,
        started_at=min(base.started_at, ended),
        ended_at=ended,
        earned=base.earned,
        refunded=base.refunded,
        end_reason=base.end_reason,
        dispute=base.dispute,
        stars=base.stars,
        private_score=base.private_score,
        paid_quarters=base.paid_quarters,
    )
    why = draw(st.sampled_from(["no_feedback", "flagged", "removed", "zero_positive"]))
    if why == "no_feedback":
        return _replace(base, stars=None, private_score=None)
    if why == "flagged":
        return _replace(base, stars=draw(stars), client_flagged=True)
    if why == "removed":
        return _replace(base, stars=draw(stars), feedback_removed=True)
    # Net $0 with positive feedback and nothing that makes it bad.
    return _replace(
        base, stars=5.0, private_score=None, refunded=base.earned, dispute=None, end_reason=None
    )


def _replace(c: ContractFacts, **changes: Any) -> ContractFacts:
    return replace(c, **changes)


@given(histories(), excluded_contracts())
def test_an_excluded_contract_changes_nothing(history: History, extra: ContractFacts) -> None:
    # Under `upwork`: no feedback, a flagged client, removed feedback, net $0 with praise.
    before = score(history, UPWORK, AS_OF)
    after = score(history.with_contracts((*history.contracts, extra)), UPWORK, AS_OF)
    assert after.contract("excluded").excluded_because is not None
    assert score_view(after) == score_view(before)
    assert after.hold == before.hold


@given(histories())
def test_points_are_the_leave_one_out_difference(history: History) -> None:
    # Each contract's points = displayed score − the displayed window's score without it.
    result = score(history, UPWORK, AS_OF)
    for item in result.contracts:
        if result.window is None or result.window not in item.points_by_window:
            assert item.points == 0.0
            continue
        if item.points is None or result.window == "trending":
            continue
        without = score(
            history.with_contracts(
                tuple(c for c in history.contracts if c.contract_id != item.contract_id)
            ),
            UPWORK,
            AS_OF,
        ).window_score(result.window)
        if without is not None:
            assert abs(item.points - ((result.score or 0.0) - without)) < 1e-6
