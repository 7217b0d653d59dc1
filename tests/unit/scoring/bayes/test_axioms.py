"""§4.4: every axiom of the bayes policy as a Hypothesis property."""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jobscore.domain.enums import DisputeResult, EndReason
from jobscore.domain.facts import ContractFacts
from jobscore.scoring import score
from jobscore.scoring.bayes.policy import BAYES
from jobscore.scoring.bayes.scorer import ContractEvidence, gather_evidence, posterior
from tests.builders import AS_OF, contract, history

CLIENTS = ["c1", "c2", "c3", "c4", "c5"]


@st.composite
def contracts(draw: st.DrawFn, number: int) -> ContractFacts:
    start_day = draw(st.integers(0, 900))
    length = draw(st.integers(1, 400))
    started = AS_OF.replace(year=2023) + _days(start_day)
    ended = started + _days(length)
    is_open = draw(st.booleans()) and draw(st.booleans())
    earned = draw(st.integers(0, 6000))
    return ContractFacts(
        contract_id=f"k{number}",
        client_id=draw(st.sampled_from(CLIENTS)),
        started_at=started,
        earned=Decimal(earned),
        ended_at=None if is_open or ended > AS_OF else ended,
        last_payment_at=None,
        refunded=Decimal(draw(st.integers(0, earned))) if draw(st.booleans()) else Decimal(0),
        end_reason=draw(st.none() | st.sampled_from(list(EndReason))),
        stars=None
        if is_open
        else draw(st.none() | st.sampled_from([1.0, 2.5, 3.8, 4.4, 4.9, 5.0])),
        private_score=None if is_open else draw(st.none() | st.integers(0, 10)),
        dispute=draw(st.none() | st.sampled_from(list(DisputeResult))),
        client_stars_given_mean=draw(st.none() | st.floats(1.0, 5.0)),
        client_stars_given_count=draw(st.integers(0, 40)),
    )


def _days(n: int):  # type: ignore[no-untyped-def]
    from datetime import timedelta

    return timedelta(days=n)


@st.composite
def histories(draw: st.DrawFn, max_size: int = 8):  # type: ignore[no-untyped-def]
    size = draw(st.integers(0, max_size))
    return history(*(draw(contracts(i)) for i in range(size)))


def score_of(h) -> float:  # type: ignore[no-untyped-def]
    return posterior(gather_evidence(h, BAYES, AS_OF), BAYES).mean * 100


def certain_good(client: str, started: str = "2025-06-01") -> ContractFacts:
    """Every signal good, from a client not known to be lenient: p = 1 exactly."""
    return contract(
        "new",
        client,
        started=started,
        ended="2025-07-01",
        earned=800,
        private_score=10,
        stars=5.0,
        end_reason=EndReason.COMPLETED,
    )


def certain_bad(client: str, started: str = "2025-06-01") -> ContractFacts:
    """Every signal bad: p = 0 exactly."""
    return contract(
        "new",
        client,
        started=started,
        ended="2025-07-01",
        earned=800,
        private_score=0,
        stars=1.0,
        end_reason=EndReason.QUALITY,
        dispute=DisputeResult.LOST,
    )


def test_empty_history_scores_the_prior_mean() -> None:
    result = score(history(), BAYES, AS_OF)
    # Beta(6, 1) has mean 6 / 7 = 85.714...%.
    assert abs((result.score or 0) - 600 / 7) < 1e-9
    assert result.eligible


@given(histories())
def test_a_score_exists_for_any_history(h) -> None:  # type: ignore[no-untyped-def]
    result = score(h, BAYES, AS_OF)
    assert result.score is not None
    assert 0.0 <= result.score <= 100.0
    assert result.interval is not None
    assert result.interval[0] <= result.score <= result.interval[1]


@given(histories(), st.sampled_from([*CLIENTS, "fresh"]), st.integers(0, 700))
def test_one_more_good_outcome_never_lowers_the_score(h, client, day) -> None:  # type: ignore[no-untyped-def]
    added = replace(
        certain_good(client),
        started_at=AS_OF.replace(year=2024) + _days(day),
        ended_at=AS_OF.replace(year=2024) + _days(day + 20),
        client_stars_given_mean=None,
    )
    evidence = gather_evidence(h.with_contracts((*h.contracts, added)), BAYES, AS_OF)
    assert evidence[-1].p == 1.0
    assert score_of(h.with_contracts((*h.contracts, added))) >= score_of(h) - 1e-9


@given(histories(), st.sampled_from([*CLIENTS, "fresh"]), st.integers(0, 700))
def test_one_more_bad_outcome_never_raises_the_score(h, client, day) -> None:  # type: ignore[no-untyped-def]
    added = replace(
        certain_bad(client),
        started_at=AS_OF.replace(year=2024) + _days(day),
        ended_at=AS_OF.replace(year=2024) + _days(day + 20),
    )
    evidence = gather_evidence(h.with_contracts((*h.contracts, added)), BAYES, AS_OF)
    assert evidence[-1].p == 0.0
    assert score_of(h.with_contracts((*h.contracts, added))) <= score_of(h) + 1e-9


@given(histories(), st.randoms())
def test_the_order_of_records_never_changes_the_score(h, rnd: random.Random) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(h.contracts)
    rnd.shuffle(shuffled)
    a, b = score(h, BAYES, AS_OF), score(h.with_contracts(tuple(shuffled)), BAYES, AS_OF)
    assert abs((a.score or 0) - (b.score or 0)) < 1e-9
    assert a.interval is not None
    assert b.interval is not None
    assert abs(a.interval[0] - b.interval[0]) < 1e-9


@given(histories(max_size=10), st.sampled_from(CLIENTS))
def test_one_clients_influence_is_bounded(h, client) -> None:  # type: ignore[no-untyped-def]
    # Removing a client whose capped weight is W ≤ cap moves the mean by at most
    # W / (α₀ + β₀ + W) ≤ cap / (α₀ + β₀ + cap) = 4 / 11.
    without = h.with_contracts(tuple(c for c in h.contracts if c.client_id != client))
    bound = (
        100
        * BAYES.client_weight_cap
        / (BAYES.prior_alpha + BAYES.prior_beta + BAYES.client_weight_cap)
    )
    assert abs(score_of(h) - score_of(without)) <= bound + 1e-9


@given(histories(), st.sampled_from([*CLIENTS, "fresh"]), st.integers(1, 5000))
def test_a_full_refund_with_no_feedback_changes_nothing(h, client, earned) -> None:  # type: ignore[no-untyped-def]
    refunded = contract(
        "refunded",
        client,
        started="2025-03-01",
        ended="2025-04-01",
        earned=earned,
        refunded=earned,
        end_reason=EndReason.CANCELLED,
    )
    assert abs(score_of(h.with_contracts((*h.contracts, refunded))) - score_of(h)) < 1e-12


@given(
    st.lists(
        st.tuples(st.sampled_from(CLIENTS), st.floats(0.01, 8.0), st.floats(0.0, 1.0)), max_size=12
    ),
    st.sampled_from(CLIENTS),
    st.floats(0.01, 8.0),
)
def test_certain_evidence_moves_the_posterior_the_right_way_even_under_the_cap(
    items, client, weight
) -> None:  # type: ignore[no-untyped-def]
    def ev(i: int, c: str, w: float, p: float) -> ContractEvidence:
        return ContractEvidence(f"e{i}", c, None, AS_OF, base_weight=w, decay=1.0, p=p)

    base = [ev(i, c, w, p) for i, (c, w, p) in enumerate(items)]
    before = posterior(base, BAYES).mean
    assert posterior([*base, ev(99, client, weight, 1.0)], BAYES).mean >= before - 1e-12
    assert posterior([*base, ev(99, client, weight, 0.0)], BAYES).mean <= before + 1e-12


@given(histories(max_size=10))
def test_points_are_the_score_minus_a_full_rescore_without_the_contract(h) -> None:  # type: ignore[no-untyped-def]
    # explain's points come from swapping one client's part of the posterior; they must equal
    # rescoring the whole history without the contract.
    result = score(h, BAYES, AS_OF)
    for item in result.contracts:
        rest = tuple(c for c in h.contracts if c.contract_id != item.contract_id)
        alone = score(h.with_contracts(rest), BAYES, AS_OF)
        assert item.points is not None
        assert abs(item.points - (result.score - alone.score)) < 1e-9
