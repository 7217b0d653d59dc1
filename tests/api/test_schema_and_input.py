"""The schema documents every error a route answers, with the one error body; and the API
reads a request as the schema says, refusing what would change its meaning. (Each case here
is one the schema fuzzing found, or one of its kind.)"""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import Market
from tests.api.test_error_shape import error_of

ERROR_BODY = {"$ref": "#/components/schemas/ErrorBody"}


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]


def test_every_operation_documents_its_errors_with_the_error_body(memory_market: Market) -> None:
    schema = memory_market.get(None, "/openapi.json").json()
    assert set(schema["components"]["schemas"]["ErrorBody"]["properties"]) == {"error"}
    detail = schema["components"]["schemas"]["ErrorDetail"]
    assert set(detail["properties"]) == {"code", "message", "record", "field"}
    # FastAPI's own validation error body is never sent, so it is not described.
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    found = operations(schema)
    assert len(found) >= 12
    for method, path, operation in found:
        errors = {s: r for s, r in operation["responses"].items() if s.startswith("4")}
        assert "401" in errors, (method, path)
        for status, response in errors.items():
            assert response["content"]["application/json"]["schema"] == ERROR_BODY, status


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("post", "/freelancers", {"401", "403", "409", "422"}),
        ("post", "/contracts/{contract_id}/payments", {"401", "403", "404", "409", "422"}),
        ("get", "/contracts/{contract_id}", {"401", "403", "404", "422"}),
        ("get", "/freelancers/{freelancer_id}/score", {"401", "404", "422"}),
        ("get", "/audit", {"401", "403", "422"}),
    ],
)
def test_the_statuses_a_route_may_answer(
    memory_market: Market, method: str, path: str, expected: set[str]
) -> None:
    schema = memory_market.get(None, "/openapi.json").json()
    responses = schema["paths"][path][method]["responses"]
    assert {s for s in responses if s.startswith("4")} == expected


def test_a_body_that_cannot_be_read_is_a_malformed_body(memory_market: Market) -> None:
    answer = memory_market.http.post(
        "/freelancers",
        content=b'{"freelancer_id": "\xff"}',
        headers={**memory_market.headers("operator"), "Content-Type": "application/json"},
    )
    error = error_of(answer, 422)
    assert (error["code"], error["field"]) == ("invalid_input", "body")


@pytest.mark.parametrize("at", [1700000000, "1700000000", True])
def test_an_instant_is_iso_8601_text(memory_market: Market, at: Any) -> None:
    answer = memory_market.post("operator", "/freelancers", {"freelancer_id": "f9", "at": at})
    error = error_of(answer, 422)
    assert (error["code"], error["field"]) == ("invalid_input", "at")
    assert "ISO 8601" in error["message"]


@pytest.mark.parametrize(
    "body", [{"stars": True}, {"stars": "5"}, {"stars": 5, "private_score": "7"}]
)
def test_stars_and_private_scores_are_numbers(memory_market: Market, body: Any) -> None:
    memory_market.open_paid_contract()
    memory_market.ok("c1", "/contracts/k1/end", {"end_reason": "completed"})
    error = error_of(memory_market.post("c1", "/contracts/k1/feedback", body), 422)
    assert error["field"] in ("stars", "private_score")
    assert memory_market.post("c1", "/contracts/k1/feedback", {"stars": 5}).status_code == 201


def test_an_audit_cursor_past_any_sequence(market: Market) -> None:
    everything = market.get("operator", "/audit").json()
    largest = market.get("operator", "/audit", before=str(2**63 - 1))
    assert largest.json() == everything
    refused = market.get("operator", "/audit", before=str(2**63))
    assert error_of(refused, 422)["field"] == "before"
