"""The freelancer tools over the stored history: badges, what-if, refund-or-keep, recover,
and a client's risk (screen). Each answers the object the command's `--json` prints for
the same history (`render.tool_json`); `badges` has no command, and answers the badges and
the score that `score --json` prints, with the rules behind each badge.

The history is the store's, as of `as_of` (now when absent): the client's feedback in it
counts from its reveal, never before, so an answer never discloses what the double-blind
still hides. The tools cut it to what had happened by `as_of` themselves.

Who sees what. Only the operator's answers read the clients' private feedback. Anyone else
(the freelancer on its own tools, a freelancer or client screening a client) is answered
from the history without it: every private score is taken out before the tool runs, as if
the freelancer had written its own history file (where the private score is left blank).
Hiding figures afterwards, as the explanation does, would not be enough here: what-if,
refund-or-keep and recover are built to show what one contract does to the score, so run
over a private score they would disclose it (refunding a contract whose five public stars
hide a private 2 would show the score rising). An answer from the public history cannot
disclose what it never read. The price is that, for a freelancer whose score a private score
moved, these tools start from the score its public feedback gives, not the displayed one.

Badges are public (a profile shows them), so `badges` reads the whole history for the
badges and the displayed score; the one rule that reads a single contract's outcome (Top
Rated Plus: a large contract without a bad outcome) reads it from the public history for
anyone but the operator, and only the operator sees when a hold began and which clients'
bad outcomes caused it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from jobscore.domain.events import Role
from jobscore.domain.facts import ContractFacts, History
from jobscore.domain.market_facts import client_record, contract_facts
from jobscore.errors import Forbidden, NotFound
from jobscore.instants import as_utc
from jobscore.render.tool_json import (
    badges_json,
    pace_json,
    recovery_json,
    refund_or_keep_json,
    screen_json,
    whatif_json,
)
from jobscore.scoring.catalog import CATALOG
from jobscore.scoring.result import Policy
from jobscore.service.caller import Caller
from jobscore.service.clock import Clock
from jobscore.service.market_reads import read_context
from jobscore.store.port import Store
from jobscore.tools.badges import badge_report
from jobscore.tools.change_text import TextField, parse_change, parse_pace
from jobscore.tools.changes import Change
from jobscore.tools.recover import date_at_pace, fewest_of_sizes
from jobscore.tools.refund_or_keep import refund_or_keep as decide_refund
from jobscore.tools.screen import screen_client
from jobscore.tools.whatif import what_if

__all__ = ["ToolReads", "without_private_feedback"]

#: As on the command line: at most this many new contracts end in any 30 days.
MAX_PER_MONTH = 4


def without_private_feedback(history: History) -> History:
    """The history as its freelancer knows it: the clients' private scores taken out."""
    return history.with_contracts(tuple(_public(c) for c in history.contracts))


def _public(c: ContractFacts) -> ContractFacts:
    if c.private_score is None:
        return c
    shown = replace(c, private_score=None)
    if not shown.has_feedback and not shown.feedback_removed:
        # Private feedback alone: to the freelancer, no feedback was given.
        shown = replace(shown, feedback_at=None)
    return shown


class ToolReads:
    """The tools' use cases, mixed into `Service` (which gives the store and the clock)."""

    store: Store
    clock: Clock

    def badges(
        self,
        caller: Caller,
        freelancer_id: str,
        policy: str = "upwork",
        as_of: datetime | None = None,
    ) -> dict[str, Any]:
        """The badges held and, for each badge, its rules with the figures they read."""
        chosen, instant, history = self._own_history(caller, freelancer_id, policy, as_of)
        if caller.is_operator:
            return badges_json(badge_report(history, chosen, instant))
        report = badge_report(history, chosen, instant, without_private_feedback(history))
        document = badges_json(report)
        document["hold"] = {"held": report.hold.held, "since": None, "until": None, "clients": []}
        return document

    def whatif(
        self,
        caller: Caller,
        freelancer_id: str,
        changes: Sequence[str],
        policy: str = "upwork",
        as_of: datetime | None = None,
    ) -> dict[str, Any]:
        """The score before and after hypothetical changes, each written `KIND:...` as
        `tools.change_text` reads it (`refund:k7`, `feedback:k7:1:0`, `add:3@500:5`)."""
        parsed = [parse_change(text, f"changes.{n}") for n, text in enumerate(changes)]
        chosen, instant, history = self._own_history(caller, freelancer_id, policy, as_of)
        seen = self._as_known(caller, history)
        for n, change in enumerate(parsed):
            _known_contract(seen, _contract_of(change), freelancer_id, f"changes.{n}")
        return whatif_json(what_if(seen, chosen, instant, parsed))

    def refund_or_keep(
        self,
        caller: Caller,
        freelancer_id: str,
        contract_id: str,
        policy: str = "upwork",
        as_of: datetime | None = None,
    ) -> dict[str, Any]:
        """Keep the money or refund: each path month by month, and a recommendation."""
        chosen, instant, history = self._own_history(caller, freelancer_id, policy, as_of)
        seen = self._as_known(caller, history)
        _known_contract(seen, contract_id, freelancer_id, "contract_id")
        return refund_or_keep_json(decide_refund(seen, chosen, instant, contract_id))

    def recover(
        self,
        caller: Caller,
        freelancer_id: str,
        target: float = 90.0,
        by: date | datetime | None = None,
        pace: str | None = None,
        policy: str = "upwork",
        as_of: datetime | None = None,
    ) -> dict[str, Any]:
        """The fewest good contracts to show `target` by `by` (12 months from now when
        absent); or, given a pace (`2/month`), the day the target shows."""
        per_month = parse_pace(pace, TextField("pace")) if pace is not None else None
        chosen, instant, history = self._own_history(caller, freelancer_id, policy, as_of)
        seen = self._as_known(caller, history)
        if per_month is not None:
            return pace_json(
                date_at_pace(seen, chosen, instant, per_month=per_month, target=target)
            )
        answer = fewest_of_sizes(
            seen,
            chosen,
            instant,
            [],
            target=target,
            by=as_utc(by) if by is not None else None,
            max_per_month=MAX_PER_MONTH,
        )
        return recovery_json(answer)

    def client_risk(
        self,
        caller: Caller,
        client_id: str,
        as_of: datetime | None = None,
        *,
        policy: str = "upwork",
    ) -> dict[str, Any]:
        """How likely a contract with the client ends as a bad outcome, from the store's
        contracts of that client: for the operator, any freelancer, and the client itself."""
        if not (
            caller.is_operator
            or caller.role is Role.FREELANCER
            or (caller.role is Role.CLIENT and caller.actor_id == client_id)
        ):
            raise Forbidden(
                f"{caller.name} may not read another client's risk",
                record=f"client {client_id}",
                field="client_id",
            )
        chosen = CATALOG.policy(policy)
        instant = self._instant(as_of)
        state = self.store.state()
        record = client_record(state, client_id, instant)
        contracts = [
            contract_facts(state, contract.id, instant)
            for contract in state.contracts.values()
            if contract.opened.client_id == client_id and contract.started_at <= instant
        ]
        if not caller.is_operator:
            contracts = [_public(c) for c in contracts]
        answer = screen_client(client_id, contracts, chosen, instant, clients={client_id: record})
        return screen_json(answer)

    def _instant(self, as_of: datetime | None) -> datetime:
        return as_utc(as_of) if as_of is not None else self.clock.now()

    def _own_history(
        self, caller: Caller, freelancer_id: str, policy: str, as_of: datetime | None
    ) -> tuple[Policy, datetime, History]:
        """The policy, the instant and the stored history, for the freelancer itself and
        the operator only: under `bayes`, the policy and the clients' habits fitted at the
        last snapshot, as a score read uses them."""
        if not caller.speaks_for(freelancer_id):
            raise Forbidden(
                f"{caller.name} may not use another freelancer's tools",
                record=f"freelancer {freelancer_id}",
                field="freelancer_id",
            )
        CATALOG.policy(policy)
        instant = self._instant(as_of)
        read = read_context(self.store, policy, self.store.history(freelancer_id, instant), instant)
        return read.policy, instant, read.history

    @staticmethod
    def _as_known(caller: Caller, history: History) -> History:
        return history if caller.is_operator else without_private_feedback(history)


def _contract_of(change: Change) -> str | None:
    found: str | None = getattr(change, "contract_id", None)
    return found


def _known_contract(
    history: History, contract_id: str | None, freelancer_id: str, field: str
) -> None:
    if contract_id is None or any(c.contract_id == contract_id for c in history.contracts):
        return
    raise NotFound(
        f"no contract {contract_id!r} in the history of freelancer {freelancer_id!r}",
        record=f"contract {contract_id}",
        field=field,
    )
