"""The tools' cheap route to the bayes score gives exactly the reference figures.

`posterior_parameters` sums the per-contract terms without building each contract's
explanation, and a memo shared by many readings (other instants, variants of the history)
reuses what it can: a contract's classification once it is settled (`settled_at`), every
term of a contract already seen at that instant. None of that may change a single bit.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jobscore.domain.enums import DisputeResult, EndReason
from jobscore.domain.facts import ContractFacts, History
from jobscore.scoring.bayes.evidence import rehired
from jobscore.scoring.bayes.policy import BAYES, BayesPolicy
from jobscore.scoring.bayes.scorer import (
    EvidenceMemo,
    gather_evidence,
    posterior,
    posterior_parameters,
)
from jobscore.scoring.upwork.outcomes import classify, settled_at
from jobscore.scoring.upwork.policy import UPWORK_2015
from tests.builders import AS_OF

CLIENTS = ["c1", "c2", "c3", "c4"]
POLICIES = [BAYES, BAYES.with_params(counting=UPWORK_2015, half_life_months=3.0)]


def _days(n: int) -> timedelta:
    return timedelta(days=n)


@st.composite
def contracts(draw: st.DrawFn, number: int) -> ContractFacts:
    """Any contract, open or ended, with or without feedback (late, mid-contract, removed),
    a flagged client, paid quarters, refunds, disputes: every branch of `classify`."""
    started = AS_OF + _days(draw(st.integers(-1500, 200)))
    length = draw(st.integers(1, 500))
    ended = None if draw(st.integers(0, 3)) == 0 else started + _days(length)
    rated = draw(st.booleans())
    earned = draw(st.integers(0, 5000))
    return ContractFacts(
        contract_id=f"k{number}",
        client_id=draw(st.sampled_from(CLIENTS)),
        started_at=started,
        earned=Decimal(earned),
        ended_at=ended,
        end_reason=draw(st.none() | st.sampled_from(list(EndReason))),
        refunded=Decimal(draw(st.integers(0, earned))) if draw(st.booleans()) else Decimal(0),
        last_payment_at=started + _days(draw(st.integers(0, length))) if ended is None else None,
        paid_quarters=draw(st.none() | st.integers(0, 6)),
        stars=draw(st.sampled_from([1.0, 3.5, 4.2, 4.8, 5.0])) if rated else None,
        private_score=draw(st.none() | st.integers(0, 10)) if rated else None,
        feedback_at=started + _days(draw(st.integers(0, length + 14)))
        if rated and draw(st.booleans())
        else None,
        feedback_removed=rated and draw(st.integers(0, 5)) == 0,
        dispute=draw(st.none() | st.sampled_from(list(DisputeResult))),
        client_flagged=draw(st.integers(0, 7)) == 0,
        client_stars_given_mean=draw(st.none() | st.floats(1.0, 5.0)),
        client_stars_given_count=draw(st.integers(0, 40)),
    )


@st.composite
def histories(draw: st.DrawFn) -> History:
    size = draw(st.integers(0, 10))
    return History("me", tuple(draw(contracts(n)) for n in range(size)))


instants = st.lists(st.integers(-400, 900).map(lambda d: AS_OF + _days(d)), min_size=1, max_size=6)


def _variant(h: History, index: int, earned: int, stars: float | None) -> History:
    """`h` with one contract changed, as a what-if path changes it: a new object."""
    if not h.contracts:
        return h
    index %= len(h.contracts)
    changed = replace(h.contracts[index], refunded=Decimal(0), earned=Decimal(earned), stars=stars)
    return h.with_contracts((*h.contracts[:index], changed, *h.contracts[index + 1 :]))


def _reference(h: History, policy: BayesPolicy, at: datetime) -> tuple[float, float]:
    full = posterior(gather_evidence(h, policy, at), policy)
    return full.alpha, full.beta


@given(histories(), instants, st.sampled_from(POLICIES))
def test_the_posterior_alone_is_the_reference_posterior(
    h: History, at: list[datetime], policy: BayesPolicy
) -> None:
    for instant in at:
        assert posterior_parameters(h, policy, instant) == _reference(h, policy, instant)


@given(
    histories(),
    instants,
    st.sampled_from(POLICIES),
    st.integers(0, 9),
    st.integers(0, 3000),
    st.none() | st.sampled_from([1.0, 5.0]),
)
def test_a_memo_shared_by_instants_and_variants_changes_nothing(
    h: History,
    at: list[datetime],
    policy: BayesPolicy,
    index: int,
    earned: int,
    stars: float | None,
) -> None:
    memo = EvidenceMemo()
    variant = _variant(h, index, earned, stars)
    # The tools read paths month by month, one path after another: instants out of order too.
    for instant in [*at, *reversed(at)]:
        for one in (h, variant):
            expected = _reference(one, policy, instant)
            assert posterior_parameters(one, policy, instant, memo) == expected
            assert gather_evidence(one, policy, instant, memo) == gather_evidence(
                one, policy, instant
            )


@given(histories(), st.integers(0, 2000), st.sampled_from(POLICIES))
def test_a_settled_contract_is_classified_alike_ever_after(
    h: History, later: int, policy: BayesPolicy
) -> None:
    for c in h.contracts:
        settled = settled_at(c)
        if settled is None:
            assert c.ended_at is None
            continue
        assert settled >= max(c.started_at, c.ended_at or c.started_at)
        counting = policy.counting
        first = classify(c, h, counting, settled)
        assert classify(c, h, counting, settled + _days(later)) == first
        assert classify(c, h, counting, settled + timedelta(seconds=later)) == first


@given(histories(), instants, st.sampled_from(POLICIES))
def test_the_rehire_flags_are_those_of_rehired(
    h: History, at: list[datetime], policy: BayesPolicy
) -> None:
    # Without a rehire term p is each contract's own evidence, which `rehired` looks at.
    plain = policy.with_params(rehire_coef=0.0)
    for instant in at:
        own = gather_evidence(h, plain, instant)
        base_p = [e.p if e.counted else None for e in own]
        for index, e in enumerate(gather_evidence(h, policy, instant)):
            expected = e.counted and rehired(index, h.contracts, base_p, policy, instant)
            assert e.rehired == expected
