"""`jobscore score` and `jobscore explain`."""

from __future__ import annotations

from jobscore.cli.common import (
    AsOfOption,
    FreelancerOption,
    HistoryArgument,
    JsonOption,
    PolicyOption,
    emit_json,
    console_for_tables,
    handle_errors,
    load_history_file,
    resolve_as_of,
    resolve_policy,
)
from jobscore.render.json_view import result_json
from jobscore.render.text_view import explain_view, score_view

__all__ = ["explain", "score"]


def _run(history_path, policy, as_of, freelancer, explain_all: bool, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    loaded = load_history_file(history_path)
    history = loaded.history(freelancer)
    chosen = resolve_policy(policy)
    result = chosen.score(history, resolve_as_of(as_of))
    if loaded.findings:
        from dataclasses import replace

        result = replace(result, findings=tuple(loaded.findings) + tuple(result.findings))
    if as_json:
        emit_json(result_json(result, history.freelancer_id))
        return
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
) -> None:
    """Show the Job Success Score of a history under a policy."""
    _run(history, policy, as_of, freelancer, explain_all=False, as_json=json)


@handle_errors
def explain(
    history: HistoryArgument,
    policy: PolicyOption = "upwork",
    as_of: AsOfOption = None,
    freelancer: FreelancerOption = None,
    json: JsonOption = False,
) -> None:
    """Show every contract's outcome, weight, windows and the points it moved the score."""
    _run(history, policy, as_of, freelancer, explain_all=True, as_json=json)

