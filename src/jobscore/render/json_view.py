"""Results as JSON-ready dictionaries: the stable keys of SPEC §8, plus details."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from jobscore.instants import format_instant
from jobscore.scoring.result import ContractScore, ScoreResult

__all__ = ["contract_json", "plain", "result_json"]


def plain(value: Any) -> Any:
    """Recursively turn Decimals, instants, enums and tuples into JSON values."""
    if isinstance(value, datetime):
        return format_instant(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 6)
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    return value


def contract_json(item: ContractScore) -> dict[str, Any]:
    return {
        "contract_id": item.contract_id,
        "client_id": item.client_id,
        "outcome": str(item.outcome) if item.outcome and not item.excluded_because else "excluded",
        "excluded_because": item.excluded_because,
        "weight": round(item.weight, 6),
        "points": None if item.points is None else round(item.points, 6),
        "net_earnings": plain(item.net_earnings),
        "ended_at": plain(item.ended_at),
        "windows": list(item.windows),
        "points_by_window": plain(dict(item.points_by_window)),
        "ages_out_at": plain(dict(item.ages_out_at)),
        **{key: plain(value) for key, value in item.extra.items()},
    }


def result_json(result: ScoreResult, freelancer_id: str | None = None) -> dict[str, Any]:
    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 6)

    return {
        "freelancer_id": freelancer_id,
        "policy": {"name": result.policy_name, "version": result.policy_version},
        "as_of": format_instant(result.as_of),
        "computed_as_of": plain(result.computed_as_of),
        "score": rounded(result.score),
        "eligible": result.eligible,
        "window": result.window,
        "windows": {name: rounded(w.score) for name, w in result.windows.items()},
        "window_details": {
            name: {
                "score": rounded(w.score),
                "enough_data": w.enough_data,
                "counted": w.counted,
                "clients": w.clients,
                "weight": rounded(w.weight),
                "start": plain(w.start),
            }
            for name, w in result.windows.items()
        },
        "interval": None if result.interval is None else [rounded(v) for v in result.interval],
        "badges": list(result.badges),
        "hold": {
            "held": result.hold.held,
            "since": plain(result.hold.since),
            "until": plain(result.hold.until),
            "clients": list(result.hold.clients),
        },
        "contracts": [contract_json(item) for item in result.contracts],
        "findings": [
            {"message": f.message, "contract_id": f.contract_id, "field": f.field}
            for f in result.findings
        ],
        "assumptions": list(result.assumptions),
        **{key: plain(value) for key, value in result.extra.items()},
    }
