"""A small marketplace for the lifecycle tests: freelancer f1, client c1, contract k1.

    2025-01-01  f1, f2 and c1, c2 register
    2025-01-02  c1 opens k1 with f1 (fixed price)
    2025-01-10  c1 pays p1, 500.00
    2025-02-01  c1 ends k1, completed; the feedback window closes at the end of 2025-02-15

Facts are recorded by default at the instant they take effect, by the operator
(`operator`), the contract's client (`client`) or its freelancer (`freelancer`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from jobscore.domain.enums import EndedBy, EndReason, Party
from jobscore.domain.events import (
    ClientRegistered,
    ContractEnded,
    ContractOpened,
    Fact,
    FeedbackGiven,
    FreelancerRegistered,
    PaymentMade,
    Recorded,
    Role,
)
from jobscore.domain.lifecycle import replay
from jobscore.domain.market import MarketState
from jobscore.instants import parse_instant

__all__ = [
    "END",
    "ENDED",
    "OPENED",
    "PAID",
    "REGISTERED",
    "at",
    "client",
    "completed",
    "day",
    "ended",
    "freelancer",
    "given",
    "opened",
    "operator",
    "paid",
]


def at(text: str) -> datetime:
    return parse_instant(text)


END = at("2025-02-01T10:00:00Z")


def day(n: float) -> datetime:
    """`n` days after the end of k1."""
    return END + timedelta(days=n)


def operator(fact: Fact, recorded_at: datetime | None = None) -> Recorded:
    return Recorded(fact, recorded_at or fact.at, Role.OPERATOR, "op")


def client(fact: Fact, client_id: str = "c1", recorded_at: datetime | None = None) -> Recorded:
    return Recorded(fact, recorded_at or fact.at, Role.CLIENT, client_id)


def freelancer(
    fact: Fact, freelancer_id: str = "f1", recorded_at: datetime | None = None
) -> Recorded:
    return Recorded(fact, recorded_at or fact.at, Role.FREELANCER, freelancer_id)


REGISTERED = (
    operator(FreelancerRegistered(at("2025-01-01"), "f1")),
    operator(FreelancerRegistered(at("2025-01-01"), "f2")),
    operator(ClientRegistered(at("2025-01-01"), "c1", payment_verified=True)),
    operator(ClientRegistered(at("2025-01-01"), "c2")),
)
OPENED = (*REGISTERED, client(ContractOpened(at("2025-01-02"), "k1", "f1", "c1")))
PAID = (*OPENED, client(PaymentMade(at("2025-01-10"), "k1", "p1", Decimal("500.00"))))
ENDED = (*PAID, client(ContractEnded(END, "k1", EndedBy.CLIENT, EndReason.COMPLETED)))


def opened() -> MarketState:
    return replay(OPENED)


def paid() -> MarketState:
    return replay(PAID)


def ended() -> MarketState:
    return replay(ENDED)


def given(
    client_day: float | None = 3, freelancer_day: float | None = 5, stars: float = 4.0
) -> MarketState:
    """k1 ended, with the client's feedback (`stars`, private 6) and the freelancer's (5.0)
    given on those days after the end (None: not given)."""
    log = list(ENDED)
    if client_day is not None:
        fact = FeedbackGiven(
            day(client_day), "k1", Party.CLIENT, stars, "ok", private_score=6, private_reason="x"
        )
        log.append(client(fact))
    if freelancer_day is not None:
        log.append(freelancer(FeedbackGiven(day(freelancer_day), "k1", Party.FREELANCER, 5.0)))
    return replay(log)


def completed(n: int, first: str, prefix: str = "a") -> tuple[Recorded, ...]:
    """`n` contracts of f1 with c2 (`prefix`1, `prefix`2, ...), one a day from `first`: each
    paid 100.00 and ended completed the next day, when c2 gives it 2 stars."""
    log: list[Recorded] = []
    for i in range(n):
        ident, start = f"{prefix}{i + 1}", at(first) + timedelta(days=i)
        end = start + timedelta(days=1)
        log += [
            operator(ContractOpened(start, ident, "f1", "c2")),
            operator(PaymentMade(start, ident, "p1", Decimal("100.00"))),
            operator(ContractEnded(end, ident, EndedBy.CLIENT, EndReason.COMPLETED)),
            operator(FeedbackGiven(end, ident, Party.CLIENT, 2.0)),
        ]
    return tuple(log)
