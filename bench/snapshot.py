"""`make bench-snapshot`: `jobscore snapshot` of a store holding 2 million contracts of 200,000
freelancers, on SQLite and on PostgreSQL.

    python -m bench.snapshot [--contracts 2000000] [--freelancers 200000] [--repeats 3]
                             [--stores sqlite,postgresql] [--postgresql URL]

The store is built once (`bench/snapshot_store.py`): a SQLite file under `.bench-cache/`, and a
schema of the PostgreSQL database (`--postgresql`, else JOBSCORE_BENCH_DATABASE_URL, else
JOBSCORE_TEST_DATABASE_URL) filled from it. Each run is the command itself in a child process,
`jobscore snapshot --database URL --as-of 2026-11-01 --json`, after the rows of earlier runs
are deleted (so that every run writes its rows anew): its wall and CPU time and its peak
resident memory (wait4's rusage), and the time it reports for reading the store, scoring and
saving.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.snapshot_store import Market, build_sqlite, copy_to_postgresql, schema_url

__all__ = ["main"]

CACHE = Path(".bench-cache")
AS_OF = "2026-11-01"
_SNAPSHOT_TABLES = ("snapshot_client_habits", "snapshot_markets", "snapshot_runs", "snapshots")


def cached_sqlite(market: Market) -> Path:
    """The SQLite store, built on first use."""
    name = f"snapshot-store-{market.contracts}-{market.freelancers}-seed{market.seed}.db"
    path = CACHE / name
    if path.exists():
        return path
    partial = CACHE / f".partial-{name}"
    for leftover in CACHE.glob(f".partial-{name}*"):
        leftover.unlink()
    started = time.perf_counter()
    build_sqlite(partial, market)
    partial.rename(path)
    print(f"built the SQLite store in {time.perf_counter() - started:.0f} s -> {path}")
    return path


def cached_postgresql(sqlite_path: Path, market: Market, url: str) -> str:
    """The URL of the PostgreSQL store, filled from the SQLite one on first use."""
    import psycopg

    schema = f"jobscore_bench_{market.contracts}_{market.freelancers}_{market.seed}"
    with psycopg.connect(url, autocommit=True) as connection:
        found = connection.execute(
            "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = %s",
            (schema,),
        ).fetchone()
    if found is None or found[0] != "complete":
        started = time.perf_counter()
        copy_to_postgresql(sqlite_path, url, schema)
        print(f"filled PostgreSQL schema {schema} in {time.perf_counter() - started:.0f} s")
    return schema_url(url, schema)


def _forget_snapshots(url: str) -> None:
    """Delete earlier runs' rows, so that each run writes every row anew."""
    from jobscore.store.engine import make_engine

    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            for table in _SNAPSHOT_TABLES:
                connection.exec_driver_sql(f"DELETE FROM {table}")
    finally:
        engine.dispose()


def run_once(url: str) -> dict[str, Any]:
    """One `jobscore snapshot` in a child process: what it reports, its wall time and peak
    memory."""
    _forget_snapshots(url)
    program = Path(sys.executable).parent / "jobscore"
    command = [str(program), "snapshot", "--database", url, "--as-of", AS_OF, "--json"]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    assert child.stdout is not None
    output = child.stdout.read()
    child.stdout.close()
    if child.returncode != 0:
        raise SystemExit(f"jobscore snapshot failed on {url}")
    report: dict[str, Any] = json.loads(output)
    seconds = report["seconds"]
    return {
        "wall_s": wall,
        "read_s": seconds["reading_the_store"],
        "score_s": seconds["scoring"],
        "save_s": seconds["saving"],
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_mib": usage.ru_maxrss / 1024,
        "freelancers": report["freelancers"],
        "rows": report["rows"],
    }


def summary(store: str, runs: list[dict[str, Any]]) -> dict[str, Any]:
    def median(key: str) -> float:
        return float(statistics.median(run[key] for run in runs))

    return {
        "store": store,
        "runs": len(runs),
        "wall_s": median("wall_s"),
        "cpu_s": median("cpu_s"),
        "read_s": median("read_s"),
        "score_s": median("score_s"),
        "save_s": median("save_s"),
        "peak_mib": max(run["peak_mib"] for run in runs),
        "freelancers": runs[0]["freelancers"],
        "rows": runs[0]["rows"],
    }


def report(rows: list[dict[str, Any]], market: Market) -> str:
    lines = [
        f"`jobscore snapshot` of {market.contracts:,} contracts of {market.freelancers:,} "
        f"freelancers, every policy (median of the runs; peak memory the highest):",
        "",
        "| store | runs | whole command (s) | its CPU time (s) | reading the store (s) "
        "| scoring (s) | saving the rows (s) | peak memory (MiB) | rows |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['store']} | {row['runs']} | {row['wall_s']:.1f} | {row['cpu_s']:.1f} "
            f"| {row['read_s']:.1f} "
            f"| {row['score_s']:.1f} | {row['save_s']:.1f} | {row['peak_mib']:,.0f} "
            f"| {row['rows']:,} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contracts", type=int, default=2_000_000)
    parser.add_argument("--freelancers", type=int, default=200_000)
    parser.add_argument("--clients", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--stores", default="sqlite,postgresql")
    parser.add_argument("--postgresql", default=None)
    args = parser.parse_args(argv)
    market = Market(args.contracts, args.freelancers, args.clients, args.seed)
    CACHE.mkdir(exist_ok=True)
    sqlite_path = cached_sqlite(market)
    stores = [name.strip() for name in args.stores.split(",") if name.strip()]
    urls = {"sqlite": f"sqlite:///{sqlite_path}"}
    if "postgresql" in stores:
        base = (
            args.postgresql
            or os.environ.get("JOBSCORE_BENCH_DATABASE_URL")
            or os.environ.get("JOBSCORE_TEST_DATABASE_URL")
        )
        if not base:
            raise SystemExit("give --postgresql URL (or JOBSCORE_BENCH_DATABASE_URL)")
        urls["postgresql"] = cached_postgresql(sqlite_path, market, base)
    rows = []
    for store in stores:
        runs = []
        for n in range(args.repeats):
            run = run_once(urls[store])
            print(
                f"{store} run {n + 1}: {run['wall_s']:.1f} s, CPU {run['cpu_s']:.1f} s "
                f"(reading {run['read_s']:.1f}, "
                f"scoring {run['score_s']:.1f}, saving {run['save_s']:.1f}), "
                f"{run['peak_mib']:,.0f} MiB",
                flush=True,
            )
            runs.append(run)
        rows.append(summary(store, runs))
    table = report(rows, market)
    (CACHE / "snapshot-results.md").write_text(table + "\n")
    print(table)


if __name__ == "__main__":
    main()
