"""`jobscore score` and `jobscore explain`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from jobscore.cli.common import (
    AsOfOption,
    DecimalCommaOption,
    FreelancerOption,
    HistoryArgument,
    JsonOption,
    PolicyOption,
    as_of_findings,
    console_for_tables,
    emit_json,
    handle_errors,
    resolve_as_of,
    resolve_policy,
)
from jobscore.io.history_files import load_history_file
from jobscore.scoring.catalog import CATALOG

__all__ = ["explain", "score"]


def _run(
    history_path: Path,
    policy: str,
    as_of: str | None,
    freelancer: str | None,
    explain_all: bool,
    as_json: bool,
    decimal_comma: bool,
) -> None:
    loaded = load_history_file(history_path, decimal_comma=decimal_comma)
    history = loaded.history(freelancer)
    chosen = resolve_policy(policy)
    instant = resolve_as_of(as_of)
    result = CATALOG.score(history, chosen, instant)
    found = (*loaded.findings, *as_of_findings(history, instant), *result.findings)
    if found:
        result = replace(result, findings=tuple(found))
    # Each renderer is imported when used: rich only when printing for a person.
    if as_json:
        from jobscore.render.json_view import result_json

        emit_json(result_json(result, history.freelancer_id))
        return
    from jobscore.render.text_view import explain_view, score_view

    view = explain_view if explain_all else score_view
    console_for_tables().print(
        view(result, history.freelancer_id if history.freelancer_id != "me" else None)
    )


@handle_errors
def score(
    history: HistoryArgument,
    policy: PolicyOption = "upwork",
    as_of: AsOfOption = None,
    freelancer: FreelancerOption = None,
    json: JsonOption = False,
    decimal_comma: DecimalCommaOption = False,
) -> None:
    """Show the Job Success Score of a history under a policy."""
    _run(history, policy, as_of, freelancer, False, json, decimal_comma)


@handle_errors
def explain(
    history: HistoryArgument,
    policy: PolicyOption = "upwork",
    as_of: AsOfOption = None,
    freelancer: FreelancerOption = None,
    json: JsonOption = False,
    decimal_comma: DecimalCommaOption = False,
) -> None:
    """Show every contract's outcome, weight, windows and the points it moved the score."""
    _run(history, policy, as_of, freelancer, True, json, decimal_comma)
