"""Every rule of the domain's catalogue (`jobscore.domain.rules.Rule`) is refused over HTTP by
one case of `test_rules_over_http.py` or `test_feedback_rules_over_http.py`, or is listed here
with what HTTP answers instead, and a test shows that answer. A new rule without either fails.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from jobscore.api import ACCESS
from jobscore.domain.rules import Rule
from tests.api import test_feedback_rules_over_http, test_rules_over_http
from tests.api.broken_rules import store_contents
from tests.api.conftest import Market

CASES = test_rules_over_http.CASES + test_feedback_rules_over_http.CASES

#: The rules that HTTP answers before the lifecycle can, and why.
ANSWERED_OTHERWISE = {
    # Every route that acts on a contract names it in its path, and the service answers an
    # unknown one as an unknown resource, before it builds a fact: 404 `not_found`, naming
    # the record and the field, as docs/service.md says of every unknown record.
    Rule.UNKNOWN_CONTRACT: 404,
}

#: A body each route would accept, but for the contract, by the last part of its path.
BODIES: dict[str, dict[str, Any]] = {
    "payments": {"amount": "1"},
    "refunds": {"amount": "1"},
    "end": {"end_reason": "completed"},
    "feedback": {"stars": 5, "by": "client"},
    "disputes": {"escrow": "0", "by": "client"},
    "resolution": {"freelancer_share": "0"},
    "edit-grant": {},
    "edit": {"stars": 5},
    "response": {"text": "Thanks."},
    "removal": {},
}

CONTRACT_WRITES = sorted(
    path for method, path in ACCESS if method == "POST" and "{contract_id}" in path
)


def test_every_rule_has_a_case_or_a_reason() -> None:
    covered = Counter(case.rule for case in CASES)
    assert [rule for rule, n in covered.items() if n > 1] == []
    assert set(covered).isdisjoint(ANSWERED_OTHERWISE)
    assert set(covered) | set(ANSWERED_OTHERWISE) == set(Rule)


def test_every_route_on_a_contract_is_walked() -> None:
    assert len(CONTRACT_WRITES) == 10
    assert {path.rsplit("/", 1)[1] for path in CONTRACT_WRITES} == set(BODIES)


@pytest.mark.parametrize("route", CONTRACT_WRITES)
def test_an_unknown_contract_is_not_found_and_nothing_is_stored(market: Market, route: str) -> None:
    market.open_paid_contract()
    before = store_contents(market.store)
    path = route.format(contract_id="nope", dispute_id="d1", author="client")

    answer = market.post("operator", path, BODIES[route.rsplit("/", 1)[1]], key="once")

    assert answer.status_code == ANSWERED_OTHERWISE[Rule.UNKNOWN_CONTRACT], answer.json()
    error = answer.json()["error"]
    assert (error["code"], error["record"], error["field"]) == (
        "not_found",
        "contract nope",
        "contract_id",
    )
    assert store_contents(market.store) == before


def test_the_comparison_sees_an_accepted_write(market: Market) -> None:
    """What the cases compare changes with any write, so an accepted one would fail them."""
    market.open_paid_contract()
    before = store_contents(market.store)
    market.ok("c1", "/contracts/k1/payments", {"amount": "1"}, key="one-more")
    after = store_contents(market.store)
    assert after != before
    assert {name for name in after if after[name] != before[name]} == set(after)
