"""The freelancer tools' answers as JSON-ready dictionaries (for `--json`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from jobscore.instants import format_instant
from jobscore.render.json_view import plain

if TYPE_CHECKING:
    # Types only: a command imports the one tool it runs, not every tool's module.
    from jobscore.scoring.result import ScoreResult
    from jobscore.tools.changes import Change
    from jobscore.tools.readings import Reading
    from jobscore.tools.recover import PaceRecovery, Recovery
    from jobscore.tools.refund_or_keep import Path, RefundOrKeep
    from jobscore.tools.screen import ClientRisk
    from jobscore.tools.whatif import WhatIf

__all__ = ["pace_json", "recovery_json", "refund_or_keep_json", "screen_json", "whatif_json"]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _reading(reading: Reading | None) -> dict[str, Any] | None:
    if reading is None:
        return None
    return {
        "at": format_instant(reading.at),
        "score": _rounded(reading.score),
        "window": reading.window,
    }


def _change(change: Change) -> dict[str, Any]:
    kind = {
        "RefundChange": "refund",
        "FeedbackChange": "feedback",
        "CloseContract": "close",
        "KeepOpen": "keep_open",
        "AddContracts": "add",
        "MoveClock": "clock",
    }[type(change).__name__]
    return {"kind": kind, **plain(asdict(change))}


def _score(result: ScoreResult) -> dict[str, Any]:
    return {
        "score": _rounded(result.score),
        "eligible": result.eligible,
        "window": result.window,
        "windows": {name: _rounded(w.score) for name, w in result.windows.items()},
        "interval": None if result.interval is None else [_rounded(v) for v in result.interval],
        "badges": list(result.badges),
    }


def whatif_json(answer: WhatIf) -> dict[str, Any]:
    after = []
    for scenario in answer.after:
        after.append(
            {
                "label": scenario.label,
                **_score(scenario.result),
                "deltas": {w.name: _rounded(w.delta) for w in answer.windows(scenario)},
                "badges_gained": list(answer.badges_gained(scenario)),
                "badges_lost": list(answer.badges_lost(scenario)),
                "assumed_feedback": list(scenario.assumed),
            }
        )
    return {
        "tool": "whatif",
        "policy": {"name": answer.policy_name, "version": answer.policy_version},
        "as_of": format_instant(answer.as_of),
        "clock": format_instant(answer.clock),
        "changes": [_change(c) for c in answer.changes],
        "before": _score(answer.before),
        "after": after,
        "assumptions": list(answer.assumptions),
    }


def _path(path: Path, months: int, thresholds: Sequence[float]) -> dict[str, Any]:
    first = {f"{t:g}": _reading(path.first_at_or_above(t)) for t in thresholds}
    return {
        "key": path.key,
        "label": path.label,
        "money_given_up": float(path.money_given_up),
        "now": _reading(path.now),
        "first_at_or_above": {k: (v["at"] if v else None) for k, v in first.items()},
        "months_below": {f"{t:g}": path.months_below(t, months) for t in thresholds},
        "months_without_score": path.months_without_score(months),
        "path": [{"month": k, **(_reading(r) or {})} for k, r in enumerate(path.readings)],
        "assumed": list(path.assumed),
    }


def refund_or_keep_json(answer: RefundOrKeep) -> dict[str, Any]:
    months = answer.rules.months
    return {
        "tool": "refund-or-keep",
        "policy": {"name": answer.policy_name},
        "as_of": format_instant(answer.as_of),
        "contract_id": answer.contract_id,
        "recommend": "refund" if answer.recommend_refund else "keep",
        "recommendation": answer.recommendation,
        "reasons": list(answer.reasons),
        "money_at_stake": float(answer.money_at_stake),
        "points_at_stake": _rounded(answer.points_at_stake),
        "record_size": answer.record_size,
        "monthly_income": float(answer.monthly_income),
        "income_protected": float(answer.income_protected),
        "options": [_path(p, months, answer.thresholds) for p in answer.paths],
        "assumptions": list(answer.assumptions),
    }


def recovery_json(answer: Recovery) -> dict[str, Any]:
    return {
        "tool": "recover",
        "mode": "fewest_contracts",
        "policy": {"name": answer.policy_name},
        "as_of": format_instant(answer.as_of),
        "target": answer.target,
        "by": format_instant(answer.by),
        "size": float(answer.size),
        "max_per_month": answer.max_per_month,
        "now": _reading(answer.now),
        "reachable": answer.reachable,
        "contracts": answer.contracts,
        "reached": _reading(answer.reached),
        "schedule": [format_instant(t) for t in answer.schedule],
        "nearest": _reading(answer.nearest),
        "nearest_contracts": answer.nearest_contracts,
        "nearest_schedule": [format_instant(t) for t in answer.nearest_schedule],
        "options": [
            {"contracts": count, "first_shows": format_instant(t)} for count, t in answer.options
        ],
        "assumptions": list(answer.assumptions),
    }


def pace_json(answer: PaceRecovery) -> dict[str, Any]:
    return {
        "tool": "recover",
        "mode": "pace",
        "policy": {"name": answer.policy_name},
        "as_of": format_instant(answer.as_of),
        "target": answer.target,
        "pace_per_month": answer.per_month,
        "size": float(answer.size),
        "now": _reading(answer.now),
        "reachable": answer.reached is not None,
        "reached": _reading(answer.reached),
        "contracts_by_then": answer.contracts_by_then,
        "horizon": format_instant(answer.horizon),
        "assumptions": list(answer.assumptions),
    }


def screen_json(answer: ClientRisk) -> dict[str, Any]:
    return {
        "tool": "screen",
        "policy": {"name": answer.policy_name},
        "client_id": answer.client_id,
        "probability_bad": round(answer.probability, 6),
        "reasons": [
            {"factor": r.factor, "detail": r.detail, "points": round(r.contribution, 6)}
            for r in answer.reasons
        ],
        "contracts": answer.contracts,
        "freelancers": answer.freelancers,
        "ended": answer.ended,
        "rated": answer.rated,
        "bad": answer.bad,
        "stars_given": {
            "mean": _rounded(answer.stars_given_mean),
            "count": answer.stars_given_count,
        },
        "private_given": {
            "mean": _rounded(answer.private_given_mean),
            "count": answer.private_given_count,
        },
        "refunded_share": round(answer.refunded_share, 6),
        "disputed_share": round(answer.disputed_share, 6),
        "silent_share": round(answer.silent_share, 6),
        "spend": float(answer.spend),
        "payment_verified": answer.payment_verified,
        "flagged": answer.flagged,
        "marketplace": plain(asdict(answer.marketplace)),
        "assumptions": list(answer.assumptions),
    }
