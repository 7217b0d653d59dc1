"""The store's history written out as a rich JSON history file, for the command line to read:
the contracts' full records (dated payments, refunds, disputes, the client's feedback dated at
its reveal) with the freelancer and the clients as they stood at the instant asked.

`private=False` leaves the clients' private scores out, as a freelancer's own file does.
`same_history` checks that the command line reads back the history the service reads."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from jobscore.domain.facts import ContractFacts, History
from jobscore.domain.market import ContractState, MarketState
from jobscore.domain.market_facts import client_record, contract_record
from jobscore.domain.records import Contract
from jobscore.instants import format_instant
from jobscore.io.history_files import load_history_file
from jobscore.store.port import Store

__all__ = ["same_history", "write_client_contracts", "write_freelancer_history"]


def _when(value: datetime | None) -> str | None:
    return format_instant(value) if value is not None else None


def _contract(record: Contract, private: bool) -> dict[str, Any]:
    return {
        "id": record.id,
        "freelancer_id": record.freelancer_id,
        "client_id": record.client_id,
        "kind": str(record.kind),
        "started_at": _when(record.started_at),
        "ended_at": _when(record.ended_at),
        "ended_by": str(record.ended_by) if record.ended_by else None,
        "end_reason": str(record.end_reason) if record.end_reason else None,
        "category": record.category,
        "currency": record.currency,
        "payments": [
            {"id": p.id, "at": _when(p.at), "amount": str(p.amount), "kind": str(p.kind)}
            for p in record.payments
        ],
        "refunds": [
            {"id": r.id, "at": _when(r.at), "amount": str(r.amount), "payment_id": r.payment_id}
            for r in record.refunds
        ],
        "disputes": [
            {
                "opened_at": _when(d.opened_at),
                "opened_by": str(d.opened_by),
                "resolved_at": _when(d.resolved_at),
                "result": str(d.result) if d.result else None,
            }
            for d in record.disputes
        ],
        "feedback": [
            {
                "at": _when(f.at),
                "stars": f.stars,
                "private_score": f.private_score if private else None,
                "removed": f.removed,
                "mid_contract": f.mid_contract,
            }
            for f in record.feedback
        ],
    }


def _write(
    state: MarketState,
    contracts: Iterable[ContractState],
    as_of: datetime,
    path: Path,
    private: bool,
    freelancer_id: str | None = None,
) -> Path:
    chosen = sorted(
        (c for c in contracts if c.started_at <= as_of), key=lambda c: (c.started_at, c.id)
    )
    clients = sorted({c.opened.client_id for c in chosen})
    document: dict[str, Any] = {
        "clients": [
            {
                "id": client.id,
                "joined_at": _when(client.joined_at),
                "payment_verified": client.payment_verified,
                "flagged": client.flagged,
                "suspended": client.suspended,
            }
            for client in (client_record(state, c, as_of) for c in clients)
        ],
        "contracts": [_contract(contract_record(c, as_of), private) for c in chosen],
    }
    if freelancer_id is not None:
        registered = state.freelancers[freelancer_id]
        document["freelancer"] = {
            "id": freelancer_id,
            "joined_at": _when(registered.at),
            "profile_complete": registered.profile_complete,
        }
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path


def write_freelancer_history(
    store: Store, freelancer_id: str, as_of: datetime, path: Path, *, private: bool = True
) -> Path:
    state = store.state()
    return _write(state, state.contracts_of(freelancer_id), as_of, path, private, freelancer_id)


def write_client_contracts(
    store: Store, client_id: str, as_of: datetime, path: Path, *, private: bool = True
) -> Path:
    """Every stored contract with the client, whoever the freelancer."""
    state = store.state()
    mine = (c for c in state.contracts.values() if c.opened.client_id == client_id)
    return _write(state, mine, as_of, path, private)


def _facts(contracts: Iterable[ContractFacts]) -> list[tuple[ContractFacts, Any]]:
    return [(c, c.ledger) for c in contracts]


def same_history(stored: History, path: Path, as_of: datetime) -> None:
    """The file, read as the command line reads it, holds the stored history as of `as_of`
    (the ledgers of dated money included, which facts compare without)."""
    read = load_history_file(path).history(stored.freelancer_id).known_at(as_of)
    assert _facts(read.contracts) == _facts(stored.known_at(as_of).contracts)
    assert read.freelancer == stored.freelancer
    assert dict(read.clients) == dict(stored.clients)
