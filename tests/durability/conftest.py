"""The databases of the durability tests: a new SQLite file, and a new, empty PostgreSQL
schema of its own (marked `postgres`). The server's own start creates their tables."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="needs jobscore[service]")

from tests.conformance.store.conftest import postgres_namespace, postgres_schema

__all__ = ["postgres_namespace", "postgres_schema"]
