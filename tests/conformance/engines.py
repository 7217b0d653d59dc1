"""The engines and policies every conformance test runs, in one place."""

from __future__ import annotations

from typing import Any

import pytest

POLICIES = ("upwork", "upwork-2015", "bayes")
#: Parametrize a test over these; Spark's cases carry the `spark` mark.
ENGINES = ["duckdb", pytest.param("spark", marks=pytest.mark.spark)]


def spark_engine(session: Any) -> Any:
    from jobscore.batch.spark_engine import SparkEngine

    return SparkEngine(session=session)


def engine_for(name: str, request: pytest.FixtureRequest) -> Any:
    """What `score_marketplace` takes: DuckDB by name, Spark on the test run's one session."""
    return spark_engine(request.getfixturevalue("spark_session")) if name == "spark" else name
