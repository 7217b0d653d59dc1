"""The store contract in memory: one instance is the whole store, so every "other instance"
is the same one, and the racing threads share it (and its lock)."""

from __future__ import annotations

import pytest

from jobscore.store import MemoryStore, make_store
from tests.conformance.store.contract import OpenStore, StoreContract


class TestMemoryStore(StoreContract):
    @pytest.fixture
    def open_store(self) -> OpenStore:
        store = make_store("memory://")
        assert isinstance(store, MemoryStore)
        return lambda: store
