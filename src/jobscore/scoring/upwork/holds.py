"""Account holds: bad outcomes from several clients in a short time put an account on hold."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from jobscore.domain.enums import Outcome
from jobscore.domain.facts import History
from jobscore.scoring.result import HoldStatus
from jobscore.scoring.upwork.outcomes import Classification
from jobscore.scoring.upwork.policy import UpworkPolicy

__all__ = ["hold_status"]


def hold_status(
    items: Sequence[Classification], history: History, policy: UpworkPolicy, as_of: datetime
) -> HoldStatus:
    """Held when, at some instant of the last `hold_days`, the bad outcomes of the preceding
    `hold_lookback_days` came from `hold_bad_clients` or more distinct clients."""
    bad = sorted(
        (i.contract.feedback_instant or i.placed_at, i.contract.client_id)
        for i in items
        if i.counted and i.outcome is Outcome.BAD and i.placed_at is not None
    )
    lookback = timedelta(days=policy.hold_lookback_days)
    length = timedelta(days=policy.hold_days)
    for at, _ in reversed(bad):
        if at is None or at > as_of:
            continue
        if at <= as_of - length:
            break
        clients = {
            client for when, client in bad if when is not None and at - lookback < when <= at
        }
        if len(clients) >= policy.hold_bad_clients:
            return HoldStatus(True, since=at, until=at + length, clients=tuple(sorted(clients)))
    if history.is_held_by_hand(as_of):
        return HoldStatus(True, by_hand=True)
    return HoldStatus(False)
