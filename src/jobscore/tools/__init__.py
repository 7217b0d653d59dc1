"""The freelancer tools of SPEC §5: what-if, refund-or-keep, recover and screen.

Each is a pure function over a history, a policy (anything with `Policy.score`) and an
as-of instant; each answer lists what it assumed.
"""

from jobscore.tools.changes import (
    AddContracts,
    Change,
    CloseContract,
    FeedbackChange,
    KeepOpen,
    MoveClock,
    RefundChange,
    apply_changes,
)
from jobscore.tools.recover import PaceRecovery, Recovery, date_at_pace, fewest_contracts
from jobscore.tools.refund_or_keep import DecisionRules, Pace, RefundOrKeep, refund_or_keep
from jobscore.tools.screen import ClientRisk, screen_client
from jobscore.tools.whatif import WhatIf, what_if

__all__ = [
    "AddContracts",
    "Change",
    "ClientRisk",
    "CloseContract",
    "DecisionRules",
    "FeedbackChange",
    "KeepOpen",
    "MoveClock",
    "Pace",
    "PaceRecovery",
    "Recovery",
    "RefundChange",
    "RefundOrKeep",
    "WhatIf",
    "apply_changes",
    "date_at_pace",
    "fewest_contracts",
    "refund_or_keep",
    "screen_client",
    "what_if",
]
