"""A contract's weight from its net earnings and its paid length."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from jobscore.domain.facts import ContractFacts

if TYPE_CHECKING:
    from jobscore.scoring.upwork.policy import UpworkPolicy

__all__ = ["contract_weight", "value_weight"]


def value_weight(c: ContractFacts, policy: UpworkPolicy, as_of: datetime | None = None) -> float:
    """$1-250 -> 1, $251-1,000 -> 1.25, over $1,000 -> 1.5 (by default), by the net earnings
    as of `as_of` (all of them when None)."""
    net = c.net_earnings if as_of is None else c.net_earned_by(as_of)
    for upper, weight in policy.weight_brackets:
        if upper is None or net <= upper:
            return weight
    return policy.weight_brackets[-1][1]


def contract_weight(
    c: ContractFacts,
    policy: UpworkPolicy,
    as_of: datetime | None = None,
    *,
    money_as_of: datetime | None = None,
) -> float:
    """Value weight plus one per full paid quarter (as of `as_of` for an open contract),
    capped (8 by default). The money is counted as of `as_of`, or `money_as_of`."""
    quarters = c.quarters_paid if as_of is None else c.quarters_paid_by(as_of)
    weight = value_weight(c, policy, as_of or money_as_of)
    weight += policy.weight_per_paid_quarter * quarters
    return min(weight, policy.max_weight)
