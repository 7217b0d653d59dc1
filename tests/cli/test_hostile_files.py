"""Fuzzing the commands with broken history files: never a traceback, never exit 1, never a hang.

Each example takes one of the example histories (`examples/`, and the CSV ones as a JSON array
of rows) and breaks it a few ways: cells edited (amounts in other formats, dates, text), column
names in another case or misspelt, rows with a value too many or too few, blank rows, a column
dropped, another encoding, random bytes, a truncated file, JSON nested without end. Every
command that reads a history must then either answer (exit 0, valid JSON on stdout) or refuse
(exit 2, naming the file on stderr) — and `batch` must write nothing when it refuses.
"""

from __future__ import annotations

import csv
import io
import json
import signal
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from jobscore.cli import app
from tests.extras import needs

EXAMPLES = Path(__file__).parents[2] / "examples"
AS_OF = "2026-11-01"
#: Seconds any one command may take on one example before the test calls it a hang.
TIME_LIMIT = 30
runner = CliRunner()

#: Values a cell may be edited to: amounts in other formats, other dates, text, nothing.
CELLS = [
    "", " ", "1.700,50", "1,00", "1,7,00", "17,00.5", "€12", "1e3", "$1,700.50", "1700.50",
    "-5", "0", "250.005", "99999999999999999999", "NaN", "inf", "true", "yes", "maybe",
    "2026-13-45", "2026-02-30", "0000-01-01", "9999-12-31T23:59:59Z", "2026-01-01T25:00",
    "hourly", "FIXED", "lost", "quality", "11", "4,5", "-1", "1.5", '"', "'", "\\", ",", "\n",
    "x" * 300, "\u00e9t\u00e9", "\u0661\u0662", "\x00",
]  # fmt: skip
TEXT = st.one_of(st.sampled_from(CELLS), st.text(max_size=12))


@dataclass(frozen=True)
class Example:
    """A history to break: its name, its text, and an id and client it holds."""

    name: str
    text: str
    contract: str
    client: str


def _examples() -> list[Example]:
    found = []
    for path in sorted(EXAMPLES.glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        first = rows[0]
        found.append(Example(path.name, text, first["contract_id"], first["client_id"]))
        as_json = json.dumps([{k: v for k, v in row.items() if v} for row in rows], indent=1)
        found.append(
            Example(path.stem + ".json", as_json, first["contract_id"], first["client_id"])
        )
    for path in sorted(EXAMPLES.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        first = json.loads(text)["contracts"][0]
        found.append(Example(path.name, text, first["id"], first["client_id"]))
    return found


EXAMPLE_FILES = _examples()


# --- breaking a CSV file's rows --------------------------------------------------------------


def _header_variant(name: str, how: int) -> str:
    return [
        name.upper(), name.title(), name.replace("_", " "), name.replace("_", "-"),
        f" {name} ", name[:-1], name + "s", name.replace("_", ""),
    ][how]  # fmt: skip


@st.composite
def _broken_rows(draw: st.DrawFn, rows: list[list[str]]) -> list[list[str]]:
    rows = [list(row) for row in rows]
    width = len(rows[0])
    for _ in range(draw(st.integers(0, 3))):
        r = draw(st.integers(1, max(1, len(rows) - 1)))
        c = draw(st.integers(0, width - 1))
        how = draw(st.integers(0, 8))
        if how <= 2 and r < len(rows) and c < len(rows[r]):
            rows[r][c] = draw(TEXT)
        elif how == 3:
            rows[0][c] = _header_variant(rows[0][c], draw(st.integers(0, 7)))
        elif how == 4 and r < len(rows):
            if draw(st.booleans()):
                rows[r].append(draw(TEXT))
            elif rows[r]:
                rows[r].pop()
        elif how == 5:
            blank = draw(st.sampled_from([[""] * width, [], ["   "], [" "] * width]))
            rows.insert(r if draw(st.booleans()) else len(rows), blank)
        elif how == 6:
            rows = [row[:c] + row[c + 1 :] for row in rows]
            width -= 1 if width > 1 else 0
        elif how == 7 and r < len(rows):
            rows.insert(r, list(rows[r]))  # a repeated row
        else:
            earned = rows[0].index("earned") if "earned" in rows[0] else c
            if r < len(rows) and earned < len(rows[r]):
                rows[r][earned] = draw(
                    st.sampled_from(["1.700,50", "€12", "1e3", "1,00", "$ 1,700.50", "12 000"])
                )
    return rows


def _csv_text(rows: list[list[str]], newline: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows(rows)
    return out.getvalue()


# --- breaking a JSON document ----------------------------------------------------------------


def _containers(value: Any) -> Iterator[Any]:
    if isinstance(value, dict | list):
        yield value
        for child in value.values() if isinstance(value, dict) else value:
            yield from _containers(child)


@st.composite
def _broken_document(draw: st.DrawFn, document: Any) -> Any:
    document = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(0, 3))):
        containers = list(_containers(document))
        target = containers[draw(st.integers(0, len(containers) - 1))]
        keys: list[Any] = list(target) if isinstance(target, dict) else list(range(len(target)))
        how = draw(st.integers(0, 5))
        if not keys or how == 5:
            if isinstance(target, list):
                target.insert(0, draw(st.sampled_from([{}, {"contract_id": " "}, None, 7, []])))
            continue
        key = keys[draw(st.integers(0, len(keys) - 1))]
        if how <= 1:
            target[key] = draw(
                st.one_of(
                    TEXT, st.integers(-(10**20), 10**20), st.none(), st.booleans(),
                    st.sampled_from([-1, 0, 10**9, 2**63, 10**400]),
                    st.decimals(allow_nan=False).map(float), st.just([]), st.just({}),
                    st.just([[["deep"]]]),
                )
            )  # fmt: skip
        elif how == 2 and isinstance(target, dict):
            target[_header_variant(str(key), draw(st.integers(0, 7)))] = target.pop(key)
        elif how == 3:
            del target[key]
        elif isinstance(target, dict):  # a JSON number where text was, or the other way
            value = target[key]
            target[key] = str(value) if not isinstance(value, str) else _as_number(value)
    return document


def _as_number(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


# --- breaking the bytes ----------------------------------------------------------------------


@st.composite
def broken_files(draw: st.DrawFn, examples: list[Example]) -> tuple[Example, bytes, list[str]]:
    """A broken example, and the options to read it with (now and then a decimal comma)."""
    example = draw(st.sampled_from(examples))
    if example.name.endswith(".csv"):
        rows = list(csv.reader(io.StringIO(example.text)))
        text = _csv_text(draw(_broken_rows(rows)), draw(st.sampled_from(["\n", "\r\n"])))
    else:
        text = json.dumps(draw(_broken_document(json.loads(example.text))))
        depth = draw(st.sampled_from([0] * 9 + [3, 5000, 60000]))
        text = "[" * depth + text + "]" * depth
    encoding = draw(st.sampled_from(["utf-8"] * 12 + ["utf-8-sig", "latin-1", "utf-16"]))
    if encoding == "latin-1":
        text = text.replace("e", "\u00e9", 1)
    data = text.encode(encoding, errors="replace")
    how = draw(st.integers(0, 14))
    if how == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    elif how == 1:
        data = data[: draw(st.integers(0, len(data)))]
    elif how == 2:
        data = draw(st.binary(max_size=64))
    return example, data, ["--decimal-comma"] if draw(st.integers(0, 4)) == 0 else []


# --- running the commands --------------------------------------------------------------------


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def hang(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"no answer within {seconds} seconds")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_on(
    args: list[str], broken: tuple[Example, bytes, list[str]], folder: Path
) -> tuple[int, str, str]:
    """Run one command on the broken file, and check it answered or refused properly."""
    example, data, options = broken
    history = folder / example.name
    history.write_bytes(data)
    args = [a.replace("{history}", str(history)) for a in args]
    with time_limit(TIME_LIMIT):
        result = runner.invoke(app, [*args, *options, "--as-of", AS_OF, "--json"])
    shown = f"{args[0]} {' '.join(options)} on {example.name} ({data[:300]!r}...)"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{shown} raised {result.exception!r}"
    )
    assert result.exit_code in (0, 2), f"{shown} exited {result.exit_code}: {result.stderr}"
    if result.exit_code == 0:
        json.loads(result.stdout)
    else:
        # Refused naming the file, or (when the break removed it) the contract or client asked for.
        named = (example.name, example.contract, example.client)
        assert any(name in result.stderr for name in named), f"{shown}: {result.stderr}"
        assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


COMMANDS: dict[str, Callable[[Example], list[str]]] = {
    "score": lambda e: ["score", "{history}"],
    "explain": lambda e: ["explain", "{history}"],
    "whatif": lambda e: ["whatif", "{history}", "--refund", e.contract],
    "refund-or-keep": lambda e: ["refund-or-keep", "{history}", e.contract],
    "recover": lambda e: ["recover", "{history}"],
    "screen": lambda e: ["screen", "{history}", "--client", e.client],
}


@pytest.mark.slow
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_broken_history_is_answered_or_refused_by_name(command: str) -> None:
    @given(broken_files(EXAMPLE_FILES))
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def check(broken: tuple[Example, bytes, list[str]]) -> None:
        with tempfile.TemporaryDirectory() as folder:
            run_on(COMMANDS[command](broken[0]), broken, Path(folder))

    check()


@pytest.mark.slow
@needs("duckdb")
@given(broken_files([e for e in EXAMPLE_FILES if "rich" not in e.name]))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_batch_answers_or_refuses_a_broken_file_and_writes_nothing_then(
    broken: tuple[Example, bytes, list[str]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "scores.parquet"
        args = ["batch", "{history}", "--out", str(out), "--engine", "duckdb"]
        code, _, _ = run_on(args, broken, Path(folder))
        written = sorted(p.name for p in Path(folder).iterdir())
        assert written == sorted([broken[0].name, *(["scores.parquet"] * (code == 0))])
