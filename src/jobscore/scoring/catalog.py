"""The catalog: each policy kind with everything that scores it, and the policies by name.

A policy is a plain record of parameters whose `kind` names its entry here. The entry holds
what every caller needs of a policy — the full result, the same without the per-contract
points, the quick reading the tools take at many instants, the SQL plan the batch engines run,
and when the policy recalculates — so no caller asks which type a policy is. A new policy
kind is one new entry; a new policy of a known kind is one new record in `policies`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any, Generic, TypeVar

from jobscore.domain.facts import History
from jobscore.errors import UnknownPolicy
from jobscore.instants import as_utc
from jobscore.scoring.bayes.policy import BAYES, BayesPolicy
from jobscore.scoring.bayes.scorer import read_bayes, score_bayes
from jobscore.scoring.bayes.sql import bayes_plan
from jobscore.scoring.bayes.terms import EvidenceMemo
from jobscore.scoring.reading import Reading
from jobscore.scoring.result import Policy, ScoreResult
from jobscore.scoring.sql import SqlPlan
from jobscore.scoring.upwork.outcomes import SettledMemo
from jobscore.scoring.upwork.policy import UPWORK, UPWORK_2015, UpworkPolicy
from jobscore.scoring.upwork.scorer import (
    read_upwork,
    recalculated_at,
    recalculation_period,
    score_upwork,
)
from jobscore.scoring.upwork.sql import upwork_plan

__all__ = ["CATALOG", "Catalog", "PolicyKind", "Reader"]

P = TypeVar("P")
M = TypeVar("M")


@dataclass(frozen=True, slots=True)
class PolicyKind(Generic[P, M]):
    """What scores the policies of one kind. `P` is the kind's policy record, `M` the memo
    its readings share (per-contract work kept from one reading to the next)."""

    name: str
    #: The full result: the score, every window, badges, each contract's part and points;
    #: given the displayed scores recorded before (weekly snapshots), for the badges.
    score: Callable[[History, P, datetime, Sequence[Reading]], ScoreResult]
    #: The same result without each contract's points, where those cost a rescoring each.
    score_without_points: Callable[[History, P, datetime], ScoreResult]
    #: The displayed score alone, the same figure as `score` gives, as cheaply as the kind can.
    read: Callable[[History, P, datetime, M], Reading]
    new_memo: Callable[[], M]
    #: The SQL the batch engines run: (policy, as_of, the engine computes shared steps once).
    sql_plan: Callable[[P, datetime, bool], SqlPlan]
    #: The instant a score as of `at` is computed as of, and how often that instant moves
    #: (None: a score can be computed as of any instant).
    recalculated_at: Callable[[P, datetime], datetime]
    recalculation_period: Callable[[P], timedelta | None]
    #: Whether the kind learns statistics from the whole marketplace (a prior, the clients'
    #: habits) before it scores anyone, as `bayes` does at each snapshot.
    fits_marketplace: bool = False


class Reader:
    """Readings of one policy, sharing per-contract work between them. Give it variants of
    one history (the tools' paths); it is not for unrelated histories."""

    __slots__ = ("_kind", "_memo", "policy")

    def __init__(self, kind: PolicyKind[Any, Any], policy: Policy) -> None:
        self._kind = kind
        self._memo = kind.new_memo()
        self.policy = policy

    def read(self, history: History, at: datetime) -> Reading:
        reading: Reading = self._kind.read(history, self.policy, at, self._memo)
        return reading


def _same_instant(policy: Any, at: datetime) -> datetime:
    return at


def _never(policy: Any) -> timedelta | None:
    return None


def _score_bayes(
    history: History, policy: BayesPolicy, at: datetime, past: Sequence[Reading]
) -> ScoreResult:
    # No badge of `bayes` reads past scores.
    return score_bayes(history, policy, at)


def _score_bayes_without_points(history: History, policy: BayesPolicy, at: datetime) -> ScoreResult:
    return score_bayes(history, policy, at, explain=False)


UPWORK_KIND: PolicyKind[UpworkPolicy, SettledMemo] = PolicyKind(
    name="upwork",
    score=score_upwork,
    # Its points cost no rescoring: the windows' tallies give them.
    score_without_points=score_upwork,
    read=read_upwork,
    new_memo=dict,
    sql_plan=upwork_plan,
    recalculated_at=recalculated_at,
    recalculation_period=recalculation_period,
)

BAYES_KIND: PolicyKind[BayesPolicy, EvidenceMemo] = PolicyKind(
    name="bayes",
    score=_score_bayes,
    score_without_points=_score_bayes_without_points,
    read=read_bayes,
    new_memo=EvidenceMemo,
    sql_plan=bayes_plan,
    recalculated_at=_same_instant,
    recalculation_period=_never,
    fits_marketplace=True,
)


@dataclass(frozen=True, slots=True)
class Catalog:
    """Policy kinds by name, and the policies the command line and the API accept by name."""

    kinds: Mapping[str, PolicyKind[Any, Any]]
    policies: Mapping[str, Policy]
    default: str

    def names(self) -> tuple[str, ...]:
        return tuple(sorted(self.policies))

    def policy(self, name: str) -> Policy:
        try:
            return self.policies[name]
        except KeyError:
            raise UnknownPolicy(name, self.names()) from None

    def kind_of(self, policy: Policy) -> PolicyKind[Any, Any]:
        try:
            return self.kinds[policy.kind]
        except KeyError:
            raise UnknownPolicy(policy.kind, self.kinds) from None

    def score(
        self, history: History, policy: Policy, as_of: datetime, past: Sequence[Reading] = ()
    ) -> ScoreResult:
        """Score one freelancer's history under a policy, as of an explicit instant. `past`:
        the displayed scores recorded before it (weekly snapshots), which badges may read."""
        kind = self.kind_of(policy)
        result: ScoreResult = kind.score(history, policy, as_utc(as_of), past)
        return result

    def score_without_points(
        self, history: History, policy: Policy, as_of: datetime
    ) -> ScoreResult:
        """`score` with the same score, windows and contracts, but without each contract's
        points where computing them costs a rescoring per contract."""
        kind = self.kind_of(policy)
        result: ScoreResult = kind.score_without_points(history, policy, as_utc(as_of))
        return result

    def reader(self, policy: Policy) -> Reader:
        return Reader(self.kind_of(policy), policy)

    def sql_plan(self, policy: Policy, as_of: datetime, shared_steps_once: bool) -> SqlPlan:
        plan: SqlPlan = self.kind_of(policy).sql_plan(policy, as_utc(as_of), shared_steps_once)
        return plan

    def recalculated_at(self, policy: Policy, at: datetime) -> datetime:
        instant: datetime = self.kind_of(policy).recalculated_at(policy, at)
        return instant

    def fits_marketplace(self, policy: Policy) -> bool:
        return self.kind_of(policy).fits_marketplace

    def recalculation_period(self, policy: Policy) -> timedelta | None:
        period: timedelta | None = self.kind_of(policy).recalculation_period(policy)
        return period


CATALOG = Catalog(
    kinds=MappingProxyType({kind.name: kind for kind in (UPWORK_KIND, BAYES_KIND)}),
    policies=MappingProxyType({policy.name: policy for policy in (UPWORK, UPWORK_2015, BAYES)}),
    default="upwork",
)
