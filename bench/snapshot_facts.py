"""The facts of the snapshot benchmark's store as the store writes them: each kind's JSON body
as the codec writes it (checked against the codec as rows are written), instants as SQLite
holds them, and the row of the log.

Instants are whole seconds since 1970 (UTC) while the store is generated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

from jobscore.domain.enums import DisputeResult, EndedBy, EndReason, Kind, Party, PaymentKind
from jobscore.domain.events import (
    ClientFlagged,
    ClientRegistered,
    ContractEnded,
    ContractOpened,
    DisputeOpened,
    DisputeResolved,
    Fact,
    FeedbackGiven,
    FeedbackRemoved,
    FreelancerRegistered,
    PaymentMade,
    RefundMade,
)
from jobscore.domain.lifecycle import record_of
from jobscore.store.codec import encode_fact, fact_digest, fact_kind, to_json

__all__ = [
    "BODIES", "DAY", "EPOCH", "FACTS", "FIRST", "NOW", "NOW_S", "START_S", "Entry", "check_row",
    "day_text", "instant", "iso_instant", "log_row", "money", "sql_instant", "time_text",
    "window_closes",
]  # fmt: skip

#: The marketplace's "now": every fact took effect by then; snapshots are as of it.
NOW = datetime(2026, 11, 1, tzinfo=UTC)
FIRST = datetime(2023, 1, 1, tzinfo=UTC)
DAY = 86_400

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@cache
def day_text(day: int) -> str:
    return (EPOCH + timedelta(days=day)).strftime("%Y-%m-%d")


def time_text(t: int) -> str:
    s = t % DAY
    return f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"


def sql_instant(t: int | None) -> str | None:
    """A whole-second instant (epoch seconds) as SQLAlchemy writes it in SQLite."""
    return None if t is None else f"{day_text(t // DAY)} {time_text(t)}.000000"


def iso_instant(t: int) -> str:
    """As the codec writes an instant."""
    return f"{day_text(t // DAY)}T{time_text(t)}+00:00"


def instant(t: int) -> datetime:
    return EPOCH + timedelta(seconds=t)


def money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def window_closes(end: int) -> str:
    """`end_of_day(end, 14)` as SQLite holds it."""
    return f"{day_text(end // DAY + 14)} 23:59:59.999999"


NOW_S = int((NOW - EPOCH).total_seconds())
START_S = int((FIRST - EPOCH).total_seconds())

#: Each kind of fact: its body, written as the codec writes it (sorted keys, no spaces), and
#: the domain fact, to check the two agree (`check_row`).
BODIES: dict[str, Callable[..., str]] = {
    "freelancer_registered": lambda t, f: (
        f'{{"at":"{iso_instant(t)}","fact":"freelancer_registered","freelancer_id":"{f}",'
        '"profile_complete":true}'
    ),
    "client_registered": lambda t, c: (
        f'{{"at":"{iso_instant(t)}","client_id":"{c}","fact":"client_registered","payment_verified":true}}'
    ),
    "client_flagged": lambda t, c: (
        f'{{"at":"{iso_instant(t)}","client_id":"{c}","fact":"client_flagged","flag":"flagged",'
        '"reason":""}'
    ),
    "contract_opened": lambda t, k, f, c, kind: (
        f'{{"at":"{iso_instant(t)}","category":null,"client_id":"{c}","contract_id":"{k}",'
        f'"currency":"USD","fact":"contract_opened","freelancer_id":"{f}","kind":"{kind}",'
        '"started_at":null}'
    ),
    "payment_made": lambda t, k, p, cents, kind: (
        f'{{"amount":"{money(cents)}","at":"{iso_instant(t)}","contract_id":"{k}",'
        f'"fact":"payment_made","kind":"{kind}","payment_id":"{p}"}}'
    ),
    "refund_made": lambda t, k, r, p, cents: (
        f'{{"amount":"{money(cents)}","at":"{iso_instant(t)}","contract_id":"{k}",'
        f'"fact":"refund_made","payment_id":"{p}","refund_id":"{r}"}}'
    ),
    "dispute_opened": lambda t, k, d: (
        f'{{"at":"{iso_instant(t)}","by":"client","contract_id":"{k}","dispute_id":"{d}",'
        '"escrow":"0.00","fact":"dispute_opened"}'
    ),
    "dispute_resolved": lambda t, k, d, result: (
        f'{{"at":"{iso_instant(t)}","contract_id":"{k}","dispute_id":"{d}","fact":"dispute_resolved",'
        f'"freelancer_share":"0.00","result":"{result}"}}'
    ),
    "contract_ended": lambda t, k, reason: (
        f'{{"at":"{iso_instant(t)}","by":"client","contract_id":"{k}","fact":"contract_ended",'
        f'"reason":"{reason}"}}'
    ),
    "feedback_given": lambda t, k, by, stars, private: (
        f'{{"at":"{iso_instant(t)}","by":"{by}","category_stars":[],"comment":"","contract_id":"{k}",'
        f'"fact":"feedback_given","private_reason":null,'
        f'"private_score":{"null" if private is None else private},"stars":{stars!r}}}'
    ),
    "feedback_removed": lambda t, k: (
        f'{{"at":"{iso_instant(t)}","contract_id":"{k}","fact":"feedback_removed","of":"client",'
        '"reason":"abusive","under_allowance":false}'
    ),
}

FACTS: dict[str, Callable[..., Fact]] = {
    "freelancer_registered": lambda at, f: FreelancerRegistered(at, f),
    "client_registered": lambda at, c: ClientRegistered(at, c, payment_verified=True),
    "client_flagged": lambda at, c: ClientFlagged(at, c),
    "contract_opened": lambda at, k, f, c, kind: ContractOpened(at, k, f, c, Kind(kind)),
    "payment_made": lambda at, k, p, cents, kind: PaymentMade(
        at, k, p, Decimal(cents) / 100, PaymentKind(kind)
    ),
    "refund_made": lambda at, k, r, p, cents: RefundMade(at, k, r, p, Decimal(cents) / 100),
    "dispute_opened": lambda at, k, d: DisputeOpened(at, k, d, Party.CLIENT),
    "dispute_resolved": lambda at, k, d, result: DisputeResolved(
        at, k, d, Decimal(0), DisputeResult(result)
    ),
    "contract_ended": lambda at, k, reason: ContractEnded(at, k, EndedBy.CLIENT, EndReason(reason)),
    "feedback_given": lambda at, k, by, stars, private: FeedbackGiven(
        at, k, Party(by), stars, private_score=private
    ),
    "feedback_removed": lambda at, k: FeedbackRemoved(at, k, Party.CLIENT, "abusive"),
}

#: One fact of the log before it is written: when, which kind, who recorded it, about what,
#: and the fact's own values.
Entry = tuple[int, str, str, str | None, str, tuple[Any, ...]]


def log_row(entry: Entry) -> tuple[Any, ...]:
    t, kind, role, actor, record, values = entry
    body = BODIES[kind](t, *values)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    at = sql_instant(t)
    return (kind, record, at, at, role, actor, None, digest, body)


def check_row(entry: Entry, row: tuple[Any, ...]) -> None:
    """The row is what the store writes for the fact: its codec's body and digest, its
    name of the record."""
    t, kind, _, _, _, values = entry
    fact = FACTS[kind](instant(t), *values)
    body = to_json(encode_fact(fact))
    expected = (fact_kind(fact), record_of(fact), fact_digest(fact), body)
    if (row[0], row[1], row[7], row[8]) != expected:
        raise AssertionError(f"the bulk writer and the store disagree on {fact}: {row}")
