"""Engines for the conformance suite: DuckDB per test, one local Spark session per test run."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def spark_session() -> Iterator[Any]:
    """Spark in local mode on two cores, started once and shared by every Spark test."""
    pytest.importorskip("pyspark", reason="needs jobscore[spark]")
    spark_engine = pytest.importorskip(
        "jobscore.batch.spark_engine", reason="needs jobscore[spark]"
    )
    session = spark_engine.local_session("local[2]", shuffle_partitions=2)
    yield session
    session.stop()
