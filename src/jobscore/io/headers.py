"""Matching a file's column names to the history columns, whatever their case or separators.

`Private Score`, `private-score` and `PRIVATE_SCORE` all name `private_score`. A name that
matches no column but is close to one (`strs`, `started`) is refused with the column it
probably means, rather than ignored: an ignored `Stars` column changes the score. Names far
from every column are ignored with a note. Two names for the same column are refused.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from jobscore.errors import Problem

__all__ = ["ColumnMatch", "match_columns", "normal_keys", "normal_name"]

_SEPARATORS = re.compile(r"[\s_-]+")
#: How close (difflib's ratio) an unknown name must be to a column to be taken for a typo.
_CLOSE = 0.8


def normal_name(name: str) -> str:
    """The name in lower case, with runs of spaces, hyphens and underscores as one underscore."""
    return _SEPARATORS.sub("_", name.strip().lower()).strip("_")


@dataclass(frozen=True, slots=True)
class ColumnMatch:
    """What each name of a file stands for."""

    #: File name -> column, for the names that are columns.
    columns: dict[str, str] = field(default_factory=dict)
    #: Names that match no column and are not close to one: ignored.
    ignored: tuple[str, ...] = ()
    #: Names close to a column, and columns named twice.
    problems: tuple[Problem, ...] = ()

    def note(self) -> str | None:
        """The note that lists the ignored names, if any."""
        if not self.ignored:
            return None
        return "ignored unknown columns: " + ", ".join(n or "(blank)" for n in self.ignored)


def match_columns(
    names: Iterable[str],
    known: Sequence[str],
    *,
    source: str | None = None,
    row: int | None = None,
) -> ColumnMatch:
    """Match `names` (a header, or a row's keys) to the `known` columns."""
    columns: dict[str, str] = {}
    ignored: list[str] = []
    problems: list[Problem] = []
    named_as: dict[str, str] = {}
    for name in names:
        normal = normal_name(name)
        if normal in known:
            if normal in named_as:
                problems.append(
                    Problem(
                        normal,
                        f"the columns {named_as[normal]!r} and {name!r} are the same column;"
                        " keep one of them",
                        source,
                        row,
                    )
                )
                continue
            named_as[normal] = name
            columns[name] = normal
            continue
        close = difflib.get_close_matches(normal, known, n=1, cutoff=_CLOSE)
        if close:
            problems.append(
                Problem(
                    name,
                    f"is not a column; did you mean `{close[0]}`? Rename it, or remove it",
                    source,
                    row,
                )
            )
        elif name not in ignored:
            ignored.append(name)
    return ColumnMatch(columns, tuple(ignored), tuple(problems))


def normal_keys(raw: dict[str, object]) -> tuple[dict[str, object], list[str]]:
    """An object's keys in normal form (`normal_name`), and the normal keys given twice."""
    out: dict[str, object] = {}
    twice: list[str] = []
    for key, value in raw.items():
        normal = normal_name(str(key))
        if normal in out:
            twice.append(normal)
        out[normal] = value
    return out, twice
