"""The error tree and its one table: every error class has a code, an exit code and an HTTP
status, and none is defined outside `jobscore.errors`."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import jobscore.errors as errors
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
    error_document,
    kind_of,
)

SRC = Path(__file__).parents[2] / "src" / "jobscore"


def error_classes() -> set[type[JobScoreError]]:
    return {
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, JobScoreError) and cls.__module__ == errors.__name__
    }


def test_every_error_class_has_its_own_row() -> None:
    assert error_classes() == set(ERROR_TABLE)
    codes = [kind.code for kind in ERROR_TABLE.values()]
    assert len(set(codes)) == len(codes)


def test_the_table() -> None:
    # SPEC §8: exit 2 for bad input, 1 for any other failure; HTTP 422 for a broken rule or a
    # malformed request, 401, 403, 404, 409 as listed there.
    table = {c.__name__: (k.code, k.exit_code, int(k.http_status)) for c, k in ERROR_TABLE.items()}
    assert table == {
        "JobScoreError": ("error", 1, 500),
        "InvalidInput": ("invalid_input", 2, 422),
        "RuleBroken": ("rule_broken", 2, 422),
        "UnknownPolicy": ("unknown_policy", 2, 422),
        "NotFound": ("not_found", 2, 404),
        "Conflict": ("conflict", 2, 409),
        "Unauthorized": ("unauthorized", 1, 401),
        "Forbidden": ("forbidden", 1, 403),
        "MissingExtra": ("missing_extra", 1, 501),
        "EngineFailure": ("engine_failure", 1, 500),
    }


def test_a_subclass_takes_its_nearest_parents_row() -> None:
    class SparkCrashed(EngineFailure):
        pass

    class Novel(JobScoreError):
        pass

    assert kind_of(SparkCrashed("boom")) == ERROR_TABLE[EngineFailure]
    assert kind_of(Novel) == ERROR_TABLE[JobScoreError]
    with pytest.raises(TypeError):
        kind_of(ValueError)  # type: ignore[arg-type]


def test_the_mixins_keep_their_builtin_families() -> None:
    assert issubclass(InvalidInput, ValueError)
    assert issubclass(RuleBroken, InvalidInput)
    assert issubclass(UnknownPolicy, LookupError)
    assert issubclass(NotFound, LookupError)
    assert issubclass(MissingExtra, ImportError)
    for cls in (Conflict, Unauthorized, Forbidden, EngineFailure):
        assert issubclass(cls, JobScoreError)


def test_the_api_error_body_names_the_record_and_field() -> None:
    refused = InvalidInput(Problem("refunds[r1].amount", "above what was paid", record="k1"))
    assert error_document(refused) == {
        "error": {
            "code": "invalid_input",
            "message": "k1: refunds[r1].amount: above what was paid",
            "record": "k1",
            "field": "refunds[r1].amount",
        }
    }
    broken = error_document(
        RuleBroken("refund_above_refundable", "above", record="contract k1", field="amount")
    )
    assert broken["error"] == {
        "code": "rule_broken",
        "message": "contract k1: amount: above (rule refund_above_refundable)",
        "record": "contract k1",
        "field": "amount",
    }
    missing = error_document(NotFound("no freelancer 'f9'", record="freelancer f9"))
    assert missing["error"] == {
        "code": "not_found",
        "message": "no freelancer 'f9'",
        "record": "freelancer f9",
        "field": None,
    }
    assert error_document(UnknownPolicy("nope", ["upwork"]))["error"]["field"] == "policy"
    assert error_document(Conflict("key reused"))["error"]["record"] is None


def test_a_missing_extra_names_every_module_and_the_install_command() -> None:
    one = MissingExtra("matplotlib", "sim")
    assert str(one) == (
        "matplotlib is not installed; install the 'sim' extra with: pip install 'jobscore[sim]'"
    )
    assert one.name == "matplotlib"
    several = MissingExtra(["pyspark", "sqlglot"], "spark")
    assert str(several).startswith("pyspark, sqlglot are not installed;")
    assert several.modules == ("pyspark", "sqlglot")


def _error_names() -> set[str]:
    return {cls.__name__ for cls in error_classes()} | {"Exception", "BaseException"}


def test_no_exception_class_is_defined_outside_errors() -> None:
    known = _error_names()
    found = set()
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "errors.py" and path.parent == SRC:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = {ast.unparse(base).rsplit(".", 1)[-1] for base in node.bases}
            if bases & known or any(b.endswith(("Error", "Exception")) for b in bases):
                found.add((path.relative_to(SRC).as_posix(), node.name))
    assert found == set()
