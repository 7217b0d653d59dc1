"""One error body everywhere: the code, message, record and field, with the status the error
table gives, for jobscore's errors and for FastAPI's own."""

from __future__ import annotations

from typing import Any

import pytest

from jobscore.errors import ERROR_TABLE, Conflict, Forbidden, NotFound, RuleBroken, Unauthorized
from tests.api.conftest import Market

KEYS = {"code", "message", "record", "field"}


def error_of(answer: Any, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == KEYS
    assert isinstance(body["error"]["message"], str)
    assert body["error"]["message"]
    detail: dict[str, Any] = body["error"]
    return detail


def status_of(error: type) -> int:
    return int(ERROR_TABLE[error].http_status)


def test_a_broken_rule(memory_market: Market) -> None:
    memory_market.open_paid_contract()
    error = error_of(
        memory_market.post("f1", "/contracts/k1/refunds", {"amount": "150"}),
        status_of(RuleBroken),
    )
    assert error["code"] == "rule_broken"
    assert error["record"] == "contract k1"
    assert error["field"] == "amount"
    assert "refund_above_refundable" in error["message"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "freelancer_id"),
        ({"freelancer_id": "f9", "extra": 1}, "extra"),
        ({"freelancer_id": 7}, "freelancer_id"),
        ([], "body"),
    ],
)
def test_a_malformed_body(memory_market: Market, body: Any, field: str) -> None:
    error = error_of(memory_market.post("operator", "/freelancers", body), 422)
    assert error["code"] == "invalid_input"
    assert error["field"] == field


def test_a_body_that_is_not_json(memory_market: Market) -> None:
    answer = memory_market.http.post(
        "/freelancers", content=b"{", headers=memory_market.headers("operator")
    )
    assert error_of(answer, 422)["code"] == "invalid_input"


def test_money_that_is_not_a_number(memory_market: Market) -> None:
    memory_market.open_paid_contract()
    error = error_of(memory_market.post("c1", "/contracts/k1/payments", {"amount": "ten"}), 422)
    assert error["field"] == "amount"


def test_a_bad_as_of_and_an_unknown_policy(memory_market: Market) -> None:
    error = error_of(memory_market.get(None, "/freelancers/f1/score", as_of="yesterday"), 422)
    assert error["field"] == "as_of"
    error = error_of(memory_market.get(None, "/freelancers/f1/score", policy="nope"), 422)
    assert (error["code"], error["field"]) == ("unknown_policy", "policy")


def test_without_a_valid_token(memory_market: Market) -> None:
    error = error_of(
        memory_market.post(None, "/freelancers", {"freelancer_id": "f9"}), status_of(Unauthorized)
    )
    assert error["code"] == "unauthorized"
    answer = memory_market.http.get("/audit", headers={"Authorization": "Bearer not-a-token"})
    assert error_of(answer, 401)["field"] == "authorization"
    assert answer.headers["www-authenticate"] == "Bearer"
    answer = memory_market.http.get("/audit", headers={"Authorization": "Basic abc"})
    assert error_of(answer, 401)["code"] == "unauthorized"


def test_a_role_that_may_not(memory_market: Market) -> None:
    error = error_of(
        memory_market.post("c1", "/freelancers", {"freelancer_id": "f9"}), status_of(Forbidden)
    )
    assert error["code"] == "forbidden"


def test_an_unknown_record(memory_market: Market) -> None:
    error = error_of(
        memory_market.post("c1", "/contracts/nope/payments", {"amount": 1}), status_of(NotFound)
    )
    assert (error["code"], error["record"], error["field"]) == (
        "not_found",
        "contract nope",
        "contract_id",
    )
    error = error_of(memory_market.get(None, "/freelancers/nobody/score"), 404)
    assert error["record"] == "freelancer nobody"
    assert error_of(memory_market.get(None, "/no/such/route"), 404)["code"] == "not_found"


def test_a_key_reused_with_another_body(memory_market: Market) -> None:
    memory_market.ok("operator", "/freelancers", {"freelancer_id": "f8"}, key="k")
    error = error_of(
        memory_market.post("operator", "/freelancers", {"freelancer_id": "f9"}, key="k"),
        status_of(Conflict),
    )
    assert (error["code"], error["field"]) == ("conflict", "idempotency_key")


def test_a_method_the_route_does_not_have(memory_market: Market) -> None:
    answer = memory_market.http.delete("/audit", headers=memory_market.headers("operator"))
    assert error_of(answer, 405)["code"] == "http_error"


@pytest.mark.parametrize("amount", ["1e30", "-1e30", "NaN", "Infinity"])
def test_an_amount_the_store_cannot_keep_is_refused_naming_it(market: Market, amount: str) -> None:
    market.open_paid_contract()
    answer = market.post("c1", "/contracts/k1/payments", {"amount": amount})
    assert answer.status_code == 422, answer.json()
    assert answer.json()["error"]["field"] == "amount"
