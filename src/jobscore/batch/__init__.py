"""Batch scoring of a whole marketplace: embedded DuckDB by default, Apache Spark
when one machine is not enough, both checked against the pure-Python reference scorer.

The engines are optional extras and are imported only when chosen (`open_engine`).
"""

from __future__ import annotations

from jobscore.batch.engine import ENGINE_NAMES, BatchEngine, EngineFailure, open_engine
from jobscore.batch.run import BatchSummary, score_marketplace

__all__ = [
    "ENGINE_NAMES",
    "BatchEngine",
    "BatchSummary",
    "EngineFailure",
    "open_engine",
    "score_marketplace",
]
