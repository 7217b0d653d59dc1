"""The tools' routes refuse what they cannot answer with the one error body, naming the record
and the field; what-if records nothing; and each freelancer's tools are its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import Market
from tests.api.tool_market import AS_OF_TEXT, stock


@pytest.fixture
def stocked(market: Market, tmp_path: Path) -> Market:
    return stock(market, tmp_path)


@pytest.fixture
def in_memory(memory_market: Market, tmp_path: Path) -> Market:
    """For what the API checks before the store is read: on one store only."""
    return stock(memory_market, tmp_path)


def error(answer: Any, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    found: dict[str, Any] = answer.json()["error"]
    return found


def whatif(market: Market, who: str, changes: list[Any], **query: str) -> Any:
    return market.http.post(
        "/freelancers/ana/whatif",
        json={"changes": changes},
        params={"as_of": AS_OF_TEXT, **query},
        headers=market.headers(who),
    )


def test_an_unknown_contract_is_not_found(stocked: Market) -> None:
    found = error(stocked.get("ana", "/freelancers/ana/refund-or-keep/nope"), 404)
    assert (found["code"], found["record"], found["field"]) == (
        "not_found",
        "contract nope",
        "contract_id",
    )
    # Another freelancer's contract is not in this one's history.
    found = error(stocked.get("ana", "/freelancers/ana/refund-or-keep/m1"), 404)
    assert (found["record"], found["field"]) == ("contract m1", "contract_id")
    found = error(whatif(stocked, "ana", ["add:1@300", "refund:nope"]), 404)
    assert (found["record"], found["field"]) == ("contract nope", "changes.1")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ("bogus", "write a change as KIND:"),
        ("paint:k1", "KIND one of refund, feedback"),
        ("refund:", "KIND one of"),
        ("feedback:k1", "use feedback:CONTRACT_ID:STARS[:PRIVATE]"),
        ("feedback:k1:lots", "'lots' is not a number"),
        ("add:3x500", "use add:N@AMOUNT"),
        ("add:3@12,5", "12,5"),
        ("refund:k1:abc", "abc"),
        ("clock:someday", "someday"),
        ("close:k8:0205-03-01", "outside the years"),
    ],
)
def test_bad_change_text_names_its_item(in_memory: Market, change: str, words: str) -> None:
    found = error(whatif(in_memory, "ana", ["refund:k5", change]), 422)
    assert (found["code"], found["field"]) == ("invalid_input", "changes.1")
    assert words in found["message"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ("refund:k1:5000", "refund"),
        ("feedback:k1:9", "stars"),
        ("clock:2020-01-01", "clock"),
        ("add:0@500", "add"),
    ],
)
def test_a_change_the_history_cannot_take_is_refused(
    in_memory: Market, change: str, field: str
) -> None:
    found = error(whatif(in_memory, "ana", [change]), 422)
    assert found["field"] == field


def test_a_change_that_is_not_text_is_refused(in_memory: Market) -> None:
    found = error(whatif(in_memory, "ana", [{"refund": "k1"}]), 422)
    assert found["field"] == "changes.0"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"pace": "fast"}, "pace"),
        ({"pace": "0/month"}, "pace"),
        ({"by": "next year"}, "by"),
        ({"by": "2020-01-01"}, "by"),
        ({"target": "150"}, "target"),
        ({"target": "high"}, "target"),
        ({"as_of": "yesterday"}, "as_of"),
    ],
)
def test_bad_recover_options_name_their_field(
    in_memory: Market, query: dict[str, str], field: str
) -> None:
    found = error(
        in_memory.get("ana", "/freelancers/ana/recover", **{"as_of": AS_OF_TEXT, **query}), 422
    )
    assert found["field"] == field


def test_an_unknown_policy_is_refused(in_memory: Market) -> None:
    for path in ("/freelancers/ana/badges", "/clients/acme/risk", "/freelancers/ana/recover"):
        assert error(in_memory.get("ana", path, policy="nope"), 422)["code"] == "unknown_policy"


def test_unknown_freelancers_and_clients_are_not_found(stocked: Market) -> None:
    found = error(stocked.get("operator", "/freelancers/nobody/badges"), 404)
    assert (found["record"], found["field"]) == ("freelancer nobody", "freelancer_id")
    found = error(stocked.get("operator", "/clients/nobody/risk"), 404)
    assert (found["record"], found["field"]) == ("client nobody", "client_id")


def test_a_contract_refunded_in_full_has_nothing_to_decide(stocked: Market) -> None:
    found = error(stocked.get("ben", "/freelancers/ben/refund-or-keep/m3", as_of=AS_OF_TEXT), 422)
    assert (found["record"], found["field"]) == ("contract m3", "contract_id")


@pytest.mark.parametrize(
    ("who", "method", "path"),
    [
        ("ben", "POST", "/freelancers/ana/whatif"),
        ("ben", "GET", "/freelancers/ana/badges"),
        ("ben", "GET", "/freelancers/ana/recover"),
        ("ben", "GET", "/freelancers/ana/refund-or-keep/k5"),
        ("dune", "GET", "/clients/acme/risk"),
    ],
)
def test_tools_are_their_owners(in_memory: Market, who: str, method: str, path: str) -> None:
    if method == "POST":
        answer = in_memory.post(who, path, {"changes": []})
    else:
        answer = in_memory.get(who, path)
    found = error(answer, 403)
    assert found["field"] in ("freelancer_id", "client_id")


def test_whatif_records_nothing(stocked: Market) -> None:
    log = stocked.store.audit(limit=1000)
    state = stocked.store.state()
    answer = whatif(stocked, "ana", ["refund:k5", "feedback:k9:1:0", "close:k8", "add:2@500"])
    assert answer.status_code == 200, answer.text
    assert [a["label"] for a in answer.json()["after"]] == ["after"]
    assert stocked.store.audit(limit=1000) == log
    assert stocked.store.state() == state
