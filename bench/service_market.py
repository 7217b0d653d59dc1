"""The marketplace `make bench-service` loads into a store before it starts the server.

One freelancer (`star`) has a long history: `star_contracts` ended contracts over three
years, paid in one to three payments, some refunded, each with both sides' feedback (so it is
revealed) and a private score on most. Around it, `other_contracts` ended contracts of other
freelancers, so the store is not trivially small; and the contracts the write load works on:
open contracts that clients pay, and contracts that ended days ago whose two sides have not
given feedback yet. Everything up to now is back-filled by the operator, dated relative to
`now`, so the windows are real for the server's clock. Seeded: the same arguments build the
same marketplace (up to `now`).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from jobscore.domain.enums import EndedBy, EndReason, Kind, Party
from jobscore.domain.events import (
    ClientRegistered,
    ContractEnded,
    ContractOpened,
    Fact,
    FeedbackGiven,
    FreelancerRegistered,
    PaymentMade,
    Recorded,
    RefundMade,
    Role,
)
from jobscore.service.tokens import issue_token
from jobscore.store.port import Store

__all__ = ["STAR", "Market", "MarketSize", "WriteTask", "build_market"]

STAR = "star"
_DAY = timedelta(days=1)
#: Facts per `record_all` transaction while loading.
_CHUNK = 4_000


@dataclass(frozen=True, slots=True)
class MarketSize:
    star_contracts: int = 200
    other_contracts: int = 4_000
    other_freelancers: int = 400
    clients: int = 300
    #: Open contracts the payments go to (several payments each).
    open_contracts: int = 200
    #: Recently ended contracts without feedback: two feedback writes each.
    awaiting_feedback: int = 1_000
    seed: int = 2026


@dataclass(frozen=True, slots=True)
class WriteTask:
    """One keyed write: the path, the body, and the token of the side that sends it."""

    path: str
    body: dict[str, object]
    token: str


@dataclass
class Market:
    """What the load needs: a token to read with, and the writes to send, in order."""

    reader_token: str
    writes: list[WriteTask] = field(default_factory=list)
    facts: int = 0
    contracts: int = 0


def _ended_contract(
    rng: random.Random, contract_id: str, freelancer_id: str, client_id: str, start: datetime
) -> Iterator[Fact]:
    """An ended contract with its money and both sides' feedback, all before `now`."""
    hourly = rng.random() < 0.4
    yield ContractOpened(
        start, contract_id, freelancer_id, client_id, Kind.HOURLY if hourly else Kind.FIXED
    )
    length = rng.randint(3, 60)
    payments = rng.randint(1, 3)
    paid: list[PaymentMade] = []
    for n in range(payments):
        at = start + _DAY * (length * (n + 1) // (payments + 1))
        amount = Decimal(rng.randint(2_000, 300_000)) / 100
        paid.append(PaymentMade(at, contract_id, f"p{n + 1}", amount))
    yield from paid
    end = start + _DAY * length
    if rng.random() < 0.05:
        last = paid[-1]
        yield RefundMade(
            end - _DAY / 2,
            contract_id,
            "r1",
            last.payment_id,
            (last.amount / 2).quantize(Decimal("0.01")),
        )
    good = rng.random() < 0.85
    reason = EndReason.COMPLETED if good else rng.choice(list(EndReason))
    yield ContractEnded(end, contract_id, EndedBy.CLIENT, reason)
    stars = rng.choice([5.0, 5.0, 5.0, 4.5, 4.0]) if good else rng.choice([1.0, 2.0, 3.0, 4.0])
    private = rng.choice([None, 10, 9, 9, 8, 6]) if good else rng.choice([None, 2, 4, 6])
    yield FeedbackGiven(end + _DAY, contract_id, Party.CLIENT, stars, "thanks", (), private)
    yield FeedbackGiven(end + 2 * _DAY, contract_id, Party.FREELANCER, 5.0, "a good client")


def _facts(size: MarketSize, now: datetime) -> Iterator[Fact]:
    rng = random.Random(size.seed)
    joined = now - 4 * 365 * _DAY
    others = [f"f{n}" for n in range(size.other_freelancers)]
    clients = [f"c{n}" for n in range(size.clients)]
    yield FreelancerRegistered(joined, STAR)
    for freelancer_id in others:
        yield FreelancerRegistered(joined, freelancer_id)
    for client_id in clients:
        yield ClientRegistered(joined, client_id, payment_verified=rng.random() < 0.8)
    # History ends a month ago: every feedback window of it has closed.
    span = (3 * 365 - 100) * 24 * 3600
    first = now - 3 * 365 * _DAY
    for n in range(size.star_contracts):
        start = first + timedelta(seconds=rng.randint(0, span))
        yield from _ended_contract(rng, f"s{n}", STAR, rng.choice(clients), start)
    for n in range(size.other_contracts):
        start = first + timedelta(seconds=rng.randint(0, span))
        yield from _ended_contract(rng, f"o{n}", rng.choice(others), rng.choice(clients), start)


def _write_contracts(
    size: MarketSize, now: datetime
) -> tuple[list[Fact], list[ContractOpened], list[ContractOpened]]:
    """The contracts the write load works on: open ones, and ended ones awaiting feedback."""
    rng = random.Random(size.seed + 1)
    facts: list[Fact] = []
    opened: list[ContractOpened] = []
    awaiting: list[ContractOpened] = []
    for n in range(size.open_contracts):
        contract = ContractOpened(
            now - _DAY * rng.randint(1, 20), f"w{n}", f"f{n % size.other_freelancers}",
            f"c{n % size.clients}", Kind.HOURLY,
        )  # fmt: skip
        facts.append(contract)
        opened.append(contract)
    for n in range(size.awaiting_feedback):
        start = now - _DAY * rng.randint(10, 40)
        contract = ContractOpened(
            start, f"e{n}", f"f{(n * 7) % size.other_freelancers}", f"c{(n * 3) % size.clients}"
        )
        end = now - _DAY * rng.randint(1, 5)
        facts += [
            contract,
            PaymentMade(end - _DAY, contract.contract_id, "p1", Decimal(rng.randint(50, 900))),
            ContractEnded(end, contract.contract_id, EndedBy.CLIENT, EndReason.COMPLETED),
        ]
        awaiting.append(contract)
    return facts, opened, awaiting


def _chunks(facts: Iterator[Fact] | Sequence[Fact], now: datetime) -> Iterator[list[Recorded]]:
    chunk: list[Recorded] = []
    for fact in facts:
        chunk.append(Recorded(fact, now, Role.OPERATOR))
        if len(chunk) == _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def build_market(store: Store, size: MarketSize, now: datetime) -> Market:
    """Load the marketplace into `store` (new and empty), issue the tokens the load sends,
    and list the writes: payments and feedback, interleaved, each once."""
    loaded = 0
    history = _facts(size, now)
    writable, opened, awaiting = _write_contracts(size, now)
    for batch in [*_chunks(history, now), *_chunks(writable, now)]:
        store.record_all(batch)
        loaded += len(batch)
    tokens: dict[tuple[Role, str], str] = {}

    def token(role: Role, actor_id: str) -> str:
        if (role, actor_id) not in tokens:
            tokens[role, actor_id] = issue_token(store, role, actor_id)
        return tokens[role, actor_id]

    rng = random.Random(size.seed + 2)
    payments = [
        WriteTask(
            f"/contracts/{c.contract_id}/payments",
            {"amount": f"{rng.randint(1_000, 50_000) / 100:.2f}"},
            token(Role.CLIENT, c.client_id),
        )
        for c in opened
    ]
    feedback: list[WriteTask] = []
    for c in awaiting:
        feedback.append(
            WriteTask(
                f"/contracts/{c.contract_id}/feedback",
                {
                    "stars": rng.choice([5, 5, 4.5, 4, 3]),
                    "private_score": rng.randint(6, 10),
                    "comment": "delivered as agreed",
                },
                token(Role.CLIENT, c.client_id),
            )
        )
        feedback.append(
            WriteTask(
                f"/contracts/{c.contract_id}/feedback",
                {"stars": 5, "comment": "clear brief, paid on time"},
                token(Role.FREELANCER, c.freelancer_id),
            )
        )
    rng.shuffle(feedback)
    writes: list[WriteTask] = []
    # Payments repeat over the open contracts; each feedback is sent once.
    for n, task in enumerate(feedback):
        writes += [payments[n % len(payments)], task]
    contracts = size.star_contracts + size.other_contracts + size.open_contracts
    return Market(
        reader_token=token(Role.CLIENT, "c0"),
        writes=writes,
        facts=loaded,
        contracts=contracts + size.awaiting_feedback,
    )
