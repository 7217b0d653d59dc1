"""The freelancer tools' answers as JSON-ready dictionaries (for `--json`).

Each function returns plain JSON values (`render.json_encoding`): money as decimal strings,
instants as ISO 8601. Sentences come from the same wording functions as the tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from jobscore.render.json_encoding import to_json_value
from jobscore.render.tool_words import (
    effects_words,
    pace_assumptions,
    recovery_assumptions,
    responded_words,
    scenario_label,
    screen_assumptions,
    screen_reason_words,
    whatif_assumptions,
)

if TYPE_CHECKING:
    # Types only: a command imports the one tool it runs, not every tool's module.
    from jobscore.scoring.reading import Reading
    from jobscore.scoring.result import ScoreResult
    from jobscore.tools.badges import BadgeReport
    from jobscore.tools.changes import Change
    from jobscore.tools.recover import PaceRecovery, Recovery
    from jobscore.tools.refund_or_keep import Path, RefundOrKeep
    from jobscore.tools.screen import ClientRisk
    from jobscore.tools.whatif import WhatIf

__all__ = [
    "badges_json",
    "pace_json",
    "recovery_json",
    "refund_or_keep_json",
    "screen_json",
    "whatif_json",
]


def _plain(document: dict[str, Any]) -> dict[str, Any]:
    plain: dict[str, Any] = to_json_value(document)
    return plain


def _reading(reading: Reading | None) -> dict[str, Any] | None:
    if reading is None:
        return None
    return {"at": reading.at, "score": reading.score, "window": reading.window}


def _change(change: Change) -> dict[str, Any]:
    kind = {
        "RefundChange": "refund",
        "FeedbackChange": "feedback",
        "CloseContract": "close",
        "KeepOpen": "keep_open",
        "AddContracts": "add",
        "MoveClock": "clock",
    }[type(change).__name__]
    return {"kind": kind, **asdict(change)}


def _score(result: ScoreResult) -> dict[str, Any]:
    return {
        "score": result.score,
        "eligible": result.eligible,
        "window": result.window,
        "windows": {name: w.score for name, w in result.windows.items()},
        "interval": result.interval,
        "badges": result.badges,
    }


def whatif_json(answer: WhatIf) -> dict[str, Any]:
    after = []
    for scenario in answer.after:
        after.append(
            {
                "label": scenario_label(scenario),
                **_score(scenario.result),
                "deltas": {w.name: w.delta for w in answer.windows(scenario)},
                "badges_gained": answer.badges_gained(scenario),
                "badges_lost": answer.badges_lost(scenario),
                "assumed_feedback": [responded_words(c) for c in scenario.assumed],
            }
        )
    return _plain(
        {
            "tool": "whatif",
            "policy": {"name": answer.policy_name, "version": answer.policy_version},
            "as_of": answer.as_of,
            "clock": answer.clock,
            "changes": [_change(c) for c in answer.changes],
            "before": _score(answer.before),
            "after": after,
            "assumptions": whatif_assumptions(answer),
        }
    )


def _path(path: Path, months: int, thresholds: Sequence[float]) -> dict[str, Any]:
    from jobscore.render.refund_words import path_label

    first = {f"{t:g}": path.first_at_or_above(t) for t in thresholds}
    return {
        "key": path.key,
        "label": path_label(path),
        "money_given_up": path.money_given_up,
        "now": _reading(path.now),
        "first_at_or_above": {k: (r.at if r else None) for k, r in first.items()},
        "months_below": {f"{t:g}": path.months_below(t, months) for t in thresholds},
        "months_without_score": path.months_without_score(months),
        "path": [{"month": k, **(_reading(r) or {})} for k, r in enumerate(path.readings)],
        "assumed": [
            *effects_words(path.effects),
            *(responded_words(r) for r in path.responded),
        ],
    }


def refund_or_keep_json(answer: RefundOrKeep) -> dict[str, Any]:
    # Loaded here: the wording imports the tool's module, which other tools' commands skip.
    from jobscore.render.refund_words import assumption_words, reason_words, recommendation_words

    months = answer.rules.months
    return _plain(
        {
            "tool": "refund-or-keep",
            "policy": {"name": answer.policy_name},
            "as_of": answer.as_of,
            "contract_id": answer.contract_id,
            "recommend": "refund" if answer.recommend_refund else "keep",
            "verdict": answer.verdict,
            "recommendation": recommendation_words(answer),
            "reasons": [reason_words(r) for r in answer.reasons],
            "money_at_stake": answer.money_at_stake,
            "points_at_stake": answer.points_at_stake,
            "record_size": answer.record_size,
            "monthly_income": answer.monthly_income,
            "income_protected": answer.income_protected,
            "options": [_path(p, months, answer.thresholds) for p in answer.paths],
            "assumptions": assumption_words(answer),
        }
    )


def recovery_json(answer: Recovery) -> dict[str, Any]:
    return _plain(
        {
            "tool": "recover",
            "mode": "fewest_contracts",
            "policy": {"name": answer.policy_name},
            "as_of": answer.as_of,
            "target": answer.target,
            "by": answer.by,
            "size": answer.size,
            "max_per_month": answer.max_per_month,
            "now": _reading(answer.now),
            "reachable": answer.reachable,
            "contracts": answer.contracts,
            "reached": _reading(answer.reached),
            "schedule": answer.schedule,
            "nearest": _reading(answer.nearest),
            "nearest_contracts": answer.nearest_contracts,
            "nearest_schedule": answer.nearest_schedule,
            "options": [
                {"contracts": count, "first_shows": first} for count, first in answer.options
            ],
            "assumptions": recovery_assumptions(answer),
        }
    )


def pace_json(answer: PaceRecovery) -> dict[str, Any]:
    return _plain(
        {
            "tool": "recover",
            "mode": "pace",
            "policy": {"name": answer.policy_name},
            "as_of": answer.as_of,
            "target": answer.target,
            "pace_per_month": answer.per_month,
            "size": answer.size,
            "now": _reading(answer.now),
            "reachable": answer.reached is not None,
            "reached": _reading(answer.reached),
            "contracts_by_then": answer.contracts_by_then,
            "horizon": answer.horizon,
            "assumptions": pace_assumptions(answer),
        }
    )


def screen_json(answer: ClientRisk) -> dict[str, Any]:
    return _plain(
        {
            "tool": "screen",
            "policy": {"name": answer.policy_name},
            "client_id": answer.client_id,
            "probability_bad": answer.probability,
            "reasons": [
                {
                    "factor": r.factor,
                    "detail": screen_reason_words(r),
                    "points": r.contribution,
                }
                for r in answer.reasons
            ],
            "contracts": answer.contracts,
            "freelancers": answer.freelancers,
            "ended": answer.ended,
            "rated": answer.rated,
            "bad": answer.bad,
            "stars_given": {
                "mean": answer.stars_given_mean,
                "count": answer.stars_given_count,
            },
            "private_given": {
                "mean": answer.private_given_mean,
                "count": answer.private_given_count,
            },
            "refunded_share": answer.refunded_share,
            "disputed_share": answer.disputed_share,
            "silent_share": answer.silent_share,
            "spend": answer.spend,
            "payment_verified": answer.payment_verified,
            "flagged": answer.flagged,
            "marketplace": answer.marketplace,
            "assumptions": screen_assumptions(answer),
        }
    )


def badges_json(answer: BadgeReport) -> dict[str, Any]:
    return _plain(
        {
            "tool": "badges",
            "policy": {"name": answer.policy_name, "version": answer.policy_version},
            "as_of": answer.as_of,
            "score": answer.score,
            "eligible": answer.eligible,
            "window": answer.window,
            "badges": answer.badges,
            "hold": {
                "held": answer.hold.held,
                "since": answer.hold.since,
                "until": answer.hold.until,
                "clients": answer.hold.clients,
            },
            "earned_12m": answer.earned_12m,
            "first_contract_at": answer.first_contract_at,
            "standings": [
                {
                    "badge": standing.badge,
                    "held": standing.held,
                    "missing": [r.rule for r in standing.missing],
                    "requirements": [
                        {
                            "rule": r.rule,
                            "value": r.value,
                            "needed": r.needed,
                            "met": r.met,
                            **({"of_weeks": r.weeks_considered} if r.weeks_considered else {}),
                        }
                        for r in standing.requirements
                    ],
                }
                for standing in answer.standings
            ],
        }
    )
