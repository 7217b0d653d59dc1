"""The freelancer tools: what-if, refund-or-keep, recover, screen and badges.

Each is a pure function over a history, a policy (any the scoring catalog knows) and an
as-of instant; each answer lists what it assumed.

Each tool's module is imported on first use of one of its names, so that a command running
one tool does not load the others.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobscore.tools.badges import BadgeReport, badge_report
    from jobscore.tools.change_text import parse_change
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
    "BadgeReport",
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
    "badge_report",
    "date_at_pace",
    "fewest_contracts",
    "parse_change",
    "refund_or_keep",
    "screen_client",
    "what_if",
]

#: Public name -> the module that defines it.
_HOMES = {
    **dict.fromkeys(["BadgeReport", "badge_report"], "badges"),
    "parse_change": "change_text",
    **dict.fromkeys(
        [
            "AddContracts",
            "Change",
            "CloseContract",
            "FeedbackChange",
            "KeepOpen",
            "MoveClock",
            "RefundChange",
            "apply_changes",
        ],
        "changes",
    ),
    **dict.fromkeys(["PaceRecovery", "Recovery", "date_at_pace", "fewest_contracts"], "recover"),
    **dict.fromkeys(["DecisionRules", "Pace", "RefundOrKeep", "refund_or_keep"], "refund_or_keep"),
    **dict.fromkeys(["ClientRisk", "screen_client"], "screen"),
    **dict.fromkeys(["WhatIf", "what_if"], "whatif"),
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
