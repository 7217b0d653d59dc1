"""The one clock the service reads: the system's in production, a fixed or stepped one in
tests and demos. Nothing else in the service asks what time it is."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Protocol

__all__ = ["Clock", "FixedClock", "SteppedClock", "SystemClock"]


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, aware, in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """Always the same instant, until a test moves it."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def advance(self, by: timedelta) -> None:
        self.at += by


class SteppedClock:
    """Each reading is `step` after the one before: every write gets its own instant."""

    def __init__(self, start: datetime, step: timedelta = timedelta(seconds=1)) -> None:
        self._next = start
        self._step = step
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            at = self._next
            self._next += self._step
            return at

    def advance(self, by: timedelta) -> None:
        """Jump ahead, as days passing between two requests."""
        with self._lock:
            self._next += by
