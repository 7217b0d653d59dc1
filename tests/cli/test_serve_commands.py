"""`jobscore token create` prints a token whose hash alone is stored; `jobscore serve` serves
the API on a new database, creating its tables."""

from __future__ import annotations

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
from jobscore.domain.events import Role
from jobscore.service import hash_token
from jobscore.store import make_store


def test_token_create_prints_the_token_on_its_last_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    result = CliRunner().invoke(
        app, ["token", "create", "--database", url, "--role", "client", "--id", "c1"]
    )
    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[-1]
    store = make_store(url)
    try:
        found = store.find_token(hash_token(token))
        assert found is not None
        assert (found.role, found.actor_id) == (Role.CLIENT, "c1")
        assert store.find_token(token) is None
    finally:
        store.close()


def test_a_client_token_needs_an_id(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    result = CliRunner().invoke(app, ["token", "create", "--database", url, "--role", "client"])
    assert result.exit_code == 2
    assert "--id" in result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_serve_answers_on_a_new_database(tmp_path: Path) -> None:
    port = _free_port()
    url = f"sqlite:///{tmp_path / 'new.db'}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from jobscore.cli import main; main()",
            "serve",
            "--database",
            url,
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        body = b""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/openapi.json") as answer:
                    body = answer.read()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        assert b'"/contracts"' in body
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/audit")
        with refused.value as error:
            assert error.code == 401
    finally:
        server.terminate()
        server.communicate(timeout=10)
