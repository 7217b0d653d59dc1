"""The service layer: use cases over the store port and an injected clock.

Entry points (the HTTP API, the command line) authenticate a caller and call one use case;
the rules live in `domain`, the data in the store.
"""

from jobscore.service.caller import ANONYMOUS, Caller
from jobscore.service.clock import Clock, FixedClock, SteppedClock, SystemClock
from jobscore.service.reads import PRIVATELY_DECIDED
from jobscore.service.service import Service, open_service
from jobscore.service.settings import Settings
from jobscore.service.tokens import authenticate, hash_token, issue_token
from jobscore.service.writes import WriteAnswer
from jobscore.store.port import Store

__all__ = [
    "ANONYMOUS",
    "PRIVATELY_DECIDED",
    "Caller",
    "Clock",
    "FixedClock",
    "Service",
    "Settings",
    "SteppedClock",
    "Store",
    "SystemClock",
    "WriteAnswer",
    "authenticate",
    "hash_token",
    "issue_token",
    "open_service",
]
