"""The use cases that read: a contract as the caller may see it, a freelancer's score and its
explanation, the score history, and the audit log.

A score here is the object `jobscore score --json` prints for the same history. Only the
operator sees it whole: nobody else sees the outcome of a contract that the client's private
feedback alone decided (it is labelled, and counts only in the window totals), nor what a
private score moved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from jobscore.domain.facts import History
from jobscore.domain.market import ContractState
from jobscore.domain.market_facts import history_of
from jobscore.domain.visibility import FeedbackView, viewer_side, visible_feedback
from jobscore.errors import Forbidden, NotFound
from jobscore.instants import as_utc
from jobscore.money import CENT
from jobscore.render.json_encoding import to_json_value
from jobscore.render.json_view import contract_json, result_json
from jobscore.scoring.catalog import CATALOG
from jobscore.scoring.result import Policy, ScoreResult
from jobscore.service.caller import Caller
from jobscore.service.clock import Clock
from jobscore.service.market_reads import read_context
from jobscore.service.score_cache import ScoreCache
from jobscore.store.port import LogEntry, Store

__all__ = ["PRIVATELY_DECIDED", "Reads"]

#: The outcome shown, to anyone but the operator, for a contract whose outcome only the
#: client's private feedback decided.
PRIVATELY_DECIDED = "private"

_HIDDEN_FROM_SIDES = ("points", "points_by_window")


class Reads:
    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self.scores = ScoreCache()

    def contract(self, caller: Caller, contract_id: str) -> dict[str, Any]:
        """The contract, its money and the feedback the caller may see now; for its two sides
        and the operator."""
        now = self.clock.now()
        state = self.store.state()
        contract = state.contracts.get(contract_id)
        if contract is None:
            raise NotFound(
                f"no contract {contract_id!r}",
                record=f"contract {contract_id}",
                field="contract_id",
            )
        if not caller.is_operator and viewer_side(contract, caller.role, caller.actor_id) is None:
            raise Forbidden(
                f"{caller.name} is not a side of this contract",
                record=contract.record,
                field="contract_id",
            )
        feedback = visible_feedback(state, contract_id, now, caller.role, caller.actor_id)
        return _contract_json(contract, feedback, caller.is_operator)

    def score(
        self, caller: Caller, freelancer_id: str, policy: str, as_of: datetime | None = None
    ) -> dict[str, Any]:
        """The `score --json` object, as the caller may see it. It may be shared with other
        callers (`score_cache`): read it, never change it."""
        return self._seen(caller, freelancer_id, policy, as_of)

    def explain(
        self, caller: Caller, freelancer_id: str, policy: str, as_of: datetime | None = None
    ) -> dict[str, Any]:
        """The `explain --json` object: for the freelancer itself and the operator."""
        if not caller.speaks_for(freelancer_id):
            raise Forbidden(
                f"{caller.name} may not read the explanation of another freelancer's score",
                record=f"freelancer {freelancer_id}",
                field="freelancer_id",
            )
        return self._seen(caller, freelancer_id, policy, as_of)

    def score_history(self, freelancer_id: str, policy: str) -> dict[str, Any]:
        """The freelancer's snapshots under a policy, oldest first."""
        CATALOG.policy(policy)
        if not self.store.has_freelancer(freelancer_id):
            raise NotFound(
                f"no freelancer {freelancer_id!r}",
                record=f"freelancer {freelancer_id}",
                field="freelancer_id",
            )
        rows = self.store.snapshots(freelancer_id, policy)
        document: dict[str, Any] = to_json_value(
            {
                "freelancer_id": freelancer_id,
                "policy": policy,
                "snapshots": [
                    {
                        "as_of": row.as_of,
                        "score": row.score,
                        "eligible": row.eligible,
                        "window": row.window,
                        "badges": row.badges,
                        "interval": row.interval,
                    }
                    for row in rows
                ],
            }
        )
        return document

    def audit(
        self,
        record: str | None = None,
        actor_id: str | None = None,
        limit: int = 100,
        before: int | None = None,
    ) -> list[dict[str, Any]]:
        """The latest log entries, newest first (before the sequence number `before`)."""
        return self.audit_page(record, actor_id, limit, before)[0]

    def audit_page(
        self,
        record: str | None = None,
        actor_id: str | None = None,
        limit: int = 100,
        before: int | None = None,
    ) -> tuple[list[dict[str, Any]], int | None]:
        """One page of the log, newest first, and the `before` that asks for the next page
        (None when this one reaches the log's first entry)."""
        entries = self.store.audit(record=record, actor_id=actor_id, limit=limit + 1, before=before)
        page = entries[:limit]
        following = page[-1].sequence if len(entries) > len(page) and page else None
        return [_audit_entry(entry) for entry in page], following

    def _seen(
        self, caller: Caller, freelancer_id: str, policy: str, as_of: datetime | None
    ) -> dict[str, Any]:
        """The score document as the caller may see it (the operator whole, anyone else with
        what private feedback decided withheld), from `self.scores` when it holds it for the
        same log and the same last snapshot.

        A read uses what the snapshots recorded: the past weekly scores, and for `bayes` the
        marketplace statistics fitted at the last snapshot (the answer says when)."""
        CATALOG.policy(policy)
        state = self.store.state()
        run = self.store.last_snapshot_run()
        given = as_utc(as_of) if as_of is not None else None
        now = self.clock.now() if given is None else None

        def compute() -> tuple[datetime, dict[str, Any]]:
            instant = given or now
            assert instant is not None
            history = history_of(state, freelancer_id, instant)
            read = read_context(self.store, policy, history, instant)
            result = CATALOG.score(read.history, read.policy, instant, read.past)
            seen = _as_seen(caller, read.history, result, read.policy, freelancer_id)
            said: dict[str, Any] = to_json_value(read.said)
            return instant, seen | said

        snapshot = None if run is None else run.run_id
        key = (freelancer_id, policy, caller.is_operator, given, snapshot)
        return self.scores.answer(key, state, now, compute)


def _in_cents(value: Any) -> Any:
    """Money as every store gives it back: a decimal string with two places."""
    if isinstance(value, Decimal):
        return value.quantize(CENT)
    if isinstance(value, Mapping):
        return {k: _in_cents(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_in_cents(v) for v in value]
    return value


def _as_seen(
    caller: Caller, history: History, result: ScoreResult, policy: Policy, freelancer_id: str
) -> dict[str, Any]:
    document = result_json(result, freelancer_id)
    if caller.is_operator:
        return document
    # When a hold began and which clients' outcomes began it can name a contract that only
    # private feedback decided: anyone but the operator sees whether the score is held.
    document["hold"] = {**document["hold"], "since": None, "until": None, "clients": []}
    private = {c.contract_id for c in history.contracts if c.private_score is not None}
    if not private:
        return document
    public = history.with_contracts(
        tuple(replace(c, private_score=None) for c in history.contracts)
    )
    without = CATALOG.score_without_points(public, policy, result.as_of)
    public_items = {c.contract_id: contract_json(c) for c in without.contracts}
    document["contracts"] = [
        _hidden(item, public_items.get(item["contract_id"], {}))
        if item["contract_id"] in private
        else item
        for item in document["contracts"]
    ]
    return document


def _hidden(item: dict[str, Any], public: dict[str, Any]) -> dict[str, Any]:
    """A contract with a private score, as anyone but the operator sees it: every detail the
    private score changed is withheld (the points always), and the outcome, when the private
    score decided it, is labelled."""
    shown = {
        k: (None if k in _HIDDEN_FROM_SIDES or public.get(k) != v else v) for k, v in item.items()
    }
    if public.get("outcome") != item["outcome"]:
        shown["outcome"] = PRIVATELY_DECIDED
    return shown


def _contract_json(
    contract: ContractState, feedback: tuple[FeedbackView, ...], operator: bool
) -> dict[str, Any]:
    opened, end = contract.opened, contract.end
    views = []
    for view in feedback:
        shown = asdict(view)
        if not operator:
            for name in ("private_score", "private_reason", "removed"):
                shown.pop(name)
        views.append(shown)
    document: dict[str, Any] = to_json_value(
        _in_cents(
            {
                "contract_id": contract.id,
                "freelancer_id": opened.freelancer_id,
                "client_id": opened.client_id,
                "kind": opened.kind,
                "opened_at": opened.at,
                "started_at": contract.started_at,
                "status": "open" if end is None else "ended",
                "ended_at": end.at if end else None,
                "ended_by": end.by if end else None,
                "end_reason": end.reason if end else None,
                "feedback_window_closes": contract.window_closes,
                "payments": [
                    {
                        "payment_id": p.payment.payment_id,
                        "amount": p.payment.amount,
                        "paid_at": p.payment.at,
                        "refunded": p.refunded,
                        "refundable": p.refundable,
                    }
                    for p in contract.payments.values()
                ],
                "refunds": [
                    {
                        "refund_id": r.refund_id,
                        "payment_id": r.payment_id,
                        "amount": r.amount,
                        "refunded_at": r.at,
                    }
                    for r in contract.refunds.values()
                ],
                "disputes": [
                    {
                        "dispute_id": d.opened.dispute_id,
                        "opened_by": d.opened.by,
                        "opened_at": d.opened.at,
                        "escrow": d.opened.escrow,
                        "resolved_at": d.resolved.at if d.resolved else None,
                        "freelancer_share": d.resolved.freelancer_share if d.resolved else None,
                        "result": d.resolved.result if d.resolved else None,
                    }
                    for d in contract.disputes.values()
                ],
                "feedback": views,
            }
        )
    )
    return document


def _audit_entry(entry: LogEntry) -> dict[str, Any]:
    recorded = entry.recorded
    document: dict[str, Any] = to_json_value(
        {
            "sequence": entry.sequence,
            "record": entry.record,
            "recorded_at": recorded.recorded_at,
            "actor_role": recorded.actor_role,
            "actor_id": recorded.actor_id,
            "idempotency_key": recorded.idempotency_key,
            "fact": {"type": type(recorded.fact).__name__} | _in_cents(asdict(recorded.fact)),
        }
    )
    return document
