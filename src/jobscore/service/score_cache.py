"""Score answers kept in memory for a moment, so that a profile read again and again is not
scored again and again.

An answer is kept with the marketplace state it was computed from (the store hands back the
same state object until the log changes, and a state never changes once made). It is given
again only for that same state, so never across a write, by this process or another:

- asked as of a given instant, it holds for as long as the log is unchanged;
- asked as of now, it is given again for `fresh_for` (a second) after the instant it is as of,
  and says that instant. When that has passed, one request computes the new answer while
  the others, for up to another `fresh_for`, are given the one before rather than wait.

At most `size` answers are kept, the least recently used given up first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from jobscore.domain.market import MarketState

__all__ = ["FRESH_FOR", "ScoreCache"]

#: How long an answer as of now is given again.
FRESH_FOR = timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class _Kept:
    state: MarketState
    as_of: datetime
    document: dict[str, Any]


class ScoreCache:
    def __init__(self, fresh_for: timedelta = FRESH_FOR, size: int = 256) -> None:
        self.fresh_for = fresh_for
        self.size = size
        self._lock = threading.Lock()
        self._kept: OrderedDict[Hashable, _Kept] = OrderedDict()
        self._computing: set[Hashable] = set()

    def answer(
        self,
        key: Hashable,
        state: MarketState,
        now: datetime | None,
        compute: Callable[[], tuple[datetime, dict[str, Any]]],
    ) -> dict[str, Any]:
        """The answer for `key` on `state`: kept, or `compute()`d (its instant and document)
        and kept. `now` is the instant when the answer is asked as of now, else None. The
        document given is shared: callers do not change it."""
        computing = False
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None and kept.state is state:
                age = None if now is None else now - kept.as_of
                if age is None or timedelta(0) <= age < self.fresh_for:
                    self._kept.move_to_end(key)
                    return kept.document
                if key in self._computing and age < 2 * self.fresh_for:
                    return kept.document
                computing = key not in self._computing
                self._computing.add(key)
        try:
            as_of, document = compute()
        finally:
            if computing:
                with self._lock:
                    self._computing.discard(key)
        with self._lock:
            kept = self._kept.get(key)
            if kept is None or kept.state is not state or kept.as_of <= as_of:
                self._kept[key] = _Kept(state, as_of, document)
                self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return document
