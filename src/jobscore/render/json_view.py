"""Results as JSON-ready dictionaries: the keys other programs rely on, plus details.

Each function returns plain JSON values (`render.json_encoding`): money as decimal strings.
"""

from __future__ import annotations

from typing import Any

from jobscore.render.json_encoding import to_json_value
from jobscore.scoring.result import ContractScore, ScoreResult

__all__ = ["contract_json", "result_json"]


def contract_json(item: ContractScore) -> dict[str, Any]:
    document: dict[str, Any] = to_json_value(
        {
            "contract_id": item.contract_id,
            "client_id": item.client_id,
            "outcome": (
                str(item.outcome) if item.outcome and not item.excluded_because else "excluded"
            ),
            "excluded_because": item.excluded_because,
            "weight": item.weight,
            "points": item.points,
            "net_earnings": item.net_earnings,
            "ended_at": item.ended_at,
            "windows": item.windows,
            "points_by_window": item.points_by_window,
            "ages_out_at": item.ages_out_at,
            **item.extra,
        }
    )
    return document


def result_json(result: ScoreResult, freelancer_id: str | None = None) -> dict[str, Any]:
    document: dict[str, Any] = to_json_value(
        {
            "freelancer_id": freelancer_id,
            "policy": {"name": result.policy_name, "version": result.policy_version},
            "as_of": result.as_of,
            "computed_as_of": result.computed_as_of,
            "score": result.score,
            "eligible": result.eligible,
            "window": result.window,
            "windows": {name: w.score for name, w in result.windows.items()},
            "window_details": {
                name: {
                    "score": w.score,
                    "enough_data": w.enough_data,
                    "counted": w.counted,
                    "clients": w.clients,
                    "weight": w.weight,
                    "start": w.start,
                }
                for name, w in result.windows.items()
            },
            "interval": result.interval,
            "badges": result.badges,
            "hold": {
                "held": result.hold.held,
                "since": result.hold.since,
                "until": result.hold.until,
                "clients": result.hold.clients,
            },
            "contracts": [contract_json(item) for item in result.contracts],
            "findings": [
                {"message": f.message, "contract_id": f.contract_id, "field": f.field}
                for f in result.findings
            ],
            "assumptions": result.assumptions,
            **result.extra,
        }
    )
    return document
