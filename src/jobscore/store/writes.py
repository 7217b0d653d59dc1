"""The steps of a write, the same for every adapter: the idempotency key, the rules, the log.

An adapter opens one transaction, hands `record_in` a `Ledger` over it and the current state,
and commits when it returns. Anything raised (`RuleBroken`, `Conflict`) rolls the whole
transaction back, so nothing of the batch is stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from jobscore.domain.events import Recorded, Role
from jobscore.domain.lifecycle import apply, record_of
from jobscore.domain.market import MarketState
from jobscore.errors import Conflict
from jobscore.store.codec import fact_digest, request_digest
from jobscore.store.port import Receipt

__all__ = ["KeptKey", "Ledger", "record_in"]


@dataclass(frozen=True, slots=True)
class KeptKey:
    """What a used idempotency key remembers: the request it came with and the first answer."""

    request_digest: str
    receipt: Receipt


class Ledger(Protocol):
    """What one write transaction of an adapter offers; it sees its own earlier writes."""

    def find_key(self, role: Role, actor_id: str | None, key: str) -> KeptKey | None:
        """The key as the same actor used it before (keys are each actor's own)."""
        ...

    def find_fact(self, digest: str) -> Receipt | None:
        """The first entry of the log holding a fact with this digest."""
        ...

    def append(self, recorded: Recorded, digest: str, state: MarketState) -> Receipt:
        """Append an accepted fact to the log; `state` is the state with it, from which the
        adapter updates what it derives."""
        ...

    def keep_key(self, recorded: Recorded, key: str, kept: KeptKey) -> None: ...


def record_in(
    ledger: Ledger, state: MarketState, batch: Sequence[Recorded]
) -> tuple[MarketState, list[Receipt]]:
    """Record `batch` in order through `ledger`; the state after it, and one receipt each.

    A fact is refused (`Conflict`, `RuleBroken`) before anything of it is written: a refused
    batch of one fact has written nothing (the SQL store's group commit relies on it)."""
    receipts: list[Receipt] = []
    for recorded in batch:
        key = recorded.idempotency_key
        asked = request_digest(recorded)
        if key is not None:
            kept = ledger.find_key(recorded.actor_role, recorded.actor_id, key)
            if kept is not None:
                if kept.request_digest != asked:
                    raise Conflict(
                        f"the idempotency key {key!r} was already used with another body; "
                        "a new request needs a new key",
                        record=record_of(recorded.fact),
                        field="idempotency_key",
                    )
                receipts.append(replace(kept.receipt, replayed=True))
                continue
        after = apply(state, recorded)
        digest = fact_digest(recorded.fact)
        first = ledger.find_fact(digest) if after is state else None
        if first is not None:
            # The rules took it as a retry of a fact the log holds: nothing new to record.
            receipt = replace(first, replayed=True)
        else:
            receipt = ledger.append(recorded, digest, after)
            state = after
        if key is not None:
            ledger.keep_key(recorded, key, KeptKey(asked, replace(receipt, replayed=False)))
        receipts.append(receipt)
    return state, receipts
