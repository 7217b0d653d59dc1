"""The catalog: every policy by name, each kind's entry, and its cheap routes to the score,
which give exactly what the full scorer gives."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobscore.domain.facts import ContractFacts, History
from jobscore.errors import UnknownPolicy
from jobscore.scoring import CATALOG, BayesPolicy, UpworkPolicy, get_policy, score
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
def test_a_reading_equals_the_policy_score(history: History, days: int, name: str) -> None:
    policy = get_policy(name)
    at = AS_OF + timedelta(days=days)
    reading = CATALOG.reader(policy).read(history, at)
    result = score(history, policy, at)
    assert reading.score == result.score
    assert reading.window == result.window


@given(
    histories(),
    st.lists(st.integers(-400, 900), min_size=1, max_size=5),
    st.sampled_from(["upwork", "upwork-2015", "bayes"]),
    st.integers(0, 11),
)
def test_readings_sharing_a_reader_equal_the_policy_score(
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
    reader = CATALOG.reader(policy)
    for at in [AS_OF + timedelta(days=d) for d in days]:
        for variant in variants:
            reading = reader.read(variant, at)
            result = score(variant, policy, at)
            assert (reading.score, reading.window) == (result.score, result.window)


@given(histories(), st.integers(-400, 900), st.sampled_from(["upwork", "upwork-2015", "bayes"]))
def test_a_score_without_points_is_the_policy_score_otherwise(
    history: History, days: int, name: str
) -> None:
    policy = get_policy(name)
    at = AS_OF + timedelta(days=days)
    quick = CATALOG.score_without_points(history, policy, at)
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


def test_every_policy_has_a_name_and_a_kind() -> None:
    assert CATALOG.names() == ("bayes", "upwork", "upwork-2015")
    assert CATALOG.policy(CATALOG.default).name == "upwork"
    for name in CATALOG.names():
        policy = CATALOG.policy(name)
        assert policy.name == name
        assert CATALOG.kind_of(policy).name == policy.kind


def test_a_new_policy_of_a_known_kind_needs_no_new_code() -> None:
    stricter = UpworkPolicy(name="strict", window_min_contracts=5)
    assert CATALOG.kind_of(stricter).name == "upwork"
    assert CATALOG.sql_plan(stricter, AS_OF, True).columns[0] == "freelancer_id"


def test_an_unknown_policy_is_refused_with_the_known_ones() -> None:
    with pytest.raises(UnknownPolicy, match="choose one of: bayes, upwork, upwork-2015"):
        CATALOG.policy("upwork-2030")


def test_the_catalog_cannot_be_changed_in_place() -> None:
    with pytest.raises(TypeError):
        CATALOG.policies["mine"] = BayesPolicy(name="mine")  # type: ignore[index]
    with pytest.raises(AttributeError):
        CATALOG.default = "bayes"  # type: ignore[misc]


@pytest.mark.parametrize("name", ["upwork", "upwork-2015", "bayes"])
def test_each_kind_plans_sql_with_the_batch_columns(name: str) -> None:
    plan = CATALOG.sql_plan(CATALOG.policy(name), AS_OF, True)
    assert plan.columns[:4] == ("freelancer_id", "score", "eligible", "window")
    assert "SELECT" in plan.sql
    assert (plan.interval_mass is not None) == (name == "bayes")
