"""Terse builders for test histories: `contract("k1", "c1", ended="2025-03-10", stars=1)`."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from jobscore.domain.facts import ContractFacts, History
from jobscore.instants import parse_instant
from jobscore.scoring import Policy, ScoreResult, score


def at(text: str) -> datetime:
    return parse_instant(text)


def contract(
    contract_id: str,
    client_id: str,
    *,
    started: str = "2025-01-01",
    ended: str | None = "2025-02-01",
    earned: int | str | Decimal = 500,
    **fields: Any,
) -> ContractFacts:
    for name in ("last_payment_at", "feedback_at"):
        if isinstance(fields.get(name), str):
            fields[name] = at(fields[name])
    if "refunded" in fields:
        fields["refunded"] = Decimal(str(fields["refunded"]))
    return ContractFacts(
        contract_id=contract_id,
        client_id=client_id,
        started_at=at(started),
        ended_at=at(ended) if ended else None,
        earned=Decimal(str(earned)),
        **fields,
    )


def history(*contracts: ContractFacts, **kwargs: Any) -> History:
    return History(freelancer_id="me", contracts=tuple(contracts), **kwargs)


AS_OF = datetime(2026, 1, 1, tzinfo=UTC)


def scored(
    *contracts: ContractFacts,
    policy: str | Policy = "upwork",
    as_of: str | datetime = AS_OF,
    **kwargs: Any,
) -> ScoreResult:
    """Score `history(*contracts, **kwargs)` as of `as_of` (default AS_OF, 2026-01-01)."""
    instant = at(as_of) if isinstance(as_of, str) else as_of
    return score(history(*contracts, **kwargs), policy, instant)
