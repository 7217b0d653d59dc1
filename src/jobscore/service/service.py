"""The service: every use case over one store and one clock."""

from __future__ import annotations

from jobscore.service.clock import Clock, SystemClock
from jobscore.service.reads import Reads
from jobscore.service.snapshots import Snapshots
from jobscore.service.writes import Writes
from jobscore.store.factory import make_store
from jobscore.store.port import Store

__all__ = ["Service", "open_service"]


class Service(Writes, Reads, Snapshots):
    """Writes record facts through the store's rules; reads answer as the caller may see."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def close(self) -> None:
        self.store.close()


def open_service(database_url: str, clock: Clock | None = None) -> Service:
    """A service over the store at `database_url` (at the latest schema)."""
    return Service(make_store(database_url), clock or SystemClock())
