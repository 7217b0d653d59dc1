"""A score over HTTP is the object `jobscore score --json` prints for the same history: a
README example imported into the store, then read back as the operator.

The examples chosen have no feedback still inside its 14-day window as of the instant read: the
store counts feedback from its reveal, a file scored directly does not wait for it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobscore.cli import app
from jobscore.store.importer import import_history
from tests.api.conftest import Market

EXAMPLES = Path(__file__).parents[2] / "examples"
AS_OF = "2026-11-01"


# `bayes` reads the clients' rating habits, which a history file carries and the store does not
# keep (docs/service.md, importing history files), so only the `upwork` policies are compared.
@pytest.mark.parametrize("policy", ["upwork", "upwork-2015"])
@pytest.mark.parametrize("example", ["recovering_78.csv", "rich_history.json"])
def test_score_over_http_equals_the_command_line(market: Market, example: str, policy: str) -> None:
    path = EXAMPLES / example
    import_history(market.store, path, datetime(2026, 11, 2, tzinfo=UTC))
    printed = CliRunner().invoke(
        app, ["score", str(path), "--json", "--as-of", AS_OF, "--policy", policy]
    )
    assert printed.exit_code == 0, printed.output
    expected = json.loads(printed.stdout)

    answer = market.get(
        "operator", f"/freelancers/{expected['freelancer_id']}/score", policy=policy, as_of=AS_OF
    )

    assert answer.status_code == 200, answer.text
    assert answer.json() == expected
