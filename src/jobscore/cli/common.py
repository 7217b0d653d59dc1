"""What every command shares: options, loading a history, and turning errors into exit codes.

Exit codes: 0 success; 2 bad input, with the file, row and field on stderr;
1 any other failure. Which error is which is decided once, in `jobscore.errors.ERROR_TABLE`.

rich is imported only when something is printed for a person (a table, an error): a command
printing JSON does without it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from jobscore.domain.facts import History
from jobscore.errors import InvalidInput, JobScoreError, kind_of
from jobscore.instants import parse_instant
from jobscore.io.history_files import load_history_file
from jobscore.io.rows import instant_in_range
from jobscore.render.json_encoding import FLOAT_PLACES, dumps
from jobscore.scoring.catalog import CATALOG
from jobscore.scoring.result import Finding, Policy

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "AsOfOption",
    "DecimalCommaOption",
    "FreelancerOption",
    "HistoryArgument",
    "JsonOption",
    "PolicyOption",
    "as_of_findings",
    "console_for_tables",
    "emit_json",
    "handle_errors",
    "load_one_history",
    "note_as_of",
    "report_error",
    "resolve_as_of",
    "resolve_policy",
    "stderr_console",
]

P = ParamSpec("P")
R = TypeVar("R")

HistoryArgument = Annotated[
    Path, typer.Argument(help="contracts.csv, a JSON array of rows, or a rich JSON history")
]
PolicyOption = Annotated[str, typer.Option("--policy", "-p", help="upwork, upwork-2015 or bayes")]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="score as of this ISO date or instant (default: now, UTC)"),
]
JsonOption = Annotated[bool, typer.Option("--json", help="print JSON for programs")]
DecimalCommaOption = Annotated[
    bool,
    typer.Option(
        "--decimal-comma",
        help="the file writes amounts and decimals with a comma before the decimals (1.700,50)",
    ),
]
FreelancerOption = Annotated[
    str | None,
    typer.Option("--freelancer", "-f", help="which freelancer, when the file holds several"),
]


@cache
def stderr_console() -> Console:
    """The console for errors and progress, on stderr."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def console_for_tables() -> Console:
    """A console for tables: the terminal's width, or a wide page when piped to a file."""
    from rich.console import Console

    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=160)
    return console


def handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Print a known error on stderr (bad input with every problem listed) and exit with the
    code `ERROR_TABLE` gives it."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except JobScoreError as exc:
            report_error(exc)
            raise typer.Exit(kind_of(exc).exit_code) from None

    return wrapper


def report_error(error: JobScoreError) -> None:
    stderr = stderr_console()
    if isinstance(error, InvalidInput):
        count = len(error.problems)
        stderr.print(f"error: the input was refused ({count} problem{'s' * (count != 1)}):")
        for problem in error.problems:
            stderr.print(f"  {problem}", markup=False)
    else:
        stderr.print(f"error: {error}", markup=False)


def resolve_as_of(text: str | None) -> datetime:
    """The as-of instant: as given, else now. Only the command line reads the clock."""
    if text is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return instant_in_range(parse_instant(text))
    except (ValueError, OverflowError) as exc:
        raise InvalidInput(f"--as-of: {exc}") from None


def as_of_findings(history: History, as_of: datetime) -> tuple[Finding, ...]:
    """Notes on an as-of instant that a person may not have meant: before every contract of
    the history, or later than today."""
    found = []
    first = history.first_started_at()
    day = f"{as_of:%Y-%m-%d}"
    if first is not None and as_of < first:
        found.append(
            Finding(
                f"--as-of {day} is before every contract (the first started on "
                f"{first:%Y-%m-%d}): nothing had happened yet",
                field="as_of",
            )
        )
    today = datetime.now(UTC)
    if as_of > today:
        found.append(
            Finding(
                f"--as-of {day} is after today ({today:%Y-%m-%d}): what has not happened yet is "
                "taken as never happening",
                field="as_of",
            )
        )
    return tuple(found)


def note_as_of(history: History, as_of: datetime) -> None:
    """Print the as-of notes on stderr, where they do not disturb `--json` on stdout."""
    for finding in as_of_findings(history, as_of):
        sys.stderr.write(f"note: {finding.message}\n")


def resolve_policy(name: str) -> Policy:
    return CATALOG.policy(name or CATALOG.default)


def load_one_history(path: Path, freelancer: str | None, decimal_comma: bool = False) -> History:
    return load_history_file(path, decimal_comma=decimal_comma).history(freelancer)


def emit_json(document: Any, *, float_places: int | None = FLOAT_PLACES) -> None:
    """Print a document through the package's one JSON encoder."""
    sys.stdout.write(dumps(document, float_places=float_places) + "\n")


@contextmanager
def progress_to_stderr(description: str) -> Iterator[None]:
    with stderr_console().status(description):
        yield
