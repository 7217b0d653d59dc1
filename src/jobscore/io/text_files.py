"""Reading a history file's text: UTF-8 only, CSV rows that match their header, JSON values.

Each refusal names the file, the line where it can be said, and what to do about it.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from jobscore.errors import InvalidInput, Problem

__all__ = [
    "CSV_SHAPE",
    "JSON_SHAPE",
    "check_text_file",
    "csv_header",
    "ragged_row",
    "read_csv_rows",
    "read_json",
    "read_text",
]

#: What a JSON history holds, for messages.
JSON_SHAPE = 'a JSON array of contract rows, or an object with a "contracts" array'
#: What a CSV history holds, for messages.
CSV_SHAPE = "a header row and a row per contract"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CHUNK = 1 << 24


def _file_problem(source: str, message: str, line: int | None = None) -> InvalidInput:
    return InvalidInput(Problem("file", message, source, line))


def _not_utf8(source: str, byte: int, line: int) -> InvalidInput:
    return _file_problem(
        source,
        f"is not UTF-8 text (byte {byte:#04x} on line {line});"
        " save it as UTF-8 (CSV UTF-8 in a spreadsheet)",
    )


def _nul(source: str, line: int) -> InvalidInput:
    return _file_problem(
        source, f"holds a NUL character on line {line}: not a text file, or not UTF-8"
    )


def _utf16(source: str) -> InvalidInput:
    return _file_problem(source, "is UTF-16 text; save it as UTF-8 (CSV UTF-8 in a spreadsheet)")


def _empty(source: str, expected: str) -> InvalidInput:
    return _file_problem(source, f"is empty; expected {expected}")


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _file_problem(source, f"cannot be read: {exc.strerror or exc}") from exc


def read_text(path: Path, source: str, expected: str) -> str:
    """The file's text: UTF-8, with or without a byte-order mark. `expected` says what the
    file should hold, for the message refusing an empty one."""
    data = _read_bytes(path, source)
    if data.startswith(_UTF16_BOMS):
        raise _utf16(source)
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8(source, data[exc.start], data.count(b"\n", 0, exc.start) + 1) from exc
    if "\x00" in text:
        raise _nul(source, text.count("\n", 0, text.index("\x00")) + 1)
    if not text.strip():
        raise _empty(source, expected)
    return text


def check_text_file(path: Path, source: str, expected: str) -> None:
    """What `read_text` checks, for a file too large to hold: read in chunks, never whole."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, blank = 0, True
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                if offset == 0 and chunk.startswith(_UTF16_BOMS):
                    raise _utf16(source)
                try:
                    # ASCII is UTF-8, and telling so is much faster than decoding it.
                    if not (chunk.isascii() and not decoder.getstate()[0]):
                        decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    # The decoder may hold the first bytes of a character from the last chunk.
                    at = offset + exc.start - (len(exc.object) - len(chunk))
                    raise _not_utf8(source, exc.object[exc.start], _line_at(path, at)) from exc
                if b"\x00" in chunk:
                    raise _nul(source, _line_at(path, offset + chunk.index(b"\x00")))
                blank = blank and not chunk.lstrip(codecs.BOM_UTF8).strip()
                offset += len(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise _file_problem(source, "is not UTF-8 text: it ends inside a character") from exc
    except OSError as exc:
        raise _file_problem(source, f"cannot be read: {exc.strerror or exc}") from exc
    if blank:
        raise _empty(source, expected)


def _line_at(path: Path, offset: int) -> int:
    """The line of the byte at `offset` (counted only once a message needs it)."""
    lines, done = 1, 0
    with path.open("rb") as handle:
        while done < offset and (chunk := handle.read(min(_CHUNK, offset - done))):
            lines += chunk.count(b"\n")
            done += len(chunk)
    return lines


def csv_header(path: Path, source: str) -> list[str]:
    """The header of a CSV file, as `read_csv_rows` reads it, without reading the rest."""
    check_text_file(path, source, CSV_SHAPE)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        try:
            header = next(csv.reader(handle, strict=True), [])
        except csv.Error as exc:
            raise _file_problem(source, f"is not a readable CSV file: {exc}", 1) from exc
    if not header:
        raise _empty_first_line(source)
    return header


def _empty_first_line(source: str) -> InvalidInput:
    return _file_problem(source, "starts with an empty line; the first line is the header", 1)


def read_csv_rows(path: Path, source: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and every row (with the line it ends on) of a CSV file. A row with more or
    fewer values than the header is refused: which value belongs to which column is a guess.
    Empty lines are skipped, as every engine skips them."""
    text = read_text(path, source, CSV_SHAPE)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        header = next(reader)
        if not header:
            raise _empty_first_line(source)
        rows: list[tuple[int, list[str]]] = []
        problems: list[Problem] = []
        for cells in reader:
            if not cells:
                continue
            if len(cells) != len(header):
                problems.append(ragged_row(source, reader.line_num, len(cells), len(header)))
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


def ragged_row(source: str, line: int, values: int, columns: int, *, exact: bool = True) -> Problem:
    """A CSV row with more or fewer values than the header has columns (`exact`: whether
    `values` is the row's count, or only how far a reader counted)."""
    more = values > columns
    fix = (
        'quote a value that holds a comma ("1,700.50"), or name every column in the header'
        if more
        else "give every column a value, even an empty one (a comma for each)"
    )
    counted = (
        f"the row has {values} value{'s' * (values != 1)} but the header has {columns} columns"
        if exact or not more
        else f"the row has more values than the header has columns ({columns})"
    )
    return Problem("values", f"{counted}; {fix}", source, line)


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
