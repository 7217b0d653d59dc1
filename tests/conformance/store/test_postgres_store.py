"""The store contract on PostgreSQL (JOBSCORE_TEST_DATABASE_URL), each test in a schema of
its own."""

from __future__ import annotations

from collections.abc import Callable

import pytest

pytest.importorskip("sqlalchemy", reason="needs jobscore[service]")

from jobscore.store import make_store
from jobscore.store.port import Store
from tests.conformance.store.contract import OpenStore
from tests.conformance.store.sql_contract import SqlStoreContract

pytestmark = pytest.mark.postgres


class TestPostgresStore(SqlStoreContract):
    @pytest.fixture
    def open_store(self, postgres_url: str, closing: Callable[[Store], Store]) -> OpenStore:
        return lambda: closing(make_store(postgres_url))
