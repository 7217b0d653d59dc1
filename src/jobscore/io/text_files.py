"""Reading a history file's text: UTF-8 only, CSV rows that match their header, JSON values.

Each refusal names the file, the line where it can be said, and what to do about it.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from jobscore.errors import InvalidInput, Problem

__all__ = ["JSON_SHAPE", "read_csv_rows", "read_json", "read_text"]

#: What a JSON history holds, for messages.
JSON_SHAPE = 'a JSON array of contract rows, or an object with a "contracts" array'
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _file_problem(source: str, message: str, line: int | None = None) -> InvalidInput:
    return InvalidInput(Problem("file", message, source, line))


def read_text(path: Path, source: str, expected: str) -> str:
    """The file's text: UTF-8, with or without a byte-order mark. `expected` says what the
    file should hold, for the message refusing an empty one."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _file_problem(source, f"cannot be read: {exc.strerror or exc}") from exc
    if data.startswith(_UTF16_BOMS):
        raise _file_problem(source, "is UTF-16 text; save it as UTF-8 (CSV UTF-8 in a spreadsheet)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _file_problem(
            source,
            f"is not UTF-8 text (byte {data[exc.start]:#04x} on line {line});"
            " save it as UTF-8 (CSV UTF-8 in a spreadsheet)",
        ) from exc
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise _file_problem(
            source, f"holds a NUL character on line {line}: not a text file, or not UTF-8"
        )
    if not text.strip():
        raise _file_problem(source, f"is empty; expected {expected}")
    return text


def read_csv_rows(path: Path, source: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and every row (with the line it ends on) of a CSV file. A row with more or
    fewer values than the header is refused: which value belongs to which column is a guess.
    Empty lines are skipped, as every engine skips them."""
    text = read_text(path, source, "a header row and a row per contract")
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        header = next(reader)
        if not header:
            raise _file_problem(
                source, "starts with an empty line; the first line is the header", 1
            )
        rows: list[tuple[int, list[str]]] = []
        problems: list[Problem] = []
        for cells in reader:
            if not cells:
                continue
            if len(cells) != len(header):
                problems.append(_ragged(source, reader.line_num, len(cells), len(header)))
            else:
                rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise _file_problem(
            source,
            f"is not a readable CSV file: {exc}; quote a value holding commas, quotes or line"
            ' breaks, and double a quote inside one ("say ""hi""")',
            reader.line_num,
        ) from exc
    if problems:
        raise InvalidInput(problems)
    return header, rows


def _ragged(source: str, line: int, values: int, columns: int) -> Problem:
    more = values > columns
    fix = (
        'quote a value that holds a comma ("1,700.50"), or name every column in the header'
        if more
        else "give every column a value, even an empty one (a comma for each)"
    )
    return Problem(
        "values", f"the row has {values} values but the header has {columns} columns; {fix}",
        source, line,
    )  # fmt: skip


def read_json(path: Path, source: str) -> Any:
    """The JSON value the file holds; numbers with a fraction are read as Decimals."""
    text = read_text(path, source, JSON_SHAPE)
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise _file_problem(
            source,
            f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno});"
            f" expected {JSON_SHAPE}",
        ) from exc
    except RecursionError as exc:
        raise _file_problem(
            source, f"is nested too deeply to be a history; expected {JSON_SHAPE}"
        ) from exc
