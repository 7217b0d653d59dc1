"""Schema fuzzing: schemathesis generates requests from the API's own `/openapi.json`, for
every operation it lists, and sends them to the app in process (no network), with the
operator's token and with none, on a store in memory and a SQLite file. No answer may be a
server error, and every answer must be one the schema documents: its status, its content
type, its headers and its body; and a request the schema calls invalid is refused.

Half the generated path parameters and bodies name the records the store holds (freelancer
f1, client c1, contract k1, paid), so that reads and writes get past "unknown record" to
real answers. The operations are the schema's: a route added to the app is fuzzed too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("schemathesis", reason="needs jobscore[dev]")

import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from jobscore.api import create_app
from jobscore.domain.events import Role
from jobscore.service import FixedClock, Settings, issue_token
from jobscore.store import MemoryStore, make_store
from jobscore.store.port import Store
from tests.api.conftest import START

#: Examples per operation and caller: enough to reach every status a route answers, while
#: the whole run stays well under a minute.
EXAMPLES = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    # A request the schema calls invalid is refused (4xx): the schema's limits are the API's.
    negative_data_rejection,
]
#: Records the store holds, by the name of the path parameter that names one.
KNOWN = {"freelancer_id": "f1", "client_id": "c1", "contract_id": "k1"}

# The schema as the app serves it; the requests go to each test's own app (`app=`).
schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(Settings(), store=MemoryStore(), clock=FixedClock(START))
)


def _known(values: Any) -> Any:
    """A strategy: `values` as generated, or with every id of a known record's kind set to
    it. Only an id generated as a non-empty string is replaced, so that a request the schema
    calls invalid stays invalid."""
    if not isinstance(values, dict):
        return st.just(values)
    known = {
        name: KNOWN[name]
        for name, value in values.items()
        if name in KNOWN and isinstance(value, str) and value
    }
    return st.sampled_from([values, {**values, **known}]) if known else st.just(values)


@schema.hook
def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any] | None) -> Any:
    return _known(path_parameters)


@schema.hook
def flatmap_body(context: Any, body: Any) -> Any:
    return _known(body)


def _seeded(store: Store) -> dict[str, str]:
    """f1, c1 and k1 with one payment in the store; the operator's headers."""
    headers = {"Authorization": f"Bearer {issue_token(store, Role.OPERATOR)}"}
    with TestClient(create_app(Settings(), store=store, clock=FixedClock(START))) as http:
        for path, body in (
            ("/freelancers", {"freelancer_id": "f1"}),
            ("/clients", {"client_id": "c1"}),
            ("/contracts", {"contract_id": "k1", "freelancer_id": "f1", "client_id": "c1"}),
            ("/contracts/k1/payments", {"amount": "100", "payment_id": "p1"}),
        ):
            assert http.post(path, json=body, headers=headers).status_code == 201
    return headers


@pytest.fixture
def fuzzed(request: pytest.FixtureRequest) -> Iterator[tuple[FastAPI, dict[str, str]]]:
    """An app on a seeded store (`memory` or `sqlite`), and the caller's headers (the
    `operator`'s token, or none for `anonymous`)."""
    kind, who = request.param
    store = MemoryStore() if kind == "memory" else make_store(request.getfixturevalue("sqlite_url"))
    try:
        operator = _seeded(store)
        app = create_app(Settings(), store=store, clock=FixedClock(START))
        yield app, operator if who == "operator" else {}
    finally:
        store.close()


@pytest.mark.parametrize(
    "fuzzed",
    [("memory", "operator"), ("memory", "anonymous"), ("sqlite", "operator")],
    indirect=True,
    ids="-".join,
)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    # The same cases on every run, so that the suite passes or fails for a reason in the code:
    # a larger, random search is `--hypothesis-seed` away.
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_answer_is_one_the_schema_documents(
    case: Any, fuzzed: tuple[FastAPI, dict[str, str]]
) -> None:
    app, headers = fuzzed
    case.call_and_validate(app=app, headers=headers, checks=CHECKS)
