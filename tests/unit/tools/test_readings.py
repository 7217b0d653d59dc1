"""The cheap route to the displayed score gives exactly what `Policy.score` gives."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jobscore.domain.facts import ContractFacts, History
from jobscore.scoring import get_policy, score
from jobscore.tools.readings import ReadingMemo, read_score, score_without_points
from tests.builders import AS_OF


@st.composite
def histories(draw: st.DrawFn) -> History:
    contracts = []
    for n in range(draw(st.integers(0, 12))):
        started = AS_OF - timedelta(days=draw(st.integers(0, 1500)))
        length = draw(st.integers(1, 400))
        ended = started + timedelta(days=length) if draw(st.booleans()) or n % 3 else None
        stars = draw(st.sampled_from([None, 1.0, 3.5, 4.2, 4.8, 5.0]))
        contracts.append(
            ContractFacts(
                contract_id=f"k{n}",
                client_id=f"c{draw(st.integers(0, 4))}",
                started_at=started,
                ended_at=ended,
                earned=Decimal(draw(st.sampled_from([0, 100, 400, 2000]))),
                stars=stars if ended is not None else None,
                last_payment_at=None if ended else started + timedelta(days=length),
            )
        )
    return History("me", tuple(contracts))


@given(histories(), st.integers(-400, 900), st.sampled_from(["upwork", "upwork-2015", "bayes"]))
def test_read_score_equals_the_policy_score(history: History, days: int, name: str) -> None:
    policy = get_policy(name)
    at = AS_OF + timedelta(days=days)
    reading = read_score(policy, history, at)
    result = score(history, policy, at)
    assert reading.score == result.score
    assert reading.window == result.window


@given(
    histories(),
    st.lists(st.integers(-400, 900), min_size=1, max_size=5),
    st.sampled_from(["upwork", "upwork-2015", "bayes"]),
    st.integers(0, 11),
)
def test_readings_sharing_a_memo_equal_the_policy_score(
    history: History, days: list[int], name: str, changed: int
) -> None:
    """As the tools read: paths that differ in one contract, instant after instant."""
    policy = get_policy(name)
    variants = [history]
    if history.contracts:
        index = changed % len(history.contracts)
        c = history.contracts[index]
        other = replace(c, refunded=c.earned, stars=None)
        variants.append(
            history.with_contracts(
                (*history.contracts[:index], other, *history.contracts[index + 1 :])
            )
        )
    memo = ReadingMemo()
    for at in [AS_OF + timedelta(days=d) for d in days]:
        for variant in variants:
            reading = read_score(policy, variant, at, memo)
            result = score(variant, policy, at)
            assert (reading.score, reading.window) == (result.score, result.window)


@given(histories(), st.integers(-400, 900), st.sampled_from(["upwork", "upwork-2015", "bayes"]))
def test_a_score_without_points_is_the_policy_score_otherwise(
    history: History, days: int, name: str
) -> None:
    policy = get_policy(name)
    at = AS_OF + timedelta(days=days)
    quick = score_without_points(policy, history, at)
    result = score(history, policy, at)
    assert (quick.score, quick.window, quick.windows) == (
        result.score,
        result.window,
        result.windows,
    )
    assert (quick.interval, quick.badges, quick.extra) == (
        result.interval,
        result.badges,
        result.extra,
    )
    assert [replace(c, points=None) for c in quick.contracts] == [
        replace(c, points=None) for c in result.contracts
    ]
