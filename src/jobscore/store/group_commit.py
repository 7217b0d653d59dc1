"""Group commit: writes that arrive while another is being committed share the next commit.

A durable commit waits for the disk (SQLite syncs its file, PostgreSQL its WAL), and writes
are made one at a time. So instead of one commit per write, the writes waiting when the
store's writer comes free are all made in one transaction and committed together: each is
answered only after that commit, so an acknowledged write is as durable as before, and the
disk is waited for once per group instead of once per write.

`GroupCommit.submit` is called by any number of threads. The first to find no group running
runs one with every item waiting (its own among them) through `run`, which answers each
item with its result or the exception it raised; the others wait for their answer. If `run`
raises, nothing of the group was committed and every item of it gets that exception.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar, cast

__all__ = ["GroupCommit"]

Item = TypeVar("Item")
Result = TypeVar("Result")


@dataclass(slots=True)
class _Waiting(Generic[Item, Result]):
    item: Item
    done: bool = False
    result: Result | None = None
    error: BaseException | None = None


class GroupCommit(Generic[Item, Result]):
    def __init__(self, run: Callable[[list[Item]], list[Result | Exception]]) -> None:
        self._run = run
        self._changed = threading.Condition()
        self._waiting: list[_Waiting[Item, Result]] = []
        self._running = False

    def waiting(self) -> int:
        """How many items wait for the next group."""
        with self._changed:
            return len(self._waiting)

    def submit(self, item: Item) -> Result:
        """Make `item` in the next group and answer its result (or raise its error)."""
        mine: _Waiting[Item, Result] = _Waiting(item)
        with self._changed:
            self._waiting.append(mine)
            while self._running and not mine.done:
                self._changed.wait()
            if not mine.done:
                self._running = True
                group, self._waiting = self._waiting, []
        if not mine.done:
            try:
                self._answer(group)
            finally:
                with self._changed:
                    self._running = False
                    self._changed.notify_all()
        if mine.error is not None:
            raise mine.error
        return cast(Result, mine.result)

    def _answer(self, group: list[_Waiting[Item, Result]]) -> None:
        try:
            outcomes = self._run([waiting.item for waiting in group])
        except BaseException as error:
            for waiting in group:
                waiting.error = error
                waiting.done = True
            raise
        for waiting, outcome in zip(group, outcomes, strict=True):
            if isinstance(outcome, Exception):
                waiting.error = outcome
            else:
                waiting.result = outcome
            waiting.done = True
