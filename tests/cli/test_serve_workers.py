"""`jobscore serve --workers N`: several processes serve one SQL store, each reading what the
others wrote; a memory store, which lives in one process, is refused."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="needs jobscore[service]")

from typer.testing import CliRunner

from jobscore.cli import app

WORKERS = 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def _call(port: int, method: str, path: str, token: str, body: object = None) -> object:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="counts the workers through /proc")
def test_workers_serve_one_store_and_see_each_others_writes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'market.db'}"
    created = CliRunner().invoke(app, ["token", "create", "--database", url, "--role", "operator"])
    assert created.exit_code == 0, created.output
    token = created.stdout.strip().splitlines()[-1]
    port = _free_port()
    command = "from jobscore.cli import main; main()"
    server = subprocess.Popen(
        [sys.executable, "-c", command, "serve", "--database", url, "--port", str(port),
         "--workers", str(WORKERS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/openapi.json", timeout=5)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        # uvicorn's supervisor and its workers (and multiprocessing's helper, if any).
        assert len(_children(server.pid)) >= WORKERS
        ids = [f"f{n}" for n in range(12)]
        for freelancer_id in ids:
            _call(port, "POST", "/freelancers", token, {"freelancer_id": freelancer_id})
        # Each request may land on either worker: every one knows every freelancer.
        for freelancer_id in ids * 2:
            read = _call(port, "GET", f"/freelancers/{freelancer_id}/score", token)
            assert isinstance(read, dict)
            assert read["freelancer_id"] == freelancer_id
        audit = _call(port, "GET", "/audit", token)
        assert isinstance(audit, list)
        assert len(audit) == len(ids)
    finally:
        server.terminate()
        server.communicate(timeout=30)


def test_a_memory_store_is_served_by_one_worker() -> None:
    result = CliRunner().invoke(app, ["serve", "--database", "memory://", "--workers", "2"])
    assert result.exit_code == 2
    assert "workers" in result.stderr
