"""what-if: the score before and after hypothetical changes, under any policy.

When a refund leaves a client's final feedback open (`effects.Pending`), the answer shows
both ways it can go: one "after" with the client content (pleased after a partial refund,
silent after a full one) and one with the client unhappy all the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from jobscore.domain.facts import History
from jobscore.instants import as_utc
from jobscore.scoring.catalog import CATALOG
from jobscore.scoring.result import WINDOW_NAMES, Policy, ScoreResult
from jobscore.tools.changes import Applied, Change, apply_changes
from jobscore.tools.effects import ClientResponse, Effect, Responded, respond

__all__ = ["Scenario", "WhatIf", "WindowChange", "what_if"]


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


@dataclass(frozen=True, slots=True)
class Scenario:
    """One way the changes can turn out, scored."""

    #: None: the changes leave no client's feedback open, and there is one way only.
    client: ClientResponse | None
    result: ScoreResult
    #: What each client whose feedback the changes left open is assumed to do.
    assumed: tuple[Responded, ...] = ()


@dataclass(frozen=True, slots=True)
class WhatIf:
    policy_name: str
    policy_version: str
    as_of: datetime
    clock: datetime
    changes: tuple[Change, ...]
    before: ScoreResult
    after: tuple[Scenario, ...]
    #: What the changes did, in the order they were applied.
    effects: tuple[Effect, ...]

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
    # Only what had happened by `as_of`: an answer never rests on facts dated later.
    history = history.known_at(as_of)
    before = CATALOG.score(history, policy, as_of)
    applied = apply_changes(history, changes, as_of)
    if applied.pending:
        scenarios = tuple(_way(applied, policy, content) for content in (True, False))
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
        effects=applied.effects,
    )


def _way(applied: Applied, policy: Policy, content: bool) -> Scenario:
    """The changed history scored with every client left open content, or unhappy."""
    changed, assumed = respond(applied.history, applied.pending, content)
    responses = {a.response for a in assumed}
    # Content clients are silent after a full refund and pleased after a partial one.
    client = responses.pop() if len(responses) == 1 else ClientResponse.PLEASED
    return Scenario(client, CATALOG.score(changed, policy, applied.clock), assumed)
