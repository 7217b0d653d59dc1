"""What scoring returns: the score, its windows, badges, and every contract's part in it.

The same shapes serve every policy; policy-specific figures go in `extra`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol

from jobscore.domain.enums import Outcome

__all__ = [
    "WINDOW_NAMES",
    "ContractScore",
    "Exclusion",
    "Finding",
    "HoldStatus",
    "Policy",
    "ScoreResult",
    "WindowScore",
]

WINDOW_NAMES = ("24m", "12m", "6m", "3m", "trending")


class Exclusion(StrEnum):
    """Why a contract counts toward no score now."""

    NOT_STARTED = "not_started"
    #: Open, and not a steady long-term contract.
    OPEN = "open"
    REMOVED = "removed"
    FLAGGED_CLIENT = "flagged_client"
    NO_FEEDBACK = "no_feedback"
    MID_CONTRACT_FEEDBACK = "mid_contract_feedback"
    #: Net $0 with positive or no feedback.
    ZERO_EARNINGS = "zero_earnings"
    #: Counted by the rules, but in none of the windows as of now.
    OUT_OF_WINDOW = "out_of_window"


class Policy(Protocol):
    """A versioned scoring policy: a plain record of parameters. Its `kind` names the scorer
    that reads it in `jobscore.scoring.catalog`."""

    @property
    def kind(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...

    def parameters(self) -> dict[str, Any]:
        """Every parameter by name, as it is; `render.json_encoding` writes them as JSON."""
        ...

    def assumptions(self) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class Finding:
    """Something in the data worth knowing that did not stop scoring."""

    message: str
    contract_id: str | None = None
    field: str | None = None


@dataclass(frozen=True, slots=True)
class WindowScore:
    name: str
    score: float | None
    enough_data: bool
    counted: int = 0
    clients: int = 0
    weight: float = 0.0
    good_weight: float = 0.0
    bad_weight: float = 0.0
    start: datetime | None = None


@dataclass(frozen=True, slots=True)
class HoldStatus:
    held: bool
    since: datetime | None = None
    until: datetime | None = None
    clients: tuple[str, ...] = ()
    by_hand: bool = False


@dataclass(frozen=True, slots=True)
class ContractScore:
    contract_id: str
    client_id: str
    #: The outcome the policy's rules give the contract; None when a rule excludes it. A
    #: contract outside every window keeps its outcome (only, it does not count now).
    outcome: Outcome | None
    excluded_because: Exclusion | None
    weight: float
    net_earnings: Decimal
    ended_at: datetime | None
    windows: tuple[str, ...] = ()
    #: Points this contract adds to (or takes from) the displayed score: the displayed score
    #: minus what it would be without this contract. 0 outside the displayed window.
    points: float | None = 0.0
    points_by_window: Mapping[str, float | None] = field(default_factory=dict)
    #: When the contract leaves each window it is in now.
    ages_out_at: Mapping[str, datetime] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def counted(self) -> bool:
        return self.outcome is not None and self.excluded_because is None


@dataclass(frozen=True, slots=True)
class ScoreResult:
    policy_name: str
    policy_version: str
    as_of: datetime
    score: float | None
    eligible: bool
    window: str | None
    windows: Mapping[str, WindowScore]
    contracts: tuple[ContractScore, ...]
    badges: tuple[str, ...] = ()
    hold: HoldStatus = HoldStatus(held=False)
    interval: tuple[float, float] | None = None
    computed_as_of: datetime | None = None
    findings: tuple[Finding, ...] = ()
    assumptions: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def window_score(self, name: str) -> float | None:
        window = self.windows.get(name)
        return window.score if window else None

    def contract(self, contract_id: str) -> ContractScore:
        for item in self.contracts:
            if item.contract_id == contract_id:
                return item
        raise KeyError(contract_id)
