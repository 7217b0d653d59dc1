"""The server under test and the load generator of `make bench-service`.

`server(url)` starts `jobscore serve` as a separate process on 127.0.0.1 and a free port and
waits until it answers. `measure` sends requests over a fixed number of keep-alive
connections (aiohttp on uvloop, in this process) until a number of requests is answered or
a time is up, and times each request from its sending to the end of its answer's body.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import uvloop

from bench.processes import descendants
from bench.service_market import WriteTask

__all__ = ["Phase", "Request", "Server", "measure", "read_phase", "server", "write_phase"]


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None = None
    expected: int = 200


#: The next request to send, or None when there is none left.
Requests = Callable[[], Request | None]


def read_phase(path: str, token: str) -> Requests:
    request = Request("GET", path, {"Authorization": f"Bearer {token}"})
    return lambda: request


_KEYS = itertools.count(1)


def write_phase(tasks: Iterator[WriteTask]) -> Requests:
    """The writes, each under a new idempotency key; None once `tasks` is used up."""

    def next_request() -> Request | None:
        task = next(tasks, None)
        if task is None:
            return None
        headers = {
            "Authorization": f"Bearer {task.token}",
            "Content-Type": "application/json",
            "Idempotency-Key": f"bench-{os.getpid()}-{next(_KEYS)}",
        }
        return Request("POST", task.path, headers, json.dumps(task.body).encode(), 201)

    return next_request


@dataclass
class Phase:
    """What one phase of load measured; latencies in seconds."""

    latencies: list[float] = field(default_factory=list)
    ok: int = 0
    errors: int = 0
    seconds: float = 0.0
    generator_cpu: float = 0.0
    server_cpu: float = 0.0
    first_errors: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def percentile(self, p: int) -> float:
        """The p-th percentile latency in milliseconds."""
        if len(self.latencies) < 2:
            return 1000 * (self.latencies[0] if self.latencies else 0.0)
        return 1000 * statistics.quantiles(self.latencies, n=100, method="inclusive")[p - 1]

    def summary(self) -> dict[str, float | int | list[str]]:
        return {
            "requests": self.ok + self.errors,
            "errors": self.errors,
            "seconds": round(self.seconds, 3),
            "requests_per_s": round(self.rate, 1),
            "p50_ms": round(self.percentile(50), 2),
            "p95_ms": round(self.percentile(95), 2),
            "p99_ms": round(self.percentile(99), 2),
            "max_ms": round(1000 * max(self.latencies, default=0.0), 2),
            "generator_cpu": round(self.generator_cpu, 3),
            "server_cpu": round(self.server_cpu, 3),
            "first_errors": self.first_errors,
        }


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str

    def processes(self) -> list[int]:
        return [self.process.pid, *descendants(self.process.pid)]

    def cpu_seconds(self) -> float:
        """User and system time of the server's processes so far."""
        ticks = 0
        for pid in self.processes():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def peak_kib(self) -> int:
        """The sum of the peak resident memory (VmHWM) of the server's processes."""
        total = 0
        for pid in self.processes():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        total += int(line.split()[1])
            except OSError:
                continue
        return total


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _command() -> list[str]:
    script = Path(sys.executable).with_name("jobscore")
    if script.exists():
        return [str(script)]
    found = shutil.which("jobscore")
    if found is None:
        raise SystemExit("the `jobscore` command is not installed (make install)")
    return [found]


@contextmanager
def server(url: str, workers: int = 1, ready_within: float = 120.0) -> Iterator[Server]:
    """`jobscore serve` on the store at `url`, answering on 127.0.0.1; stopped on leaving."""
    port = _free_port()
    command = [*_command(), "serve", "--database", url, "--host", "127.0.0.1", "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        running = Server(process, f"http://127.0.0.1:{port}")
        try:
            _wait_until_ready(running, ready_within)
            yield running
        except BaseException:
            log.seek(0)
            sys.stderr.write(log.read().decode(errors="replace")[-4000:])
            raise
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_ready(running: Server, within: float) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if running.process.poll() is not None:
            raise SystemExit(f"the server stopped with exit code {running.process.returncode}")
        try:
            with urllib.request.urlopen(f"{running.base}/openapi.json", timeout=5) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer within {within:.0f} s")


async def _load(
    base: str,
    requests: Requests,
    connections: int,
    count: int,
    seconds: float,
    rate: float | None,
    phase: Phase,
) -> None:
    """Closed loop when `rate` is None: each connection sends its next request as soon as the
    last is answered. Otherwise paced: request n is due `n / rate` seconds after the start,
    and its latency counts from then, so a server falling behind shows in the latencies."""
    connector = aiohttp.TCPConnector(limit=connections)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(base, connector=connector, timeout=timeout) as session:
        slots = itertools.count()
        started = time.perf_counter()
        deadline = started + seconds

        async def worker() -> None:
            while (n := next(slots)) < count:
                due = started + n / rate if rate else time.perf_counter()
                if due >= deadline:
                    return
                if rate and due > time.perf_counter():
                    await asyncio.sleep(due - time.perf_counter())
                request = requests()
                if request is None:
                    return
                try:
                    async with session.request(
                        request.method, request.path, headers=request.headers, data=request.body
                    ) as answer:
                        body = await answer.read()
                        status = answer.status
                except (aiohttp.ClientError, TimeoutError) as error:
                    status, body = 0, repr(error).encode()
                phase.latencies.append(time.perf_counter() - due)
                if status == request.expected:
                    phase.ok += 1
                else:
                    phase.errors += 1
                    if len(phase.first_errors) < 5:
                        phase.first_errors.append(f"{status} {body[:300].decode(errors='replace')}")

        await asyncio.gather(*(worker() for _ in range(connections)))
        phase.seconds = time.perf_counter() - started


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(
    running: Server,
    requests: Requests,
    connections: int,
    count: int,
    seconds: float,
    rate: float | None = None,
) -> Phase:
    """Send up to `count` requests over `connections` connections, for `seconds` at most, as
    fast as they are answered or at `rate` requests per second. The CPU figures are the
    share of one core the generator and the server used."""
    phase = Phase()
    own, theirs = _own_cpu(), running.cpu_seconds()
    uvloop.run(_load(running.base, requests, connections, count, seconds, rate, phase))
    if phase.seconds:
        phase.generator_cpu = (_own_cpu() - own) / phase.seconds
        phase.server_cpu = (running.cpu_seconds() - theirs) / phase.seconds
    return phase
