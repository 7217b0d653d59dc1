"""Shared test settings: Hypothesis profiles, the Spark group, and the PostgreSQL rule.

Tests marked `postgres` run against the database named by JOBSCORE_TEST_DATABASE_URL. Without
it they skip, saying so; under CI (CI=true) they fail instead, so a CI run that forgot the
database can't pass by skipping them.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci", deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "default")

#: The environment variable that names the PostgreSQL database of the `postgres` tests.
POSTGRES_URL_VARIABLE = "JOBSCORE_TEST_DATABASE_URL"


def postgres_test_url() -> str:
    """The PostgreSQL URL of the tests; skip without one, or fail under CI."""
    url = os.environ.get(POSTGRES_URL_VARIABLE, "").strip()
    if url:
        return url
    reason = f"needs {POSTGRES_URL_VARIABLE}, a PostgreSQL database the tests may write to"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI runs every test, so it must be set", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before any fixture of a `postgres` test is set up."""
    if item.get_closest_marker("postgres") is not None:
        postgres_test_url()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run every Spark test on one worker, so a parallel run starts one JVM, not one each;
    and every browser test on one worker, so it starts one Chromium."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        for group in ("spark", "browser"):
            if item.get_closest_marker(group) is not None:
                item.add_marker(pytest.mark.xdist_group(group))
