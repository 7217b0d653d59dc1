"""The log's JSON body: every kind of fact reads back as it was written, and equal facts have
equal digests (the same amount written 10 or 10.00, the same stars 5 or 5.0)."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from jobscore.domain.events import FreelancerRegistered, PaymentMade, Recorded, Role
from jobscore.store.codec import (
    FACT_KINDS,
    decode_fact,
    encode_fact,
    fact_digest,
    request_digest,
    to_json,
)
from tests.conformance.store.story import LIFECYCLE, at


def test_the_story_holds_every_kind_of_fact() -> None:
    assert {type(r.fact) for r in LIFECYCLE} == set(FACT_KINDS.values())


@pytest.mark.parametrize("recorded", LIFECYCLE, ids=lambda r: type(r.fact).__name__)
def test_a_fact_reads_back_as_written(recorded: Recorded) -> None:
    document = json.loads(to_json(encode_fact(recorded.fact)))
    assert decode_fact(document) == recorded.fact
    assert fact_digest(decode_fact(document)) == fact_digest(recorded.fact)


def test_equal_facts_have_equal_digests() -> None:
    paid = PaymentMade(at("2025-01-10"), "k1", "p1", Decimal("10"))
    assert fact_digest(paid) == fact_digest(replace(paid, amount=Decimal("10.00")))
    assert fact_digest(paid) != fact_digest(replace(paid, amount=Decimal("10.001")))
    assert fact_digest(paid) != fact_digest(replace(paid, payment_id="p2"))
    feedback = LIFECYCLE[11].fact
    assert fact_digest(feedback) == fact_digest(replace(feedback, stars=4))  # type: ignore[type-var]


def test_a_request_is_the_fact_and_who_records_it_not_when() -> None:
    fact = FreelancerRegistered(at("2025-01-01"), "f1")
    first = Recorded(fact, at("2025-01-01"), Role.OPERATOR, None, "k")
    assert request_digest(first) == request_digest(replace(first, recorded_at=at("2025-02-01")))
    assert request_digest(first) != request_digest(replace(first, actor_id="op2"))
