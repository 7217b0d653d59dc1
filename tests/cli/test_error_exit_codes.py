"""Every error jobscore raises on purpose leaves the command line with the exit code of its row
in `ERROR_TABLE`, and its message on stderr."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from jobscore.cli.common import handle_errors
from jobscore.errors import (
    ERROR_TABLE,
    Conflict,
    EngineFailure,
    Forbidden,
    InvalidInput,
    JobScoreError,
    MissingExtra,
    NotFound,
    Problem,
    RuleBroken,
    Unauthorized,
    UnknownPolicy,
)
from tests.unit.test_errors import error_classes

#: One instance of each class in jobscore.errors, with the text stderr must show.
SAMPLES: dict[type[JobScoreError], tuple[JobScoreError, str]] = {
    JobScoreError: (JobScoreError("something went wrong"), "something went wrong"),
    InvalidInput: (
        InvalidInput(Problem("earned", "not an amount", "h.csv", 3, "contract k2")),
        "h.csv, row 3, contract k2: earned: not an amount",
    ),
    RuleBroken: (
        RuleBroken("refund_after_limit", "too late", record="contract k1", field="at"),
        "contract k1: at: too late (rule refund_after_limit)",
    ),
    UnknownPolicy: (UnknownPolicy("nope", ["upwork", "bayes"]), "choose one of: bayes, upwork"),
    NotFound: (NotFound("no freelancer 'f9'", record="freelancer f9"), "no freelancer 'f9'"),
    Conflict: (Conflict("idempotency key reused"), "idempotency key reused"),
    Unauthorized: (Unauthorized("no valid token"), "no valid token"),
    Forbidden: (Forbidden("a client may not do this"), "a client may not do this"),
    MissingExtra: (MissingExtra("matplotlib", "sim"), "pip install 'jobscore[sim]'"),
    EngineFailure: (EngineFailure("DuckDB failed: out of memory"), "DuckDB failed"),
}


def test_every_error_class_has_a_sample() -> None:
    assert set(SAMPLES) == error_classes()


@pytest.mark.parametrize("cls", sorted(SAMPLES, key=lambda cls: cls.__name__))
def test_the_exit_code_follows_the_table(cls: type[JobScoreError]) -> None:
    error, text = SAMPLES[cls]

    @handle_errors
    def fail() -> None:
        raise error

    app = typer.Typer()
    app.command()(fail)
    result = CliRunner().invoke(app, [])
    assert result.exit_code == ERROR_TABLE[cls].exit_code
    assert text in result.stderr
    assert result.stdout == ""
