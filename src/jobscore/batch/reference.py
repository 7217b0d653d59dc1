"""The pure-Python reference scorer run over a whole marketplace, row for row like the engines.

Slow by design (one reference scoring per freelancer); it is the definition the engines are checked
against, and `--engine reference` for small files.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from jobscore.io.history_files import HistoryFile, load_history_file
from jobscore.scoring.catalog import CATALOG
from jobscore.scoring.result import WINDOW_NAMES, Policy, ScoreResult

__all__ = ["reference_row", "reference_rows", "score_history_file"]


def reference_row(freelancer_id: str, result: ScoreResult) -> dict[str, Any]:
    """One freelancer's result in the batch output's columns."""
    row: dict[str, Any] = {
        "freelancer_id": freelancer_id,
        "score": result.score,
        "eligible": result.eligible,
        "window": result.window,
    }
    for name in WINDOW_NAMES:
        window = result.windows.get(name)
        row[f"score_{name}"] = window.score if window else None
        if name != "trending":
            row[f"counted_{name}"] = window.counted if window else 0
    if result.interval is not None:
        row["interval_lo"], row["interval_hi"] = result.interval
    return row


def score_history_file(
    loaded: HistoryFile, policy: Policy, as_of: datetime
) -> list[dict[str, Any]]:
    return [
        # The per-contract points are not part of the output.
        reference_row(
            freelancer_id,
            CATALOG.score_without_points(loaded.history(freelancer_id), policy, as_of),
        )
        for freelancer_id in loaded.freelancer_ids()
    ]


def reference_rows(
    contracts: Path, policy: Policy, as_of: datetime, *, decimal_comma: bool = False
) -> list[dict[str, Any]]:
    """Every freelancer of a history file (CSV, JSON rows, Parquet or a directory of it),
    scored by the reference."""
    loaded = load_history_file(contracts, decimal_comma=decimal_comma)
    return score_history_file(loaded, policy, as_of)
