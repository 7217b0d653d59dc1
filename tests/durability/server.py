"""The real server as a separate process, for the tests that kill it: `jobscore serve` on
127.0.0.1 and a free port, its output in a file, ready once a read route answers."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx2

__all__ = ["Server", "cli"]

#: How long a server may take to answer its first request, in seconds.
START_TIMEOUT = 60.0

_CLI = [sys.executable, "-c", "from jobscore.cli import main; main()"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def cli(*arguments: str, timeout: float = 60.0) -> str:
    """Run `jobscore ARGUMENTS` in a new process; its standard output."""
    done = subprocess.run(
        [*_CLI, *arguments], capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


class Server:
    """`jobscore serve --database URL` in a process of its own, until `kill` or `stop`."""

    def __init__(self, database: str, log: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        with log.open("ab") as output:
            self.process = subprocess.Popen(
                [*_CLI, "serve", "--database", database, "--port", str(self.port)],
                stdout=output,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        self._wait_until_ready()

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        with httpx2.Client(base_url=self.url, timeout=5.0) as http:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise AssertionError(f"the server exited at start:\n{self.output()}")
                try:
                    if http.get("/openapi.json").status_code == 200:
                        return
                except httpx2.TransportError:
                    pass
                time.sleep(0.1)
        self.stop()
        raise AssertionError(
            f"the server did not answer within {START_TIMEOUT} s:\n{self.output()}"
        )

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, nothing the process could do about it."""
        self.process.send_signal(signal.SIGKILL)
        assert self.process.wait(timeout=30) == -signal.SIGKILL

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
