"""The ideal observer's evidence: the chance of every record a simulated client can leave."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from tests.extras import skip_without

skip_without("sim")  # before the simulator's modules, which import numpy

import numpy as np  # noqa: E402

from jobscore.domain.enums import DisputeResult, EndReason, Kind  # noqa: E402
from jobscore.domain.facts import ContractFacts  # noqa: E402
from jobscore.simulate.clients import ClientKind, Ending, end_contract  # noqa: E402
from jobscore.simulate.likelihood import (  # noqa: E402
    feedback_pending,
    outcome_likelihoods,
)

START = datetime(2024, 3, 4, tzinfo=UTC)
END = START + timedelta(days=20)
LATER = END + timedelta(days=60)
EARNED = Decimal(100)
REFUNDS = {"none": Decimal(0), "partial": Decimal(37), "full": EARNED}
STARS = [round(1.0 + 0.1 * i, 1) for i in range(41)]


def _contract(
    kind: Kind,
    reason: EndReason,
    dispute: DisputeResult | None,
    refunded: Decimal,
    stars: float | None,
    private: int | None,
) -> ContractFacts:
    return ContractFacts(
        contract_id="k1",
        client_id="c1",
        started_at=START,
        earned=EARNED,
        kind=kind,
        ended_at=END,
        end_reason=reason,
        refunded=refunded,
        stars=stars,
        private_score=private,
        feedback_at=END + timedelta(days=1) if stars is not None else None,
        dispute=dispute,
    )


def _every_record(kind: Kind) -> list[ContractFacts]:
    feedback = [(None, None), *list(itertools.product(STARS, [None, *range(11)]))]
    return [
        _contract(kind, reason, dispute, refunded, stars, private)
        for reason in EndReason
        for dispute in (None, *DisputeResult)
        for refunded in REFUNDS.values()
        for stars, private in feedback
    ]


@pytest.mark.parametrize("job", [Kind.FIXED, Kind.HOURLY])
def test_every_record_a_client_can_leave_has_chances_that_add_up_to_one(job: Kind) -> None:
    records = _every_record(job)
    for client, inflation in itertools.product(ClientKind, (0.15, 0.7)):
        sums = [0.0, 0.0]
        for c in records:
            good, bad = outcome_likelihoods(
                c, client, inflation=inflation, private_chance=0.6, as_of=LATER
            )
            sums[0] += good
            sums[1] += bad
        assert sums == pytest.approx([1.0, 1.0], abs=1e-9), (client, inflation)


def _record(ending: Ending, job: Kind) -> ContractFacts:
    refunded = (EARNED * Decimal(str(ending.refund_share))).quantize(Decimal("1"))
    return _contract(
        job, ending.end_reason, ending.dispute, refunded, ending.stars, ending.private_score
    )


@pytest.mark.parametrize("client", list(ClientKind))
def test_the_chances_are_those_of_the_simulated_clients(client: ClientKind) -> None:
    # The records a client leaves, drawn by the simulator, come as often as their chance
    # says: within 4 standard errors for every record seen 60 times or more.
    rng = np.random.default_rng(7)
    draws = 3000
    for good, job in itertools.product((True, False), (Kind.FIXED, Kind.HOURLY)):
        counts = Counter(
            _record(end_contract(client, good, 0.4, job is Kind.FIXED, rng, 0.85), job)
            for _ in range(draws)
        )
        checked = 0
        for record, count in counts.items():
            chance = outcome_likelihoods(
                record, client, inflation=0.4, private_chance=0.85, as_of=LATER
            )[0 if good else 1]
            assert chance > 0, record
            if count >= 60:
                spread = 4 * math.sqrt(chance * (1 - chance) / draws) + 1e-3
                assert abs(count / draws - chance) <= spread, (record, count, chance)
                checked += 1
        assert checked > 0


def test_feedback_not_in_yet_is_not_read() -> None:
    c = _contract(Kind.FIXED, EndReason.COMPLETED, None, Decimal(0), 1.0, 1)
    as_of = END + timedelta(hours=13)  # the feedback (a day after the end) is not in yet
    pending = feedback_pending(END, as_of, 11, 12)
    # Feedback 12 hours after the end (day 0) would be in; on any later day it would not.
    assert pending == pytest.approx(10 / 11)
    good, bad = outcome_likelihoods(
        c, ClientKind.HONEST, inflation=0.2, private_chance=0.85, as_of=as_of, pending=pending
    )
    silent = 1 - 0.9 + 0.9 * pending
    assert (good, bad) == pytest.approx((silent, silent * 0.92 * 0.4 * 0.92 * 0.75))


def test_an_open_contract_tells_nothing() -> None:
    c = ContractFacts(contract_id="k", client_id="c", started_at=START, earned=EARNED)
    assert outcome_likelihoods(
        c, ClientKind.HARSH, inflation=0.5, private_chance=0.85, as_of=LATER
    ) == (1.0, 1.0)
