"""Readings through the catalog, for the tools that share a memo between them."""

from __future__ import annotations

from datetime import datetime

from jobscore.domain.facts import History
from jobscore.scoring.catalog import CATALOG, Reader
from jobscore.scoring.reading import Reading
from jobscore.scoring.result import Policy, ScoreResult

__all__ = ["Reading", "ReadingMemo", "read_score", "score_without_points"]


class ReadingMemo:
    """Per-contract work kept between readings of one policy."""

    def __init__(self) -> None:
        self.reader: Reader | None = None


def read_score(
    policy: Policy, history: History, at: datetime, memo: ReadingMemo | None = None
) -> Reading:
    if memo is None:
        return CATALOG.reader(policy).read(history, at)
    if memo.reader is None:
        memo.reader = CATALOG.reader(policy)
    return memo.reader.read(history, at)


def score_without_points(policy: Policy, history: History, at: datetime) -> ScoreResult:
    return CATALOG.score_without_points(history, policy, at)
