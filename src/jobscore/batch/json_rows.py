"""The rows of a JSON array as a Parquet file of text columns, for the engines to read.

The JSON is parsed as the reference reader parses it; every value becomes the text a CSV file
would hold, so the engines type it with the same staging SQL. A number is written as a plain
decimal (with a comma under a decimal comma, for the columns read as amounts or decimals):
what was a number in JSON reads as the same number.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from jobscore.batch.columns import INPUT_COLUMNS, Target
from jobscore.errors import InvalidInput, Problem
from jobscore.io.arrow import write_text_columns
from jobscore.io.headers import normal_name
from jobscore.io.text_files import read_json

__all__ = ["write_json_rows"]

_TARGETS = {spec.name: spec.target for spec in INPUT_COLUMNS}
_DECIMALS = {Target.MONEY, Target.NUMBER}
#: Keys that make a contract a rich record (dated payments, feedback ...): not a flat row.
_RICH_KEYS = frozenset({"payments", "refunds", "feedback"})
#: Plain decimals only within this many digits of the point; beyond, the number's own text.
_PLAIN_DIGITS = 40


def write_json_rows(path: Path, out: Path, *, decimal_comma: bool = False) -> None:
    """Write the rows of the JSON array in `path` to `out`, or refuse the file naming why."""
    source = path.name
    document = read_json(path, source)
    if not isinstance(document, list):
        raise InvalidInput(
            Problem(
                "contracts",
                "batch reads a JSON array of contract rows; a history object (with a"
                ' "contracts" array) is one freelancer\'s, for score and the other commands',
                source,
            )
        )
    rows: list[dict[str, str | None]] = []
    problems: list[Problem] = []
    for number, raw in enumerate(document, start=1):
        if not isinstance(raw, dict):
            problems.append(
                Problem("row", "expected an object with the history columns", source, number)
            )
            continue
        row: dict[str, str | None] = {}
        for key, value in raw.items():
            problem = _add(row, str(key), value, decimal_comma)
            if problem is not None:
                problems.append(Problem(problem[0], problem[1], source, number))
        rows.append(row)
    if problems:
        raise InvalidInput(problems)
    names = list(dict.fromkeys(name for row in rows for name in row))
    write_text_columns({name: [row.get(name) for row in rows] for name in names}, len(rows), out)


def _add(
    row: dict[str, str | None], key: str, value: Any, decimal_comma: bool
) -> tuple[str, str] | None:
    """Add one value to `row` as text, or say what is wrong with it (field, message)."""
    normal = normal_name(key)
    if normal in _RICH_KEYS:
        return normal, (
            "batch reads flat rows; a rich contract record (with payments, refunds or"
            " feedback) is for score and the other commands"
        )
    name = normal if normal in _TARGETS else key
    if name in row:
        return name, "is given twice (under names that differ only in case or spaces)"
    if isinstance(value, list | dict):
        return name, "expected a single value, not a list or an object"
    row[name] = _text(value, _TARGETS.get(name), decimal_comma)
    return None


def _text(value: Any, target: Target | None, decimal_comma: bool) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower() if target is Target.FLAG else str(value)
    if isinstance(value, str):
        return value
    if isinstance(value, int | Decimal) and target in _DECIMALS:
        number = Decimal(value)
        if not number.is_finite() or abs(number.adjusted()) > _PLAIN_DIGITS:
            return str(value)
        plain = format(number, "f")
        return plain.replace(".", ",") if decimal_comma else plain
    return str(value)
