"""How fast the web pages answer: each page of a freelancer with 200 contracts, served by a
real server (uvicorn on 127.0.0.1) over a SQLite store, timed from request to last byte.

    python -m bench.pages [--contracts 200] [--requests 60]

Prints p50, p95 and the slowest answer of each page, whether p95 is under the 100 ms the
pages are held to, and the processor time one request takes (which a machine busy with
other work inflates less than the wall time). The history is the one `bench/score_cli.py`
writes (seeded), so a run measures the same record every time.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx2
import uvicorn

from bench.score_cli import write_history
from jobscore.api import create_app
from jobscore.domain.events import Role
from jobscore.service import FixedClock, Settings, issue_token
from jobscore.service.demo import snapshot_rows
from jobscore.store import make_store
from jobscore.store.importer import import_history
from jobscore.store.migrate import prepare
from jobscore.web import install_pages

__all__ = ["main", "measure"]

AS_OF = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
#: The pages are held to this at p95.
BUDGET_MS = 100.0


def _serve(app: Any) -> tuple[uvicorn.Server, threading.Thread, str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # As uvicorn does for a socket it opens itself: without it, each answer waits out the
    # client's delayed acknowledgement (about 40 ms).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    return server, thread, f"http://127.0.0.1:{sock.getsockname()[1]}"


def _pages(contract: str) -> list[tuple[str, str, bool]]:
    """(name, path, signed in as the freelancer)."""
    return [
        ("freelancer, public", "/freelancers/me", False),
        ("freelancer, own", "/freelancers/me", True),
        ("contract", f"/contracts/{contract}", True),
        ("what-if answer", f"/freelancers/me/whatif?refund={contract}", True),
        ("recover answer", "/freelancers/me/recover?target=95", True),
        ("refund-or-keep answer", f"/freelancers/me/refund-or-keep?contract_id={contract}", True),
    ]


def measure(
    contracts: int, requests: int, directory: Path
) -> list[tuple[str, list[float], list[float]]]:
    history = directory / "history.csv"
    write_history(history, contracts)
    url = f"sqlite:///{directory / 'market.db'}"
    prepare(url)
    store = make_store(url)
    import_history(store, history, AS_OF)
    histories = {"me": store.history("me", AS_OF)}
    for week in range(16):
        at = AS_OF - timedelta(weeks=week)
        store.save_snapshot(snapshot_rows(histories, ("upwork",), at))
    token = issue_token(store, Role.FREELANCER, "me")
    app = install_pages(create_app(Settings(database_url=url), store, FixedClock(AS_OF)))
    server, thread, base = _serve(app)
    timings = []
    try:
        for name, path, signed in _pages(f"k{contracts - 1}"):
            cookies = {"jobscore_session": token} if signed else {}
            headers = {"Accept": "text/html"}
            with httpx2.Client(
                base_url=base, cookies=cookies, headers=headers, timeout=60
            ) as client:
                assert client.get(path).status_code == 200, path  # warm up
                spent, cpu = [], []
                for _ in range(requests):
                    started, used = time.perf_counter(), time.process_time()
                    answer = client.get(path)
                    answer.read()
                    spent.append((time.perf_counter() - started) * 1000)
                    cpu.append((time.process_time() - used) * 1000)
                    assert answer.status_code == 200, (path, answer.status_code)
            timings.append((name, spent, cpu))
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        store.close()
    return timings


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contracts", type=int, default=200)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        timings = measure(args.contracts, args.requests, Path(directory))
    print(f"pages of a freelancer with {args.contracts} contracts, {args.requests} requests each")
    print(f"{'page':<24} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu ms':>8}")
    for name, spent, cpu in timings:
        p95 = _p95(spent)
        verdict = "ok" if p95 < BUDGET_MS else f"over {BUDGET_MS:.0f} ms"
        print(
            f"{name:<24} {statistics.median(spent):8.1f} {p95:8.1f} {max(spent):8.1f} "
            f"{statistics.median(cpu):8.1f}  {verdict}"
        )
    print("cpu ms: the median processor time of one request, client and server together")


if __name__ == "__main__":
    main()
