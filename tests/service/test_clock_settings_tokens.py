"""The service's clock, settings and tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from jobscore.domain.events import Role
from jobscore.errors import InvalidInput, Unauthorized
from jobscore.service import (
    Caller,
    FixedClock,
    Settings,
    SteppedClock,
    SystemClock,
    authenticate,
    hash_token,
    issue_token,
)
from jobscore.store import MemoryStore

T0 = datetime(2026, 3, 2, tzinfo=UTC)


def test_clocks() -> None:
    assert SystemClock().now().tzinfo is not None
    fixed = FixedClock(T0)
    assert fixed.now() == fixed.now() == T0
    fixed.advance(timedelta(days=1))
    assert fixed.now() == T0 + timedelta(days=1)
    stepped = SteppedClock(T0, timedelta(seconds=5))
    assert [stepped.now(), stepped.now()] == [T0, T0 + timedelta(seconds=5)]
    stepped.advance(timedelta(days=2))
    assert stepped.now() == T0 + timedelta(days=2, seconds=10)


def test_settings_come_from_the_environment_handed_in() -> None:
    assert Settings.from_environment({}) == Settings()
    assert Settings().database_url == "sqlite:///jobscore.db"
    url = "postgresql://u@h/db"
    assert Settings.from_environment({"JOBSCORE_DATABASE_URL": url}).database_url == url


def test_a_token_is_kept_by_its_hash_and_speaks_for_its_holder() -> None:
    store = MemoryStore()
    token = issue_token(store, Role.FREELANCER, "f1")
    assert store.find_token(token) is None
    assert store.find_token(hash_token(token)) is not None
    assert authenticate(store, token) == Caller(Role.FREELANCER, "f1")
    assert authenticate(store, issue_token(store, Role.OPERATOR)) == Caller(Role.OPERATOR)
    with pytest.raises(Unauthorized):
        authenticate(store, "not-a-token")
    with pytest.raises(InvalidInput):
        issue_token(store, Role.CLIENT)
