"""The engines and policies every conformance test runs, in one place."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from jobscore.batch import score_marketplace
from jobscore.batch.reference import reference_rows
from jobscore.errors import InvalidInput
from jobscore.scoring import get_policy

POLICIES = ("upwork", "upwork-2015", "bayes")
#: Parametrize a test over these; Spark's cases carry the `spark` mark.
ENGINES = ["duckdb", pytest.param("spark", marks=pytest.mark.spark)]
#: The batch engines and the reference scorer, for what every one of them must refuse.
READERS = ["reference", *ENGINES]


def spark_engine(session: Any) -> Any:
    from jobscore.batch.spark_engine import SparkEngine

    return SparkEngine(session=session)


def engine_for(name: str, request: pytest.FixtureRequest) -> Any:
    """What `score_marketplace` takes: DuckDB by name, Spark on the test run's one session
    (and "reference", for `refusal`, as it is)."""
    if name == "spark":
        return spark_engine(request.getfixturevalue("spark_session"))
    if name == "duckdb":
        pytest.importorskip("duckdb", reason="needs jobscore[duckdb]")
    return name


def refusal(
    runner: Any, contracts: Path, out: Path, *, as_of: datetime, policy_name: str = "upwork"
) -> InvalidInput:
    """What `runner` (an engine from `engine_for`, or "reference") says refusing `contracts`;
    the test fails if it scores them instead. An engine refusing writes nothing to `out`."""
    policy = get_policy(policy_name)

    def read() -> object:
        if runner == "reference":
            return reference_rows(contracts, policy, as_of)
        return score_marketplace(contracts, out, policy=policy, as_of=as_of, engine=runner)

    with pytest.raises(InvalidInput) as refused:
        read()
    assert not out.exists()
    return refused.value
