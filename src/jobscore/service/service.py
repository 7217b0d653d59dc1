"""The service: every use case over one store and one clock."""

from __future__ import annotations

from jobscore.service.actions import ContractPage
from jobscore.service.clock import Clock, SystemClock
from jobscore.service.dispute_writes import DisputeWrites
from jobscore.service.feedback_writes import FeedbackWrites
from jobscore.service.moderation_writes import ModerationWrites
from jobscore.service.overview import Overview
from jobscore.service.profile import Profile
from jobscore.service.reads import Reads
from jobscore.service.score_cache import ScoreCache
from jobscore.service.snapshots import Snapshots
from jobscore.service.tool_reads import ToolReads
from jobscore.service.writes import Writes
from jobscore.store.factory import make_store
from jobscore.store.port import Store

__all__ = ["Service", "open_service"]


class Service(
    DisputeWrites,
    FeedbackWrites,
    ModerationWrites,
    Writes,
    Reads,
    ToolReads,
    ContractPage,
    Overview,
    Profile,
    Snapshots,
):
    """Writes record facts through the store's rules; reads and the tools answer as the
    caller may see; the pages' reads gather what one page shows."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self.scores = ScoreCache()

    def close(self) -> None:
        self.store.close()


def open_service(database_url: str, clock: Clock | None = None) -> Service:
    """A service over the store at `database_url` (at the latest schema)."""
    return Service(make_store(database_url), clock or SystemClock())
