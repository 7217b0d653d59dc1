"""Rule 4 of §3: a contract's weight from its net earnings and its paid length."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jobscore.domain.facts import ContractFacts

if TYPE_CHECKING:
    from jobscore.scoring.upwork_policy import UpworkPolicy

__all__ = ["contract_weight", "value_weight"]


def value_weight(c: ContractFacts, policy: UpworkPolicy) -> float:
    """$1-250 -> 1, $251-1,000 -> 1.25, over $1,000 -> 1.5 (by default)."""
    net = c.net_earnings
    for upper, weight in policy.weight_brackets:
        if upper is None or net <= upper:
            return weight
    return policy.weight_brackets[-1][1]


def contract_weight(c: ContractFacts, policy: UpworkPolicy) -> float:
    """Value weight plus one per full paid quarter, capped (8 by default)."""
    weight = value_weight(c, policy) + policy.weight_per_paid_quarter * c.quarters_paid
    return min(weight, policy.max_weight)
