"""The API over each store: in memory, a SQLite file, and a PostgreSQL schema of its own
(marked `postgres`), with a stepped clock and a token for each role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="needs jobscore[service]")

from fastapi.testclient import TestClient

from jobscore.api import create_app
from jobscore.domain.events import Role
from jobscore.service import Settings, SteppedClock, issue_token
from jobscore.store import MemoryStore, make_store
from jobscore.store.port import Store
from tests.conformance.store.conftest import (
    postgres_namespace,
    postgres_schema,
    postgres_url,
    sqlite_url,
)

__all__ = ["postgres_namespace", "postgres_schema", "postgres_url", "sqlite_url"]

#: The clock of every test starts here and moves a minute at each reading.
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

STORES = ["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def open_test_store(request: pytest.FixtureRequest, kind: str) -> Store:
    if kind == "memory":
        return MemoryStore()
    url = request.getfixturevalue("sqlite_url" if kind == "sqlite" else "postgres_url")
    return make_store(url)


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    opened = open_test_store(request, request.param)
    yield opened
    opened.close()


@dataclass
class Market:
    """A client of the API with a token for each role: the operator, client c1 and
    freelancer f1 (registered), another client c2 and freelancer f2."""

    http: TestClient
    store: Store
    clock: SteppedClock
    tokens: dict[str, str]

    def headers(self, who: str | None, key: str | None = None) -> dict[str, str]:
        headers = {} if who is None else {"Authorization": f"Bearer {self.tokens[who]}"}
        if key is not None:
            headers["Idempotency-Key"] = key
        return headers

    def post(self, who: str | None, path: str, body: Any, key: str | None = None) -> Any:
        return self.http.post(path, json=body, headers=self.headers(who, key))

    def get(self, who: str | None, path: str, **params: str) -> Any:
        return self.http.get(path, params=params, headers=self.headers(who))

    def ok(self, who: str | None, path: str, body: Any, key: str | None = None) -> Any:
        answer = self.post(who, path, body, key)
        assert answer.status_code == 201, answer.json()
        return answer.json()

    def open_paid_contract(self, contract_id: str = "k1", amount: str = "100") -> None:
        self.ok(
            "c1",
            "/contracts",
            {"contract_id": contract_id, "freelancer_id": "f1", "client_id": "c1"},
        )
        self.ok("c1", f"/contracts/{contract_id}/payments", {"amount": amount, "payment_id": "p1"})


def market_on(store: Store) -> Iterator[Market]:
    clock = SteppedClock(START, timedelta(minutes=1))
    tokens = {
        "operator": issue_token(store, Role.OPERATOR),
        "c1": issue_token(store, Role.CLIENT, "c1"),
        "c2": issue_token(store, Role.CLIENT, "c2"),
        "f1": issue_token(store, Role.FREELANCER, "f1"),
        "f2": issue_token(store, Role.FREELANCER, "f2"),
    }
    with TestClient(create_app(Settings(), store=store, clock=clock)) as http:
        market = Market(http, store, clock, tokens)
        for freelancer in ("f1", "f2"):
            market.ok("operator", "/freelancers", {"freelancer_id": freelancer})
        for client in ("c1", "c2"):
            market.ok("operator", "/clients", {"client_id": client})
        yield market


@pytest.fixture
def market(store: Store) -> Iterator[Market]:
    yield from market_on(store)


@pytest.fixture
def memory_market() -> Iterator[Market]:
    """The market in memory only, for tests about the API itself rather than the store."""
    yield from market_on(MemoryStore())
