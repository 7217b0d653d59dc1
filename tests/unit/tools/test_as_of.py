"""An answer as of T rests only on facts dated at or before T.

For every policy and every tool, a history and the same history cut at T (`known_at`: only
the contracts started by T, ends, feedback and dated money by T) give the same answer as of
T. The histories run across T: contracts that start after it, end after it, or have
feedback or payments after it.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobscore.domain.facts import ContractFacts, History, known_at
from jobscore.scoring import CATALOG
from jobscore.tools.changes import AddContracts, MoveClock, RefundChange
from jobscore.tools.pace import Pace
from jobscore.tools.recover import date_at_pace, fewest_contracts
from jobscore.tools.refund_or_keep import refund_or_keep
from jobscore.tools.screen import screen_client
from jobscore.tools.whatif import what_if
from tests.builders import at

T = at("2026-03-01")
POLICIES = ["upwork", "upwork-2015", "bayes"]
NO_WORK = Pace(0, Decimal("0"))


@st.composite
def contracts(draw: st.DrawFn, n: int) -> ContractFacts:
    started = T + timedelta(days=draw(st.integers(-700, 40)))
    length = draw(st.integers(3, 300))
    ended = started + timedelta(days=length) if draw(st.booleans()) or n % 4 else None
    late_feedback = draw(st.integers(0, 14)) if ended is not None else 0
    stars = draw(st.sampled_from([None, 1.0, 3.0, 4.2, 4.8, 5.0])) if ended else None
    ledger: tuple[tuple[object, Decimal], ...] = ()
    if draw(st.booleans()):
        # Dated money: a payment every 30 days, some of them after T.
        paid = [started + timedelta(days=30 * (k + 1)) for k in range(length // 30 + 1)]
        ledger = tuple((p, Decimal("100")) for p in paid)
    earned = (
        Decimal(100 * len(ledger)) if ledger else Decimal(draw(st.sampled_from([120, 400, 2000])))
    )
    return ContractFacts(
        contract_id=f"k{n}",
        client_id=f"c{draw(st.integers(0, 4))}",
        started_at=started,
        ended_at=ended,
        earned=earned,
        stars=stars,
        private_score=draw(st.sampled_from([None, 2, 9])) if stars else None,
        feedback_at=ended + timedelta(days=late_feedback) if stars and ended else None,
        last_payment_at=max((p for p, _ in ledger), default=None) if ledger else None,  # type: ignore[type-var]
        ledger=ledger,  # type: ignore[arg-type]
    )


@st.composite
def histories(draw: st.DrawFn) -> History:
    count = draw(st.integers(1, 9))
    return History("me", tuple(draw(contracts(n)) for n in range(count)))


@settings(max_examples=40)
@given(histories(), st.sampled_from(POLICIES))
def test_a_score_as_of_t_reads_nothing_after_t(history: History, name: str) -> None:
    policy = CATALOG.policy(name)
    full = CATALOG.score(history, policy, T)
    cut = CATALOG.score(history.known_at(T), policy, T)
    assert (full.score, full.eligible, full.window) == (cut.score, cut.eligible, cut.window)
    assert {n: w.score for n, w in full.windows.items()} == {
        n: w.score for n, w in cut.windows.items()
    }
    assert (full.badges, full.interval) == (cut.badges, cut.interval)


def test_the_cut_keeps_only_what_had_happened() -> None:
    late = ContractFacts(
        contract_id="k",
        client_id="c",
        started_at=at("2026-01-01"),
        ended_at=at("2026-04-01"),
        earned=Decimal("300"),
        stars=5.0,
        ledger=((at("2026-02-01"), Decimal("100")), (at("2026-03-15"), Decimal("200"))),
    )
    cut = known_at(late, T)
    assert cut is not None
    assert (cut.ended_at, cut.stars, cut.earned) == (None, None, Decimal("100"))
    assert cut.last_payment_at == at("2026-02-01")
    assert known_at(late, at("2025-12-31")) is None
    assert known_at(late, at("2026-05-01")) == late


@settings(max_examples=15)
@given(histories(), st.sampled_from(POLICIES))
def test_every_tool_answers_the_same_from_the_cut_history(history: History, name: str) -> None:
    policy = CATALOG.policy(name)
    cut = history.known_at(T)
    changes = [AddContracts(1, Decimal("300")), MoveClock(T + timedelta(days=60))]
    assert what_if(history, policy, T, changes) == what_if(cut, policy, T, changes)
    # What could be refunded is what had been paid by T.
    if not cut.contracts:
        return
    first = cut.contracts[0]
    refunds = [RefundChange(first.contract_id)] if first.earned > first.refunded else []
    assert what_if(history, policy, T, refunds) == what_if(cut, policy, T, refunds)
    if refunds:
        assert refund_or_keep(
            history, policy, T, first.contract_id, pace=NO_WORK
        ) == refund_or_keep(cut, policy, T, first.contract_id, pace=NO_WORK)
    options = {"size": Decimal("400"), "horizon_months": 12}
    assert fewest_contracts(history, policy, T, **options) == fewest_contracts(  # type: ignore[arg-type]
        cut,
        policy,
        T,
        **options,  # type: ignore[arg-type]
    )
    assert date_at_pace(history, policy, T, per_month=2, **options) == date_at_pace(  # type: ignore[arg-type]
        cut,
        policy,
        T,
        per_month=2,
        **options,  # type: ignore[arg-type]
    )
    assert screen_client(first.client_id, history.contracts, policy, T) == screen_client(
        first.client_id, cut.contracts, policy, T
    )


@pytest.mark.parametrize("name", POLICIES)
def test_a_contract_not_started_yet_cannot_be_changed(name: str) -> None:
    from jobscore.errors import InvalidInput

    later = ContractFacts("k9", "c9", started_at=T + timedelta(days=1), earned=Decimal("100"))
    with pytest.raises(InvalidInput, match="no contract 'k9'"):
        what_if(History("me", (later,)), CATALOG.policy(name), T, [RefundChange("k9")])
