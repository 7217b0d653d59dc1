"""The exceptions jobscore raises, all under one root, and what each one means to a caller.

    JobScoreError                        anything else jobscore refuses on purpose
    ├── InvalidInput (ValueError)        bad data handed in: one or more Problems, each naming
    │   │                                the source, row, record and field
    │   └── RuleBroken                   a write that breaks a lifecycle rule: the rule's stable
    │                                    name, the record and the field
    ├── UnknownPolicy (LookupError)      a policy name that is not registered
    ├── NotFound (LookupError)           a file, freelancer, contract ... that does not exist
    ├── Conflict                         contradicts what is stored, e.g. an idempotency key
    │                                    reused with another body
    ├── Unauthorized                     no valid credentials
    ├── Forbidden                        valid credentials, but this role may not
    ├── MissingExtra (ImportError)       an optional dependency is not installed; names the
    │                                    extra that brings it and the install command
    └── EngineFailure                    a batch engine failed for a reason that is not the
                                         input's fault

`ERROR_TABLE` gives each class its stable `code`, its command-line exit code and its HTTP
status; `kind_of` reads it for any error, a subclass taking its parent's row. Exit codes
follow one rule: 2 when the caller's input is at fault, 1 for any other failure.

Problems in a user's data that do not stop scoring are not exceptions: they are `Finding`
values listed with the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from types import MappingProxyType

__all__ = [
    "ERROR_TABLE",
    "EXIT_BAD_INPUT",
    "EXIT_FAILURE",
    "Conflict",
    "EngineFailure",
    "ErrorKind",
    "Forbidden",
    "InvalidInput",
    "JobScoreError",
    "MissingExtra",
    "NotFound",
    "Problem",
    "RuleBroken",
    "Unauthorized",
    "UnknownPolicy",
    "error_document",
    "kind_of",
]

#: Exit codes of the command line; 0 is success.
EXIT_BAD_INPUT = 2
EXIT_FAILURE = 1


class JobScoreError(Exception):
    """Root of every error jobscore raises on purpose."""

    #: The record and the field at fault, when one can be named (the API's error body has both).
    record: str | None = None
    field: str | None = None

    def __init__(
        self, message: str, *, record: str | None = None, field: str | None = None
    ) -> None:
        super().__init__(message)
        self.record = record
        self.field = field


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
        if self.problems:
            self.record = self.problems[0].record
            self.field = self.problems[0].field

    def _summary(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)


class RuleBroken(InvalidInput):
    """A write refused by a lifecycle rule. `rule` is the rule's stable snake_case name
    (docs/lifecycle.md lists them); the message ends with it, so the one error body of the
    API carries it too."""

    def __init__(self, rule: str, message: str, *, record: str, field: str) -> None:
        self.rule = rule
        super().__init__(Problem(field=field, message=f"{message} (rule {rule})", record=record))


class UnknownPolicy(LookupError, JobScoreError):
    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.known = tuple(sorted(known))
        super().__init__(f"unknown policy {name!r}; choose one of: {', '.join(self.known)}")
        self.field = "policy"

    def __str__(self) -> str:
        return str(self.args[0])


class NotFound(LookupError, JobScoreError):
    """A file or a record the caller named does not exist."""

    def __init__(
        self, message: str, *, record: str | None = None, field: str | None = None
    ) -> None:
        # LookupError, first in line, takes no keywords.
        JobScoreError.__init__(self, message, record=record, field=field)


class Conflict(JobScoreError):
    """The request contradicts what is already stored (HTTP 409)."""


class Unauthorized(JobScoreError):
    """No credentials, or credentials that are not valid (HTTP 401)."""


class Forbidden(JobScoreError):
    """Valid credentials for a role that may not do this (HTTP 403)."""


class MissingExtra(ImportError, JobScoreError):
    """Optional dependencies are missing; the message names the extra and its install command."""

    def __init__(self, module: str | Sequence[str], extra: str) -> None:
        self.modules: tuple[str, ...] = (module,) if isinstance(module, str) else tuple(module)
        self.module = self.modules[0]
        self.extra = extra
        verb = "is" if len(self.modules) == 1 else "are"
        super().__init__(
            f"{', '.join(self.modules)} {verb} not installed; install the {extra!r} extra "
            f"with: pip install 'jobscore[{extra}]'",
            name=self.module,
        )


class EngineFailure(JobScoreError):
    """A batch engine failed for a reason that is not the input's fault."""


@dataclass(frozen=True, slots=True)
class ErrorKind:
    """What an error class means outside Python: a stable code, an exit code, an HTTP status."""

    code: str
    exit_code: int
    http_status: HTTPStatus


#: Every class above has its own row; `kind_of` finds a subclass's row through its parents.
ERROR_TABLE: Mapping[type[JobScoreError], ErrorKind] = MappingProxyType(
    {
        JobScoreError: ErrorKind("error", EXIT_FAILURE, HTTPStatus.INTERNAL_SERVER_ERROR),
        InvalidInput: ErrorKind("invalid_input", EXIT_BAD_INPUT, HTTPStatus.UNPROCESSABLE_ENTITY),
        RuleBroken: ErrorKind("rule_broken", EXIT_BAD_INPUT, HTTPStatus.UNPROCESSABLE_ENTITY),
        UnknownPolicy: ErrorKind("unknown_policy", EXIT_BAD_INPUT, HTTPStatus.UNPROCESSABLE_ENTITY),
        # A file or record the user named that is not there is bad input on the command line.
        NotFound: ErrorKind("not_found", EXIT_BAD_INPUT, HTTPStatus.NOT_FOUND),
        Conflict: ErrorKind("conflict", EXIT_BAD_INPUT, HTTPStatus.CONFLICT),
        Unauthorized: ErrorKind("unauthorized", EXIT_FAILURE, HTTPStatus.UNAUTHORIZED),
        Forbidden: ErrorKind("forbidden", EXIT_FAILURE, HTTPStatus.FORBIDDEN),
        # Not temporary (503): this installation cannot do it until the extra is added.
        MissingExtra: ErrorKind("missing_extra", EXIT_FAILURE, HTTPStatus.NOT_IMPLEMENTED),
        EngineFailure: ErrorKind("engine_failure", EXIT_FAILURE, HTTPStatus.INTERNAL_SERVER_ERROR),
    }
)


def kind_of(error: JobScoreError | type[JobScoreError]) -> ErrorKind:
    """The row of `error`'s class, or of its nearest ancestor that has one."""
    cls = error if isinstance(error, type) else type(error)
    for ancestor in cls.__mro__:
        if issubclass(ancestor, JobScoreError) and ancestor in ERROR_TABLE:
            return ERROR_TABLE[ancestor]
    raise TypeError(f"{cls.__name__} is not a JobScoreError")


def error_document(error: JobScoreError) -> dict[str, dict[str, str | None]]:
    """The one error body of the HTTP API."""
    return {
        "error": {
            "code": kind_of(error).code,
            "message": str(error),
            "record": error.record,
            "field": error.field,
        }
    }
