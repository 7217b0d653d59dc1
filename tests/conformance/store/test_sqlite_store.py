"""The store contract on SQLite, and what SQLite's durability rests on: every connection in
WAL mode with full sync, and a write acknowledged before a kill -9 is there afterwards."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("sqlalchemy", reason="needs jobscore[service]")

from jobscore.domain.lifecycle import replay
from jobscore.store import make_store
from jobscore.store.migrate import upgrade
from jobscore.store.port import Store
from jobscore.store.sql import SqlStore
from tests.conformance.store.contract import OpenStore
from tests.conformance.store.sql_contract import SqlStoreContract
from tests.conformance.store.story import LIFECYCLE


class TestSqliteStore(SqlStoreContract):
    @pytest.fixture
    def open_store(self, sqlite_url: str, closing: Callable[[Store], Store]) -> OpenStore:
        return lambda: closing(make_store(sqlite_url))


def test_every_connection_is_in_wal_mode_with_full_sync(sqlite_url: str) -> None:
    store = make_store(sqlite_url)
    assert isinstance(store, SqlStore)
    try:
        for _ in range(3):
            with store.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
                assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()


def test_an_acknowledged_write_survives_a_kill(tmp_path: Path) -> None:
    """A process records the whole story, says so, and is killed with SIGKILL at once: the
    next process finds every fact."""
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    upgrade(url)
    code = textwrap.dedent(
        f"""
        import os, signal, sys
        from jobscore.store import make_store
        from tests.conformance.store.story import LIFECYCLE
        store = make_store({url!r})
        for recorded in LIFECYCLE:
            store.record(recorded)
        print("recorded", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    root = Path(__file__).parents[3]
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert done.stdout.strip() == "recorded"
    store = make_store(url)
    try:
        assert store.state() == replay(LIFECYCLE)
    finally:
        assert isinstance(store, SqlStore)
        store.close()


def test_the_state_follows_writes_made_by_another_process(sqlite_url: str) -> None:
    """A store instance keeps its state in memory; writes through another instance (another
    process, here another engine) show in it on the next read, and its own writes are judged
    against them."""
    mine, theirs = make_store(sqlite_url), make_store(sqlite_url)
    try:
        mine.record_all(LIFECYCLE[:10])
        assert theirs.state() == replay(LIFECYCLE[:10])
        theirs.record_all(LIFECYCLE[10:15])
        mine.record_all(LIFECYCLE[15:])
        assert mine.state() == theirs.state() == replay(LIFECYCLE)
        assert len(mine.audit(limit=100)) == len(LIFECYCLE)
    finally:
        for store in (mine, theirs):
            assert isinstance(store, SqlStore)
            store.close()
