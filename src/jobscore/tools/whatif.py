"""what-if: the score before and after hypothetical changes, under any policy.

When a change leaves a client's feedback unknown (a partial refund before the client has
said anything), the answer is a range: one "after" with a pleased client and one with an
unhappy one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from jobscore.domain.facts import History
from jobscore.instants import as_utc
from jobscore.scoring.catalog import CATALOG
from jobscore.scoring.result import WINDOW_NAMES, Policy, ScoreResult
from jobscore.tools.changes import (
    GOOD_FEEDBACK,
    POOR_FEEDBACK,
    Applied,
    Change,
    FeedbackChange,
    apply_changes,
    find_contract,
)

__all__ = ["ClientReaction", "Scenario", "WhatIf", "WindowChange", "what_if"]


@dataclass(frozen=True, slots=True)
class WindowChange:
    name: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


class ClientReaction(StrEnum):
    """How a client whose feedback the changes left unknown is assumed to respond."""

    PLEASED = "pleased"
    UNHAPPY = "unhappy"


@dataclass(frozen=True, slots=True)
class Scenario:
    """One way the changes can turn out, scored."""

    #: None: the changes leave no feedback unknown, and there is one way only.
    client: ClientReaction | None
    result: ScoreResult
    #: Feedback assumed for contracts whose feedback the changes left unknown.
    assumed: tuple[FeedbackChange, ...] = ()


@dataclass(frozen=True, slots=True)
class WhatIf:
    policy_name: str
    policy_version: str
    as_of: datetime
    clock: datetime
    changes: tuple[Change, ...]
    before: ScoreResult
    after: tuple[Scenario, ...]
    assumptions: tuple[str, ...]

    def windows(self, scenario: Scenario) -> tuple[WindowChange, ...]:
        names = [
            n for n in WINDOW_NAMES if n in self.before.windows or n in scenario.result.windows
        ]
        return tuple(
            WindowChange(n, self.before.window_score(n), scenario.result.window_score(n))
            for n in names
        )

    def badges_gained(self, scenario: Scenario) -> tuple[str, ...]:
        return tuple(b for b in scenario.result.badges if b not in self.before.badges)

    def badges_lost(self, scenario: Scenario) -> tuple[str, ...]:
        return tuple(b for b in self.before.badges if b not in scenario.result.badges)


def what_if(history: History, policy: Policy, as_of: datetime, changes: Sequence[Change]) -> WhatIf:
    """Score `history` as of `as_of`, then with `changes` applied as of the (moved) clock."""
    as_of = as_utc(as_of)
    before = CATALOG.score(history, policy, as_of)
    applied = apply_changes(history, changes, as_of)
    assumptions = list(applied.notes)
    if not changes:
        assumptions.append("no change given: before and after are the same")
    if applied.unknown_feedback:
        scenarios = tuple(
            _with_feedback(applied, policy, client, stars, private)
            for client, (stars, private) in (
                (ClientReaction.PLEASED, GOOD_FEEDBACK),
                (ClientReaction.UNHAPPY, POOR_FEEDBACK),
            )
        )
    else:
        scenarios = (Scenario(None, CATALOG.score(applied.history, policy, applied.clock)),)
    return WhatIf(
        policy_name=before.policy_name,
        policy_version=before.policy_version,
        as_of=as_of,
        clock=applied.clock,
        changes=tuple(changes),
        before=before,
        after=scenarios,
        assumptions=tuple(assumptions),
    )


def _with_feedback(
    applied: Applied, policy: Policy, client: ClientReaction, stars: float, private: int
) -> Scenario:
    contracts = list(applied.history.contracts)
    assumed = []
    for contract_id in applied.unknown_feedback:
        found = find_contract(applied.history, contract_id)
        index = contracts.index(found)
        contracts[index] = replace(found, stars=stars, private_score=private)
        assumed.append(FeedbackChange(contract_id, stars, private))
    history = applied.history.with_contracts(tuple(contracts))
    return Scenario(client, CATALOG.score(history, policy, applied.clock), tuple(assumed))
