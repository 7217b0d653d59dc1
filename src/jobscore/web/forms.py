"""The tools' forms: the fields a person fills in, read into what the service's use cases
take, and a refusal mapped back to the field it is about, so the page can show the message
next to it.

What-if changes are written as the API takes them (`refund:k7`, `feedback:k7:1:0`,
`add:3@500`, `clock:2027-01-01`); the service reads them, so a change means the same on the
page, over HTTP and on the command line.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from jobscore.errors import InvalidInput, JobScoreError, Problem
from jobscore.instants import parse_instant

__all__ = ["ToolForm", "field_problems", "tool_form"]

#: The fields of each tool's form.
_FIELDS = {
    "whatif": (
        "policy", "refund", "refund_amount", "feedback", "feedback_stars", "feedback_private",
        "add_count", "add_amount", "add_stars", "clock",
    ),
    "refund_or_keep": ("policy", "contract_id"),
    "recover": ("policy", "target", "by", "pace"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ToolForm:
    """One submitted form: its fields as typed, and which field each refusal names."""

    tool: str
    values: Mapping[str, str]
    #: A field as the service names it -> the form's field that holds it.
    fields_of: dict[str, str] = field(default_factory=dict)

    def _get(self, name: str) -> str:
        return self.values.get(name, "").strip()

    def policy(self) -> str:
        return self._get("policy") or "upwork"

    def contract_id(self) -> str:
        chosen = self._get("contract_id")
        if not chosen:
            raise InvalidInput(Problem("contract_id", "choose a contract"))
        return chosen

    def target(self) -> float:
        text = self._get("target") or "90"
        try:
            value = float(text)
        except ValueError:
            raise InvalidInput(Problem("target", f"{text!r} is not a number")) from None
        if not 0 < value <= 100:
            raise InvalidInput(Problem("target", f"{text} is not a score from 1 to 100"))
        return value

    def by(self) -> datetime | None:
        text = self._get("by")
        if not text:
            return None
        try:
            return parse_instant(text)
        except ValueError as exc:
            raise InvalidInput(Problem("by", str(exc))) from None

    def pace(self) -> str | None:
        text = self._get("pace")
        if not text:
            return None
        return text if "/" in text else f"{text}/month"

    def changes(self) -> list[str]:
        """The what-if changes, each as the service reads it; `fields_of` learns which field
        each one came from."""
        changes: list[tuple[str, str]] = []
        if refund := self._get("refund"):
            amount = self._get("refund_amount")
            changes.append(("refund", f"refund:{refund}" + (f":{amount}" if amount else "")))
        if feedback := self._get("feedback"):
            stars = self._get("feedback_stars")
            if not stars:
                raise InvalidInput(Problem("feedback_stars", "give the stars the client leaves"))
            private = self._get("feedback_private")
            spec = f"feedback:{feedback}:{stars}" + (f":{private}" if private else "")
            changes.append(("feedback_stars", spec))
        if count := self._get("add_count"):
            amount = self._get("add_amount")
            if not amount:
                raise InvalidInput(Problem("add_amount", "give the size of the new contracts"))
            stars = self._get("add_stars")
            changes.append(("add_count", f"add:{count}@{amount}" + (f":{stars}" if stars else "")))
        if clock := self._get("clock"):
            changes.append(("clock", f"clock:{clock}"))
        if not changes:
            raise InvalidInput(Problem("refund", "choose at least one change"))
        for n, (name, _) in enumerate(changes):
            self.fields_of[f"changes.{n}"] = name
        return [spec for _, spec in changes]


def tool_form(tool: str, query: Mapping[str, str]) -> ToolForm:
    return ToolForm(tool, {name: query.get(name, "") for name in _FIELDS[tool]})


def field_problems(
    error: JobScoreError,
    known: Collection[str],
    fields_of: Mapping[str, str] | None = None,
    default: str = "form",
) -> dict[str, str]:
    """Each refusal's message by the form field it is about: the field the service named,
    through `fields_of`, when the form has it (`known`), else `default`."""
    problems = (
        error.problems
        if isinstance(error, InvalidInput)
        else (Problem(error.field or default, str(error)),)
    )
    shown: dict[str, str] = {}
    for problem in problems:
        name = (fields_of or {}).get(problem.field, problem.field)
        name = name if name in known else default
        shown[name] = (shown[name] + " " if name in shown else "") + problem.message
    return shown
