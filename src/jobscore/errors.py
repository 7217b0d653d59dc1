"""The exceptions jobscore raises, all under one root.

    JobScoreError
    ├── InvalidInput (ValueError)      bad data handed in: one or more Problems, each naming
    │                                  the source, row, record and field
    ├── UnknownPolicy (LookupError)    a policy name that is not registered
    └── MissingExtra (ImportError)     an optional engine is not installed; says how to add it

Problems in a user's data that do not stop scoring are not exceptions: they are `Finding`
values listed with the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "InvalidInput",
    "JobScoreError",
    "MissingExtra",
    "Problem",
    "UnknownPolicy",
]


class JobScoreError(Exception):
    """Root of every error jobscore raises on purpose."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one field of one record."""

    field: str
    message: str
    source: str | None = None
    row: int | None = None
    record: str | None = None

    def __str__(self) -> str:
        where = []
        if self.source:
            where.append(self.source)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.record:
            where.append(self.record)
        prefix = ", ".join(where)
        located = f"{prefix}: " if prefix else ""
        return f"{located}{self.field}: {self.message}"


class InvalidInput(ValueError, JobScoreError):
    """Input that jobscore refuses as a whole; `problems` lists every reason."""

    def __init__(self, problems: Iterable[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(field="input", message=problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)


class UnknownPolicy(LookupError, JobScoreError):
    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.known = tuple(sorted(known))
        super().__init__(f"unknown policy {name!r}; choose one of: {', '.join(self.known)}")

    def __str__(self) -> str:
        return str(self.args[0])


class MissingExtra(ImportError, JobScoreError):
    """An optional dependency is missing; the message carries the install command."""

    def __init__(self, module: str, extra: str) -> None:
        self.module = module
        self.extra = extra
        super().__init__(
            f"{module} is not installed; install it with: pip install 'jobscore[{extra}]'"
        )
