"""The curl session of docs/service.md, run as written: the tokens made, the real server
started on a SQLite file, every request sent, and every answer compared with the one the page
shows. Instants differ from run to run and are compared by shape only; an answer the page
cuts short with `...` is compared up to the cut.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="needs jobscore[service]")

PAGE = Path(__file__).parents[2] / "docs" / "service.md"
SECTION = "### A session"
DOCUMENTED_PORT = "8765"
END_OF_ANSWER = "\x1e-- end of answer --"
INSTANT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")


@dataclass(frozen=True)
class Step:
    command: str
    answer: list[str]

    @property
    def starts_server(self) -> bool:
        return self.command.rstrip().endswith("&")


def session_steps(page: str) -> list[Step]:
    """The commands of the page's session and the answer shown under each."""
    section = page.split(SECTION, 1)[1]
    block = section.split("```", 2)[1]
    steps: list[Step] = []
    lines = block.splitlines()[1:]
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("$ "):
            if line.strip() and steps:
                steps[-1].answer.append(line)
            i += 1
            continue
        command = line[2:]
        while command.endswith("\\"):
            i += 1
            command = command[:-1] + " " + lines[i].strip()
        steps.append(Step(command, []))
        i += 1
    return steps


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _script(steps: list[Step], port: int) -> str:
    """One bash script for the whole session, so that its variables carry from step to step;
    each answer is followed by a marker, and the server is waited for and stopped."""
    out = ["set -u", "trap 'kill $(jobs -p) 2>/dev/null' EXIT"]
    for step in steps:
        command = step.command.replace(DOCUMENTED_PORT, str(port))
        out.append(command)
        if step.starts_server:
            out.append(
                f"for _ in $(seq 150); do curl -s -o /dev/null localhost:{port}/openapi.json"
                " && break; sleep 0.2; done"
            )
        out.append(f"echo; printf '%s\\n' '{END_OF_ANSWER}'")
    return "\n".join(out) + "\n"


def _masked(text: str) -> str:
    return INSTANT.sub("<instant>", text)


def _same_answer(shown: list[str], got: list[str]) -> str | None:
    """None when `got` is the answer `shown`; else what differs."""
    shown_headers = [line for line in shown if not line.lstrip().startswith("{")]
    shown_body = [line for line in shown if line.lstrip().startswith("{")]
    got_body = [line for line in got if line.lstrip().startswith("{")]
    got_headers = {line.strip().lower() for line in got if not line.lstrip().startswith("{")}
    for header in shown_headers:
        if header.strip().lower() not in got_headers:
            return f"header {header!r} not in {sorted(got_headers)}"
    if len(shown_body) != len(got_body):
        return f"expected {shown_body}, got {got_body}"
    for expected, actual in zip(shown_body, got_body, strict=True):
        expected, actual = _masked(expected.strip()), _masked(actual.strip())
        if expected.endswith("...}"):
            if not actual.startswith(expected.removesuffix("...}").rstrip(" ,")):
                return f"expected {expected}, got {actual}"
            continue
        if json.loads(expected) != json.loads(actual):
            return f"expected {expected}, got {actual}"
    return None


def test_the_session_has_steps_and_answers() -> None:
    steps = session_steps(PAGE.read_text(encoding="utf-8"))
    assert sum(step.starts_server for step in steps) == 1
    assert sum(bool(step.answer) for step in steps) >= 10


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")
def test_the_curl_session_answers_as_documented(tmp_path: Path) -> None:
    steps = session_steps(PAGE.read_text(encoding="utf-8"))
    environment = dict(os.environ)
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}"
    environment.pop("JOBSCORE_DATABASE_URL", None)
    run = subprocess.run(
        ["bash", "-c", _script(steps, _free_port())],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    answers = run.stdout.split(END_OF_ANSWER + "\n")
    assert len(answers) == len(steps) + 1, run.stderr
    for step, answer in zip(steps, answers, strict=False):
        got = [line.rstrip("\r") for line in answer.splitlines() if line.strip()]
        if step.starts_server or (not step.answer and not got):
            continue
        difference = _same_answer(step.answer, got)
        assert difference is None, f"{step.command}\n{difference}\n{run.stderr[-2000:]}"
